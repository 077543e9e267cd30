"""Linking one ward's items across fiscal years: score every pair, then assign greedily.

Titles alone are not enough (two initiatives may share most characters, and a
renamed one may share few), nor are codes (they are renumbered when an item is
dropped).  A pair's score is a weighted sum of the title similarity and three
structural signs: the same code, parents already in one series, a similar
budget.  Issues are linked first, so that a strategy's parent sign is known,
then strategies, then initiatives.  Within a year the best-scoring pairs are
taken first, and each series takes at most one item per year, each item joins
at most one series.  A series whose item is missing for a year may resume the
year after (:data:`MAX_GAP`), at a small cost.

The default threshold comes from the curve measured on a generated corpus
whose generator knows the true series (``bench/bench_series.py``,
``bench/SERIES.md``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..report.data import Dataset, Item, ItemKind, Policy, Status
from .model import Evidence, Member, Series
from .normalise import normalise_code, normalise_title

__all__ = ["DEFAULT_THRESHOLD", "MAX_GAP", "WEIGHTS", "link_dataset", "score"]

DEFAULT_THRESHOLD = 0.65
"""Pairs scoring below this are not linked (chosen from bench/SERIES.md)."""

MAX_GAP = 2
"""A series may skip at most one fiscal year."""

WEIGHTS = {"title": 0.6, "code": 0.1, "parent": 0.2, "budget": 0.1}
"""Each sign's share of the score; a sign that cannot be judged (no budget) counts half."""

_GAP_COST = 0.05


@dataclass(frozen=True, slots=True)
class _Candidate:
    item: Item
    year: int
    norm: str
    code: str | None
    parent: str | None
    """The series id of the item's parent, once the parents are linked."""
    budget: int | None


def _sign(value: bool | None) -> float:
    return 0.5 if value is None else float(value)


def _close(a: int | None, b: int | None) -> bool | None:
    if a is None or b is None:
        return None
    if a == b:
        return True
    low, high = sorted((a, b))
    return low > 0 and high / low <= 1.5


def score(previous: _Candidate, current: _Candidate, kind: ItemKind) -> tuple[float, Evidence]:
    """How likely ``current`` is the next year's form of ``previous``, with the evidence."""
    title = Indel.normalized_similarity(previous.norm, current.norm)
    parent = (
        None
        if kind is ItemKind.ISSUE
        else (previous.parent is not None and previous.parent == current.parent)
    )
    evidence = Evidence(
        title=title,
        code=previous.code is not None and previous.code == current.code,
        parent=parent,
        budget=_close(previous.budget, current.budget),
    )
    total = (
        WEIGHTS["title"] * title
        + WEIGHTS["code"] * float(evidence.code)
        + WEIGHTS["parent"] * (1.0 if parent is None else float(parent))
        + WEIGHTS["budget"] * _sign(evidence.budget)
    )
    return total, evidence


def _one_per_year(policies: list[Policy]) -> dict[int, Policy]:
    """The policy of each year: the final one when a draft exists too."""
    chosen: dict[int, Policy] = {}
    for policy in policies:
        held = chosen.get(policy.fiscal_year)
        if held is None or (held.status is Status.DRAFT and policy.status is Status.FINAL):
            chosen[policy.fiscal_year] = policy
    return dict(sorted(chosen.items()))


