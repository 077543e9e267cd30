"""One generated 運営方針: its content drawn from a seed, a ward and a fiscal year.

The numbers that vary between real documents vary here too, deterministically:
how many 経営課題 (3–5), strategies per issue, initiatives per strategy, which
codes are skipped (pages list 【2-1】 and 【2-4】 only), budgets, targets and
results.  The page style follows the year, as the city's did: the H24–H29
pages (経営課題1 title, 【戦略1-1 …】, [28年度予算額 …]), the H30–R4 pages in
two variants (【経営課題1】 title … 《5,237千円》 or 主な戦略 / 主な具体的取組
(令和3年度予算額) lists), and the R5+ format (課題認識, アウトカム指標, grades).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .bank import Bank, Measure

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Indicator",
    "Initiative",
    "Issue",
    "Plan",
    "ReformItem",
    "Strategy",
    "make_plan",
    "short_label",
    "year_label",
]

FIRST_YEAR = 2012
LAST_YEAR = 2025
"""平成24年度 to 令和7年度: fourteen fiscal years."""

_SURNAMES = ("山田", "高野", "中村", "田中", "松本", "吉田", "井上", "木村", "林", "清水", "森", "池田")
_GIVEN = ("賢", "誠", "浩一", "直樹", "由美", "聡", "裕子", "大輔", "健", "恵", "隆", "修")
_SDGS = {
    3: "すべての人に健康と福祉を",
    4: "質の高い教育をみんなに",
    10: "人や国の不平等をなくそう",
    11: "住み続けられるまちづくりを",
    16: "平和と公正をすべての人に",
    17: "パートナーシップで目標を達成しよう",
}


def year_label(year: int) -> str:
    """The fiscal year as the city writes it: 平成28年度, 令和元年度, 令和3年度.

    >>> [year_label(y) for y in (2016, 2019, 2021)]
    ['平成28年度', '令和元年度', '令和3年度']
    """
    if year <= 2018:
        return f"平成{year - 1988}年度"
    return "令和元年度" if year == 2019 else f"令和{year - 2018}年度"


def short_label(year: int) -> str:
    """The era-less form used next to budgets: 28年度, 元年度, 3年度."""
    return year_label(year).removeprefix("平成").removeprefix("令和")


@dataclass(slots=True)
class Indicator:
    measure: Measure
    target: float
    baseline: float
    actual: float | None
    grade: str | None

    @staticmethod
    def number(value: float, unit: str) -> str:
        return f"{value:.1f}{unit}" if unit == "%" else f"{int(value):,}{unit}"


@dataclass(slots=True)
class Initiative:
    code: str
    title: str
    description: str
    budget_k: int | None
    """Thousands of yen; None is a budget written as '-'."""


@dataclass(slots=True)
class Strategy:
    code: str
    title: str
    description: str
    initiatives: list[Initiative] = field(default_factory=list)


@dataclass(slots=True)
class Issue:
    number: int
    title: str
    summary: str
    strategies: list[Strategy]
    indicator: Indicator
    budget_m: int
    """Millions of yen, as the R5+ headings give it."""
    sdg: int


@dataclass(slots=True)
class ReformItem:
    number: int
    title: str
    overview: str
    actions: list[str]
    indicator: Indicator


@dataclass(slots=True)
class Plan:
    ward: str
    slug: str
    year: int
    style: str
    """h (H24–H29), r2 or r3 (H30–R4 variants), r5 (R5+)."""
    page_id: int
    updated: dt.date
    chief: str
    goals: list[str]
    missions: list[str]
    policies: list[str]
    issues: list[Issue]
    reforms: list[ReformItem]

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def short(self) -> str:
        return short_label(self.year)

    @property
    def title(self) -> str:
        return f"{self.label} {self.ward}運営方針"

    @property
    def reform_plan(self) -> str:
        if self.year <= 2015:
            return "市政改革プラン"
        return "市政改革プラン2.0" if self.year <= 2019 else "市政改革プラン3.0"


def _codes(rng: random.Random, count: int, limit: int) -> list[int]:
    """``count`` increasing numbers from 1..limit, as pages that list only some strategies show them."""
    return sorted(rng.sample(range(1, limit + 1), count))


def _indicator(rng: random.Random, bank: Bank, done: bool) -> Indicator:
    measure = rng.choice(bank.measures)
    if measure.unit == "%":
        target = float(rng.randrange(30, 96))
        baseline = round(target - rng.uniform(2, 20), 1)
        actual = round(target + rng.uniform(-12, 6), 1) if done else None
    else:
        target = float(rng.randrange(2, 40))
        baseline = float(max(0, int(target) - rng.randrange(1, 6)))
        actual = float(max(0, int(target) + rng.randrange(-5, 4))) if done else None
    grade = None if actual is None else ("A" if actual >= target else rng.choice("BC"))
    return Indicator(measure, target, baseline, actual, grade)


def make_plan(ward: str, slug: str, year: int, seed: int, bank: Bank) -> Plan:
    """The document of ``ward`` for ``year``; the same arguments always give the same plan."""
    rng = random.Random(f"{seed}:{slug}:{year}")
    if year <= 2017:
        style = "h"
    elif year <= 2022:
        style = rng.choice(("r2", "r3"))
    else:
        style = "r5"
    done = year < LAST_YEAR  # the last year has no results yet
    issues: list[Issue] = []
    for number in range(1, rng.randint(3, 5) + 1):
        title, summary = rng.choice(bank.issues)
        strategies: list[Strategy] = []
        for s in _codes(rng, rng.randint(1, 3), 4):
            s_title, s_text = rng.choice(bank.strategies)
            strategy = Strategy(f"{number}-{s}", s_title, s_text)
            for i in _codes(rng, rng.randint(1, 2), 3):
                i_title, i_text = rng.choice(bank.initiatives)
                budget = None if rng.random() < 0.05 else rng.randrange(40, 90000)
                strategy.initiatives.append(Initiative(f"{number}-{s}-{i}", i_title, i_text, budget))
            strategies.append(strategy)
        issues.append(
            Issue(
                number=number,
                title=title,
                summary=summary,
                strategies=strategies,
                indicator=_indicator(rng, bank, done),
                budget_m=rng.randrange(5, 400),
                sdg=rng.choice(sorted(_SDGS)),
            )
        )
    reforms = [
        ReformItem(
            number=n,
            title=rng.choice(bank.reforms)[0],
            overview=rng.choice(bank.reforms)[1],
            actions=rng.sample(bank.actions, rng.randint(2, 4)),
            indicator=_indicator(rng, bank, done),
        )
        for n in range(1, rng.randint(2, 4) + 1)
    ]
    return Plan(
        ward=ward,
        slug=slug,
        year=year,
        style=style,
        page_id=rng.randrange(300000, 700000),
        updated=dt.date(year + 1, 6, rng.randint(1, 28)),
        chief=f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}",
        goals=rng.sample(bank.goals, rng.randint(1, min(3, len(bank.goals)))),
        missions=rng.sample(bank.missions, rng.randint(1, min(3, len(bank.missions)))),
        policies=rng.sample(bank.policies, rng.randint(2, min(5, len(bank.policies)))),
        issues=issues,
        reforms=reforms,
    )


def sdg_name(goal: int) -> str:
    return _SDGS[goal]
