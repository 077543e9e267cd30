"""The reading state the handlers share: where in the document the reader is, and the account.

:class:`Reader` holds the document (segments and their tokens), the tree
being built, the warnings, the claim account, and the cursor: the current
:class:`Area`, the issue part and open issue/strategy/initiative
(:class:`IssueCursor`) and the 様式3 state (:class:`~.reform_form.ReformState`).
Areas and parts are enums, so a misspelt one is an error, not a silent miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ...base import Diagnostic
from ...coverage import Coverage
from ..budgets import BudgetLabel
from ..identity import CityProfile
from ..kinds import Kind, Token
from ..segments import Segment
from ..tree import DocTree, InitiativeNode, IssueNode, StrategyNode
from .nesting import ListNesting
from .reform_form import ReformState

__all__ = ["LIST_AREAS", "Area", "IssueCursor", "IssuePart", "Reader"]


class Area(StrEnum):
    """The part of the document the reader is in; section labels switch it."""

    PREAMBLE = "preamble"  # title, date, page id, notices: before the first section
    GOALS = "goals"  # 区の目標
    MISSIONS = "missions"  # 区の使命
    POLICIES = "policies"  # 区長の方針 / 運営の基本的な考え方
    ISSUES = "issues"  # 重点的に取り組む経営課題: issues, strategies, initiatives
    REFORM = "reform"  # 「市政改革…」に基づく取組等 (様式3)
    EVALUATION = "evaluation"  # 自己評価 and other summaries that repeat the content
    ATTACHMENTS = "attachments"  # the attachment links below the content
    FOOTER = "footer"  # 問合せ先 and the page template after the content


LIST_AREAS = frozenset({Area.GOALS, Area.MISSIONS, Area.POLICIES})
"""Areas whose plain lines are items of a list of the document record."""


class IssuePart(StrEnum):
    """Where plain text goes inside an issue; the issue's sub-labels switch it."""

    SUMMARY = "summary"  # 概要 / 課題認識: the issue's summary
    STRATEGIES = "strategies"  # 主な戦略
    INITIATIVES = "initiatives"  # 主な具体的取組(…予算額)
    OUTCOME = "outcome"  # アウトカム指標: targets
    STATUS = "status"  # <…実績と達成状況>: results for the targets
    STATUS_PREVIOUS = "status_previous"  # <前年度実績>: baselines for the targets


@dataclass(slots=True)
class IssueCursor:
    """The open issue, strategy and initiative, and what the issue's plain text is."""

    part: IssuePart = IssuePart.SUMMARY
    issue: IssueNode | None = None
    strategy: StrategyNode | None = None
    initiative: InitiativeNode | None = None
    budget_context: BudgetLabel | None = None
    """The year and kind of a column header (主な具体的取組(令和3年度予算額)) for bare figures below it."""
    status_year: int | None = None
    """The year results under <…実績と達成状況> are for; a <前年度実績> baseline is the year before."""

    def close_parts(self) -> None:
        """A new section or label ends the open strategy and initiative (the issue stays open)."""
        self.strategy = None
        self.initiative = None


class Reader:
    """Everything a handler reads and changes while the grammar walks the segments."""

    def __init__(
        self,
        segments: Sequence[Segment],
        profile: CityProfile | None,
        tokens: Sequence[Token],
        url: str | None,
        complete: bool,
    ) -> None:
        self.segments = list(segments)
        self.tokens = list(tokens)
        self.profile = profile
        self.url = url
        self.complete = complete
        self.own_vocabulary = any(t.kind in (Kind.ISSUE, Kind.STRATEGY, Kind.INITIATIVE) for t in self.tokens)
        """Whether the document uses the 経営課題/戦略/具体的取組 headings (else 【word1-1】 headings are read)."""
        self.tree = DocTree()
        self.warnings: list[Diagnostic] = []
        self.coverage = Coverage([(s.locator, s.text) for s in self.segments])
        self.index = 0
        """The segment being read; :meth:`claim` and :meth:`exclude` apply to it."""
        self.area = Area.PREAMBLE
        self.issues = IssueCursor()
        self.reform = ReformState()
        self.nesting = ListNesting()
        """The bullets and open items of the goals, missions and policies lists."""
        self.skip_block: int | None = None
        """A table row whose remaining cells are a header already read (主な取組項目 | 取組内容)."""

    def claim(self) -> None:
        """The current segment is held by a record."""
        self.coverage.claim(self.index)

    def exclude(self) -> None:
        """The current segment is not content (page furniture, a repeated title, cut text)."""
        self.coverage.exclude(self.index)

    def warn(self, locator: str | None, message: str) -> None:
        """Something could not be read cleanly; it goes into the layout's warnings."""
        self.warnings.append(Diagnostic(locator, message))

    def list_for(self, area: Area) -> list[str]:
        """The document list a list area's items go to."""
        lists = {
            Area.GOALS: self.tree.goals,
            Area.MISSIONS: self.tree.missions,
            Area.POLICIES: self.tree.policies,
        }
        return lists[area]

    def enter_section(self, area: Area) -> None:
        """A section label: the open strategy and initiative end, the area changes, the label is claimed."""
        self.issues.close_parts()
        self.area = area
        self.tree.sections_seen += 1
        self.claim()

    def enter_issues(self) -> None:
        """A heading or label of the issues area seen outside it (forms without the section label)."""
        if self.area is not Area.ISSUES:
            self.area = Area.ISSUES
            self.tree.sections_seen += 1
