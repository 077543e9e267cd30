"""From positioned glyphs to lines and paragraphs, inside a page body or a table cell.

A PDF has no paragraphs, only glyphs at coordinates.  The text reader gets one
line per paragraph; to give the grammar the same units, visual lines are
joined back into paragraphs the way a reader's eye does it: a line that runs
to the right edge of its box continues on the next line, a short line, a
wider gap, or a bullet (``・`` never starts a wrapped line in Japanese
typesetting) ends the paragraph.  Nothing here knows about pages or tables;
callers pass the box (page text area or cell) the lines sit in.
"""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..japanese import clean_text
from ._glyphs import BULLET_GLYPHS, CID_RE, Glyph, is_katakana, is_wide, repair_lookalikes, repair_spaced_cjk
from ._linebreak import first_unit_length

__all__ = ["Line", "Para", "build_lines", "build_paragraphs", "finish_text"]

# characters that open a new paragraph when a line starts with them
_PARA_STARTS = BULLET_GLYPHS | frozenset("・●◆◇■□※①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


_GAP_FOR_SPACE = (0.25, 0.45, 0.8)
"""Gap (in glyph sizes) that means a space, by how many of the two neighbours are wide (CJK)."""
_NARROWEST, _WIDEST = min(_GAP_FOR_SPACE), max(_GAP_FOR_SPACE)
# a numbered or bracketed heading: after a line ending a sentence it starts a new paragraph
_OPENER_RE = re.compile(
    r"^\s*(?:[（(]\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[）)]|[0-9０-９]{1,2}\s*[.．、\s]|[【《〈<◆■●○◎]|第\s*[0-9０-９一二三四五六七八九十]+)"
)


@dataclass(slots=True)
class Line:
    """One visual line: its raw text (spaces kept, look-alike glyphs repaired) and its box."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    repairs: Counter[str] = field(default_factory=Counter)
    """Look-alike glyphs repaired in this line (see :func:`._glyphs.repair_lookalikes`)."""
    text_x0: float | None = None
    """Where the text after a leading bullet starts: wrapped lines of a list item align there."""
    lead_width: float = 0.0
    """Width of what the line must start with (:func:`._linebreak.first_unit_length`), as drawn."""


@dataclass(slots=True)
class Para:
    """A paragraph under construction: raw text plus what its first and last lines looked like."""

    text: str
    top: float
    first_x0: float
    last_full: bool
    """The last line reached the right edge: the paragraph may go on in the next box (next page)."""
    lines: list[Line] = field(default_factory=list)


def build_lines(glyphs: Sequence[Glyph], *, split_gap: float | None = 12.0) -> list[Line]:
    """Visual lines of ``glyphs`` from top to bottom.

    Glyphs share a line when their vertical centres are within half a glyph
    height.  Spaces come from space glyphs the producer drew and from gaps: a
    quarter of the font size between Latin letters, nearly half between Latin
    and CJK (Japanese typesetting puts a quarter-em there without meaning a
    space), most of a full width between CJK characters (where justification
    spreads glyphs).  With ``split_gap``, a horizontal gap wider than that many glyph
    sizes splits the line in two (a title and a right-aligned name on one baseline).
    """
    if not glyphs:
        return []
    ordered = sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2)
    rows: list[list[Glyph]] = []
    centre = -1e9
    height = 0.0
    for g in ordered:
        c = (g.top + g.bottom) / 2
        if rows and abs(c - centre) <= max(height, g.bottom - g.top) * 0.5:
            rows[-1].append(g)
            continue
        rows.append([g])
        centre = c
        height = g.bottom - g.top
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        for piece in _split_row(row, split_gap):
            line = _line(piece)
            if line is not None:
                lines.append(line)
    return lines


def _split_row(row: list[Glyph], split_gap: float | None) -> list[list[Glyph]]:
    if split_gap is None:
        return [row]
    pieces: list[list[Glyph]] = [[]]
    last: Glyph | None = None
    for g in row:
        if g.text.isspace():
            if pieces[-1]:
                pieces[-1].append(g)
            continue
        if last is not None and g.x0 - last.x1 > split_gap * max(g.size, last.size):
            pieces.append([])
        pieces[-1].append(g)
        last = g
    return [p for p in pieces if p]


_wide = functools.lru_cache(maxsize=4096)(is_wide)
""":func:`._glyphs.is_wide` remembered: a page has a few hundred distinct characters and many glyphs."""


def _line(row: list[Glyph]) -> Line | None:
    inked = [g for g in row if not g.text.isspace()]
    if not inked:
        return None
    # justified and letter-spaced lines add the same tracking between all glyphs:
    # a gap means a space only beyond the line's usual gap
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(inked)]
    tracking = max(0.0, statistics.median(gaps)) if len(gaps) >= 4 else 0.0
    parts: list[str] = []
    # the glyph before, unpacked: a line is walked once per glyph and attribute reads add up
    prev_text, prev_x1, prev_size, prev_blank = "", 0.0, 0.0, True
    for g in row:
        text = g.text
        blank = text.isspace()
        if not blank and not prev_blank:
            gap = g.x0 - prev_x1 - tracking
            unit = min(g.size, prev_size)
            # most glyphs touch: only a gap between the narrowest and the widest limit
            # needs to know which of the two glyphs are wide
            if unit < 0 or _NARROWEST * unit < gap <= _WIDEST * unit:
                space = gap > _GAP_FOR_SPACE[_wide(text[0]) + _wide(prev_text[-1])] * unit
            else:
                space = gap > _WIDEST * unit
            if space:
                parts.append(" ")
        parts.append(text)
        prev_text, prev_x1, prev_size, prev_blank = text, g.x1, g.size, blank
    repairs: Counter[str] = Counter()
    bulleted = len(inked) > 1 and inked[0].text in _PARA_STARTS
    text = repair_lookalikes("".join(parts), repairs)
    lead = text.lstrip()
    inked_lead = min(len(inked), max(1, len(lead[: first_unit_length(lead)].replace(" ", ""))))
    lead_width = inked[inked_lead - 1].x1 - inked[0].x0
    if lead[:1].isascii() and lead[:1].isalnum():
        lead_width += 0.25 * inked[0].size  # the space before a word that a break swallowed
    return Line(
        text=text,
        x0=inked[0].x0,
        x1=max(g.x1 for g in inked),
        top=min(g.top for g in inked),
        bottom=max(g.bottom for g in inked),
        size=statistics.median(g.size for g in inked),
        repairs=repairs,
        text_x0=inked[1].x0 if bulleted else None,
        lead_width=lead_width,
    )


def _starts_paragraph(text: str, before: str = "") -> bool:
    """The line opens a paragraph with a bullet; a ``・`` between katakana words
    (ニア|・イズ) is the word's, put at the line start by a breaker without 行頭禁則."""
    s = text.lstrip()
    if not s or s[0] not in _PARA_STARTS:
        return False
    tail = before.rstrip()[-1:]
    return not (s[0] == "・" and tail and is_katakana(tail) and is_katakana(s[1:2]))


def build_paragraphs(
    lines: Sequence[Line], left: float, right: float, *, centred: bool = False
) -> list[Para]:
    """Join ``lines`` (inside the box ``left``..``right``) into paragraphs.

    A line continues the paragraph when the previous line started at the left
    edge and ran to within about a glyph and a half of the right edge, the gap
    between them is no wider than the box's usual line gap, and the line does
    not start with a bullet (nor with a numbered heading after a sentence end).
    With ``centred`` (table cells, whose short texts are often centred) a
    centred line also continues a full one.
    """
    paras: list[Para] = []
    if not lines:
        return paras
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if b.top >= a.bottom - 1]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    current: Para | None = None
    prev: Line | None = None
    for line in lines:
        if (
            current is not None
            and prev is not None
            and _continues(prev, line, _Box(left, right, current.lines[0].text_x0), usual_gap, centred)
        ):
            current.text = join_lines(current.text, line.text)
            current.lines.append(line)
        else:
            current = Para(text=line.text, top=line.top, first_x0=line.x0, last_full=False, lines=[line])
            paras.append(current)
        current.last_full = is_full(line, left, right)
        prev = line
    return paras


