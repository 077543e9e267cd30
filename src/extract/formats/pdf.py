"""PDF: body text and ruled tables, in reading order, as the same blocks the text reader gives.

The 様式 attachments are ruled tables (経営課題の概要 | 主な戦略, 取組の方針・
目標内容 | 当年度の取組内容) with a few lines of text around them.  Each page
is read with pdfplumber: ruled tables are found from their drawn edges,
glyphs inside a table go to its cells and the rest is body text.  Lines are
joined back into paragraphs (:mod:`._pdflayout`) so that a block is a
paragraph, as in the text reader, and a table row is one ``table_row`` block
whose cells hold their paragraphs joined by ``\\n``.

Across pages, a paragraph cut by the page break is joined up again, a table
that goes on at the top of the next page continues (a repeated header row is
dropped), and a row the page break cut in two is merged back into one row.

Locators: ``page 3`` for body text, ``page 3 table 1 row 2`` for a table row
(the grammar appends `` cell N``).  Tables and rows are numbered from 1 on the
page where they start, top to bottom.
"""

from __future__ import annotations

import bisect
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .._exceptions import CorruptDocument, one_line
from ..blocks import Block, PageMeta, ReadResult
from ..diagnostics import Diagnostic
from ._glyphs import BULLET_GLYPHS, Glyph, drop_overstruck, quality_problems, repairs_message
from ._pdflayout import Line, Para, build_lines, build_paragraphs, finish_text, join_lines
from ._pdfmarks import Mark, mark_bullets
from ._pdfpage import RawPage, find_tables

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "read_pdf"]

MAX_PAGES = 2000
"""More pages than any 運営方針 attachment; a bigger file is refused rather than read for minutes."""

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-‐–—－]\s*)?\d{1,4}(?:\s*[-‐–—－])?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"
    r"|^\s*(?:page|p\.)\s*\d{1,4}\s*$|^\s*\d{1,4}\s*ページ\s*$",
    re.I,
)
_NEW_PARAGRAPH = BULLET_GLYPHS | {"・"}
_MIN_COLUMN = 6.0
"""Narrower (empty) cells are the spacer columns Word draws for cell padding, not columns."""


# --------------------------------------------------------------------------- model


@dataclass(slots=True)
class _Cell:
    x0: float
    x1: float
    paras: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(t for t in (finish_text(p.text)[0] for p in self.paras) if t)


@dataclass(slots=True)
class _Row:
    cells: list[_Cell | None]
    """``None`` marks a place a cell from the row above spans into (a rowspan)."""
    locator: str

    def texts(self) -> list[str]:
        return [c.text if c is not None else "" for c in self.cells]

    def edges(self) -> list[float]:
        real = [c for c in self.cells if c is not None]
        return [c.x0 for c in real] + ([real[-1].x1] if real else [])


@dataclass(slots=True)
class _Table:
    rows: list[_Row]
    page: int


@dataclass(slots=True)
class _Text:
    para: Para
    page: int


_Item = _Text | _Table


@dataclass(slots=True)
class _PageData:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[tuple[float, _Table]]
    cid_glyphs: int = 0
    images: int = 0
    text: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- entry point

Engine = Literal["pdfium", "pdfplumber"]
ENGINES: tuple[Engine, ...] = ("pdfium", "pdfplumber")
DEFAULT_ENGINE: Engine = "pdfium"


def read_pdf(
    data: bytes, source: str, declared_charset: str | None = None, *, engine: Engine = DEFAULT_ENGINE
) -> ReadResult:
    """Blocks of a PDF's body text and ruled tables, with text-quality warnings.

    ``engine`` reads the pages: ``pdfium`` (pypdfium2, the default) or
    ``pdfplumber`` (pdfminer); both give the same glyphs and edges to the
    same line building and table finding.
    """
    _check_bytes(data, source)
    if engine == "pdfium":
        from ._pdfium import read_pages
    elif engine == "pdfplumber":
        from ._pdfplumber import read_pages
    else:
        raise ValueError(f"unknown PDF engine {engine!r}; known: {', '.join(ENGINES)}")
    pages: list[_PageData] = []
    clock = _Clock()

    def consume(raw: RawPage) -> None:
        pages.append(_read_page(raw, len(pages) + 1, clock))

    try:
        seconds, notes = read_pages(data, source, MAX_PAGES, consume)
    except (CorruptDocument, MemoryError):
        raise
    except RecursionError:
        raise CorruptDocument(
            "damaged PDF (objects nested too deeply, or referring to each other in a loop)", source=source
        ) from None
    except Exception as exc:  # an engine's failure on a damaged page
        raise CorruptDocument(f"damaged PDF ({_describe(exc)})", source=source) from None
    result = _assemble(pages, source)
    result.decode_seconds = seconds + clock.seconds
    result.warnings.extend(Diagnostic(None, note) for note in notes)
    return result


