"""Japanese eras in policy documents: era years, fiscal years, dates.

Era tables come from ``japanera``; this module adds the documents'
conventions: ``28年度`` without an era (resolved against a fixed pivot, so
output does not depend on the clock), ``元年``, ``R3`` abbreviations, and
fiscal years found by a regex on :func:`~extract.japanese.fold`'s same-length
form so that spans can be cut from the original text.  Re-exported by
:mod:`extract.japanese`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from japanera import ERA_DATA_GENERAL, Era

from .japanese import fold, parse_number

__all__ = [
    "ERA_LESS_PIVOT",
    "FiscalYear",
    "era_to_gregorian",
    "find_fiscal_year",
    "parse_date",
    "resolve_era_less_year",
]

# --------------------------------------------------------------------------- eras

_ERA_ABBREVIATIONS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}


@cache
def _era(name: str) -> Era | None:
    for era in ERA_DATA_GENERAL:
        if era.kanji == name:
            return era
    return None


def era_to_gregorian(era: str, year: int | str) -> int | None:
    """Gregorian year of ``era`` year ``year`` (``元`` = 1; ``R``/``H`` abbreviations accepted).

    >>> era_to_gregorian("令和", "元")
    2019
    >>> era_to_gregorian("平成", 31)
    2019
    >>> era_to_gregorian("H", 28)
    2016
    >>> era_to_gregorian("天平", 1) is None  # not a modern era
    True
    """
    name = _ERA_ABBREVIATIONS.get(era.upper(), era)
    if name not in _ERA_ABBREVIATIONS.values():
        return None
    found = _era(name)
    if found is None:
        return None
    n = 1 if year in ("元", 1) else int(parse_number(str(year)) or 0)
    if n < 1:
        return None
    return int(found.relative_year_to_absolute_year(n))


def resolve_era_less_year(n: int, reference: int | None) -> int:
    """Gregorian year of a year written without its era (``28年度``), near ``reference``.

    Documents write ``28年度`` meaning 平成28 in 2016 and ``2年度`` meaning 令和2;
    with a ``reference`` (the document's own year) the era is the one that puts
    the year closest to it.  Without one (a title, read before the document's
    year is known) a fixed rule decides, never the clock, so the output does not
    change with the day it is made: Osaka's 運営方針 start at 平成24年度 (2012)
    and 令和 began in 2019, so a bare 1–23 is 令和 (2019–2041) and 24 and above
    is 平成 (平成32年度 and later were written for 2020 onwards before the era
    changed).  The rule is "closest to 2026", which it will stay right for
    until 令和24年度 (2042).

    >>> resolve_era_less_year(28, 2016)
    2016
    >>> resolve_era_less_year(29, 2019)   # 29年度 in a 令和元年度 document is 平成29
    2017
    >>> resolve_era_less_year(1, 2019)
    2019
    >>> resolve_era_less_year(2019, None)
    2019
    >>> [resolve_era_less_year(n, None) for n in (1, 23, 24, 28, 32)]
    [2019, 2041, 2012, 2016, 2020]
    """
    if n >= 1000:
        return n
    candidates = [y for y in (era_to_gregorian(e, n) for e in ("昭和", "平成", "令和")) if y is not None]
    if reference is None:
        reference = ERA_LESS_PIVOT
    return min(candidates, key=lambda y: (abs(y - reference), -y))


ERA_LESS_PIVOT = 2026
"""The year an era-less year without a document year is resolved against (see
:func:`resolve_era_less_year`): a constant, so that output never depends on the clock."""


# an era year: 平成28 / 令和元 / H28 / R3 / 2019 ; the optional 年度 suffix is handled by callers
_ERA_NAMES = "明治|大正|昭和|平成|令和"
_FY_RE = re.compile(
    rf"(?:(?P<greg>(?:19|20)[0-9]{{2}})\s*年度(?:\s*\(\s*(?:{_ERA_NAMES})\s*(?:[0-9]{{1,2}}|元)\s*年度\s*\))?)"
    rf"|(?:(?P<era>{_ERA_NAMES})\s*(?P<eyear>[0-9]{{1,2}}|元)\s*年?度)"
    rf"|(?:(?<![0-9A-Za-z])(?P<abbr>[RH])\s*(?P<ayear>[0-9]{{1,2}}|元)\s*(?:年度)?(?![0-9]))"
    rf"|(?:(?<![0-9])(?P<bare>[0-9]{{1,2}}|元)\s*年度)"
)


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A fiscal-year mention: its Gregorian start year and the text as written."""

    year: int
    label: str
    start: int
    end: int
    explicit_era: bool


def find_fiscal_year(text: str, reference: int | None = None, *, pos: int = 0) -> FiscalYear | None:
    """The first fiscal-year expression in ``text`` at or after ``pos``.

    Spans refer to ``text`` itself (matching runs on :func:`fold`, same length).

    >>> find_fiscal_year("平成28年度北区運営方針").year
    2016
    >>> fy = find_fiscal_year("2019年度(平成31年度)淀川区運営方針(案)")
    >>> (fy.year, fy.label)
    (2019, '2019年度(平成31年度)')
    >>> find_fiscal_year("令和元年度 東淀川区運営方針").year
    2019
    >>> find_fiscal_year("【平成29度 区運営の基本的な考え方】").year  # typo without 年
    2017
    >>> find_fiscal_year("(29年度予算額 -)", reference=2017).year
    2017
    >>> find_fiscal_year("10,000世帯以上(R3~R5作成合計目標)").label
    'R3'
    """
    folded = fold(text)
    m = _FY_RE.search(folded, pos)
    if m is None:
        return None
    label = text[m.start() : m.end()]
    if m.group("greg"):
        year = int(m.group("greg"))
        explicit = True
    elif m.group("era"):
        year = era_to_gregorian(m.group("era"), m.group("eyear")) or 0
        explicit = True
    elif m.group("abbr"):
        year = era_to_gregorian(m.group("abbr"), m.group("ayear")) or 0
        explicit = True
    else:
        bare = m.group("bare")
        year = resolve_era_less_year(1 if bare == "元" else int(bare), reference)
        explicit = False
    return FiscalYear(year=year, label=label, start=m.start(), end=m.end(), explicit_era=explicit)


_DATE_RE = re.compile(
    rf"(?:(?P<greg>(?:19|20)[0-9]{{2}})|(?P<era>{_ERA_NAMES})\s*(?P<eyear>[0-9]{{1,2}}|元))\s*年\s*"
    r"(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日"
)


def parse_date(text: str) -> _dt.date | None:
    """The first full date (Gregorian or era) in ``text``.

    >>> parse_date("2017年6月8日")
    datetime.date(2017, 6, 8)
    >>> parse_date("(令和元年10月4日)")
    datetime.date(2019, 10, 4)
    >>> parse_date("2017年13月8日") is None
    True
    """
    m = _DATE_RE.search(fold(text))
    if m is None:
        return None
    if m.group("greg"):
        year: int | None = int(m.group("greg"))
    else:
        year = era_to_gregorian(m.group("era"), m.group("eyear"))
    if year is None:
        return None
    try:
        return _dt.date(year, int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None
