"""What a layout plugin needs, in one import.

A plugin is a class with ``name``, ``version``, ``description``, ``detect`` and
``parse`` (see :class:`Layout`), registered under the ``extract.layouts``
entry-point group of its own package.  Two ways to write ``parse``:

* reuse the built-in 運営方針 grammar with another city's wards:
  ``parse_policy(blocks, context, parser_info(self), CityProfile(...))``;
* read the blocks yourself, fill a :class:`DocTree` (issues, strategies,
  initiatives with budgets, indicators, reform items) and hand it to
  :func:`build_records`, which makes validated records with the same ids,
  provenance and key order as the built-in layouts.

The Japanese helpers (eras, amounts, quantities, dates, matching form) and the
budget and target readers are the ones the built-ins use.
"""

from __future__ import annotations

from ..blocks import Block, PageMeta
from ..japanese import (
    Quantity,
    clean_text,
    find_fiscal_year,
    fold,
    parse_amount,
    parse_date,
    parse_number,
    parse_quantity,
)
from .base import Layout, LayoutContext, LayoutResult, Warning, parser_info
from .policy import CityProfile, parse_policy, structure_score
from .policy.budgets import BudgetLabel, BudgetNote, parse_label, split_budgets, whole_line_budgets
from .policy.identity import parse_title
from .policy.records import build_records, document_id
from .policy.targets import Result, Target, achieved_from_values, parse_result, parse_target
from .policy.tree import DocTree, IndicatorNode, InitiativeNode, IssueNode, ReformNode, StrategyNode

__all__ = [
    "Block",
    "BudgetLabel",
    "BudgetNote",
    "CityProfile",
    "DocTree",
    "IndicatorNode",
    "InitiativeNode",
    "IssueNode",
    "Layout",
    "LayoutContext",
    "LayoutResult",
    "PageMeta",
    "Quantity",
    "ReformNode",
    "Result",
    "StrategyNode",
    "Target",
    "Warning",
    "achieved_from_values",
    "build_records",
    "clean_text",
    "document_id",
    "find_fiscal_year",
    "fold",
    "parse_amount",
    "parse_date",
    "parse_label",
    "parse_number",
    "parse_policy",
    "parse_quantity",
    "parse_result",
    "parse_target",
    "parse_title",
    "parser_info",
    "split_budgets",
    "structure_score",
    "whole_line_budgets",
]
