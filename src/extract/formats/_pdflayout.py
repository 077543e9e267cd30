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

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..japanese import clean_text
from ._glyphs import BULLET_GLYPHS, CID_RE, Glyph, is_wide, repair_spaced_cjk

__all__ = ["Line", "Para", "build_lines", "build_paragraphs", "finish_text"]

# characters that open a new paragraph when a line starts with them
_PARA_STARTS = BULLET_GLYPHS | frozenset("・●◆◇■□※①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


_GAP_FOR_SPACE = (0.25, 0.45, 0.8)
"""Gap (in glyph sizes) that means a space, by how many of the two neighbours are wide (CJK)."""
# a numbered or bracketed heading: after a line ending a sentence it starts a new paragraph
_OPENER_RE = re.compile(
    r"^\s*(?:[（(]\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[）)]|[0-9０-９]{1,2}\s*[.．、\s]|[【《〈<◆■●○◎]|第\s*[0-9０-９一二三四五六七八九十]+)"
)


@dataclass(slots=True)
class Line:
    """One visual line: its raw text (spaces kept) and its box."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


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


def _line(row: list[Glyph]) -> Line | None:
    inked = [g for g in row if not g.text.isspace()]
    if not inked:
        return None
    # justified and letter-spaced lines add the same tracking between all glyphs:
    # a gap means a space only beyond the line's usual gap
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(inked)]
    tracking = max(0.0, statistics.median(gaps)) if len(gaps) >= 4 else 0.0
    parts: list[str] = []
    prev: Glyph | None = None
    for g in row:
        if prev is not None and not g.text.isspace() and not prev.text.isspace():
            gap = g.x0 - prev.x1 - tracking
            wide = is_wide(g.text[0]) + is_wide(prev.text[-1])
            if gap > _GAP_FOR_SPACE[wide] * min(g.size, prev.size):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return Line(
        text="".join(parts),
        x0=inked[0].x0,
        x1=max(g.x1 for g in inked),
        top=min(g.top for g in inked),
        bottom=max(g.bottom for g in inked),
        size=statistics.median(g.size for g in inked),
    )


def _starts_paragraph(text: str) -> bool:
    s = text.lstrip()
    return bool(s) and s[0] in _PARA_STARTS


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
            and _continues(prev, line, left, right, usual_gap, centred)
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


def _continues(prev: Line, line: Line, left: float, right: float, usual_gap: float, centred: bool) -> bool:
    if not is_full(prev, left, right) or _starts_paragraph(line.text):
        return False
    if line.x0 > left + 3 * line.size:
        middle = (line.x0 + line.x1) / 2
        if not (centred and abs(middle - (left + right) / 2) <= line.size):
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
