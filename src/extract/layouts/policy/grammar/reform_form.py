"""The 様式3 form's vocabulary: its inline labels, its fields, and the state of reading one.

A 様式3 cell reads ``(趣旨・目的) … (取組の概要) … (目標) … (取組実績) …``:
inline labels say which field of the reform item the following text fills,
column headers (当年度の取組内容, …) say it for a whole column, and marks
(■:目標達成 □:目標未達成) state the result.  Labels and fields are enums; the
label table's order is the order alternatives are tried at one position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ....japanese import fold
from ..tree import ReformNode

__all__ = [
    "COLUMN_FIELDS",
    "FIELD_OF_LABEL",
    "HEADER_LABELS",
    "ReformField",
    "ReformLabel",
    "ReformState",
    "bullets",
    "has_reform_label",
    "marked_achievement",
    "split_reform_labels",
]


class ReformLabel(StrEnum):
    """An inline label of a 様式3 cell; each value is the name of its regular-expression group."""

    PURPOSE = "purpose"
    OVERVIEW = "overview"
    TARGET = "target"
    OTHER_TARGET = "other_target"
    ACTIONS = "actions"
    RESULTS = "results"
    STATUS = "status"
    CHALLENGES = "challenges"
    NOTE = "note"
    PLAN_COL = "plan_col"
    ACTIONS_COL = "actions_col"
    RESULTS_COL = "results_col"
    MID_ITEMS = "mid_items"
    MARKS = "marks"
    MID_MARKS = "mid_marks"
    OTHER_TARGET_NAME = "other_target_name"
    """Not a pattern: the name inside a ``<…目標>`` label, reported before the text it heads."""


_PATTERNS: tuple[tuple[ReformLabel, str], ...] = (
    (ReformLabel.PURPOSE, r"\(趣旨・目的\)"),
    (ReformLabel.OVERVIEW, r"\(取組の概要\)"),
    (ReformLabel.TARGET, r"\(目標\)"),
    (ReformLabel.OTHER_TARGET, r"<[^<>]{0,60}?目標>"),
    (ReformLabel.ACTIONS, r"\(取組(?:の)?内容\)"),
    (ReformLabel.RESULTS, r"\(取組実績\)"),
    (ReformLabel.STATUS, r"\(目標の達成状況\)"),
    (ReformLabel.CHALLENGES, r"課題と改善策"),
    (ReformLabel.NOTE, r"左記が「\s*」の場合は必須"),
    (ReformLabel.PLAN_COL, r"取組の方針・目標内容"),
    (ReformLabel.ACTIONS_COL, r"当年度の取組内容"),
    (ReformLabel.RESULTS_COL, r"当年度の取組実績及び目標の達成状況"),
    (ReformLabel.MID_ITEMS, r"取組内容の実施見込み|目標の達成見込み"),
    (ReformLabel.MARKS, r"[■□☑☐✓✔●○◉◯]?\s*:?\s*目標達成\s*[■□☑☐✓✔●○◉◯]?\s*:?\s*目標未達成"),
    (
        ReformLabel.MID_MARKS,
        r"[(]\s*[)]\s*(?:[(]\s*[)]\s*)*(?:実施見込み\s*(?:[(]\s*[)]\s*)?実施できない見込み)?|:\s*達成見込み\s*:\s*達成できない見込み",
    ),
)
_LABEL_RE = re.compile("|".join(f"(?P<{label.value}>{pattern})" for label, pattern in _PATTERNS))
_BULLET_SPLIT_RE = re.compile(r"(?:^|(?<=\s))[・•●○◦]\s*")
_SELECTED = "■☑✓✔●◉"


class ReformField(StrEnum):
    """The field of a :class:`~..tree.ReformNode` that plain text fills."""

    PURPOSE = "purpose"
    OVERVIEW = "overview"
    TARGET = "target"
    OTHER_TARGET = "other_target"
    ACTIONS = "actions"
    RESULTS = "results"
    STATUS = "status"
    CHALLENGES = "challenges"


FIELD_OF_LABEL: dict[ReformLabel, ReformField] = {
    ReformLabel.PURPOSE: ReformField.PURPOSE,
    ReformLabel.OVERVIEW: ReformField.OVERVIEW,
    ReformLabel.TARGET: ReformField.TARGET,
    ReformLabel.OTHER_TARGET: ReformField.OTHER_TARGET,
    ReformLabel.ACTIONS: ReformField.ACTIONS,
    ReformLabel.RESULTS: ReformField.RESULTS,
    ReformLabel.STATUS: ReformField.STATUS,
    ReformLabel.CHALLENGES: ReformField.CHALLENGES,
}
"""Inline labels that open a field: the text after them fills it."""

HEADER_LABELS = frozenset(
    {
        ReformLabel.NOTE,
        ReformLabel.PLAN_COL,
        ReformLabel.ACTIONS_COL,
        ReformLabel.RESULTS_COL,
        ReformLabel.MID_ITEMS,
        ReformLabel.MID_MARKS,
    }
)
"""Column headers and form notes: not content; text after them is unlabelled."""

COLUMN_FIELDS: dict[ReformLabel, ReformField] = {
    ReformLabel.PLAN_COL: ReformField.OVERVIEW,
    ReformLabel.ACTIONS_COL: ReformField.ACTIONS,
    ReformLabel.RESULTS_COL: ReformField.RESULTS,
}
"""Column headers that say which field the column's cells fill."""


