"""Yokohama City 区運営方針 (ward pages and the ward newsletter's feature on them).

基本目標 (the goal, a slogan with a ``~…~`` subtitle, or ``基本目標:…`` on one
line; the sentences under it are the ward's approach: policies), 目標達成に向けた
施策 (the pillars: issues, ``(1) …`` or unnumbered short lines, each with its
explanation), 目標達成に向けた組織運営 (policies), and in the newsletter ``◇区``
sections (the ward's) apart from ``◇市`` ones (the city's plan, not recorded)
and 主な取組 listed as ``視点1:aim…initiative``.
"""

from __future__ import annotations

from ...sites import YOKOHAMA
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["YokohamaWardLayout"]


class YokohamaWardLayout(CityLayout):
    """横浜市 区運営方針."""

    spec = CitySpec(
        profile=YOKOHAMA,
        name="yokohama-ward",
        version="1.0.0",
        description="Yokohama City ward 区運営方針 (pages and newsletter features)",
        sections=(
            Section(r"(?:区の)?基本目標", Area.GOALS),
            Section(r"(?:基本)?目標(?:の)?達成に向けた施策", Area.ISSUES),
            Section(r"(?:基本)?目標(?:の)?達成に向けた組織運営", Area.POLICIES),
            Section(r"基本戦略", Area.OTHER),
            Section(r".{0,16}(?:の)?主な取組", Area.INITIATIVES),
        ),
        outline={Marker.PAREN: Role.ISSUE, Marker.NUMBER: Role.ISSUE, Marker.DIAMOND: Role.INITIATIVE},
        plain_issues=True,
        goal_prose=Area.POLICIES,
    )
