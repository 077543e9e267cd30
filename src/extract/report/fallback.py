"""Policies and budgets derived from the nested records, for datasets without the research tables.

A dataset written before ``policies.jsonl`` and ``budgets.jsonl`` existed has
one document per copy read (the page, its text, PDF and XLSX renderings) and
budgets nested in each initiative.  This module derives the rows the report
needs from that, with two simple rules, so that totals are not counted twice:

- one policy per city, ward, fiscal year and status; of its documents one copy
  is kept for counts and sums, the page's first (HTML, then text, PDF, XLSX);
- one budget per initiative counts towards totals: the plain 予算額 when
  several kinds are given (西区 2-4-2 has 予算額 and 区CM予算額), else the first.

Remove this module (and its two calls in :mod:`.data`) once every dataset
carries the tables.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .data import Budget, Document, Item, ItemKind, Policy

__all__ = ["budgets", "kept_documents", "policies"]

_COPY_ORDER = {"html": 0, "text": 1, "pdf": 2, "xlsx": 3}
_PLAIN = "予算額"


def _preference(doc: Document) -> tuple[int, int, str]:
    """The page (it has a URL) first, then by format, then by id for a stable choice."""
    return (0 if doc.url else 1, _COPY_ORDER.get(doc.source.format, 9), doc.id)


def policies(documents: dict[str, Document]) -> list[Policy]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents.values():
        groups[doc.policy_id].append(doc)
    result = []
    for policy_id, docs in sorted(groups.items()):
        docs.sort(key=_preference)
        first = docs[0]
        result.append(
            Policy(
                id=policy_id,
                city=first.city,
                ward=first.ward,
                ward_slug=first.ward_slug,
                fiscal_year=first.fiscal_year,
                status=first.status,
                document_ids=tuple(d.id for d in docs),
                primary_id=first.id,
            )
        )
    return result


def kept_documents(policies: list[Policy]) -> set[str]:
    """The one copy per policy whose records are counted."""
    return {p.primary_id for p in policies}


def budgets(items: list[Item], raw: dict[str, dict[str, Any]]) -> list[Budget]:
    """The budgets of every initiative, one of each initiative's marked ``in_total``."""
    result: list[Budget] = []
    for item in items:
        if item.kind is not ItemKind.INITIATIVE:
            continue
        entries = raw[item.id].get("budgets") or []
        counted = next((n for n, b in enumerate(entries) if b.get("kind") == _PLAIN), 0)
        for n, entry in enumerate(entries):
            result.append(
                Budget(
                    id=f"{item.id}/budget/{n + 1}",
                    policy_id=item.policy_id,
                    owner_id=item.id,
                    owner_type=item.kind.value,
                    fiscal_year=entry.get("fiscal_year"),
                    kind=entry.get("kind"),
                    amount_yen=entry.get("amount_yen"),
                    text=entry.get("text") or "",
                    inferred=bool(entry.get("inferred")),
                    in_total=n == counted,
                )
            )
    return result
