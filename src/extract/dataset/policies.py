"""The policy merge: the copies of one policy become one set of records, each item once.

A policy is published as a page, 様式 PDFs and a workbook, and each copy gives
the same issues, initiatives and indicators.  The merge rule:

- Items are matched across documents by their id inside the document
  (``initiative/1-1-1``, ``issue/1/indicator/2``).
- Each record type is taken from the policy's *preferred* document that has
  records of that type, by role: page, then workbook, then 様式1, 様式2, 様式3,
  then other (ties: the document that came first).  Its records keep their ids.
  An item only other documents have comes from the best of those.
- Every merged record lists in ``sources`` each document the item was found in
  (with the locator there), the one its values come from first.
- Where documents disagree on a value, the preferred document's is kept and a
  warning names both places.
- An indicator's ``owner_id`` points to the merged owner.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import OUTPUT_FILES, DocumentRecord, Revision
from ..vocab import OwnerType, Role
from .budgets_table import budget_lines
from .policy_stage import PolicyGroup, StagedDoc, StagedRecord
from .tables import BudgetLine, PolicyDocument, PolicyLine

__all__ = ["ROLE_PREFERENCE", "MergedPolicy", "merge_policy"]

ROLE_PREFERENCE: tuple[Role, ...] = (
    Role.PAGE,
    Role.WORKBOOK,
    Role.FORM1,
    Role.FORM2,
    Role.FORM3,
    Role.OTHER,
)
"""Whose values win, best first: the page and the workbook are read from exact text, a form's PDF
from laid-out print."""

_ITEM_TYPES = ("issue", "strategy", "initiative", "reform_item", "indicator")
"""Merge order: owners before the indicators that point to them."""
_NOT_COMPARED = {"id", "doc_id", "policy_id", "source", "sources", "parser", "owner_id"}
_POLICY_FIELDS = tuple(
    name
    for name in PolicyLine.model_fields
    if name in DocumentRecord.model_fields and name not in ("policy_id", "revisions")
)
"""The facts a policy line takes from its documents (the first that states each): the fields the
two models share, but the policy id (the group's) and the revisions (merged from every document)."""
_BUDGET_OWNERS = {"issue": OwnerType.ISSUE, "initiative": OwnerType.INITIATIVE}


@dataclass(slots=True)
class MergedPolicy:
    policy: PolicyLine
    lines: dict[str, list[str]] = field(default_factory=dict)
    budgets: list[BudgetLine] = field(default_factory=list)
    warnings: list[dict[str, str | None]] = field(default_factory=list)


def _rank(doc: StagedDoc) -> tuple[int, int]:
    role = doc.record.get("role") or Role.OTHER.value
    index = next((i for i, r in enumerate(ROLE_PREFERENCE) if r.value == role), len(ROLE_PREFERENCE))
    return index, doc.seq


def _local(record_id: str) -> str:
    """The id inside its document: ``initiative/1-1-1``."""
    return record_id.split("/", 1)[1] if "/" in record_id else record_id


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _place(record: dict[str, Any]) -> str:
    source = record.get("source") or {}
    locator = source.get("locator")
    return f"{source.get('uri')}{': ' + locator if locator else ''}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


class _Merger:
    def __init__(self, group: PolicyGroup) -> None:
        self.group = group
        self.docs = sorted(group.documents, key=_rank)
        self.rank = {d.record["id"]: n for n, d in enumerate(self.docs)}
        self.kept: dict[str, str] = {}
        """Local id → the id of the merged record that stands for it."""
        self.result = MergedPolicy(policy=self._policy_line({}, {}))
        self.taken_from: dict[str, str | None] = {"document": self.docs[0].record["id"]}

    def run(self) -> MergedPolicy:
        year = self.docs[0].record.get("fiscal_year")
        counts: dict[str, int] = {}
        for record_type in _ITEM_TYPES:
            owner_type = _BUDGET_OWNERS.get(record_type)
            lines = self.result.lines[record_type] = []
            for m in self._merge_type(record_type, self.group.records.get(record_type, [])):
                lines.append(_line(m))
                if owner_type is not None:
                    self.result.budgets.extend(budget_lines(m, owner_type, year))
            counts[record_type] = len(lines)
        ordered = {t: self.taken_from.get(t) for t in OUTPUT_FILES}
        self.result.policy = self._policy_line(
            ordered, {t: counts.get(t, 0) for t in OUTPUT_FILES if t != "document"}
        )
        return self.result

    def _merge_type(self, record_type: str, staged: Sequence[StagedRecord]) -> Iterator[dict[str, Any]]:
        """The type's merged items, one at a time.

        The type's lines are parsed once, all of them before the first item is
        merged (the items are grouped by id); an item's copies are let go as
        it is merged.  So the most held as objects is one type of one policy.
        """
        if not staged:
            self.taken_from[record_type] = None
            return
        by_key: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for s in staged:
            record = s.record  # parsed once: its id groups it, its values are merged
            by_key.setdefault(_local(record["id"]), []).append((s.doc_id, record))
        best_doc = min((s.doc_id for s in staged), key=lambda d: self.rank[d])
        self.taken_from[record_type] = best_doc
        first = [k for k, copies in by_key.items() if any(doc_id == best_doc for doc_id, _ in copies)]
        in_first = set(first)
        rest = [k for k in by_key if k not in in_first]
        for key in [*first, *rest]:
            copies = sorted(by_key.pop(key), key=lambda c: self.rank[c[0]])
            yield self._merge_item(record_type, key, copies)

    def _merge_item(
        self, record_type: str, key: str, copies: list[tuple[str, dict[str, Any]]]
    ) -> dict[str, Any]:
        first = copies[0][1]
        kept = dict(first)
        kept["policy_id"] = self.group.policy_id
        kept["sources"] = [record["source"] for _, record in copies]
        if "owner_id" in kept:
            kept["owner_id"] = self.kept.get(_local(kept["owner_id"]), kept["owner_id"])
        self.kept[key] = kept["id"]
        for _, other in copies[1:]:
            self._compare(record_type, key, first, other)
        return kept

    def _compare(self, record_type: str, key: str, kept: dict[str, Any], other: dict[str, Any]) -> None:
        for name, value in kept.items():
            if name in _NOT_COMPARED or other.get(name) == value:
                continue
            self.result.warnings.append(
                {
                    "source": (kept.get("source") or {}).get("uri"),
                    "locator": (kept.get("source") or {}).get("locator"),
                    "message": f"{self.group.policy_id} {key}: {name} differs: {_short(value)} in "
                    f"{_place(kept)}, {_short(other.get(name))} in {_place(other)}; the first is kept",
                }
            )

    def _policy_line(self, taken_from: dict[str, str | None], records: dict[str, int]) -> PolicyLine:
        facts: dict[str, Any] = {}
        for name in _POLICY_FIELDS:
            facts[name] = next((d.record[name] for d in self.docs if d.record.get(name) is not None), None)
        facts["status"] = facts["status"] or "final"
        return PolicyLine(
            policy_id=self.group.policy_id,
            **facts,
            revisions=_revisions(d.record.get("revisions") or [] for d in self.docs),
            documents=[
                PolicyDocument(
                    doc_id=d.record["id"],
                    role=d.record.get("role") or Role.OTHER,
                    format=(d.record.get("source") or {}).get("format") or "",
                    uri=(d.record.get("source") or {}).get("uri") or "",
                    parent_id=d.record.get("parent_id"),
                )
                for d in self.docs
            ],
            taken_from=taken_from,
            records=records,
        )


def _revisions(per_document: Iterable[list[dict[str, Any]]]) -> list[Revision]:
    """Each revision once (a page and its copies state the same ones), from the preferred document first."""
    seen: set[tuple[Any, Any]] = set()
    out: list[Revision] = []
    for revisions in per_document:
        for r in revisions:
            key = (r.get("date"), r.get("revised"))
            if key not in seen:
                seen.add(key)
                out.append(Revision.model_validate(r))
    return out


def merge_policy(group: PolicyGroup) -> MergedPolicy:
    """One policy's merged records, budget rows, policy row and disagreement warnings."""
    return _Merger(group).run()
