"""The 様式3 reform form: 「市政改革…」に基づく取組等, its items and their labelled fields.

An item opens with 【取組項目1】 title, a 【title】 line, a row of a
主な取組項目 | 取組内容 table, or a short plain line in a form without item
markup.  Its cells are split at their inline labels
(:mod:`.reform_form`), and each piece fills the field its label names:
purpose, overview, targets (as 目標 indicators), actions, results (matched
to the targets they report), status, challenges.  Text of the mid-year
review is not kept; the evaluation part's unlabelled text is the challenges.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import targets as tg
from ..indicators import indicator_from_target, match_indicator, record_actual
from ..kinds import Token
from ..segments import Segment
from ..titles import clean_title, is_paren_target, title_like
from ..tree import IndicatorNode, ReformNode, ReformPhase
from .reform_form import (
    COLUMN_FIELDS,
    FIELD_OF_LABEL,
    HEADER_LABELS,
    ReformField,
    ReformLabel,
    bullets,
    has_reform_label,
    marked_achievement,
    split_reform_labels,
)
from .state import Area, Reader

__all__ = [
    "TARGET",
    "enter_phase",
    "finish_reform",
    "on_reform_header",
    "on_reform_item",
    "on_reform_section",
    "read_reform_text",
    "titled_item",
]

TARGET = "目標"
"""The ``kind`` of a reform item's (and an action's) target indicators."""
_IN_ACTIONS = "取組内容"
"""The ``context`` of a target stated inside an action rather than under (目標)."""


def on_reform_section(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 「市政改革…」に基づく取組等: opens the reform area; the plan's name goes on every item."""
    r.enter_section(Area.REFORM)
    r.reform.plan = tok.title
    r.reform.item = None
    r.reform.table = False


