"""Osaka City ward 運営方針 pages and forms (平成25年度 onwards, all 24 wards)."""

from __future__ import annotations

from collections.abc import Sequence

from ..blocks import Block
from .base import LayoutContext, LayoutResult, parser_info
from .policy import OSAKA, other_city_evidence, parse_policy, structure_score
from .policy.identity import ward_in_text

__all__ = ["OsakaWardLayout"]


class OsakaWardLayout:
    """The 運営方針 grammar with Osaka's 24 wards: ward, ward_slug and city are filled in."""

    name = "osaka-ward"
    version = "1.1.0"  # 1.1.0: nested list items, strategies under 主な戦略 by code or statement
    description = "Osaka City ward 運営方針 (pages, 様式 tables, R5+ format)"

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        score = context.shared(structure_score, blocks)
        url = context.meta.url or _url(context.uri)
        if other_city_evidence(blocks, OSAKA, url):
            return score * 0.2
        head = [b.text for b in blocks[:8]]
        if (context.meta.title and ward_in_text([context.meta.title], OSAKA.wards)) or ward_in_text(
            head, OSAKA.wards
        ):
            score += 0.1  # an Osaka ward's document even when it is not a 運営方針
        return min(score, 1.0)

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        return parse_policy(blocks, context, parser_info(self), OSAKA)


def _url(uri: str) -> str | None:
    return uri if uri.startswith(("http://", "https://")) else None