@dataclass(slots=True)
class ReformState:
    """Where the reader is in the 様式3 form."""

    item: ReformNode | None = None
    """The reform item text goes to."""
    plan: str | None = None
    """The plan the section is based on (市政改革プラン3.0, …), from the section label."""
    table: bool = False
    """Whether the form is a 主な取組項目 | 取組内容 table (one item per row)."""
    field: ReformField | None = None
    """The field the latest label opened; None: chosen from the item's phase and the text."""
    other_target_context: str | None = None
    """The name of the latest ``<…目標>`` label, kept as the context of the targets under it."""
    column: int | None = None
    """The table column of the previous segment: a new column ends the open field."""


def has_reform_label(text: str) -> bool:
    """Whether ``text`` contains any 様式3 label (a labelled cell is never an item title)."""
    return bool(_LABEL_RE.search(fold(text)))


def split_reform_labels(text: str) -> list[tuple[ReformLabel | None, str]]:
    """Split a 様式3 cell at its inline labels: ``(label, text after it)`` pairs, None for leading text.

    A ``<…目標>`` label is reported as its name first (``OTHER_TARGET_NAME``),
    then as the label of the text after it; marks are reported with their text.

    >>> split_reform_labels("(趣旨・目的) 確保する。 (取組の概要) 強化")
    [(<ReformLabel.PURPOSE: 'purpose'>, '確保する。'), (<ReformLabel.OVERVIEW: 'overview'>, '強化')]
    """
    folded = fold(text)
    out: list[tuple[ReformLabel | None, str]] = []
    pos = 0
    label: ReformLabel | None = None
    for m in _LABEL_RE.finditer(folded):
        chunk = text[pos : m.start()].strip()
        if chunk or label is not None:
            out.append((label, chunk))
        assert m.lastgroup is not None
        label = ReformLabel(m.lastgroup)
        if label is ReformLabel.OTHER_TARGET:
            out.append((ReformLabel.OTHER_TARGET_NAME, text[m.start() + 1 : m.end() - 1].strip()))
        elif label is ReformLabel.MARKS:
            out.append((ReformLabel.MARKS, text[m.start() : m.end()]))
            label = None
        pos = m.end()
    tail = text[pos:].strip()
    if tail or label is not None:
        out.append((label, tail))
    return out


def marked_achievement(text: str) -> bool | None:
    """目標達成 / 目標未達成 with a selection mark; None when the mark is lost.

    >>> marked_achievement("■:目標達成 □:目標未達成")
    True
    >>> marked_achievement(":目標達成 目標未達成") is None
    True
    """
    f = fold(text)
    m = re.search(rf"([{_SELECTED}])\s*:?\s*目標(未)?達成", f)
    if m:
        return m.group(2) is None
    return None


def bullets(content: str) -> list[str]:
    """Items of a ``・a ・b`` run; text before the first bullet is an item of its own.

    >>> bullets("概要 ・一つ目 ・二つ目")
    ['概要', '一つ目', '二つ目']
    """
    parts = [p.strip() for p in _BULLET_SPLIT_RE.split(content)]
    return [p for p in parts if p]
