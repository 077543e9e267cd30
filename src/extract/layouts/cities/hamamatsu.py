"""Hamamatsu City 区政運営方針.

区長あいさつ (the chief's message), the 将来像 / 目指す姿 named in it
(``目指す将来像「…」``: goals), 基本方針 (``●`` headed policies, each with its
sentence nested under it) and 重点的な取り組みの柱 (``1.`` issues).  Titles may
end in a calendar year (``浜松市中区区政運営方針2023``); a page of one ward may sit
under another ward's path since the 2024 reorganisation, so the text's ward wins.
"""

from __future__ import annotations

from ...sites import HAMAMATSU
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["HamamatsuWardLayout"]


class HamamatsuWardLayout(CityLayout):
    """浜松市 区政運営方針."""

    spec = CitySpec(
        profile=HAMAMATSU,
        name="hamamatsu-ward",
        version="1.0.0",
        description="Hamamatsu City ward 区政運営方針",
        sections=(
            Section(r"区政運営のための基本方針と重点的な取り組みの柱|区長あいさつ", Area.OTHER),
            Section(r"基本方針", Area.POLICIES),
            Section(r"重点的な取り組みの柱|重点的に取り組むべき柱", Area.ISSUES),
            Section(r"[0-9]{1,2}年後の(?:目指す|めざす)姿|区の将来像", Area.OTHER),
        ),
        outline={Marker.NUMBER: Role.ISSUE, Marker.PAREN: Role.INITIATIVE, Marker.BULLET: Role.INITIATIVE},
    )