def on_reform_header(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 主な取組項目 (| 取組内容): the form is a table, one item per row; the header row is skipped."""
    if r.area is not Area.REFORM:
        r.enter_section(Area.REFORM)
    r.reform.table = True
    r.skip_block = seg.block_index if seg.block_kind == "table_row" else None
    r.claim()


def on_reform_item(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 【取組項目1】 title: a new numbered item (its title may come on the next line)."""
    if r.area is not Area.REFORM:
        r.enter_section(Area.REFORM)
    title = clean_title(tok.title)
    _open_item(
        r,
        ReformNode(
            plan=r.reform.plan,
            number=tok.number,
            title=title,
            locator=seg.locator,
            title_pending=title is None,
        ),
    )
    r.claim()


def _open_item(r: Reader, item: ReformNode) -> None:
    r.tree.reform_items.append(item)
    r.reform.item = item
    r.reform.field = None


def titled_item(r: Reader, seg: Segment, title: str | None, rest: str | None) -> None:
    """A 【title】 line in the reform area: the pending item's title, else a new unnumbered item."""
    item = r.reform.item
    if item is not None and item.title_pending:
        item.title = title
        item.title_pending = False
    else:
        item = ReformNode(plan=r.reform.plan, number=None, title=title, locator=seg.locator)
        _open_item(r, item)
    if rest:
        item.overview.append(rest)


def enter_phase(r: Reader, phase: ReformPhase) -> None:
    """A ◆計画 / 中間振り返り / 自己評価 mark: the open item's text now belongs to that part."""
    assert r.reform.item is not None
    r.reform.item.phase = phase
    r.reform.field = None


def read_reform_text(r: Reader, seg: Segment, text: str) -> None:
    """Place one plain line of the reform area: an item title, or pieces of the open item's fields."""
    state = r.reform
    if state.table and seg.block_kind == "table_row" and seg.row_cells >= 2 and seg.column is not None:
        # 主な取組項目 | 取組内容 rows: the item's title, then its content
        if seg.column == 0:
            state.item = ReformNode(
                plan=state.plan, number=None, title=clean_title(text), locator=seg.locator
            )
            r.tree.reform_items.append(state.item)
        elif state.item is not None:
            state.item.overview.append(text)
        r.claim()
        return
    item = state.item
    plain_line = (
        not has_reform_label(text) and not seg.bullet and seg.block_kind != "table_row" and title_like(text)
    )
    if item is not None and item.title_pending and plain_line:
        item.title = clean_title(text)
        item.title_pending = False
        r.claim()
        return
    if plain_line and (item is None or _has_content(item)):
        # a reform section without item markup: short lines are item titles
        _open_item(r, ReformNode(plan=state.plan, number=None, title=clean_title(text), locator=seg.locator))
        r.claim()
        return
    if item is None:
        return
    if seg.row_start or seg.column != state.column:
        state.field = None
    state.column = seg.column
    for label, content in split_reform_labels(text):
        _read_piece(r, item, label, content, seg)
    r.claim()


def _has_content(item: ReformNode) -> bool:
    return bool(item.overview or item.actions or item.purpose or item.indicators or item.results)


def _read_piece(r: Reader, item: ReformNode, label: ReformLabel | None, content: str, seg: Segment) -> None:
    """One labelled piece of a cell: switch the field its label opens, then fill the field."""
    state = r.reform
    if label is ReformLabel.RESULTS_COL:
        item.phase = ReformPhase.EVALUATION
    if label is not None and label in HEADER_LABELS:
        column_field = COLUMN_FIELDS.get(label)
        if column_field is not None:
            state.field = column_field
        if not content:
            return
        label = None
    if label is ReformLabel.OTHER_TARGET_NAME:
        state.other_target_context = content
        state.field = ReformField.OTHER_TARGET
        return
    if label is ReformLabel.MARKS:
        achieved = marked_achievement(content)
        if achieved is not None:
            item.achieved = achieved
            item.achieved_basis = "stated"
        return
    if label is not None:
        state.field = FIELD_OF_LABEL[label]
    if item.phase is ReformPhase.MIDTERM and label is None:
        return
    if not content:
        return
    field = state.field if state.field is not None else _default_field(item, seg, content)
    _fill(r, item, field, content, seg)


def _default_field(item: ReformNode, seg: Segment, content: str) -> ReformField:
    """Unlabelled text: challenges in the evaluation part, actions when bulleted, else the overview."""
    if item.phase is ReformPhase.EVALUATION:
        return ReformField.CHALLENGES
    if seg.bullet or content.startswith("・"):
        return ReformField.ACTIONS
    return ReformField.OVERVIEW


def _fill(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    _FILLERS[field](r, item, field, content, seg)


def _fill_purpose(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    item.purpose.append(content)


def _fill_overview(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    item.overview.append(content)


def _fill_challenges(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    item.challenges.append(content)


def _fill_targets(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    """(目標) / <…目標>: each bullet is a 目標 indicator; those under <name> carry the name as context."""
    ref = r.tree.fiscal_year
    context = r.reform.other_target_context if field is ReformField.OTHER_TARGET else None
    for statement in bullets(content):
        target = tg.parse_target(statement, ref)
        if target is None:
            node = IndicatorNode(kind=TARGET, text=statement, locator=seg.locator, context=context)
            node.target_fiscal_year = ref
        else:
            node = indicator_from_target(TARGET, target, seg.locator, context=context)
        item.indicators.append(node)


def _fill_actions(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    """(取組内容): each bullet is an action; a quantified ``…(2地域)`` one is also a target."""
    for action in bullets(content):
        item.actions.append(action)
        target = tg.parse_target(action, r.tree.fiscal_year)
        if target is not None and target.target is not None and is_paren_target(action):
            item.indicators.append(indicator_from_target(TARGET, target, seg.locator, context=_IN_ACTIONS))


def _fill_results(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    """(取組実績): each bullet is a result, and the actual value of the action target it restates."""
    for result in bullets(content):
        item.results.append(result)
        _match_action_result(r, item, result)


def _fill_status(r: Reader, item: ReformNode, field: ReformField, content: str, seg: Segment) -> None:
    _read_status(item, content)


_FILLERS: dict[ReformField, Callable[[Reader, ReformNode, ReformField, str, Segment], None]] = {
    ReformField.PURPOSE: _fill_purpose,
    ReformField.OVERVIEW: _fill_overview,
    ReformField.CHALLENGES: _fill_challenges,
    ReformField.TARGET: _fill_targets,
    ReformField.OTHER_TARGET: _fill_targets,
    ReformField.ACTIONS: _fill_actions,
    ReformField.RESULTS: _fill_results,
    ReformField.STATUS: _fill_status,
}
"""What each field does with its text; every :class:`ReformField` has an entry (checked at import)."""
if set(_FILLERS) != set(ReformField):
    raise TypeError(f"reform fields without a filler: {sorted(set(ReformField) - set(_FILLERS))}")


def _match_action_result(r: Reader, item: ReformNode, result: str) -> None:
    """A result bullet that restates an action's target with its figure: that target's actual value."""
    parsed = tg.parse_target(result, r.tree.fiscal_year)
    if parsed is None or parsed.target is None:
        return
    key = tg.match_key(parsed.text)
    for node in item.indicators:
        if node.context == _IN_ACTIONS and node.actual is None and tg.match_key(node.text) == key:
            record_actual(node, parsed.target, parsed.target_text)
            return


def _read_status(item: ReformNode, content: str) -> None:
    """(目標の達成状況): each statement is the result of the main target it names (or the only one)."""
    statements = bullets(content)
    mains = [i for i in item.indicators if i.context is None]
    for statement in statements:
        result = tg.parse_result(statement)
        node = match_indicator(mains, result.text)
        if node is None and len(mains) == 1 and len(statements) == 1:
            node = mains[0]
        if node is None:
            continue
        record_actual(node, result.value, statement)


def finish_reform(r: Reader) -> None:
    """After the walk: an item without a stated result takes its first main target's computed one."""
    for item in r.tree.reform_items:
        if item.achieved is None:
            mains = [i for i in item.indicators if i.context is None]
            if mains and mains[0].achieved is not None:
                item.achieved = mains[0].achieved
                item.achieved_basis = "computed"
