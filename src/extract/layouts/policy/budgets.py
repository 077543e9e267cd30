"""Budget figures as written: ``[28年度予算額 66,753千円]``, ``《5,237千円》``,
``(29年度予算額 -)``, ``(29年度区CM予算額13,738千円)``, ``令和3年度決算額 6千9百万円``,
``予算額(予算科目) 6,583千円``, ``[算定見込額 263千円]``.

A figure may carry its own label (year and kind), take it from a column
header (``主な具体的取組(令和3年度予算額)``) or from a heading whose amount
comes later (``具体的取組1-1-1 title(2年度予算額)`` … ``(1,976千円)``), or
have none, in which case the document's convention applies (the current
year's 予算額) and the figure is marked ``inferred``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...eras import find_fiscal_year
from ...japanese import fold, parse_amount

__all__ = ["BudgetLabel", "BudgetNote", "parse_label", "split_budgets", "whole_line_budgets"]

_KIND = r"(?:区CM|局CM|CM|当初|補正|一般会計)?(?:予算額|決算額|予算見込額|決算見込額|算定見込額|見込額|予算)"
_FY = r"(?:(?:令和|平成)\s*)?(?:[0-9]{1,2}|元)\s*年度|(?:19|20)[0-9]{2}\s*年度"
_AMOUNT = r"[0-9〇一二三四五六七八九][0-9,.〇一二三四五六七八九十百千万億]*\s*円"
_LABEL = rf"(?:(?P<fy>{_FY})\s*)?(?P<kind>{_KIND})?\s*(?:\([^()]{{0,12}}\))?\s*[:]?\s*"
_NONE = r"-(?=\s*[)\]》】])"

# a bracketed figure: [..], (..), 《..》, 【..】 containing an amount or "-"
_BRACKETED_RE = re.compile(rf"[(\[《【]\s*{_LABEL}(?P<amount>{_AMOUNT}|{_NONE})\s*[)\]》】]")
# a bracketed label without amount: (2年度予算額)
_LABEL_ONLY_RE = re.compile(rf"[(\[《【]\s*(?P<fy>{_FY})?\s*(?P<kind>{_KIND})\s*[)\]》】]")
# an unbracketed labelled figure: 令和3年度決算額 6千9百万円
_INLINE_RE = re.compile(
    rf"(?:(?P<fy>{_FY})\s*)?(?P<kind>{_KIND})\s*(?:\([^()]{{0,12}}\))?\s*[:]?\s*(?P<amount>{_AMOUNT}|-)"
)
_SEPARATORS_RE = re.compile(r"^[\s/／、,・]*$")


@dataclass(frozen=True, slots=True)
class BudgetLabel:
    """A year and kind that apply to figures written without them."""

    kind: str | None
    fiscal_year: int | None


@dataclass(frozen=True, slots=True)
class BudgetNote:
    """One figure found in the text."""

    amount_yen: int | None
    text: str
    kind: str | None
    fiscal_year: int | None
    inferred: bool


def parse_label(text: str | None, reference_year: int | None) -> BudgetLabel | None:
    """The year and kind in a label such as ``令和3年度予算額`` or ``25年度予算額``.

    >>> parse_label("令和3年度予算額", 2021)
    BudgetLabel(kind='予算額', fiscal_year=2021)
    >>> parse_label("主な具体的取組", 2021) is None
    True
    """
    if not text:
        return None
    f = fold(text)
    km = re.search(_KIND, f)
    if km is None:
        return None
    fy = find_fiscal_year(text, reference_year)
    return BudgetLabel(kind=text[km.start() : km.end()], fiscal_year=fy.year if fy else None)


def _note(
    text: str,
    m: re.Match[str],
    reference_year: int | None,
    default: BudgetLabel | None,
) -> BudgetNote:
    raw = text[m.start() : m.end()]
    inner = raw.strip()
    if inner[:1] in "([《【" and inner[-1:] in ")]》】":
        inner = inner[1:-1].strip()
    amount_text = text[m.start("amount") : m.end("amount")]
    amount = parse_amount(amount_text)
    kind = text[m.start("kind") : m.end("kind")] if m.group("kind") else None
    fy_year = None
    if m.group("fy"):
        fy = find_fiscal_year(text[m.start("fy") : m.end("fy")], reference_year)
        fy_year = fy.year if fy else None
    inferred = False
    if kind is None and fy_year is None:
        if default is not None:
            kind, fy_year = default.kind, default.fiscal_year
        else:
            kind, fy_year, inferred = "予算額", reference_year, True
    elif kind is None:
        kind = default.kind if default else "予算額"
    elif fy_year is None:
        fy_year = default.fiscal_year if default and default.fiscal_year else reference_year
    return BudgetNote(
        amount_yen=amount.yen if amount else None,
        text=inner,
        kind=kind,
        fiscal_year=fy_year,
        inferred=inferred,
    )


def split_budgets(
    text: str, reference_year: int | None, default: BudgetLabel | None = None, *, where: str = "both"
) -> tuple[str, list[BudgetNote], BudgetLabel | None]:
    """Remove bracketed figures at the start and/or end of ``text``.

    Returns the remaining text, the figures, and a label written without an
    amount (``(2年度予算額)``) that applies to a figure further on.

    >>> rest, notes, label = split_budgets("中学生海外派遣の推進  《5,237千円》", 2020)
    >>> (rest, notes[0].amount_yen, notes[0].kind, notes[0].fiscal_year, notes[0].inferred)
    ('中学生海外派遣の推進', 5237000, '予算額', 2020, True)
    >>> rest, notes, label = split_budgets("(29年度予算額 13,667千円)(29年度区CM予算額13,738千円) 要介護者", 2017)
    >>> (rest, [(n.kind, n.amount_yen) for n in notes])
    ('要介護者', [('予算額', 13667000), ('区CM予算額', 13738000)])
    >>> split_budgets("(29年度予算額 -) これまで", 2017)[1][0].amount_yen is None
    True
    >>> rest, notes, label = split_budgets("自助の取組みの推進(2年度予算額)", 2020)
    >>> (rest, notes, label)
    ('自助の取組みの推進', [], BudgetLabel(kind='予算額', fiscal_year=2020))
    >>> split_budgets("学校教育活動支援事業(快適な学習環境を整えるための取組)", 2016)[1]
    []
    """
    notes: list[BudgetNote] = []
    label: BudgetLabel | None = None
    s = text
    if where in ("both", "start"):
        while True:
            f = fold(s)
            stripped = len(f) - len(f.lstrip())
            m = _BRACKETED_RE.match(f, stripped)
            if m is None:
                break
            notes.append(_note(s, m, reference_year, default))
            s = s[m.end() :]
    if where in ("both", "end"):
        tail: list[BudgetNote] = []
        while True:
            f = fold(s).rstrip()
            m = _last_match(_BRACKETED_RE, f)
            if m is not None and m.end() == len(f) and m.start() > 0:
                tail.insert(0, _note(s, m, reference_year, default))
                s = s[: m.start()]
                continue
            lm = _last_match(_LABEL_ONLY_RE, f)
            if lm is not None and lm.end() == len(f) and lm.start() > 0 and label is None:
                label = parse_label(s[lm.start() : lm.end()], reference_year)
                s = s[: lm.start()]
                continue
            break
        notes.extend(tail)
    return s.strip(), notes, label


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for m in pattern.finditer(text):
        last = m
    return last


def whole_line_budgets(
    text: str, reference_year: int | None, default: BudgetLabel | None = None
) -> list[BudgetNote]:
    """Figures when ``text`` consists of nothing but figures, else ``[]``.

    >>> [(n.kind, n.fiscal_year, n.amount_yen) for n in whole_line_budgets("令和3年度決算額 6千9百万円 / 令和4年度予算額 5千3百万円", 2022)]
    [('決算額', 2021, 69000000), ('予算額', 2022, 53000000)]
    >>> [(n.kind, n.amount_yen) for n in whole_line_budgets("[28年度予算額 11,056千円]", 2016)]
    [('予算額', 11056000)]
    >>> [(n.kind, n.amount_yen) for n in whole_line_budgets("[算定見込額 263千円]", 2016)]
    [('算定見込額', 263000)]
    >>> whole_line_budgets("予算額は前年度と同じ", 2016)
    []
    """
    f = fold(text)
    notes: list[BudgetNote] = []
    pos = 0
    for pattern in (_BRACKETED_RE, _INLINE_RE):
        notes, pos = [], 0
        ok = True
        for m in pattern.finditer(f):
            if not _SEPARATORS_RE.match(f[pos : m.start()]):
                ok = False
                break
            notes.append(_note(text, m, reference_year, default))
            pos = m.end()
        if ok and notes and _SEPARATORS_RE.match(f[pos:]):
            return notes
    return []