def is_full(line: Line, left: float, right: float) -> bool:
    """The line starts at the left edge and runs (nearly) to the right edge of its box."""
    return line.x0 <= left + 3 * line.size and line.x1 >= right - 1.6 * line.size


@dataclass(frozen=True, slots=True)
class _Box:
    left: float
    right: float
    hang: float | None
    """Where the wrapped lines of a bulleted paragraph start (its first line's text after the bullet)."""

    def at_left(self, line: Line) -> bool:
        if line.x0 <= self.left + 3 * line.size:
            return True
        return self.hang is not None and abs(line.x0 - self.hang) <= 0.6 * line.size


def _wrapped(prev: Line, line: Line, box: _Box) -> bool:
    """``prev`` was broken because the line could not hold more: it reaches the
    right edge, or the space left is narrower than what ``line`` must start with."""
    if not box.at_left(prev):
        return False
    room = box.right - prev.x1
    if room <= 1.6 * prev.size or _closes_bracket(prev.text, line.text):
        return True
    return not prev.text.rstrip().endswith(("。", "．")) and room < line.lead_width


_BRACKETS = {"【": "】", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "〔": "〕", "［": "］"}


def _closes_bracket(prev: str, line: str) -> bool:
    """``prev`` leaves a bracket open that ``line`` closes before opening another: one phrase (【…推|進】)."""
    opened = [ch for ch in prev if ch in _BRACKETS or ch in _BRACKETS.values()]
    if not opened or opened[-1] not in _BRACKETS:
        return False
    closer = _BRACKETS[opened[-1]]
    for ch in line:
        if ch == closer:
            return True
        if ch in _BRACKETS:
            return False
    return False


def _continues(prev: Line, line: Line, box: _Box, usual_gap: float, centred: bool) -> bool:
    if not _wrapped(prev, line, box) or _starts_paragraph(line.text, prev.text):
        return False
    if not box.at_left(line):
        middle = (line.x0 + line.x1) / 2
        if not (centred and abs(middle - (box.left + box.right) / 2) <= line.size):
            return False
    if prev.text.rstrip().endswith("。") and _OPENER_RE.match(line.text):
        return False
    gap = line.top - prev.bottom
    size = max(prev.size, line.size)
    return gap <= min(usual_gap, size) + 0.5 * size


def join_lines(first: str, second: str) -> str:
    """Join a wrapped line to the next: no space in CJK text, one between Latin words.

    >>> join_lines("地域活動協議", "会の活動")
    '地域活動協議会の活動'
    >>> join_lines("public", "services")
    'public services'
    >>> join_lines("終わり。 ", "次")
    '終わり。 次'
    """
    if not first or not second:
        return first + second
    a, b = first[-1], second[0]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return f"{first} {second}"
    return first + second


def finish_text(raw: str) -> tuple[str, int]:
    """Final paragraph text and how many unmapped glyphs were dropped from it.

    >>> finish_text("(cid:12)運 営 方 針  ")
    ('運営方針', 1)
    """
    cids = len(CID_RE.findall(raw))
    if cids:
        raw = CID_RE.sub("", raw)
    return repair_spaced_cjk(clean_text(raw)), cids
