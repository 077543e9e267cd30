"""Who issued a city page and for which year, from its title, its text and its URL.

The title is the first short line that names a plan (運営方針, マニフェスト,
行政運営 or the city's own title form); the year comes from the title, else
from a sentence about the plan (``令和4年度の「運営方針」を定めました``), else
from the URL (``r3_nakaku.html``, ``/h29/``); the ward from the title, the
text, then the URL's path, always one of the city's own wards.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from ...eras import find_fiscal_year, parse_date
from ...japanese import fold
from ...sites import CityProfile
from ..policy.tree import DocTree

__all__ = ["find_ward", "read_chief", "read_date", "read_year", "year_from_url"]

_PLAN_RE = re.compile(r"運営方針|マニフェスト|行政運営|組織運営")
_CALENDAR_YEAR_RE = re.compile(r"(?:運営方針|マニフェスト)\s*(?P<year>(?:19|20)[0-9]{2})\s*$")
_URL_YEAR_RE = re.compile(r"(?:^|[/_\-])(?P<era>[rh])(?P<num>[0-9]{1,2})n?(?=[_/.\-]|$)")
_DATE_LINE_RE = re.compile(
    r"^\s*(?:最終)?(?:更新日|掲載日)?\s*[:]?\s*(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*$"
)
_CHIEF_RE = re.compile(r"^(?:.*写真)?\s*(?P<office>\S{1,6}区長)\s+(?P<name>\S{1,6}(?:\s+\S{1,6})?)\s*$")


def find_ward(texts: Sequence[str], profile: CityProfile) -> str | None:
    """The city's ward the texts name most (first named on a tie).

    A name counts when it is not the tail of a longer name (``港北区`` is not
    ``北区``): it must start the text or follow a non-ideograph, ``市`` or a
    year's ``度`` (``平成31年度中京区運営方針``).
    """
    names = sorted(profile.wards, key=len, reverse=True)
    pattern = re.compile(
        r"(?:^|(?<=[^\u3400-\u9fff々])|(?<=市)|(?<=度))(" + "|".join(map(re.escape, names)) + ")"
    )
    counts: Counter[str] = Counter()
    for text in texts:
        for m in pattern.finditer(fold(text)):
            counts[m.group(1)] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def year_from_url(url: str | None) -> tuple[int, str] | None:
    """The 年度 a URL's path names (``r3_…``, ``r4n_…``, ``/h29/``), as a year and its label."""
    if not url:
        return None
    m = _URL_YEAR_RE.search(urlsplit(url).path.lower())
    if m is None:
        return None
    n = int(m.group("num"))
    if m.group("era") == "r":
        return 2018 + n, f"令和{n}年度"
    return 1988 + n, f"平成{n}年度"


def read_year(tree: DocTree, texts: Sequence[str], url: str | None) -> None:
    """Set the fiscal year: the title's, a calendar year ending the title, a plan sentence's, the URL's."""
    if tree.fiscal_year is not None:
        return
    if tree.title and (m := _CALENDAR_YEAR_RE.search(fold(tree.title))):
        tree.fiscal_year, tree.fiscal_year_label = int(m.group("year")), m.group("year")
        return
    for text in texts:
        if _PLAN_RE.search(text) and (fy := find_fiscal_year(text)):
            tree.fiscal_year, tree.fiscal_year_label = fy.year, fy.label
            return
    if found := year_from_url(url):
        tree.fiscal_year, tree.fiscal_year_label = found


def read_date(text: str) -> _dt.date | None:
    """The date of a date line (``更新日:2025年6月5日``, ``最終更新日 2024年5月16日``), else None."""
    if not _DATE_LINE_RE.match(fold(text)):
        return None
    return parse_date(text)


def read_chief(text: str) -> str | None:
    """The chief's name on a ``中区長 西川 明尚`` line (a photo caption may come first), else None."""
    m = _CHIEF_RE.match(fold(text))
    return text[m.start("name") : m.end("name")] if m else None
