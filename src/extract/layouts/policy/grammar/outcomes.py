"""Outcome indicators of an issue: targets under アウトカム指標, results and baselines under the status labels.

A target line becomes an アウトカム指標 indicator (a line without a figure is
kept as its text; an unbulleted one right after a figureless indicator is
that indicator's target).  A result line is matched to the indicator it names
and gives its actual value and whether it was achieved (by the stated A-E
grade, else by comparing with the target); under <前年度実績> it gives the baseline.
"""

from __future__ import annotations

import re

from .. import targets as tg
from ..indicators import indicator_from_target, match_indicator
from ..segments import Segment
from ..titles import strip_bullet
from ..tree import IndicatorNode
from .state import IssuePart, Reader

__all__ = ["OUTCOME", "read_outcome", "read_status"]

OUTCOME = "アウトカム指標"
"""The ``kind`` of an issue's outcome indicators."""


def read_outcome(r: Reader, seg: Segment, text: str) -> None:
    """A line under アウトカム指標: a new indicator of the open issue, or the target of the last one."""
    issue = r.issues.issue
    assert issue is not None
    item = strip_bullet(text)
    target = tg.parse_target(item, r.tree.fiscal_year)
    if target is None:
        node = IndicatorNode(kind=OUTCOME, text=item, locator=seg.locator)
        node.target_fiscal_year = r.tree.fiscal_year
        if issue.indicators and issue.indicators[-1].target is None and not seg.bullet:
            issue.indicators[-1].target_text = item
            r.claim()
            return
    else:
        node = indicator_from_target(OUTCOME, target, seg.locator)
    issue.indicators.append(node)
    r.claim()


def read_status(r: Reader, seg: Segment, text: str) -> None:
    """A line under a status label: the result (or baseline) of the outcome indicator it names.

    Without outcome indicators the line is summary text; a result that names
    no indicator (when there are several) is left unclaimed.
    """
    issue = r.issues.issue
    assert issue is not None
    item = strip_bullet(text)
    outcomes = [i for i in issue.indicators if i.kind == OUTCOME]
    if not outcomes:
        issue.summary.append(item)
        r.claim()
        return
    result = tg.parse_result(item)
    node = match_indicator(outcomes, result.text) or (outcomes[-1] if len(outcomes) == 1 else None)
    if node is None:
        return
    if r.issues.part is IssuePart.STATUS_PREVIOUS:
        if result.value is not None and node.baseline is None:
            node.baseline = result.value
            ref = r.issues.status_year or r.tree.fiscal_year
            node.baseline_fiscal_year = ref - 1 if ref else None
        r.claim()
        return
    value = result.value
    if result.inner_value is not None and node.target_text and re.search(r"合計|累計", node.target_text):
        value = result.inner_value
    node.actual = value
    node.actual_text = item
    if result.grade:
        node.grade = result.grade
        node.achieved = result.grade.startswith("A")
        node.achieved_basis = "grade"
    else:
        node.achieved = tg.achieved_from_values(node.target, node.actual, node.text)
        node.achieved_basis = "computed" if node.achieved is not None else None
    r.claim()
