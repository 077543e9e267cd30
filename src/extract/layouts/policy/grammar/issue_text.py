"""Plain text in the issues area: budget lines, late titles, descriptions, unnumbered items.

Where a line goes depends on what is open and which part of the issue the
last label named (:class:`~.state.IssuePart`): a line of nothing but figures
is the open initiative's (or issue's) budget; the line after a heading
without a title is its title; otherwise the text describes the innermost open
item, and under 主な戦略 / 主な具体的取組 without numbered headings each line is
an unnumbered strategy or initiative of its own.
"""

from __future__ import annotations

import re

from ....japanese import fold
from .. import targets as tg
from ..budgets import split_budgets, whole_line_budgets
from ..indicators import indicator_from_target
from ..segments import Segment
from ..titles import clean_title, is_paren_target, strip_bullet, title_like
from ..tree import InitiativeNode, StrategyNode
from . import outcomes
from .state import IssuePart, Reader

__all__ = ["add_initiative_text", "read_issue_text"]


def read_issue_text(r: Reader, seg: Segment, text: str) -> None:
    """Place one plain line of the issues area (see the module docstring for the order)."""
    cursor = r.issues
    ref = r.tree.fiscal_year
    owner = cursor.initiative
    context = (owner.pending_label if owner else None) or cursor.budget_context
    figures = whole_line_budgets(text, ref, context)
    if figures:
        if owner is not None:
            owner.budgets.extend(figures)
            owner.pending_label = None
        elif cursor.issue is not None:
            cursor.issue.budgets.extend(figures)
        else:
            return
        r.claim()
        return
    if _late_title(r, text):
        r.claim()
        return
    if cursor.part in (IssuePart.STATUS, IssuePart.STATUS_PREVIOUS) and cursor.issue is not None:
        outcomes.read_status(r, seg, text)
        return
    if cursor.part is IssuePart.OUTCOME and cursor.issue is not None:
        outcomes.read_outcome(r, seg, text)
        return
    if owner is not None:
        add_initiative_text(r, owner, text, seg)
        r.claim()
        return
    if cursor.strategy is not None:
        cursor.strategy.description.append(strip_bullet(text))
        r.claim()
        return
    if cursor.part is IssuePart.STRATEGIES and cursor.issue is not None:
        _unnumbered_strategy(r, seg, text)
        return
    if cursor.part is IssuePart.INITIATIVES and cursor.issue is not None:
        _unnumbered_initiative(r, seg, text)
        return
    if cursor.issue is not None:
        rest, budgets, _ = split_budgets(text, ref, None, where="end")
        cursor.issue.budgets.extend(budgets)
        if rest:
            cursor.issue.summary.append(strip_bullet(rest))
        r.claim()


def _late_title(r: Reader, text: str) -> bool:
    """A heading whose title comes on the next line: whether ``text`` was taken as that title.

    The innermost pending heading gets one chance: the next line is its title
    only if it reads as one.
    """
    cursor = r.issues
    for node in (cursor.initiative, cursor.strategy):
        if node is not None and node.title_pending:
            node.title_pending = False
            if title_like(text):
                node.title = clean_title(text)
                return True
    if cursor.issue is not None and cursor.issue.title_pending and cursor.strategy is None:
        cursor.issue.title_pending = False
        if title_like(text):
            cursor.issue.title = clean_title(text)
            return True
    return False


_CODED_RE = re.compile(
    r"^(?P<code>[0-9]{1,2}\s*-\s*[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?)(?![0-9])\s*[:.、]?\s*(?P<title>\S.*)$"
)
"""``1-1 title`` without the 戦略 word or brackets, as R5+ pages list strategies under 主な戦略."""


def _unnumbered_strategy(r: Reader, seg: Segment, text: str) -> None:
    """A line under 主な戦略: ``1-1 title`` is a numbered strategy (``1-1-1 title`` an initiative);
    a bullet or plain line is an unnumbered strategy titled by what it says (a title, or the
    sentence that states the strategy, which is also its description)."""
    issue = r.issues.issue
    assert issue is not None
    item = strip_bullet(text)
    m = _CODED_RE.match(fold(item))
    if m is not None:
        code = re.sub(r"\s+", "", m.group("code"))
        title = clean_title(item[m.start("title") :])
        if code.count("-") == 2:
            node = InitiativeNode(
                code=code,
                issue_number=issue.number,
                strategy_code=code.rsplit("-", 1)[0],
                title=title,
                locator=seg.locator,
            )
            r.tree.initiatives.append(node)
        else:
            strategy = StrategyNode(code=code, issue_number=issue.number, title=title, locator=seg.locator)
            r.tree.strategies.append(strategy)
        r.claim()
        return
    strategy = StrategyNode(code=None, issue_number=issue.number, title=None, locator=seg.locator)
    if title_like(item):
        strategy.title = clean_title(item)
    else:
        strategy.title = clean_title(item.rstrip("。"))
        strategy.description.append(item)
    r.tree.strategies.append(strategy)
    r.claim()


def _unnumbered_initiative(r: Reader, seg: Segment, text: str) -> None:
    assert r.issues.issue is not None
    item = strip_bullet(text)
    rest, budgets, label = split_budgets(item, r.tree.fiscal_year, r.issues.budget_context, where="end")
    initiative = InitiativeNode(
        code=None,
        issue_number=r.issues.issue.number,
        strategy_code=None,
        title=clean_title(rest) if title_like(rest) else None,
        locator=seg.locator,
        pending_label=label,
    )
    initiative.budgets.extend(budgets)
    if initiative.title is None and rest:
        initiative.description.append(rest)
    r.tree.initiatives.append(initiative)
    r.claim()


def add_initiative_text(r: Reader, initiative: InitiativeNode, text: str, seg: Segment) -> None:
    """Add a line to an initiative: its budget figures, its description, and a quantified
    ``…(2地域)`` bullet also as a 目標 indicator of the initiative (context 取組内容).
    """
    ref = r.tree.fiscal_year
    context = initiative.pending_label or r.issues.budget_context
    rest, budgets, label = split_budgets(text, ref, context, where="end")
    if budgets:
        initiative.budgets.extend(budgets)
        initiative.pending_label = None
    elif label:
        initiative.pending_label = label
    if not rest:
        return
    item = strip_bullet(rest)
    initiative.description.append(item)
    if seg.bullet or item != rest:
        target = tg.parse_target(item, ref)
        if target is not None and target.target is not None and is_paren_target(item):
            initiative.indicators.append(
                indicator_from_target("目標", target, seg.locator, context="取組内容")
            )
