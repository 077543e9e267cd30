"""A compact, reviewable view of one document's records, for regression expectations.

Full records carry provenance (hashes, locators) that is noise when a person
reads an expected output to check it against the source; a snapshot keeps
what the document says: its fields, and for every item its code, title, text,
budgets and values, plus the warnings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .output import record_dict
from .pipeline import Outcome

__all__ = ["snapshot", "snapshot_text"]

_DOC_FIELDS = (
    "city",
    "ward",
    "ward_slug",
    "organization",
    "fiscal_year",
    "fiscal_year_label",
    "status",
    "title",
    "updated_on",
    "page_id",
    "goals",
    "missions",
    "policies",
    "ward_chief",
    "truncated",
    "role",
    "revisions",
)
_NESTED_FIELDS = ("goal_items", "mission_items", "policy_items")
_DROP = {"type", "doc_id", "policy_id", "source", "sources", "parser", "owner_type", "measure"}


def _local(record_id: str) -> str:
    return record_id.split("/", 1)[1] if "/" in record_id else "document"


def snapshot(outcome: Outcome) -> dict[str, Any]:
    """The document's fields, its items by type (ids without the document prefix) and its warnings."""
    if outcome.error is not None:
        return {"error": f"{type(outcome.error).__name__}: {outcome.error.message}"}
    out: dict[str, Any] = {"layout": outcome.layout}
    items: dict[str, list[dict[str, Any]]] = {}
    for record in outcome.records:
        data = record_dict(record)
        if data["type"] == "document":
            out["document"] = {k: data[k] for k in _DOC_FIELDS}
            for name in _NESTED_FIELDS:  # shown only when a list is nested, the flat list says the rest
                if any(item["level"] > 1 for item in data[name]):
                    out["document"][name] = data[name]
            out["document"]["attachments"] = [
                {k: a[k] for k in ("title", "format", "size_bytes")} for a in data["attachments"]
            ]
            continue
        row = {"id": _local(data["id"])}
        row.update((k, v) for k, v in data.items() if k not in _DROP and k != "id")
        if "owner_id" in row:
            row["owner_id"] = _local(row["owner_id"])
        items.setdefault(data["type"], []).append(row)
    out.update(items)
    out["warnings"] = [f"{w.locator}: {w.message}" if w.locator else w.message for w in outcome.warnings]
    return out


def snapshot_text(path: Path) -> str:
    """The expected-file text for one fixture (ids from the file name, so its folder does not matter).

    Plugin packages use this to keep their own fixture pairs
    (``NAME.txt`` + ``NAME.expected.json``) the way the project does.
    """
    from . import extract_path

    outcome = extract_path(path, identity=path.name)
    return json.dumps(snapshot(outcome), ensure_ascii=False, indent=1) + "\n"
