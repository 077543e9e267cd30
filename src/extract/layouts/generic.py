"""The fallback: any document, any city.

Reads what the 運営方針 grammar can without knowing the city's wards: the
title, year, issuer and city named in the text, and the numbered 【…】
headings.  On a page that is not a policy document at all it still yields a
document record, with a warning that no policy layout was recognised.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..blocks import Block
from .base import LayoutContext, LayoutResult, parser_info
from .policy import parse_policy, structure_score

__all__ = ["GenericLayout"]


class GenericLayout:
    """City-neutral reading of policy-like documents; always applicable, rarely the best."""

    name = "generic"
    version = "1.1.0"  # 1.1.0: nested list items
    description = "Any city's policy page: title, year, issuer, numbered 【…】 headings"

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        return 0.05 + 0.3 * context.shared(structure_score, blocks)

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        return parse_policy(blocks, context, parser_info(self), None)
