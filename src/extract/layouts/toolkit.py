"""What a layout plugin needs, in one import, under a version.

A plugin is a class with ``name``, ``version``, ``description``, ``detect`` and
``parse`` (see :class:`Layout`), registered under the ``extract.layouts``
entry-point group of its own package.  Two ways to write ``parse``:

* reuse the built-in 運営方針 grammar with another city's wards:
  ``parse_policy(blocks, context, parser_info(self), CityProfile(...))``;
* read the blocks yourself: keep a :class:`Coverage` over them (``claim`` each
  block a record uses), fill a :class:`DocTree` (:func:`read_title`, issues,
  initiatives with :func:`split_budgets`, indicators with
  :func:`parse_indicator`, …) and return :func:`layout_result`, which builds
  validated records with the same ids, provenance and key order as the
  built-in layouts and fills in the coverage.

Compatibility: :data:`TOOLKIT_VERSION` is ``MAJOR.MINOR``.  A minor release
only adds names or optional arguments; a name is removed, renamed or changes
behaviour only in a new major release.  A plugin written against ``1.x``
works with every ``1.y`` where ``y >= x``; check ``TOOLKIT_VERSION_INFO`` if
it needs a name added in a later minor.  Only the names in ``__all__`` are
covered; anything imported from ``extract.layouts.policy`` directly is
internal and may change in any release.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..blocks import Block, PageMeta
from ..eras import find_fiscal_year, parse_date
from ..japanese import Quantity, clean_text, fold, parse_amount, parse_number, parse_quantity
from ..models import ParserInfo
from .base import Diagnostic, Layout, LayoutContext, LayoutResult, parser_info
from .coverage import Coverage, CoverageTotals
from .policy import CityProfile, parse_policy, structure_score
from .policy.budgets import BudgetLabel, BudgetNote, parse_label, split_budgets, whole_line_budgets
from .policy.identity import Identity, find_city_mentions, parse_title, ward_in_text
from .policy.indicators import indicator_from_target, match_indicator, parse_indicator, record_actual
from .policy.records import build_records, document_id
from .policy.targets import Result, Target, achieved_from_values, match_key, parse_result, parse_target
from .policy.titles import clean_title, strip_bullet
from .policy.tree import (
    DocTree,
    IndicatorNode,
    InitiativeNode,
    IssueNode,
    ReformNode,
    ReformPhase,
    StrategyNode,
)

TOOLKIT_VERSION = "1.1"
"""The toolkit's own version (``MAJOR.MINOR``), independent of the package's; see the module docstring."""
TOOLKIT_VERSION_INFO = (1, 1)
""":data:`TOOLKIT_VERSION` as integers, for comparisons."""
__version__ = TOOLKIT_VERSION

__all__ = [
    "TOOLKIT_VERSION",
    "TOOLKIT_VERSION_INFO",
    "Block",
    "BudgetLabel",
    "BudgetNote",
    "CityProfile",
    "Coverage",
    "CoverageTotals",
    "Diagnostic",
    "DocTree",
    "Identity",
    "IndicatorNode",
    "InitiativeNode",
    "IssueNode",
    "Layout",
    "LayoutContext",
    "LayoutResult",
    "PageMeta",
    "Quantity",
    "ReformNode",
    "ReformPhase",
    "Result",
    "StrategyNode",
    "Target",
    "achieved_from_values",
    "build_records",
    "clean_text",
    "clean_title",
    "document_id",
    "find_city_mentions",
    "find_fiscal_year",
    "fold",
    "indicator_from_target",
    "layout_result",
    "match_indicator",
    "match_key",
    "parse_amount",
    "parse_date",
    "parse_indicator",
    "parse_label",
    "parse_number",
    "parse_policy",
    "parse_quantity",
    "parse_result",
    "parse_target",
    "parse_title",
    "parser_info",
    "read_title",
    "record_actual",
    "split_budgets",
    "strip_bullet",
    "structure_score",
    "ward_in_text",
    "whole_line_budgets",
]


def read_title(tree: DocTree, title: str, locator: str, *, parse_as: str | None = None) -> Identity:
    """Set the document's title and what it says (fiscal year, its label, draft status) on ``tree``.

    ``parse_as`` is the title as :func:`parse_title` should read it when the
    document spaces or spells it unusually (the stored title stays ``title``).
    The issuer is returned, not set: a layout decides how it names the city
    and ward.

    >>> tree = DocTree()
    >>> read_title(tree, "令和6年度 博多区区政運営方針(案)", "line 1").organization
    '博多区区政'
    >>> (tree.title_locator, tree.fiscal_year, tree.fiscal_year_label, tree.status)
    ('line 1', 2024, '令和6年度', 'draft')
    """
    ident = parse_title(parse_as if parse_as is not None else title)
    tree.title, tree.title_locator = title, locator
    tree.fiscal_year, tree.fiscal_year_label, tree.status = (
        ident.fiscal_year,
        ident.fiscal_year_label,
        ident.status,
    )
    return ident


def layout_result(
    tree: DocTree,
    context: LayoutContext,
    parser: ParserInfo,
    coverage: Coverage,
    warnings: Iterable[Diagnostic] = (),
) -> LayoutResult:
    """The records of ``tree`` (validated, with the project's ids) as a :class:`LayoutResult`
    carrying ``coverage``'s account, ready to return from ``parse``.
    """
    return coverage.result(build_records(tree, context, parser), warnings)
