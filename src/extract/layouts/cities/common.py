"""The machinery every city layout shares: a :class:`CitySpec` says what the city calls things,
:class:`CityLayout` detects its pages and walks them into the same records as Osaka's.

A city module only declares its vocabulary (which headings open the goals,
policies, issues and initiatives sections, how its outline numbers issues,
strategies and initiatives, what its title line looks like); the walk, the
identity (title, year, ward, date, chief), budgets, indicators, nesting and
the truncation check live here, in :mod:`.identity` and :mod:`.walk`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ...blocks import Block
from ...japanese import fold
from ...sites import SITES, CityProfile, host_of
from ..base import LayoutContext, LayoutResult, parser_info
from ..policy import has_own_headings, parse_policy
from ..policy.identity import find_city_mentions
from .lines import Marker

__all__ = ["Area", "CityLayout", "CitySpec", "Role", "Section"]


class Area(StrEnum):
    """The part of a page the walk is in; the city's section headings switch it."""

    PREAMBLE = "preamble"  # title, date, chief, introduction: before the first section
    GOALS = "goals"  # 目標 / 将来像 / 目指す姿
    MISSIONS = "missions"  # 使命 / 役割
    POLICIES = "policies"  # 運営の考え方 / 基本方針 / マニフェスト
    ISSUES = "issues"  # 重点取組 / 施策の柱 / 取組みの方向性
    INITIATIVES = "initiatives"  # 主な取組 / 事業
    REFORM = "reform"  # 行財政改革
    OTHER = "other"  # the city's plan, messages and other text no record holds


class Role(StrEnum):
    """What a marked line is in the issues area: the city's outline maps markers to roles."""

    ISSUE = "issue"
    STRATEGY = "strategy"
    INITIATIVE = "initiative"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading that opens an area: a pattern over the folded line without its bullet."""

    pattern: str
    area: Area


PILLAR_WORDS = r"(?:重点)?(?:取組み?|取り組み)(?:の柱|の方向性)?|柱|目標|方向性|施策|視点"
"""What a lead-in (``以下の4つの取組``, ``下記のとおり4つの取組みの方向性``) announces: the issues that follow."""

DEFAULT_TITLE = r".{0,40}(?:運営方針|マニフェスト|行政運営|組織運営).{0,20}"


@dataclass(frozen=True, slots=True)
class CitySpec:
    """One city's vocabulary and outline, everything its layout module declares."""

    profile: CityProfile
    name: str
    version: str
    description: str
    sections: tuple[Section, ...]
    outline: Mapping[Marker, Role] = field(
        default_factory=lambda: {Marker.NUMBER: Role.ISSUE, Marker.PAREN: Role.ISSUE, Marker.AIM: Role.ISSUE}
    )
    """In the issues area, which marked lines are issues, strategies and initiatives."""
    plain_issues: bool = False
    """Whether short unmarked lines in the issues area are issue titles (pages without numbers)."""
    title: str = DEFAULT_TITLE
    """The title line (a pattern over the folded line), asked before the first section."""
    goal_prose: Area | None = None
    """Where sentences under the goals heading go (the goal's explanation), None: no record."""
    labels: tuple[str, ...] = ("現状(課題)", "現状と課題", "課題", "現状")
    """Labels of an issue's summary (the sentences after them are the summary)."""
    split: Callable[[str], list[str]] | None = None
    """Cuts a flattened line (a PDF transcript on one line) into the lines it was made of."""


class CityLayout:
    """A built-in layout for one city's ward pages, parameterised by its :class:`CitySpec`."""

    spec: CitySpec
    name: str
    version: str
    description: str

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.name, cls.version, cls.description = cls.spec.name, cls.spec.version, cls.spec.description

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        """0.95 on the city's own hosts, 0.6-0.9 when the text names the city or uses its vocabulary.

        A page on another known city's host is never this city's; a page on a host no city owns
        (a newsletter portal, a document-sharing site) is judged by its text.
        """
        profile = self.spec.profile
        url = context.meta.url or (context.uri if host_of(context.uri) else None)
        if host_of(url):
            if profile.owns_url(url):
                return 0.95
            if any(site.owns_url(url) for site in SITES):
                return 0.0
        mentions, joined = context.shared(_searched_text, blocks)
        own = mentions.get(profile.name, 0)
        named = own > 0 and all(n < own for c, n in mentions.items() if c != profile.name)
        vocabulary = any(v in joined for v in profile.vocabulary)
        if not named and not vocabulary:
            return 0.0
        if mentions and not named and max(mentions.values()) > own:
            return 0.0  # another city is named more: its page, whatever words it shares
        score = 0.6 + (0.1 if named and vocabulary else 0.0)
        if re.search(r"運営方針|マニフェスト|行政運営|組織運営", joined[:2000]):
            score += 0.2
        return round(score, 2)

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        """The city's walk; a page written in the 経営課題 / 戦略 vocabulary is read by that grammar
        with the city's profile instead (its wards and slugs), since the walk does not know it."""
        from .walk import walk

        if has_own_headings(blocks):
            return parse_policy(blocks, context, parser_info(self), self.spec.profile)
        return walk(self.spec, blocks, context, parser_info(self))


def _searched_text(blocks: Sequence[Block]) -> tuple[Counter[str], str]:
    """The cities a document names and its folded text, searched by every city layout's detection."""
    texts = [b.text for b in blocks] + [c for b in blocks if b.kind == "table_row" for c in b.cells]
    return find_city_mentions(texts), "\n".join(fold(t) for t in texts)
