"""One ward's plans over the years as one continuing plan: titles drift, codes renumber, items come and go.

:func:`make_plan` draws every year afresh, which is right for measuring
readers but gives nothing to link across years.  With drift, the first year
is :func:`make_plan`'s and each later year evolves the one before it, the way
the city's documents do:

- a title is reworded a little (地域活動の活性化支援 → 地域活動協議会の活性化支援: a
  word inserted, a suffix changed, brackets or width changed);
- items are dropped, new ones (drawn from the bank, possibly with a title
  another item already has) appear, an initiative is split in two (the new
  half is a new series);
- codes are renumbered when an item before them is dropped, or an issue moves;
- budgets change by up to a third.

Each item carries its true series key, which :func:`drift_plans` returns as
``{(year, kind, code): key}`` alongside the plans: what the linker is scored
against.  The page style, identity, goals and reform items of each year stay
:func:`make_plan`'s, so only the issues' tree differs from the plain corpus.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass

from .bank import Bank
from .plan import Initiative, Issue, Plan, Strategy, make_plan

__all__ = ["Truth", "drift_plans"]

Truth = dict[tuple[int, str, str], str]
"""(fiscal year, kind, code) → true series key."""

_INSERTS = ("協議会", "等", "地域", "全体", "さらなる", "継続的な", "区民との")
_SUFFIXES = (
    ("の推進", "の充実"),
    ("支援", "への支援"),
    ("強化", "の強化"),
    ("づくり", "の創出"),
    ("の充実", "の推進"),
)
_WRAPS = (("「", "」"), ("", "(継続)"), ("", "(拡充)"))


@dataclass(slots=True)
class _Keys:
    """The true series key of every item object of the current plan (by ``id``)."""

    of: dict[int, str]
    counter: int = 0

    def new(self, obj: object, kind: str) -> None:
        self.counter += 1
        self.of[id(obj)] = f"{kind}-{self.counter:04d}"


def _reword(rng: random.Random, title: str) -> str:
    """A small change of wording that a person would still read as the same item."""
    roll = rng.random()
    if roll < 0.4:
        for old, new in _SUFFIXES:
            if title.endswith(old):
                return title[: -len(old)] + new
    if roll < 0.8 and len(title) > 4:
        at = rng.randrange(2, len(title) - 1)
        return title[:at] + rng.choice(_INSERTS) + title[at:]
    start, end = rng.choice(_WRAPS)
    return f"{start}{title.strip('「」')}{end}" if start else title + end


def _renumber(rng: random.Random, count: int, codes: list[int]) -> list[int]:
    """Keep the old numbers (with their gaps) or close the gaps, as the city does either way."""
    codes = sorted(set(codes))
    if rng.random() < 0.5:
        return list(range(1, count + 1))
    return codes[:count] if len(codes) >= count else [*codes, *range(max(codes, default=0) + 1, 99)][:count]


def _evolve(rng: random.Random, bank: Bank, previous: Plan, base: Plan, keys: _Keys) -> Plan:
    plan = copy.copy(base)
    issues: list[Issue] = []
    for old in previous.issues:
        if rng.random() < 0.08 and len(previous.issues) > 3:
            continue
        issue = copy.copy(old)
        keys.of[id(issue)] = keys.of[id(old)]
        if rng.random() < 0.25:
            issue.title = _reword(rng, old.title)
        issue.strategies = _strategies(rng, bank, old, keys)
        issues.append(issue)
    if rng.random() < 0.15 and len(issues) < 6:
        title, summary = rng.choice(bank.issues)
        fresh = copy.copy(rng.choice(base.issues))
        fresh.title, fresh.summary = title, summary
        fresh.strategies = _strategies(rng, bank, fresh, keys, new=True)
        keys.new(fresh, "issue")
        issues.insert(rng.randrange(len(issues) + 1), fresh)
    if rng.random() < 0.1 and len(issues) > 1:
        a = rng.randrange(len(issues) - 1)
        issues[a], issues[a + 1] = issues[a + 1], issues[a]
    for number, issue in enumerate(issues, 1):
        issue.number = number
        _recode(rng, issue)
    plan.issues = issues
    return plan


def _strategies(
    rng: random.Random, bank: Bank, issue: Issue, keys: _Keys, new: bool = False
) -> list[Strategy]:
    result: list[Strategy] = []
    for old in issue.strategies:
        if not new and rng.random() < 0.1 and len(issue.strategies) > 1:
            continue
        strategy = copy.copy(old)
        if new:
            keys.new(strategy, "strategy")
        else:
            keys.of[id(strategy)] = keys.of[id(old)]
        if rng.random() < 0.3:
            strategy.title = _reword(rng, old.title)
        strategy.initiatives = _initiatives(rng, bank, old, keys, new)
        result.append(strategy)
    if rng.random() < 0.12 and len(result) < 4:
        title, text = rng.choice(bank.strategies)
        fresh = Strategy("", title, text, [])
        keys.new(fresh, "strategy")
        fresh.initiatives = _initiatives(rng, bank, fresh, keys, True, count=rng.randint(1, 2))
        result.append(fresh)
    return result


def _initiatives(
    rng: random.Random, bank: Bank, strategy: Strategy, keys: _Keys, new: bool, count: int = 0
) -> list[Initiative]:
    result: list[Initiative] = []
    for old in strategy.initiatives:
        if not new and rng.random() < 0.12 and len(strategy.initiatives) > 1:
            continue
        item = copy.copy(old)
        if new:
            keys.new(item, "initiative")
        else:
            keys.of[id(item)] = keys.of[id(old)]
        if rng.random() < 0.3:
            item.title = _reword(rng, old.title)
        if item.budget_k is not None:
            item.budget_k = max(40, round(item.budget_k * rng.uniform(0.7, 1.3)))
        result.append(item)
        if not new and rng.random() < 0.04:
            half = copy.copy(item)
            half.title = _reword(rng, item.title)
            keys.new(half, "initiative")
            result.append(half)
    for _ in range(count if new else int(rng.random() < 0.15)):
        title, text = rng.choice(bank.initiatives)
        fresh = Initiative("", title, text, rng.randrange(40, 90000))
        keys.new(fresh, "initiative")
        result.append(fresh)
    return result


def _recode(rng: random.Random, issue: Issue) -> None:
    old = [int(s.code.rsplit("-", 1)[1]) for s in issue.strategies if s.code]
    for s_number, strategy in zip(_renumber(rng, len(issue.strategies), old), issue.strategies, strict=True):
        strategy.code = f"{issue.number}-{s_number}"
        inner = [int(i.code.rsplit("-", 1)[1]) for i in strategy.initiatives if i.code]
        numbers = _renumber(rng, len(strategy.initiatives), inner)
        for i_number, item in zip(numbers, strategy.initiatives, strict=True):
            item.code = f"{strategy.code}-{i_number}"


def _record(plan: Plan, keys: _Keys, truth: Truth) -> None:
    for issue in plan.issues:
        truth[(plan.year, "issue", str(issue.number))] = keys.of[id(issue)]
        for strategy in issue.strategies:
            truth[(plan.year, "strategy", strategy.code)] = keys.of[id(strategy)]
            for item in strategy.initiatives:
                truth[(plan.year, "initiative", item.code)] = keys.of[id(item)]


def drift_plans(ward: str, slug: str, years: list[int], seed: int, bank: Bank) -> tuple[list[Plan], Truth]:
    """The ward's plans for ``years`` (ascending) and the true series of their items."""
    rng = random.Random(f"drift:{seed}:{slug}")
    keys = _Keys({})
    plans: list[Plan] = []
    truth: Truth = {}
    for year in years:
        base = make_plan(ward, slug, year, seed, bank)
        if not plans:
            plan = base
            for issue in plan.issues:
                keys.new(issue, "issue")
                for strategy in issue.strategies:
                    keys.new(strategy, "strategy")
                    for item in strategy.initiatives:
                        keys.new(item, "initiative")
        else:
            plan = _evolve(rng, bank, plans[-1], base, keys)
        _record(plan, keys, truth)
        plans.append(plan)
    return plans, truth
