"""The document tree the grammar builds before records are made.

Nodes are plain mutable dataclasses: the grammar appends to them as it reads,
and :mod:`.records` turns the finished tree into validated records.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum

from ...japanese import Quantity
from ...models import Attachment
from .budgets import BudgetLabel, BudgetNote

__all__ = [
    "DocTree",
    "IndicatorNode",
    "InitiativeNode",
    "IssueNode",
    "ReformNode",
    "ReformPhase",
    "StrategyNode",
]


@dataclass(slots=True)
class IndicatorNode:
    """A target or outcome indicator: what is measured, its target, baseline and result."""

    kind: str
    text: str
    locator: str
    context: str | None = None
    target_text: str | None = None
    target: Quantity | None = None
    target_fiscal_year: int | None = None
    baseline: Quantity | None = None
    baseline_fiscal_year: int | None = None
    actual: Quantity | None = None
    actual_text: str | None = None
    grade: str | None = None
    achieved: bool | None = None
    achieved_basis: str | None = None


@dataclass(slots=True)
class IssueNode:
    """A 経営課題: its number and title, summary, budgets, SDGs goals and outcome indicators."""

    number: int | None
    code: str | None
    title: str | None
    locator: str
    summary: list[str] = field(default_factory=list)
    budgets: list[BudgetNote] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    title_pending: bool = False
    label: str | None = None


@dataclass(slots=True)
class StrategyNode:
    """A 戦略 of an issue (``issue_number``); ``title_pending`` while its title may follow on the next line."""

    code: str | None
    issue_number: int | None
    title: str | None
    locator: str
    description: list[str] = field(default_factory=list)
    title_pending: bool = False
    label: str | None = None


@dataclass(slots=True)
class InitiativeNode:
    """A 具体的取組 with its budgets and indicators; ``pending_label`` is a budget label awaiting its figure."""

    code: str | None
    issue_number: int | None
    strategy_code: str | None
    title: str | None
    locator: str
    description: list[str] = field(default_factory=list)
    budgets: list[BudgetNote] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    pending_label: BudgetLabel | None = None
    title_pending: bool = False
    label: str | None = None


class ReformPhase(StrEnum):
    """Which part of a 様式3 item the text belongs to: the plan, the mid-year review or the evaluation."""

    PLAN = "plan"
    MIDTERM = "midterm"
    EVALUATION = "evaluation"


@dataclass(slots=True)
class ReformNode:
    """A 様式3 reform item: the plan it is based on, its labelled fields and whether it was achieved."""

    plan: str | None
    number: int | None
    title: str | None
    locator: str
    purpose: list[str] = field(default_factory=list)
    overview: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    achieved: bool | None = None
    achieved_basis: str | None = None
    indicators: list[IndicatorNode] = field(default_factory=list)
    phase: ReformPhase = ReformPhase.PLAN
    title_pending: bool = False


@dataclass(slots=True)
class DocTree:
    """Everything read from one document, before it becomes records (see :mod:`.records`)."""

    title: str | None = None
    title_locator: str | None = None
    fiscal_year: int | None = None
    fiscal_year_label: str | None = None
    status: str = "final"
    organization: str | None = None
    city: str | None = None
    ward: str | None = None
    ward_slug: str | None = None
    updated_on: _dt.date | None = None
    page_id: str | None = None
    ward_chief: str | None = None
    goals: list[str] = field(default_factory=list)
    missions: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    nesting: dict[str, dict[int, int]] = field(default_factory=dict)
    """``{"goals"|"missions"|"policies": {item index: index of the item it is under}}``: nested list items."""
    attachments: list[Attachment] = field(default_factory=list)
    issues: list[IssueNode] = field(default_factory=list)
    strategies: list[StrategyNode] = field(default_factory=list)
    initiatives: list[InitiativeNode] = field(default_factory=list)
    reform_items: list[ReformNode] = field(default_factory=list)
    truncated: bool = False
    sections_seen: int = 0
