"""Glyph-level repairs and text-quality checks for text that comes out of PDFs.

A PDF's text layer is what its producer drew, not what the author typed.
Japanese PDFs show four recurring problems, each repaired or reported here so
that PDF text reaches the grammar in the same shape as the page's own text:

- *overstruck glyphs*: fake bold draws every character twice, a fraction of a
  point apart, and naive extraction doubles it (``運運営営``);
- *radical look-alikes*: ``⽅`` (KANGXI RADICAL SQUARE) for ``方``, repaired in
  :func:`extract.japanese.clean_text` from Unicode's Equivalent_Unified_Ideograph data;
- *letter-spaced CJK*: labels spread over a cell (均等割付) come out as ``計 画``
  or ``自 己 評 価``;
- *look-alike code points*: a producer that writes its ToUnicode map from the
  font's character map picks one of the code points that share a glyph, so
  ``・`` comes out as ``‧`` (U+2027) or ``·`` (U+00B7), a long vowel ``ー``
  after katakana as a dash, ``fi`` as the ligature ``ﬁ``; :data:`LOOKALIKES`
  lists them and :func:`repair_lookalikes` puts the intended character back
  (and counts, for the document's one warning);
- *unmapped glyphs*: a font without a ToUnicode map gives ``(cid:1234)``, which
  cannot be repaired and is reported as a text-quality warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BULLET_GLYPHS",
    "CID_RE",
    "LOOKALIKES",
    "Glyph",
    "Lookalike",
    "drop_overstruck",
    "is_katakana",
    "is_wide",
    "quality_problems",
    "repair_lookalikes",
    "repair_spaced_cjk",
    "repairs_message",
]

CID_RE = re.compile(r"\(cid:\d+\)")
"""What pdfminer writes for a glyph it cannot map to Unicode."""

BULLET_GLYPHS = frozenset("•◦▪‣⁃\uf09e\uf0b7\uf06c\uf0a7\uf0d8\uf0fc\uf076\uf0a8\uf0b2")
"""List bullets that are not text: typographic bullets and the Symbol/Wingdings
private-use code points Word exports for its automatic bullets."""

_PUA_RE = re.compile("[\ue000-\uf8ff]")


@dataclass(slots=True)
class Glyph:
    """One drawn character with its box in PDF user space (top-left origin, points).

    Not frozen, though nothing changes a glyph once made: one is made for
    every character of every page, and a frozen dataclass sets each field
    through ``object.__setattr__``, which made building one three times as
    slow (1.3 µs against 0.4 µs).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


_Kept = tuple[int, int, float, float]
"""A kept glyph's cell column and row, ``x0`` and ``top``."""


