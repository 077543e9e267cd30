"""The closed vocabularies of the dataset: document roles, owner types, indicator kinds, revisions.

Each is a :class:`~enum.StrEnum` whose values are what the JSON lines hold, so
a researcher filters on the same words the schema lists.  The small functions
here decide a value from what a layout already wrote (an indicator's label and
context, an owner's id), which is why they live apart from any layout: every
layout, the built-in ones and plugins alike, gets the same classification.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = [
    "IndicatorKind",
    "Measure",
    "OwnerType",
    "RevisionKind",
    "Role",
    "indicator_kind",
    "measure_of",
    "owner_type_of",
]


class Role(StrEnum):
    """What a document is within its policy: the page, one of the 様式 forms, the workbook."""

    PAGE = "page"
    FORM1 = "様式1"
    FORM2 = "様式2"
    FORM3 = "様式3"
    WORKBOOK = "workbook"
    OTHER = "other"


class OwnerType(StrEnum):
    """The kind of record an indicator or a budget belongs to."""

    ISSUE = "issue"
    STRATEGY = "strategy"
    INITIATIVE = "initiative"
    REFORM_ITEM = "reform_item"


class IndicatorKind(StrEnum):
    """What an indicator measures: a target (outcome), a process indicator or a planned quantity."""

    TARGET = "目標"
    OUTCOME = "アウトカム指標"
    PERFORMANCE = "業績目標"
    PROCESS = "プロセス指標"
    ACTIVITY = "活動量"
    """A planned activity quantity written in the 取組内容 column (``1回``, ``広報紙 12回``)."""


class Measure(StrEnum):
    """The three families of indicators: outcome targets, process indicators, planned activities."""

    OUTCOME = "outcome"
    PROCESS = "process"
    ACTIVITY = "activity"


class RevisionKind(StrEnum):
    """What a revision line on a page says was revised."""

    MIDTERM = "中間振り返り"
    SELF_EVALUATION = "自己評価"
    OTHER = "other"


_ACTIVITY_CONTEXTS = ("取組内容",)
"""Columns whose figures are planned activities, not targets."""

_LABELS: tuple[tuple[str, IndicatorKind], ...] = (
    ("プロセス", IndicatorKind.PROCESS),
    ("業績", IndicatorKind.PERFORMANCE),
    ("アウトカム", IndicatorKind.OUTCOME),
    ("成果", IndicatorKind.OUTCOME),
    ("活動量", IndicatorKind.ACTIVITY),
)


def indicator_kind(label: str | None, context: str | None) -> IndicatorKind:
    """The kind of an indicator from the label a layout gave it and the heading it was under.

    A figure listed under 取組内容 is a planned activity whatever the label says;
    otherwise the label decides, and anything unknown is a plain target.

    >>> indicator_kind("目標", "取組内容").value
    '活動量'
    >>> [indicator_kind(x, None).value for x in ("目標", "アウトカム指標", "成果指標", "プロセス指標", "KPI")]
    ['目標', 'アウトカム指標', 'アウトカム指標', 'プロセス指標', '目標']
    >>> indicator_kind("目標", "その他市政改革プラン2.0(区政編)に関する目標").value
    '目標'
    """
    if context and any(context.startswith(c) for c in _ACTIVITY_CONTEXTS):
        return IndicatorKind.ACTIVITY
    for word, kind in _LABELS:
        if label and word in label:
            return kind
    return IndicatorKind.TARGET


def measure_of(kind: IndicatorKind) -> Measure:
    """The family of a kind: 目標, アウトカム指標 and 業績目標 are outcome targets.

    >>> [measure_of(k).value for k in IndicatorKind]
    ['outcome', 'outcome', 'outcome', 'process', 'activity']
    """
    if kind is IndicatorKind.PROCESS:
        return Measure.PROCESS
    if kind is IndicatorKind.ACTIVITY:
        return Measure.ACTIVITY
    return Measure.OUTCOME


_OWNER_RE = re.compile(r"/(issue|strategy|initiative|reform)/[^/]+$")
_OWNER_TYPES = {
    "issue": OwnerType.ISSUE,
    "strategy": OwnerType.STRATEGY,
    "initiative": OwnerType.INITIATIVE,
    "reform": OwnerType.REFORM_ITEM,
}


def owner_type_of(owner_id: str) -> OwnerType | None:
    """The type of the record an id names, from its last path segment.

    >>> owner_type_of("osaka-kita-2016-5ff5a3afba/initiative/1-1-1").value
    'initiative'
    >>> owner_type_of("osaka-chuo-2019-188e7c927f/reform/n1").value
    'reform_item'
    >>> owner_type_of("osaka-kita-2016-5ff5a3afba") is None
    True
    """
    m = _OWNER_RE.search(owner_id)
    return _OWNER_TYPES[m.group(1)] if m else None
