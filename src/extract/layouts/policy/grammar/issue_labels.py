"""The issue's sub-labels: which part of the issue the plain text below them is.

概要/課題認識 (summary), 主な戦略 (strategies), 主な具体的取組(…予算額)
(initiatives, with the budget year and kind of the column), アウトカム指標
(targets), アウトカム指標の達成状況 / <…実績と達成状況> / <前年度実績>
(results and baselines), and the SDGs goals line.
"""

from __future__ import annotations

import re

from ....eras import find_fiscal_year
from ....japanese import fold
from ..budgets import parse_label
from ..kinds import Token
from ..segments import Segment
from .state import Area, IssuePart, Reader
from .text import read_text

__all__ = [
    "on_initiatives_label",
    "on_outcome_label",
    "on_outcome_status_label",
    "on_sdgs",
    "on_status_previous",
    "on_status_year",
    "on_strategies_label",
    "on_summary_label",
]

_SDG_NUMBER_RE = re.compile(r"(?<![0-9])(1[0-7]|[1-9])(?![0-9])")


def on_summary_label(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 概要 / 課題認識 under an issue: the issue's summary follows.  Plain text elsewhere."""
    if r.area is Area.REFORM or r.issues.issue is None:
        read_text(r, seg)
        return
    r.issues.close_parts()
    r.issues.part = IssuePart.SUMMARY
    r.claim()


def on_strategies_label(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 主な戦略: strategies follow (it opens the issues area if a form starts with it).

    Plain text in the reform area, where 戦略 is a word of the item's text.
    """
    if r.area is not Area.ISSUES:
        if r.area is Area.REFORM:
            read_text(r, seg)
            return
        r.enter_issues()
    r.issues.close_parts()
    r.issues.part = IssuePart.STRATEGIES
    r.claim()


def on_initiatives_label(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 主な具体的取組(…予算額): initiatives follow; bare figures below take the column's year and kind."""
    r.enter_issues()
    r.issues.initiative = None
    r.issues.part = IssuePart.INITIATIVES
    r.issues.budget_context = parse_label(tok.label, r.tree.fiscal_year)
    r.claim()


def on_outcome_label(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes アウトカム指標: the issue's targets follow.  Plain text when no issue is open."""
    if r.issues.issue is None:
        read_text(r, seg)
        return
    r.issues.close_parts()
    r.issues.part = IssuePart.OUTCOME
    r.claim()


def on_outcome_status_label(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes アウトカム指標の達成状況: results for this year's targets follow (unclaimed without an issue)."""
    if r.issues.issue is None:
        return
    r.issues.close_parts()
    r.issues.part = IssuePart.STATUS
    r.issues.status_year = r.tree.fiscal_year
    r.claim()


def on_status_year(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes <令和5年度実績と達成状況>: results for that year follow."""
    fy = find_fiscal_year(tok.label or seg.text, r.tree.fiscal_year)
    r.issues.status_year = fy.year if fy else r.tree.fiscal_year
    r.issues.part = IssuePart.STATUS
    r.claim()


def on_status_previous(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes <前年度実績>: the previous year's results follow, as baselines of the targets."""
    r.issues.part = IssuePart.STATUS_PREVIOUS
    r.claim()


def on_sdgs(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes the SDGs line of an issue: its goal numbers (1-17), once each (unclaimed without an issue)."""
    issue = r.issues.issue
    if issue is None:
        return
    for n in (int(n) for n in _SDG_NUMBER_RE.findall(fold(tok.rest or ""))):
        if n not in issue.sdgs:
            issue.sdgs.append(n)
    r.claim()
