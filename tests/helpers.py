"""Small helpers for tests: run the extractor on a file and index its records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract import Outcome, extract_path
from extract.output import record_dict


def run(path: Path | str, **kwargs: Any) -> Outcome:
    outcome = extract_path(path, **kwargs)
    assert outcome.error is None, outcome.error
    return outcome


def records(path: Path | str, **kwargs: Any) -> list[dict[str, Any]]:
    return [record_dict(r) for r in run(path, **kwargs).records]


def by_local_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records keyed by their id without the document prefix: 'document', 'issue/1', 'initiative/1-1-1'."""
    out = {}
    for r in rows:
        out["document" if r["type"] == "document" else r["id"].split("/", 1)[1]] = r
    return out


def of_type(rows: list[dict[str, Any]], record_type: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["type"] == record_type]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by its relative path: a dataset folder's whole content."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