@dataclass(slots=True)
class _Clock:
    """Time spent finding tables (pdfplumber's table finder), apart from our own geometry."""

    seconds: float = 0.0


def _describe(exc: object) -> str:
    return one_line(str(exc), 120) or type(exc).__name__


def _check_bytes(data: bytes, source: str) -> None:
    head = data[:1024]
    if b"%PDF-" not in head:
        raise CorruptDocument("not a PDF (no %PDF header)", source=source)
    if b"%%EOF" not in data[-2048:]:
        raise CorruptDocument("truncated PDF (no %%EOF marker at the end of the file)", source=source)


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


def _read_page(raw: RawPage, number: int, clock: _Clock) -> _PageData:
    started = time.perf_counter()
    found = find_tables(raw.edges)
    marks = raw.marks
    clock.seconds += time.perf_counter() - started
    glyphs, cids = _glyphs(raw.glyphs)
    boxes = [t.bbox for t in found]
    body: list[Glyph] = []
    in_table: list[list[Glyph]] = [[] for _ in found]
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                in_table[i].append(g)
                break
        else:
            body.append(g)
    tables = []
    for index, (table, members) in enumerate(zip(found, in_table, strict=True), start=1):
        rows = _table_rows(table, members, f"page {number} table {index}", marks)
        if rows:
            tables.append((table.bbox[1], _Table(rows=rows, page=number)))
    lines = build_lines(body)
    mark_bullets(lines, marks)
    data = _PageData(
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


def _table_rows(table: Any, glyphs: list[Glyph], prefix: str, marks: Sequence[Mark] = ()) -> list[_Row]:
    """Rows of a ruled table with each glyph in the cell that holds its centre."""
    cells: list[tuple[float, float, float, float]] = [c for row in table.rows for c in row.cells if c]
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
    rows: list[_Row] = []
    for r, row in enumerate(table.rows, start=1):
        out: list[_Cell | None] = []
        spanning: tuple[float, ...] | None = None
        for j, bbox in enumerate(row.cells):
            if bbox is not None:
                cell = content[bbox]
                if cell.paras or bbox[2] - bbox[0] >= _MIN_COLUMN:
                    out.append(cell)
                spanning = None
                continue
            x = xs[j] if j < len(xs) else None
            if x is None or any(b is not None and b[0] < x < b[2] for b in row.cells):
                continue  # a colspan: a cell of this row covers this place
            above = _covering(cells, x, row.bbox[1])
            if above is not None and above != spanning and above[2] - above[0] >= _MIN_COLUMN:
                out.append(None)
                spanning = above
        if any(c is not None for c in out):
            rows.append(_Row(cells=out, locator=f"{prefix} row {r}"))
    return rows


def _covering(
    cells: Sequence[tuple[float, float, float, float]], x: float, top: float
) -> tuple[float, float, float, float] | None:
    for c in cells:
        if c[0] <= x < c[2] and c[1] < top < c[3]:
            return c
    return None


def _cell(bbox: tuple[float, float, float, float], glyphs: list[Glyph], marks: Sequence[Mark] = ()) -> _Cell:
    x0, top, x1, bottom = bbox
    lines = build_lines(glyphs, split_gap=None)
    mark_bullets(
        lines, [m for m in marks if x0 <= m.x0 and m.x1 <= x1 and top <= m.top and m.bottom <= bottom]
    )
    if not lines:
        return _Cell(x0, x1, [])
    pad = max(0.0, min(min(ln.x0 for ln in lines) - x0, (x1 - x0) / 2))
    return _Cell(x0, x1, build_paragraphs(lines, x0 + pad, x1 - pad, centred=True))


# --------------------------------------------------------------------------- the document


def _assemble(pages: list[_PageData], source: str) -> ReadResult:
    warnings: list[Diagnostic] = []
    _drop_furniture(pages)
    _drop_print_titles(pages)
    for page in pages:
        for problem in quality_problems("".join(page.text), page.cid_glyphs):
            warnings.append(Diagnostic(f"page {page.number}", f"text quality: {problem}"))
        if not page.text and page.images:
            warnings.append(
                Diagnostic(f"page {page.number}", "no text layer (an image-only page; it is not read)")
            )
    if not any(page.text for page in pages):
        unmapped = sum(page.cid_glyphs for page in pages)
        if unmapped:
            raise CorruptDocument(
                f"no readable text: all {unmapped} glyphs lack a Unicode mapping ((cid:NNN))", source=source
            )
        raise CorruptDocument("the PDF has no text layer (scanned images?); nothing to read", source=source)
    repaired = repairs_message(_repairs(pages))
    if repaired:
        warnings.append(Diagnostic(None, repaired))
    right = _right_edges(pages)
    items: list[_Item] = []
    for page in pages:
        items.extend(_page_items(page, _page_right(page, right[round(page.width)])))
    # a PDF that opened and read to its end is whole: its last line needs no truncation check
    return ReadResult(
        blocks=list(_blocks(_merge_across_pages(items))), meta=PageMeta(complete=True), warnings=warnings
    )


def _repairs(pages: list[_PageData]) -> Counter[str]:
    """Look-alike glyphs repaired in the text that is read (body lines left after the furniture, table cells)."""
    counts: Counter[str] = Counter()
    for page in pages:
        for line in page.lines:
            counts.update(line.repairs)
        for _, table in page.tables:
            for row in table.rows:
                for cell in row.cells:
                    for para in cell.paras if cell is not None else ():
                        for line in para.lines:
                            counts.update(line.repairs)
    return counts


def _drop_furniture(pages: list[_PageData]) -> None:
    """Remove page numbers and running headers/footers: they are not part of the text."""

    def margin(page: _PageData, line: Line) -> bool:
        return line.bottom < page.height * 0.07 or line.top > page.height * 0.9

    repeated: Counter[str] = Counter()
    for page in pages:
        seen = {re.sub(r"\d+", "#", ln.text.strip()) for ln in page.lines if margin(page, ln)}
        repeated.update(seen)
    for page in pages:
        page.lines = [
            ln
            for ln in page.lines
            if not (
                margin(page, ln)
                and (
                    _PAGE_NUMBER_RE.match(ln.text)
                    or (len(pages) > 1 and repeated[re.sub(r"\d+", "#", ln.text.strip())] > 1)
                )
            )
        ]


def _drop_print_titles(pages: list[_PageData]) -> None:
    """Remove the row a spreadsheet repeats at the top of every page (its print titles).

    When every page after the first opens with a table whose first row is
    the same, that row is the print title: it is read where it stands in the
    text (on the first page) and dropped from the tops of the others, so that
    the table cut by each page break goes on.  Two pages are not enough to
    tell a print title from a table that happens to start a page.
    """
    if len(pages) < 3:
        return
    tops: list[_Table] = []
    for page in pages[1:]:
        if not page.tables:
            return
        top, table = min(page.tables, key=lambda t: t[0])
        if any(line.top < top for line in page.lines):
            return
        tops.append(table)
    if len({tuple(table.rows[0].texts()) for table in tops}) != 1:
        return
    for page, table in zip(pages[1:], tops, strict=True):
        del table.rows[0]
        page.tables = [(top, t) for top, t in page.tables if t.rows]


def _right_edges(pages: list[_PageData]) -> dict[int, float]:
    """The right edge of the text area for each page width.

    That is the furthest any body line reaches on pages of that width, but no
    less than the left margin mirrored: a page of short lines has no full line.
    """
    right: dict[int, float] = {}
    for page in pages:
        key = round(page.width)
        right.setdefault(key, 0.0)
        for line in page.lines:
            right[key] = max(right[key], line.x1, page.width - line.x0)
    return right


def _page_right(page: _PageData, right: float) -> float:
    """The right edge of this page's text, when it is narrower than the document's.

    A spreadsheet exported to PDF wraps its body text in a column, not at the
    page margin, and each sheet is scaled on its own: a page whose lines
    repeatedly end at one place well inside the document's edge wraps there.
    """
    if not page.lines:
        return right
    reach = max(line.x1 for line in page.lines)
    size = statistics.median(line.size for line in page.lines)
    wrapped = sum(1 for line in page.lines if line.x1 >= reach - size)
    return reach if wrapped >= 2 and reach < right - 3 * size else right


def _page_items(page: _PageData, right: float) -> list[_Item]:
    """Body paragraphs and tables of one page in reading order (top to bottom)."""
    items: list[tuple[float, _Item]] = [(top, table) for top, table in page.tables]
    if page.lines:
        left = min(ln.x0 for ln in page.lines)
        cuts = sorted(top for top, _ in page.tables)
        runs: dict[int, list[Line]] = {}
        for line in page.lines:
            runs.setdefault(bisect.bisect_right(cuts, line.top), []).append(line)
        for run in runs.values():
            for para in build_paragraphs(run, left, right):
                items.append((para.top, _Text(para=para, page=page.number)))
    items.sort(key=lambda it: it[0])
    return [it for _, it in items]


def _merge_across_pages(items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        next_page = prev is not None and item.page == prev.page + 1
        if (
            next_page
            and isinstance(item, _Text)
            and isinstance(prev, _Text)
            and _para_continues(prev.para, item.para)
        ):
            prev.para.text = join_lines(prev.para.text, item.para.text)
            prev.para.last_full = item.para.last_full
            continue
        if (
            next_page
            and isinstance(item, _Table)
            and isinstance(prev, _Table)
            and _continue_table(prev, item)
        ):
            continue
        out.append(item)
    return out


def _para_continues(prev: Para, nxt: Para) -> bool:
    if not prev.last_full or not prev.lines or not nxt.lines:
        return False
    first = nxt.lines[0]
    return first.x0 <= prev.first_x0 + 3 * first.size and first.text.lstrip()[:1] not in _NEW_PARAGRAPH


def _same_edges(a: _Row, b: _Row) -> bool:
    ea, eb = a.edges(), b.edges()
    return len(ea) == len(eb) and all(abs(x - y) <= 2.0 for x, y in zip(ea, eb, strict=True))


def _continue_table(prev: _Table, nxt: _Table) -> bool:
    """Append ``nxt`` (at the top of the next page) to ``prev`` when it is the same table going on."""
    if not nxt.rows or not prev.rows or not _same_edges(prev.rows[-1], nxt.rows[0]):
        return False
    rows = list(nxt.rows)
    if len(rows) > 1 and rows[0].texts() == prev.rows[0].texts():
        rows = rows[1:]  # a header row the producer repeats on every page
    if _row_continues(prev.rows[-1], rows[0]):
        _merge_rows(prev.rows[-1], rows[0])
        rows = rows[1:]
    prev.rows.extend(rows)
    return True


def _row_continues(last: _Row, first: _Row) -> bool:
    """The page break cut ``last`` in two: ``first`` holds the rest of its cells.

    Every cell with text on the new page must go on from a cell with text, and
    at least one cell must have been cut mid-paragraph (its last line runs to
    the edge and the text on the new page does not open a new paragraph); the
    other cells may have been cut between paragraphs.
    """
    if len(last.cells) != len(first.cells):
        return False
    cut_mid_paragraph = False
    for above, below in zip(last.cells, first.cells, strict=True):
        if below is None or not below.paras:
            continue
        if above is None or not above.paras:
            return False
        if above.paras[-1].last_full and not _opens_paragraph(below.paras[0]):
            cut_mid_paragraph = True
    return cut_mid_paragraph


def _opens_paragraph(para: Para) -> bool:
    return para.text.lstrip()[:1] in _NEW_PARAGRAPH


def _merge_rows(last: _Row, first: _Row) -> None:
    """Put the continuation's cell contents into the cut row; a cut paragraph is joined up again."""
    for above, below in zip(last.cells, first.cells, strict=True):
        if above is None or below is None or not below.paras:
            continue
        head, *tail = below.paras
        end = above.paras[-1]
        if end.last_full and not _opens_paragraph(head):
            end.text = join_lines(end.text, head.text)
            end.last_full = head.last_full
            above.paras.extend(tail)
        else:
            above.paras.extend(below.paras)


# --------------------------------------------------------------------------- blocks


def _blocks(items: list[_Item]) -> Iterator[Block]:
    for item in items:
        if isinstance(item, _Text):
            raw = item.para.text.lstrip()
            kind = "paragraph"
            if raw[:1] in BULLET_GLYPHS:
                raw = raw[1:]
                kind = "list_item"
            text, _ = finish_text(raw)
            if text:
                yield Block(kind, text, f"page {item.page}", level=1 if kind == "list_item" else 0)  # type: ignore[arg-type]
            continue
        for row in item.rows:
            cells = tuple(row.texts())
            if any(cells):
                shown = " | ".join(c.replace("\n", " ") for c in cells if c)
                yield Block("table_row", shown, row.locator, cells=cells)
