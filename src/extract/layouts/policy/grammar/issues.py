"""Issues, strategies and initiatives: the headings of the issues area.

``【経営課題1】 title`` opens an issue, ``【1-1 title】`` a strategy under it,
``【1-1-1 title】(予算額)`` an initiative with its budget; a title may come on
the next line (``title_pending``).  Codes say which issue and strategy an
item belongs to even when the document lists them out of order.  Another
vocabulary's ``【施策1-1 title】`` headings are read by the depth of their codes.
"""

from __future__ import annotations

from ..budgets import parse_label, split_budgets
from ..kinds import Kind, Token
from ..segments import Segment
from ..titles import clean_title, strip_bullet, title_like
from ..tree import InitiativeNode, IssueNode, StrategyNode
from . import reform
from .issue_text import add_initiative_text
from .state import LIST_AREAS, Area, IssuePart, Reader
from .text import read_text

__all__ = ["on_bracket_title", "on_initiative", "on_issue", "on_numbered", "on_strategy"]


def on_issue(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes an issue heading: opens a new issue (title, budgets, summary text on the same line).

    Inside the evaluation area it is claimed and ignored: self-evaluation
    summaries repeat the issue headings, they are not new issues.
    """
    if r.area is Area.EVALUATION:
        r.claim()
        return
    r.enter_issues()
    r.issues.close_parts()
    ref = r.tree.fiscal_year
    raw_title, budgets, label = split_budgets(tok.title or "", ref, where="end")
    title = clean_title(raw_title)
    issue = IssueNode(
        number=tok.number, code=tok.code, title=title, locator=seg.locator, title_pending=title is None
    )
    issue.budgets.extend(budgets)
    if tok.rest:
        rest, more, _ = split_budgets(tok.rest, ref, label)
        issue.budgets.extend(more)
        if rest:
            if issue.title is None and title_like(rest):
                issue.title = clean_title(rest)
                issue.title_pending = False
            else:
                issue.summary.append(strip_bullet(rest))
    r.tree.issues.append(issue)
    cursor = r.issues
    cursor.issue = issue
    cursor.part = IssuePart.SUMMARY
    cursor.budget_context = None
    r.claim()


def on_strategy(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes a strategy heading: a new strategy of the issue its code names (else of the open issue).

    Left unclaimed in the evaluation area, which repeats the content.
    """
    if r.area is Area.EVALUATION:
        return
    r.enter_issues()
    cursor = r.issues
    cursor.initiative = None
    issue_number = (
        int(tok.code.split("-")[0]) if tok.code else (cursor.issue.number if cursor.issue else None)
    )
    if (
        tok.code
        and cursor.issue is not None
        and cursor.issue.number is not None
        and issue_number != cursor.issue.number
        and not any(i.number == issue_number for i in r.tree.issues)
    ):
        r.warn(seg.locator, f"strategy {tok.code} appears under issue {cursor.issue.code}")
    title = clean_title(tok.title)
    strategy = StrategyNode(code=tok.code, issue_number=issue_number, title=title, locator=seg.locator)
    rest = tok.rest.strip() if tok.rest else ""
    if title is None and rest and title_like(rest):
        strategy.title = clean_title(rest)
    elif rest:
        strategy.description.append(rest)
    strategy.title_pending = strategy.title is None
    r.tree.strategies.append(strategy)
    cursor.strategy = strategy
    cursor.part = IssuePart.STRATEGIES
    r.claim()


def on_initiative(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes an initiative heading: a new initiative with its budgets, under the issue and strategy
    its code names (else the open ones).

    A budget label without an amount (``title(2年度予算額)``) waits for the
    figure on a later line.  Left unclaimed in the evaluation area.
    """
    if r.area is Area.EVALUATION:
        return
    r.enter_issues()
    cursor = r.issues
    ref = r.tree.fiscal_year
    context = parse_label(tok.label, ref) if tok.label else cursor.budget_context
    raw_title, budgets, label = split_budgets(tok.title or "", ref, context, where="end")
    code = tok.code
    if code:
        parts = code.split("-")
        issue_number: int | None = int(parts[0])
        strategy_code: str | None = f"{parts[0]}-{parts[1]}"
    else:
        issue_number = cursor.issue.number if cursor.issue else None
        strategy_code = cursor.strategy.code if cursor.strategy else None
    title = clean_title(raw_title)
    initiative = InitiativeNode(
        code=code,
        issue_number=issue_number,
        strategy_code=strategy_code,
        title=title,
        locator=seg.locator,
        pending_label=label,
    )
    initiative.budgets.extend(budgets)
    if tok.rest:
        rest, more, _ = split_budgets(tok.rest, ref, label or context)
        initiative.budgets.extend(more)
        if rest:
            if initiative.title is None and title_like(rest):
                initiative.title = clean_title(rest)
            else:
                add_initiative_text(r, initiative, rest, seg)
    initiative.title_pending = initiative.title is None
    r.tree.initiatives.append(initiative)
    cursor.initiative = initiative
    cursor.part = IssuePart.INITIATIVES
    r.claim()


def on_numbered(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 【重点取組1 title】: another vocabulary's numbered heading.

    A document without any 経営課題/戦略/具体的取組 headings (another city's
    plan, a bureau page) is read by depth of its codes: 1 is an issue,
    1-1 a strategy, 1-1-1 an initiative, keeping the document's own word in
    ``label``.  Where the usual vocabulary is present it is only a titled line.
    """
    inner = f"{tok.label or ''}{tok.code or ''} {tok.title or ''}".strip()
    if r.own_vocabulary or r.area is Area.REFORM or not tok.code:
        on_bracket_title(r, seg, Token(Kind.BRACKET_TITLE, seg.text, title=inner, rest=tok.rest))
        return
    depth = tok.code.count("-") + 1
    title = tok.title or ""
    cursor = r.issues
    if depth == 1:
        number = int(tok.code)
        on_issue(
            r, seg, Token(Kind.ISSUE, seg.text, number=number, code=tok.code, title=title, rest=tok.rest)
        )
        if cursor.issue is not None:
            cursor.issue.label = tok.label
    elif depth == 2:
        on_strategy(r, seg, Token(Kind.STRATEGY, seg.text, code=tok.code, title=title, rest=tok.rest))
        if cursor.strategy is not None:
            cursor.strategy.label = tok.label
    else:
        on_initiative(r, seg, Token(Kind.INITIATIVE, seg.text, code=tok.code, title=title, rest=tok.rest))
        if cursor.initiative is not None:
            cursor.initiative.label = tok.label


def on_bracket_title(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 【title】 alone: a 様式3 item's title in the reform area, an unnumbered strategy
    under 主な戦略, a sub-heading inside a goals/missions/policies list (claimed, not an item),
    else plain text.
    """
    title = clean_title(tok.title)
    if r.area is Area.REFORM:
        reform.titled_item(r, seg, title, tok.rest)
        r.claim()
        return
    cursor = r.issues
    if (
        r.area is Area.ISSUES
        and cursor.part is IssuePart.STRATEGIES
        and cursor.initiative is None
        and (cursor.strategy is None or cursor.strategy.code is None)
    ):
        # ①【防災・減災対策】 under 主な戦略: an unnumbered strategy with a title
        strategy = StrategyNode(
            code=None,
            issue_number=cursor.issue.number if cursor.issue else None,
            title=title,
            locator=seg.locator,
        )
        if tok.rest:
            strategy.description.append(tok.rest)
        r.tree.strategies.append(strategy)
        cursor.strategy = strategy
        r.claim()
        return
    if r.area in LIST_AREAS and not tok.rest:
        # 【重点的な取組】 alone inside 区長の方針: a sub-heading of the list, not an item of it
        r.nesting.reset(r.area.value)
        r.claim()
        return
    read_text(r, seg)
