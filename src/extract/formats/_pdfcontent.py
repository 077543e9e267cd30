"""One page of a PDF: its glyphs sorted into body lines and ruled tables of cells and rows.

The engine hands over a page's glyphs and edges (:class:`._pdfpage.RawPage`);
here the ruled tables are found from the edges, each glyph goes to the cell
that holds its centre (or to the body text when no table does), a cell's
lines become its paragraphs, and the body's lines are left for
:mod:`._pdfassemble`, which needs every page to tell a running header from
text and to join a paragraph the page break cut.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ._glyphs import Glyph, drop_overstruck
from ._pdflayout import Line, Para, build_lines, build_paragraphs, finish_text
from ._pdfmarks import Mark, mark_bullets
from ._pdfpage import RawPage, find_tables

__all__ = ["Cell", "Clock", "Item", "PageData", "Row", "Table", "Text", "read_page"]

MIN_COLUMN = 6.0
"""Narrower (empty) cells are the spacer columns Word draws for cell padding, not columns."""


# --------------------------------------------------------------------------- model


@dataclass(slots=True)
class Cell:
    x0: float
    x1: float
    paras: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(t for t in (finish_text(p.text)[0] for p in self.paras) if t)


@dataclass(slots=True)
class Row:
    cells: list[Cell | None]
    """``None`` marks a place a cell from the row above spans into (a rowspan)."""
    locator: str

    def texts(self) -> list[str]:
        return [c.text if c is not None else "" for c in self.cells]

    def edges(self) -> list[float]:
        real = [c for c in self.cells if c is not None]
        return [c.x0 for c in real] + ([real[-1].x1] if real else [])


@dataclass(slots=True)
class Table:
    rows: list[Row]
    page: int


@dataclass(slots=True)
class Text:
    para: Para
    page: int


Item = Text | Table


@dataclass(slots=True)
class PageData:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[tuple[float, Table]]
    cid_glyphs: int = 0
    images: int = 0
    text: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Clock:
    """Time spent finding tables (pdfplumber's table finder), apart from our own geometry."""

    seconds: float = 0.0


# --------------------------------------------------------------------------- one page


def _glyphs(chars: list[Glyph]) -> tuple[list[Glyph], int]:
    glyphs = []
    cids = 0
    for ch in chars:
        if ch.text.startswith("(cid:"):
            cids += 1
        else:
            glyphs.append(ch if ch.size else Glyph(ch.text, ch.x0, ch.x1, ch.top, ch.bottom, 1.0))
    return drop_overstruck(glyphs), cids


def read_page(raw: RawPage, number: int, clock: Clock) -> PageData:
    started = time.perf_counter()
    found = find_tables(raw.edges)
    marks = raw.marks
    clock.seconds += time.perf_counter() - started
    glyphs, cids = _glyphs(raw.glyphs)
    boxes = [t.bbox for t in found]
    body: list[Glyph] = glyphs if not boxes else []
    in_table: list[list[Glyph]] = [[] for _ in found]
    for g in glyphs if boxes else ():
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                in_table[i].append(g)
                break
        else:
            body.append(g)
    tables = []
    for index, (table, members, bbox) in enumerate(zip(found, in_table, boxes, strict=True), start=1):
        rows = _table_rows(table, members, f"page {number} table {index}", marks)
        if rows:
            tables.append((bbox[1], Table(rows=rows, page=number)))
    lines = build_lines(body)
    mark_bullets(lines, marks)
    data = PageData(
        number=number,
        width=raw.width,
        height=raw.height,
        lines=lines,
        tables=tables,
        cid_glyphs=cids,
        images=raw.images,
    )
    data.text = [g.text for g in glyphs]
    return data


def _table_rows(table: Any, glyphs: list[Glyph], prefix: str, marks: Sequence[Mark] = ()) -> list[Row]:
    """Rows of a ruled table with each glyph in the cell that holds its centre."""
    table_rows = table.rows  # a property that groups the cells anew at each read
    cells: list[tuple[float, float, float, float]] = [c for row in table_rows for c in row.cells if c]
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    owner: dict[tuple[int, int], int] = {}
    for k, (x0, top, x1, bottom) in enumerate(cells):
        for xi in range(bisect.bisect_left(xs, x0 - 0.01), bisect.bisect_left(xs, x1 - 0.01)):
            for yi in range(bisect.bisect_left(ys, top - 0.01), bisect.bisect_left(ys, bottom - 0.01)):
                owner[(xi, yi)] = k
    members: list[list[Glyph]] = [[] for _ in cells]
    for g in glyphs:
        xi = bisect.bisect_right(xs, (g.x0 + g.x1) / 2) - 1
        yi = bisect.bisect_right(ys, (g.top + g.bottom) / 2) - 1
        found = owner.get((xi, yi))
        if found is not None:
            members[found].append(g)
    content = {cells[k]: _cell(cells[k], members[k], marks) for k in range(len(cells))}
    rows: list[Row] = []
    for r, row in enumerate(table_rows, start=1):
        out: list[Cell | None] = []
        spanning: tuple[float, ...] | None = None
        for j, bbox in enumerate(row.cells):
            if bbox is not None:
                cell = content[bbox]
                if cell.paras or bbox[2] - bbox[0] >= MIN_COLUMN:
                    out.append(cell)
                spanning = None
                continue
            x = xs[j] if j < len(xs) else None
            if x is None or any(b is not None and b[0] < x < b[2] for b in row.cells):
                continue  # a colspan: a cell of this row covers this place
            above = _covering(cells, x, row.bbox[1])
            if above is not None and above != spanning and above[2] - above[0] >= MIN_COLUMN:
                out.append(None)
                spanning = above
        if any(c is not None for c in out):
            rows.append(Row(cells=out, locator=f"{prefix} row {r}"))
    return rows


def _covering(
    cells: Sequence[tuple[float, float, float, float]], x: float, top: float
) -> tuple[float, float, float, float] | None:
    for c in cells:
        if c[0] <= x < c[2] and c[1] < top < c[3]:
            return c
    return None


def _cell(bbox: tuple[float, float, float, float], glyphs: list[Glyph], marks: Sequence[Mark] = ()) -> Cell:
    x0, top, x1, bottom = bbox
    lines = build_lines(glyphs, split_gap=None)
    mark_bullets(
        lines, [m for m in marks if x0 <= m.x0 and m.x1 <= x1 and top <= m.top and m.bottom <= bottom]
    )
    if not lines:
        return Cell(x0, x1, [])
    pad = max(0.0, min(min(ln.x0 for ln in lines) - x0, (x1 - x0) / 2))
    return Cell(x0, x1, build_paragraphs(lines, x0 + pad, x1 - pad, centred=True))
