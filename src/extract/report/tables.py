"""The report's aggregates: one row per policy (or per issue), computed from the typed rows.

Budget totals count only summable amounts (``in_total``) of initiatives: an
issue's own budget line is the sum of its initiatives in the documents that
give both, so adding both would count the money twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .data import Dataset, Document, Item, ItemKind, Outcome, Policy

__all__ = ["Cell", "IssueBudget", "PolicyRow", "issue_budgets", "item_budgets", "policy_rows"]


@dataclass(frozen=True, slots=True)
class Cell:
    """What the dataset holds for one policy: the matrix cell."""

    documents: int
    formats: tuple[str, ...]
    coverage: float | None
    """The lowest coverage of its documents (the copy most left unread)."""
    warnings: int
    failures: int


@dataclass(frozen=True, slots=True)
class PolicyRow:
    policy: Policy
    cell: Cell
    budget_yen: int | None
    """None when no initiative has a summable amount."""
    counts: dict[ItemKind, int]
    outcomes: dict[Outcome, int]


@dataclass(frozen=True, slots=True)
class IssueBudget:
    policy: Policy
    issue: Item
    budget_yen: int


def item_budgets(dataset: Dataset) -> dict[str, int]:
    """The summable budget of every owner (record id) that has one."""
    totals: dict[str, int] = defaultdict(int)
    for budget in dataset.budgets:
        if budget.in_total and budget.amount_yen is not None:
            totals[budget.owner_id] += budget.amount_yen
    return dict(totals)


def _cell(dataset: Dataset, policy: Policy) -> Cell:
    docs: list[Document] = [dataset.documents[i] for i in policy.document_ids if i in dataset.documents]
    uris = [d.source.uri for d in docs]
    coverages = [dataset.coverage[u] for u in uris if u in dataset.coverage]
    marker = f"/{policy.ward_slug}/"
    failures = sum(1 for f in dataset.failures if marker in str(f.get("source") or ""))
    return Cell(
        documents=len(docs),
        formats=tuple(sorted({d.source.format for d in docs})),
        coverage=min(coverages) if coverages else None,
        warnings=sum(dataset.warnings.get(u, 0) for u in uris),
        failures=failures,
    )


def policy_rows(dataset: Dataset) -> list[PolicyRow]:
    budgets = item_budgets(dataset)
    rows = []
    for policy in dataset.policies:
        items = dataset.items_of(policy.id)
        amounts = [budgets[i.id] for i in items if i.kind is ItemKind.INITIATIVE and i.id in budgets]
        outcomes = Counter(ind.outcome for ind in dataset.indicators if ind.policy_id == policy.id)
        rows.append(
            PolicyRow(
                policy=policy,
                cell=_cell(dataset, policy),
                budget_yen=sum(amounts) if amounts else None,
                counts={kind: sum(1 for i in items if i.kind is kind) for kind in ItemKind},
                outcomes={o: outcomes.get(o, 0) for o in Outcome},
            )
        )
    return rows


def issue_budgets(dataset: Dataset) -> list[IssueBudget]:
    """Each issue's share of its policy's budget: its initiatives' summable amounts."""
    budgets = item_budgets(dataset)
    rows = []
    for policy in dataset.policies:
        items = dataset.items_of(policy.id)
        for issue in (i for i in items if i.kind is ItemKind.ISSUE):
            total = sum(
                budgets.get(i.id, 0)
                for i in items
                if i.kind is ItemKind.INITIATIVE and i.issue_number == issue.issue_number
            )
            if total:
                rows.append(IssueBudget(policy, issue, total))
    return rows