def drop_overstruck(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Glyphs without the copies that fake bold (or a shadow) draws over the original.

    A copy is the same character drawn within a fifth of its size of one
    already kept; two genuinely repeated characters (``ここ``) sit a full
    character width apart and both survive.

    >>> g = [Glyph("運", 0, 10, 0, 10, 10), Glyph("運", 0.4, 10.4, 0, 10, 10), Glyph("営", 10, 20, 0, 10, 10)]
    >>> "".join(x.text for x in drop_overstruck(g))
    '運営'
    >>> g = [Glyph("こ", 0, 10, 0, 10, 10), Glyph("こ", 10, 20, 0, 10, 10)]
    >>> "".join(x.text for x in drop_overstruck(g))
    'ここ'

    Where a copy is looked for is part of the rule: a kept glyph counts only
    if it lies in the same 4-point cell (of ``x0`` and ``top``) or one of the
    eight around it, so with a tolerance over four points (text over 20 pt) a
    copy two cells away survives.  This runs once per glyph of every page, so
    the cells are found cheaply: kept glyphs are filed by text, then by pairs
    of cell rows, and the two pairs that hold the rows above, at and below a
    glyph's row are scanned for a neighbouring cell within the tolerance.
    """
    kept: list[Glyph] = []
    keep = kept.append
    by_text: dict[str, dict[int, list[_Kept]]] = {}
    for glyph in glyphs:
        text = glyph.text
        if text.isspace():
            keep(glyph)
            continue
        tol = 0.2 * glyph.size
        if not tol > 0.8:  # max(0.8, 0.2 * size), a NaN size included
            tol = 0.8
        x0 = glyph.x0
        top = glyph.top
        cx = int(x0 // 4)
        cy = int(top // 4)
        entry = (cx, cy, x0, top)
        pairs = by_text.get(text)
        if pairs is None:
            by_text[text] = {cy >> 1: [entry]}
            keep(glyph)
            continue
        below = pairs.get((cy - 1) >> 1)
        above = pairs.get((cy + 1) >> 1)
        if (below is not None and _has_copy(below, cx, cy, x0, top, tol)) or (
            above is not None and _has_copy(above, cx, cy, x0, top, tol)
        ):
            continue
        own = below if cy & 1 else above  # cy >> 1 is (cy - 1) >> 1 for odd rows, (cy + 1) >> 1 for even
        if own is None:
            pairs[cy >> 1] = [entry]
        else:
            own.append(entry)
        keep(glyph)
    return kept


def _has_copy(entries: list[_Kept], cx: int, cy: int, x0: float, top: float, tol: float) -> bool:
    """Whether one of ``entries`` is in a cell next to (``cx``, ``cy``) and within ``tol`` of (``x0``, ``top``)."""
    for ocx, ocy, ox0, otop in entries:
        if -1 <= ocx - cx <= 1 and -1 <= ocy - cy <= 1 and abs(ox0 - x0) <= tol and abs(otop - top) <= tol:
            return True
    return False


def is_wide(ch: str) -> bool:
    """True for characters set on a full-width body (kanji, kana, full-width punctuation)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


# three or more single wide characters separated by single spaces, or a whole
# text that is nothing but spaced single characters (計 画)
_SPACED_RUN_RE = re.compile(r"(?<!\S)(?:[^\x00-\x7f\s] ){2,}[^\x00-\x7f\s](?!\S)")
_SPACED_WHOLE_RE = re.compile(r"^(?:[^\x00-\x7f\s] )+[^\x00-\x7f\s]$")


def repair_spaced_cjk(text: str) -> str:
    """Remove the spaces extraction puts between letter-spaced CJK characters.

    Only runs of *single* characters are touched, so a space the author typed
    between words (``高野 賢``, ``】 「``) stays.

    >>> repair_spaced_cjk("自 己 評 価")
    '自己評価'
    >>> repair_spaced_cjk("計 画")
    '計画'
    >>> repair_spaced_cjk("区長 高野 賢")
    '区長 高野 賢'
    >>> repair_spaced_cjk("見出し 運 営 方 針 本文")
    '見出し 運営方針 本文'
    >>> repair_spaced_cjk("C B / S B")
    'C B / S B'
    """
    if " " not in text:
        return text
    if _SPACED_WHOLE_RE.match(text) and all(is_wide(c) for c in text[::2]):
        return text.replace(" ", "")
    return _SPACED_RUN_RE.sub(
        lambda m: m.group(0).replace(" ", "") if all(is_wide(c) for c in m.group(0)[::2]) else m.group(0),
        text,
    )


def quality_problems(text: str, cid_glyphs: int = 0) -> list[str]:
    """What is wrong with a page's extracted text, as short messages (empty when it reads cleanly).

    >>> quality_problems("運営方針")
    []
    >>> quality_problems("運営\\ufffd方針", cid_glyphs=3)
    ['3 glyphs have no Unicode mapping ((cid:NNN)); their text is lost', '1 replacement characters (U+FFFD)']
    """
    problems = []
    if cid_glyphs:
        problems.append(f"{cid_glyphs} glyphs have no Unicode mapping ((cid:NNN)); their text is lost")
    bad = text.count("\ufffd")
    if bad:
        problems.append(f"{bad} replacement characters (U+FFFD)")
    pua = sum(1 for ch in _PUA_RE.findall(text) if ch not in BULLET_GLYPHS)
    if pua:
        problems.append(f"{pua} private-use characters (a font without a Unicode map)")
    return problems


# --------------------------------------------------------------------------- look-alikes

Context = Literal["always", "cjk", "after_katakana"]


@dataclass(frozen=True, slots=True)
class Lookalike:
    """Code points a producer writes for ``target`` and where that reading is safe."""

    chars: str
    target: str
    context: Context
    """``always``; ``cjk``: a neighbour is a wide (CJK) character, so it is not
    Latin punctuation; ``after_katakana``: it follows katakana and no digit
    follows, so it is a long vowel and not a dash or minus sign."""
    why: str


LOOKALIKES: tuple[Lookalike, ...] = (
    Lookalike(
        "\u2027",
        "・",
        "cjk",
        "HYPHENATION POINT: Chromium's ToUnicode for Noto Sans CJK's ・ (the lowest code point of the glyph)",
    ),
    Lookalike(
        "\u00b7",
        "・",
        "cjk",
        "MIDDLE DOT: fonts that share ・ with · (IPA fonts map U+00B7 and U+FF65 to one glyph)",
    ),
    Lookalike("\uff65", "・", "always", "HALFWIDTH KATAKANA MIDDLE DOT drawn full width"),
    Lookalike("\u2219\u22c5", "・", "cjk", "BULLET OPERATOR / DOT OPERATOR from math-symbol fallbacks"),
    Lookalike(
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u2500\u2501",
        "ー",
        "after_katakana",
        "dashes, minus and box-drawing lines for the long vowel (センタ―, ポイント－)",
    ),
    Lookalike("\uff70", "ー", "always", "HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK"),
    *(
        Lookalike(
            chr(cp), unicodedata.normalize("NFKC", chr(cp)), "always", "Latin ligature from the font's GSUB"
        )
        for cp in range(0xFB00, 0xFB07)
    ),
)
"""The look-alike code points seen in producers' PDFs, with the character each stands for."""

_BY_CHAR: dict[str, Lookalike] = {ch: rule for rule in LOOKALIKES for ch in rule.chars}
_LOOKALIKE_RE = re.compile("[" + re.escape("".join(_BY_CHAR)) + "]")


def is_katakana(ch: str) -> bool:
    """Katakana (full or half width) or the long vowel mark."""
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー" or "\uff66" <= ch <= "\uff9d"


def _applies(rule: Lookalike, before: str, after: str) -> bool:
    if rule.context == "always":
        return True
    if rule.context == "cjk":
        return (bool(before) and is_wide(before)) or (bool(after) and is_wide(after))
    return bool(before) and is_katakana(before) and not (after.isdigit())


def repair_lookalikes(text: str, counts: Counter[str] | None = None) -> str:
    """``text`` with look-alike code points replaced by the characters they stand for.

    Each repair is counted in ``counts`` under ``"U+2027 → ・"``.

    >>> repair_lookalikes("くらし‧手続き")
    'くらし・手続き'
    >>> repair_lookalikes("センタ―の利用 (1−1)")
    'センターの利用 (1−1)'
    >>> repair_lookalikes("ﬁle · Smith")
    'file · Smith'
    """
    if not _LOOKALIKE_RE.search(text):
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        rule = _BY_CHAR.get(ch)
        if rule is not None:
            before = out[-1] if out else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if _applies(rule, before, after):
                if counts is not None:
                    counts[f"U+{ord(ch):04X} → {rule.target}"] += 1
                out.append(rule.target)
                continue
        out.append(ch)
    return "".join(out)


def repairs_message(counts: Counter[str]) -> str | None:
    """The document's one warning about repaired glyphs, or ``None`` when there were none.

    >>> repairs_message(Counter({"U+2027 → ・": 18, "U+FB01 → fi": 6}))
    'glyph repairs: 24 look-alike glyphs replaced (18 U+2027 → ・, 6 U+FB01 → fi)'
    """
    total = sum(counts.values())
    if not total:
        return None
    detail = ", ".join(f"{n} {what}" for what, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"glyph repairs: {total} look-alike glyphs replaced ({detail})"
