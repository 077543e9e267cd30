"""Who issued a document and for which year: title parsing and ward/city resolution.

Titles follow ``<年度> <issuer>運営方針[(案)]`` with many small deviations
(``平成29度``, ``生野区度運営方針``, ``2019年度(平成31年度)淀川区運営方針(案)``,
``令和5年度 ICT戦略室運営方針``).  The issuer is read from the title; a ward
is only named when the issuer *is* a ward, and the city is only Osaka when
nothing in the document points to another city, so a Yokohama 港北区 page
never becomes Osaka's 北区.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ...eras import find_fiscal_year
from ...japanese import fold
from ...sites import OSAKA, OSAKA_WARDS, CityProfile

__all__ = [
    "OSAKA",
    "OSAKA_WARDS",
    "CityProfile",
    "Identity",
    "find_city_mentions",
    "parse_title",
    "ward_in_text",
]

# designated cities and other large cities whose wards publish similar plans
_CITY_RE = re.compile(
    r"(大阪|堺|京都|神戸|横浜|川崎|相模原|名古屋|福岡|北九州|札幌|仙台|さいたま|千葉|新潟|静岡|浜松|岡山|広島|熊本)市"
)

_DRAFT_RE = re.compile(r"[(]\s*(?:素案|案)\s*[)]|(?:素案|\(案\)|（案）)\s*$|案\s*$")
_TITLE_RE = re.compile(r"(?P<org>[^\s、。「」()]{1,24}?)\s*度?\s*運営方針")


@dataclass(frozen=True, slots=True)
class Identity:
    """What a title says about its document."""

    title: str
    fiscal_year: int | None
    fiscal_year_label: str | None
    status: str
    organization: str | None
    city: str | None
    ward: str | None


def parse_title(title: str) -> Identity:
    """Read year, issuer and draft status from a document title.

    >>> i = parse_title("平成29年度 西区運営方針(案)")
    >>> (i.fiscal_year, i.fiscal_year_label, i.status, i.ward)
    (2017, '平成29年度', 'draft', '西区')
    >>> i = parse_title("2019年度(平成31年度)淀川区運営方針(案)")
    >>> (i.fiscal_year, i.fiscal_year_label, i.ward)
    (2019, '2019年度(平成31年度)', '淀川区')
    >>> parse_title("令和元年度 東淀川区運営方針").ward
    '東淀川区'
    >>> parse_title("平成30年度生野区度運営方針").ward
    '生野区'
    >>> i = parse_title("令和5年度 横浜市港北区運営方針")
    >>> (i.city, i.ward)
    ('横浜市', '港北区')
    >>> i = parse_title("令和5年度 ICT戦略室運営方針")
    >>> (i.ward, i.organization)
    (None, 'ICT戦略室')
    """
    folded = fold(title)
    fy = find_fiscal_year(title)
    status = "draft" if _DRAFT_RE.search(folded) else "final"
    org: str | None = None
    rest_start = fy.end if fy else 0
    m = _TITLE_RE.search(folded, rest_start)
    if m:
        org = title[m.start("org") : m.end("org")].strip()
        org = re.sub(r"^(?:度|年度)", "", org).strip() or None
    city = None
    ward = None
    if org:
        cm = _CITY_RE.search(fold(org))
        if cm:
            city = org[: cm.end()]
            org_rest = org[cm.end() :]
        else:
            org_rest = org
        wm = re.search(r"([^\s市]{1,5}区)$", org_rest)
        if wm:
            ward = wm.group(1)
    return Identity(
        title=title,
        fiscal_year=fy.year if fy else None,
        fiscal_year_label=fy.label if fy else None,
        status=status,
        organization=org,
        city=city,
        ward=ward,
    )


def find_city_mentions(texts: list[str]) -> Counter[str]:
    """How often each city is named in the body.

    >>> find_city_mentions(["大阪市北区役所", "堺市と連携", "大阪市"]).most_common(1)
    [('大阪市', 2)]
    """
    counts: Counter[str] = Counter()
    for text in texts:
        found = _cities_in(text)
        if found:
            counts.update(found)
    return counts


@functools.lru_cache(maxsize=16384)
def _cities_in(text: str) -> tuple[str, ...]:
    """The city names in one text, in order.

    Remembered: a document's texts are searched once for the city layouts'
    detection, again by the Osaka layout's and again by the grammar.
    """
    return tuple(m.group(0) for m in _CITY_RE.finditer(fold(text)))


def ward_in_text(texts: list[str], wards: dict[str, str]) -> str | None:
    """The ward a body names most often, for documents whose title does not say.

    A ward name counts only when it is not the tail of a longer name (``港北区``
    is not ``北区``): it must start the text or follow a non-ideograph or ``市``.

    >>> ward_in_text(["その背景としては、中央区は、人口の流動が激しい"], OSAKA_WARDS)
    '中央区'
    >>> ward_in_text(["横浜市港北区の取組"], OSAKA_WARDS) is None
    True
    """
    names = sorted(wards, key=len, reverse=True)
    pattern = re.compile(r"(?:^|(?<=[^\u3400-\u9fff々])|(?<=市))(" + "|".join(map(re.escape, names)) + ")")
    counts: Counter[str] = Counter()
    for text in texts:
        for m in pattern.finditer(text):
            counts[m.group(1)] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
