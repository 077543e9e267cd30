"""Indicators: from a parsed target statement to an :class:`IndicatorNode`, and results back to it.

The grammar and plugins build indicators the same way (what is measured, the
target with its year, the baseline with its year), and match reported results
to the indicator they are about by a spacing- and bracket-blind key.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...japanese import Quantity
from .targets import Target, achieved_from_values, match_key, parse_target
from .tree import IndicatorNode

__all__ = ["indicator_from_target", "match_indicator", "parse_indicator", "record_actual"]


def indicator_from_target(
    kind: str, target: Target, locator: str, context: str | None = None
) -> IndicatorNode:
    """An indicator of ``kind`` (アウトカム指標, 目標, 成果指標, …) holding everything ``target`` read.

    ``context`` tells indicators of one owner apart (``取組内容`` for a target
    stated inside an action); None for the owner's main indicators.
    """
    return IndicatorNode(
        kind=kind,
        text=target.text,
        locator=locator,
        context=context,
        target_text=target.target_text,
        target=target.target,
        target_fiscal_year=target.target_fiscal_year,
        baseline=target.baseline,
        baseline_fiscal_year=target.baseline_fiscal_year,
    )


def parse_indicator(
    kind: str, statement: str, locator: str, reference_year: int | None, context: str | None = None
) -> IndicatorNode | None:
    """The indicator a target statement describes, or None when it states no target.

    One call for the common case of a labelled line such as ``成果指標:…``.

    >>> node = parse_indicator("成果指標", "参加者数 【6年度】 3,000人 (5年度2,410人)", "line 9", 2024)
    >>> (node.text, node.target.value, node.baseline.value, node.baseline_fiscal_year)
    ('参加者数', 3000.0, 2410.0, 2023)
    >>> parse_indicator("成果指標", "随時", "line 9", 2024) is None
    True
    """
    target = parse_target(statement, reference_year)
    return None if target is None else indicator_from_target(kind, target, locator, context)


def match_indicator(nodes: Sequence[IndicatorNode], text: str) -> IndicatorNode | None:
    """The indicator a result line is about: the same key, else one key containing the other."""
    key = match_key(text)
    if not key:
        return None
    for node in nodes:
        if match_key(node.text) == key:
            return node
    for node in nodes:
        nk = match_key(node.text)
        if nk and (nk in key or key in nk):
            return node
    return None


def record_actual(node: IndicatorNode, actual: Quantity | None, actual_text: str | None) -> None:
    """Store a reported value and whether it meets the target (``computed`` when it can be compared)."""
    node.actual = actual
    node.actual_text = actual_text
    node.achieved = achieved_from_values(node.target, node.actual, node.text)
    node.achieved_basis = "computed" if node.achieved is not None else None