class _WardLinker:
    """Links the items of one ward's policies, level by level."""

    def __init__(self, dataset: Dataset, by_year: dict[int, Policy], threshold: float) -> None:
        self.dataset = dataset
        self.by_year = by_year
        self.threshold = threshold
        self.series_of: dict[str, str] = {}
        """record id → series id"""
        self.budget = _summable_budgets(dataset)
        first = next(iter(by_year.values()))
        self.prefix = first.id.rsplit("-", 2)[0]
        self.first = first

    def _parent_id(self, item: Item, items: list[Item]) -> str | None:
        if item.kind is ItemKind.STRATEGY:
            for other in items:
                if other.kind is ItemKind.ISSUE and other.issue_number == item.issue_number:
                    return other.id
        elif item.kind is ItemKind.INITIATIVE:
            for other in items:
                if (
                    other.kind is ItemKind.STRATEGY
                    and other.code is not None
                    and other.code == item.strategy_code
                ):
                    return other.id
        return None

    def _candidates(self, policy: Policy, kind: ItemKind) -> list[_Candidate]:
        items = self.dataset.items_of(policy.id)
        result = []
        for item in items:
            if item.kind is not kind:
                continue
            parent = self._parent_id(item, items)
            result.append(
                _Candidate(
                    item=item,
                    year=policy.fiscal_year,
                    norm=normalise_title(item.title),
                    code=normalise_code(item.code),
                    parent=None if parent is None else self.series_of.get(parent),
                    budget=self.budget.get(item.id),
                )
            )
        return result

    def link(self, kind: ItemKind) -> list[Series]:
        done: list[Series] = []
        open_: list[tuple[Series, _Candidate]] = []
        for year, policy in self.by_year.items():
            current = self._candidates(policy, kind)
            pairs = []
            for s_index, (_open, last) in enumerate(open_):
                gap = year - last.year
                if gap > MAX_GAP:
                    continue
                for c_index, cand in enumerate(current):
                    value, evidence = score(last, cand, kind)
                    value -= _GAP_COST * (gap - 1)
                    if value >= self.threshold:
                        pairs.append((-value, s_index, c_index, evidence))
            pairs.sort(key=lambda p: (p[0], p[1], p[2]))
            taken_series: set[int] = set()
            taken_items: set[int] = set()
            for neg, s_index, c_index, evidence in pairs:
                if s_index in taken_series or c_index in taken_items:
                    continue
                taken_series.add(s_index)
                taken_items.add(c_index)
                series, _ = open_[s_index]
                self._add(series, current[c_index], -neg, evidence)
                open_[s_index] = (series, current[c_index])
            for c_index, cand in enumerate(current):
                if c_index not in taken_items:
                    series = Series(
                        id=f"{self.prefix}/{kind.value}/{year}-{c_index + 1:02d}",
                        city=self.first.city,
                        ward=self.first.ward,
                        ward_slug=self.first.ward_slug,
                        kind=kind,
                    )
                    self._add(series, cand, None, None)
                    open_.append((series, cand))
            still = [(s, last) for s, last in open_ if year - last.year < MAX_GAP]
            done.extend(s for s, last in open_ if year - last.year >= MAX_GAP)
            open_ = still
        done.extend(s for s, _ in open_)
        return sorted(done, key=lambda s: s.id)

    def _add(self, series: Series, cand: _Candidate, value: float | None, evidence: Evidence | None) -> None:
        item = cand.item
        series.members.append(
            Member(
                fiscal_year=cand.year,
                record_id=item.id,
                policy_id=item.policy_id,
                code=item.code,
                title=item.title,
                budget_yen=cand.budget,
                similarity=value,
                evidence=evidence,
            )
        )
        self.series_of[item.id] = series.id


def _summable_budgets(dataset: Dataset) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for budget in dataset.budgets:
        if budget.in_total and budget.amount_yen is not None:
            totals[budget.owner_id] += budget.amount_yen
    return dict(totals)


def link_dataset(dataset: Dataset, threshold: float = DEFAULT_THRESHOLD) -> list[Series]:
    """Every series of every ward, sorted by id (issues, strategies, initiatives of each ward)."""
    wards: dict[tuple[str, str], list[Policy]] = defaultdict(list)
    for policy in dataset.policies:
        wards[(policy.id.rsplit("-", 2)[0], policy.ward_slug)].append(policy)
    result: list[Series] = []
    for _key, policies in sorted(wards.items()):
        linker = _WardLinker(dataset, _one_per_year(policies), threshold)
        for kind in ItemKind:
            result.extend(linker.link(kind))
    return result
