"""Japanese text normalisation: characters, numerals, money and quantities (eras: :mod:`extract.eras`).

Policy documents mix full-width and ASCII digits, kanji numerals, Japanese eras
with and without the era name, and several money units.  Everything numeric is
parsed from the NFKC form of the text, while the text that ends up in records
keeps the document's own characters; :func:`fold` gives a same-length matching
form so regex spans found on it can be cut from the original string.

Era tables come from ``japanera`` and kanji numerals are read by ``kanjize``;
this module only adds the conventions of the documents (``28年度`` without an
era, ``元年``, ``R3~R5``, ``千円`` and ``百万円`` units, ``-`` for no budget).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import kanjize

from ._radicals import EQUIVALENT_UNIFIED_IDEOGRAPH

__all__ = [
    "Amount",
    "Quantity",
    "clean_text",
    "fold",
    "parse_amount",
    "parse_number",
    "parse_quantity",
]

# --------------------------------------------------------------------------- text

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


# CJK radicals and strokes that PDF text layers use in place of the ideograph
# they look like (⽅ for 方).  NFKC maps the Kangxi block only, so the table is
# Unicode's Equivalent_Unified_Ideograph data (see scripts/make_radical_table.py).
_RADICALS: dict[int, str] = {cp: chr(target) for cp, target in EQUIVALENT_UNIFIED_IDEOGRAPH.items()}
_REPAIRED_RE = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in sorted({*_ZERO_WIDTH, *_RADICALS})) + "]"
)
"""Any character :func:`clean_text` translates (a search is one C loop; a dict ``translate`` is not)."""


def clean_text(text: str) -> str:
    """Repair glyph look-alikes and collapse whitespace, keeping the document's characters.

    Kangxi/CJK radical look-alikes (common in text copied out of PDFs) become the
    ideographs they stand for; zero-width characters vanish; every run of
    whitespace, ideographic spaces included, becomes one ASCII space.

    >>> clean_text("運営⽅針　 (案)\\n")
    '運営方針 (案)'
    >>> clean_text("⻄区の⺠生委員")  # CJK Radicals Supplement, which NFKC leaves alone
    '西区の民生委員'
    >>> clean_text("【具体的取組1-1-1\\u00a0 地域】")
    '【具体的取組1-1-1 地域】'
    """
    if _REPAIRED_RE.search(text) is not None:  # most text has nothing to repair: no per-character passes
        text = text.translate(_ZERO_WIDTH).translate(_RADICALS)
    return " ".join(text.split())  # the same as collapsing r"\s+" and stripping: both use str.isspace


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d":
        table[ord(dash)] = "-"
    table[ord("\u301c")] = "~"  # 〜 wave dash
    table[ord("\uff5e")] = "~"
    table[ord("\u2039")] = "<"  # ‹
    table[ord("\u203a")] = ">"  # ›
    table[ord("\u3008")] = "<"  # 〈
    table[ord("\u3009")] = ">"  # 〉
    table[ord("\u226a")] = "《"  # ≪ (math much-less-than used as a bracket)
    table[ord("\u226b")] = "》"
    table[ord("\uff62")] = "「"  # half-width corner brackets
    table[ord("\uff63")] = "」"
    return table


_FOLD = _build_fold_table()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A same-length matching form: ASCII digits/letters/punctuation, one dash, one tilde.

    Every character maps to exactly one character, so a span matched on the
    folded string cuts the same piece out of the original.

    >>> fold("【経営課題１：安全】（２年度）")
    '【経営課題1:安全】(2年度)'
    >>> fold("戦略1‐1 〜 ≪経営課題2≫")
    '戦略1-1 ~ 《経営課題2》'
    >>> len(fold("令和３年度")) == len("令和３年度")
    True
    """
    return text.translate(_FOLD)


# --------------------------------------------------------------------------- numbers

