"""Sapporo City 区の行政運営 / 区運営方針.

The page (``南区の行政運営``) gives the chief's approach under ``南区の運営に
あたって`` (policies), and names the year's pillars in a sentence
(``「…」、「…」、「…」を3本の柱として``: issues); the printed plan is an
attachment.  Its 重点取組 (issues) and 主な取組 (initiatives) are numbered.
"""

from __future__ import annotations

from ...sites import SAPPORO
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["SapporoWardLayout"]


class SapporoWardLayout(CityLayout):
    """札幌市 区の行政運営."""

    spec = CitySpec(
        profile=SAPPORO,
        name="sapporo-ward",
        version="1.0.0",
        description="Sapporo City ward 行政運営 / 区運営方針",
        sections=(
            Section(r".{1,6}の運営にあたって|区運営の基本的な考え方", Area.POLICIES),
            Section(r"(?:\S{0,6}区の)?(?:目指す|めざす)(?:まちの)?姿|\S{0,6}区の将来像", Area.GOALS),
            Section(r"(?:[0-9]本の柱|重点取組|重点的な取組)", Area.ISSUES),
        ),
        outline={Marker.NUMBER: Role.ISSUE, Marker.PAREN: Role.INITIATIVE, Marker.BULLET: Role.INITIATIVE},
    )
