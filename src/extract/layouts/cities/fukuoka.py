"""Fukuoka City 区役所 運営方針.

The page names the ward's まちづくりの目標 (a slogan with a ``~…~`` subtitle:
the goal), announces its 取組みの方向性 (``下記のとおり4つの取組みの方向性``),
and lists each direction (``「…」をめざします``: an issue) with its ``◆`` items
(initiatives, marked 「新規」 when new) and their explanations.
"""

from __future__ import annotations

from ...sites import FUKUOKA
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["FukuokaWardLayout"]


class FukuokaWardLayout(CityLayout):
    """福岡市 区役所 運営方針."""

    spec = CitySpec(
        profile=FUKUOKA,
        name="fukuoka-ward",
        version="1.0.0",
        description="Fukuoka City ward office 運営方針",
        sections=(
            Section(r".{0,6}(?:区の)?まちづくりの目標", Area.GOALS),
            Section(r"(?:[0-9]つの)?取組みの方向性", Area.ISSUES),
            Section(r"区役所運営の基本方針|運営の基本方針", Area.POLICIES),
        ),
        outline={
            Marker.AIM: Role.ISSUE,
            Marker.NUMBER: Role.ISSUE,
            Marker.PAREN: Role.ISSUE,
            Marker.DIAMOND: Role.INITIATIVE,
        },
    )
