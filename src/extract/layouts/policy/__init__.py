"""The 運営方針 grammar shared by the built-in layouts.

:func:`parse_policy` runs segmentation, classification, the grammar and record
building; :func:`structure_score` says how much of a policy document's
structure the blocks show, for layout detection.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from ...blocks import Block
from ...models import ParserInfo
from ...sites import SITES
from ..base import LayoutContext, LayoutResult
from .classify import classify
from .grammar import Grammar
from .identity import OSAKA, CityProfile, find_city_mentions
from .kinds import Kind
from .records import build_records
from .segments import segment_blocks

__all__ = [
    "OSAKA",
    "CityProfile",
    "has_own_headings",
    "other_city_evidence",
    "parse_policy",
    "structure_score",
]

_SECTION_KINDS = {Kind.GOALS, Kind.MISSIONS, Kind.POLICIES, Kind.ISSUES_SECTION, Kind.REFORM_SECTION}
_HEADING_KINDS = {Kind.ISSUE, Kind.STRATEGY, Kind.INITIATIVE, Kind.REFORM_ITEM}
_OWN_HEADINGS = {Kind.ISSUE, Kind.STRATEGY, Kind.INITIATIVE}


def structure_score(blocks: Sequence[Block]) -> float:
    """0..1: how clearly the blocks show a 運営方針's sections and numbered headings."""
    sections: set[Kind] = set()
    headings = 0
    title = 0.0
    for i, seg in enumerate(segment_blocks(blocks)):
        kind = classify(seg.text).kind
        if kind in _SECTION_KINDS:
            sections.add(kind)
        elif kind in _HEADING_KINDS:
            headings += 1
        if i < 30 and "運営方針" in seg.text:
            title = 0.2
    return min(1.0, 0.2 * len(sections) + 0.08 * min(headings, 5) + title)


def has_own_headings(blocks: Sequence[Block]) -> bool:
    """Whether the blocks use the grammar's headings (経営課題 / 戦略 / 具体的取組, 【重点取組1 …】).

    Another city's page written in that vocabulary is read by the grammar with the city's profile.
    """
    kinds = [classify(seg.text).kind for seg in segment_blocks(blocks)]
    # one 【word N】 line may be a tag (【特集2】 of a newsletter); the vocabulary shows in several
    return any(k in _OWN_HEADINGS for k in kinds) or kinds.count(Kind.NUMBERED) >= 2


def other_city_evidence(blocks: Sequence[Block], profile: CityProfile, url: str | None) -> bool:
    """True when the document names another city more than ``profile``'s, or is on another city's site.

    A URL on a host no city owns (a document-sharing site, a mirror) is no evidence either way.
    """
    if profile.owns_url(url):
        return False
    if any(site.owns_url(url) for site in SITES if site.name != profile.name):
        return True
    mentions = find_city_mentions([b.text for b in blocks] + [c for b in blocks for c in b.cells])
    own = mentions.get(profile.name, 0)
    return any(n > own for c, n in mentions.items() if c != profile.name)


def parse_policy(
    blocks: Sequence[Block], context: LayoutContext, parser: ParserInfo, profile: CityProfile | None
) -> LayoutResult:
    """Records for a policy document read with the city ``profile`` (None: city-neutral)."""
    grammar = Grammar(
        segment_blocks(blocks),
        profile,
        url=context.meta.url or _url_of(context.uri),
        complete=context.meta.complete,
    )
    result = grammar.run()
    started = time.perf_counter()
    records = build_records(result.tree, context, parser)
    built = time.perf_counter() - started
    return LayoutResult(
        records=records,
        warnings=result.warnings,
        claimed_chars=result.claimed_chars,
        total_chars=result.total_chars,
        unclaimed=result.unclaimed,
        records_seconds=built,
    )


def _url_of(uri: str) -> str | None:
    return uri if uri.startswith(("http://", "https://")) else None