_KANJI_DIGITS = "〇零一二三四五六七八九十百千万億兆"
_NUMBER_RE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def parse_number(text: str) -> Decimal | None:
    """Read one number written with ASCII/full-width digits, commas or kanji numerals.

    >>> parse_number("１，９７６")
    Decimal('1976')
    >>> parse_number("14.4")
    Decimal('14.4')
    >>> parse_number("6千9百万")
    Decimal('69000000')
    >>> parse_number("二十三")
    Decimal('23')
    >>> parse_number("1.05百万")
    Decimal('1050000.00')
    >>> parse_number("なし") is None
    True
    """
    s = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not s:
        return None
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(百万|千万|千億|千|百|万|億|兆)?", s)
    if m:
        value = Decimal(m.group(1))
        if m.group(2):
            value *= _UNIT_WORDS[m.group(2)]
        return value
    if all(ch.isdigit() or ch in _KANJI_DIGITS or ch == "." for ch in s) and any(
        ch in _KANJI_DIGITS for ch in s
    ):
        if "." in s:
            return None
        try:
            return Decimal(kanjize.kanji2number(s))
        except (ValueError, KeyError, IndexError, InvalidOperation):
            return None
    return None


_UNIT_WORDS = {
    "百": Decimal(100),
    "千": Decimal(1_000),
    "万": Decimal(10_000),
    "億": Decimal(100_000_000),
    "兆": Decimal(1_000_000_000_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "千億": Decimal(100_000_000_000),
}


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount as written and in yen; ``yen`` is None for ``-`` (no budget)."""

    yen: int | None
    text: str


# number part: digits with commas/decimals and kanji numeral letters (multipliers
# such as 千 and 百万 belong to the number), then 円
_AMOUNT_RE = re.compile(
    r"(?P<num>[0-9０-９〇一二三四五六七八九十百千万億兆][0-9０-９,，.．〇一二三四五六七八九十百千万億兆]*)\s*円"
)
_HAS_DIGIT_RE = re.compile(r"[0-9０-９〇一二三四五六七八九]")
_NO_AMOUNT_RE = re.compile(r"^\s*[-‐－―ー−–—]\s*$|^\s*(?:なし|無し|ゼロ|0円)\s*$")


def parse_amount(text: str) -> Amount | None:
    """Read the first money amount in ``text``; ``-`` alone means "no budget" (``yen=None``).

    >>> parse_amount("28年度予算額 66,753千円")
    Amount(yen=66753000, text='66,753千円')
    >>> parse_amount("6千9百万円")
    Amount(yen=69000000, text='6千9百万円')
    >>> parse_amount("65百万円")
    Amount(yen=65000000, text='65百万円')
    >>> parse_amount("《５，２３７千円》")
    Amount(yen=5237000, text='５，２３７千円')
    >>> parse_amount(" - ")
    Amount(yen=None, text='-')
    >>> parse_amount("予算なし。") is None
    True
    """
    for m in _AMOUNT_RE.finditer(text):
        if not _HAS_DIGIT_RE.search(m.group("num")):
            continue  # 単位:千円 is a unit label, not an amount
        number = parse_number(m.group("num"))
        if number is None or number != number.to_integral_value():
            return None
        return Amount(yen=int(number), text=m.group(0))
    if _NO_AMOUNT_RE.match(text):
        return Amount(yen=None, text=text.strip())
    return None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A target or result value: ``40%``, ``10,000世帯以上``, ``4件``."""

    value: float
    unit: str | None
    qualifier: str | None  # 以上 / 以下 / 未満 / 超 when written


_QUANTITY_RE = re.compile(
    r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?)\s*"
    r"(?P<unit>%|ポイント|pt|世帯|地域|団体|校|回|件|人|名|者|組|か所|箇所|ヵ所|カ所|ヶ所|か月|ヶ月|日|時間|枚|部|冊|本|社|店|施設|事業|円|千円|万円|倍|点|割|歳|戸|台|種|項目|号|園|クラス|グループ|チーム|人日|人回)?"
    r"\s*(?P<qual>以上|以下|未満|超)?"
)


def parse_quantity(text: str) -> Quantity | None:
    """The first number with its unit (and 以上/以下) in the NFKC form of ``text``.

    >>> parse_quantity("【元年度】 40%")
    Quantity(value=40.0, unit='%', qualifier=None)
    >>> parse_quantity("10,000世帯以上(R3~R5作成合計目標)")
    Quantity(value=10000.0, unit='世帯', qualifier='以上')
    >>> parse_quantity("（６回以上）")
    Quantity(value=6.0, unit='回', qualifier='以上')
    >>> parse_quantity("随時") is None
    True
    """
    s = unicodedata.normalize("NFKC", text)
    m = _QUANTITY_RE.search(s)
    if m is None:
        return None
    value = float(Decimal(m.group("num").replace(",", "")))
    return Quantity(value=value, unit=m.group("unit"), qualifier=m.group("qual"))
