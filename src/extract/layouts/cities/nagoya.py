"""Nagoya City 区政運営方針 (and its 事業シート集).

The plan's pillars are numbered ``Ⅰ`` (issues), their policies ``1`` (strategies)
and the projects ``(1)`` (initiatives), as in the 事業シート集's table of
contents; a PDF transcript on one line is cut back into those lines first, and
the contents' leader dashes and page numbers are dropped.
"""

from __future__ import annotations

import re

from ...sites import NAGOYA
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["NagoyaWardLayout", "split_contents"]

_CUT_RE = re.compile(
    r"\s*(?:-{3,}[\s0-9]*|(?<=\S)\s+[0-9]{1,3}(?:\s+[0-9]{1,3})*\s+(?=[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ(]))"
    r"|\s+(?=[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ][^\s\d])|\s+(?=\([0-9]{1,2}\)\S)|\s+(?=[0-9]{1,2}[^\s\d年月日ヶか%.,)])"
    r"|\s+(?=目\s*次)|\s+(?=【)|(?<=】)\s+|\s+(?=以上$)"
)


def split_contents(text: str) -> list[str]:
    """A flattened contents line cut into its headings (dash leaders and page numbers dropped).

    >>> split_contents("Ⅰ災害に備えたまちづくり 1地域防災力の強化 ------ 5 (1)各種防災訓練 (2)津波対策 5 7 Ⅱ安心")
    ['Ⅰ災害に備えたまちづくり', '1地域防災力の強化', '(1)各種防災訓練', '(2)津波対策', 'Ⅱ安心']
    """
    if len(text) < 120 and "---" not in text:
        return [text]
    parts = [p.strip() for p in _CUT_RE.split(text)]
    return [re.sub(r"\s+[0-9]{1,3}(?:\s+[0-9]{1,3})*$", "", p) for p in parts if p and not p.isdigit()]


class NagoyaWardLayout(CityLayout):
    """名古屋市 区政運営方針."""

    spec = CitySpec(
        profile=NAGOYA,
        name="nagoya-ward",
        version="1.0.0",
        description="Nagoya City ward 区政運営方針 (and its 事業シート集)",
        sections=(
            Section(r"区政運営方針[0-9]つの柱|区政運営の柱|目\s*次", Area.ISSUES),
            Section(r"(?:\S{0,6}区の)?(?:目指す|めざす)(?:まちの)?姿|\S{0,6}区の将来像", Area.GOALS),
            Section(r"区政運営の基本(?:的な)?(?:方針|考え方)", Area.POLICIES),
        ),
        outline={Marker.ROMAN: Role.ISSUE, Marker.NUMBER: Role.STRATEGY, Marker.PAREN: Role.INITIATIVE},
        split=split_contents,
    )
