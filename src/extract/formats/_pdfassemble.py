"""The pages of a PDF put together: furniture dropped, reading order, paragraphs and tables across page breaks.

Each page comes from :mod:`._pdfcontent` as body lines and tables.  What
needs the whole document is done here: page numbers and running headers or
footers (a line in the margin repeated on other pages) are dropped, as is a
spreadsheet's print-title row repeated at the top of every page; body lines
become paragraphs against the text area's right edge; a paragraph cut by the
page break is joined up again, a table that goes on at the top of the next
page continues (a repeated header row is dropped) and a row the page break
cut in two is merged back into one row.  Last, the items become blocks.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Iterator

from .._exceptions import CorruptDocument
from ..blocks import Block, PageMeta, ReadResult
from ..diagnostics import Diagnostic
from ._glyphs import BULLET_GLYPHS, quality_problems, repairs_message
from ._pdfcontent import Item, PageData, Row, Table, Text
from ._pdflayout import Line, Para, build_paragraphs, finish_text, join_lines

__all__ = ["assemble"]

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-‐–—－]\s*)?\d{1,4}(?:\s*[-‐–—－])?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"
    r"|^\s*(?:page|p\.)\s*\d{1,4}\s*$|^\s*\d{1,4}\s*ページ\s*$",
    re.I,
)
_NEW_PARAGRAPH = BULLET_GLYPHS | {"・"}


def assemble(pages: list[PageData], source: str) -> ReadResult:
    """The document's blocks and warnings from its pages, read in order (the pages are edited in place).

    A document with no text at all is refused here rather than read as
    empty: a scanned or unmapped PDF would otherwise give no records and no
    reason.
    """
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
    items: list[Item] = []
    for page in pages:
        items.extend(_page_items(page, _page_right(page, right[round(page.width)])))
    # a PDF that opened and read to its end is whole: its last line needs no truncation check
    return ReadResult(
        blocks=list(_blocks(_merge_across_pages(items))), meta=PageMeta(complete=True), warnings=warnings
    )


def _repairs(pages: list[PageData]) -> Counter[str]:
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


def _drop_furniture(pages: list[PageData]) -> None:
    """Remove page numbers and running headers/footers: they are not part of the text."""

    def margin(page: PageData, line: Line) -> bool:
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


def _drop_print_titles(pages: list[PageData]) -> None:
    """Remove the row a spreadsheet repeats at the top of every page (its print titles).

    When every page after the first opens with a table whose first row is
    the same, that row is the print title: it is read where it stands in the
    text (on the first page) and dropped from the tops of the others, so that
    the table cut by each page break goes on.  Two pages are not enough to
    tell a print title from a table that happens to start a page.
    """
    if len(pages) < 3:
        return
    tops: list[Table] = []
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


def _right_edges(pages: list[PageData]) -> dict[int, float]:
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


def _page_right(page: PageData, right: float) -> float:
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


def _page_items(page: PageData, right: float) -> list[Item]:
    """Body paragraphs and tables of one page in reading order (top to bottom)."""
    items: list[tuple[float, Item]] = [(top, table) for top, table in page.tables]
    if page.lines:
        left = min(ln.x0 for ln in page.lines)
        cuts = sorted(top for top, _ in page.tables)
        runs: dict[int, list[Line]] = {}
        for line in page.lines:
            runs.setdefault(bisect.bisect_right(cuts, line.top), []).append(line)
        for run in runs.values():
            for para in build_paragraphs(run, left, right):
                items.append((para.top, Text(para=para, page=page.number)))
    items.sort(key=lambda it: it[0])
    return [it for _, it in items]


def _merge_across_pages(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        next_page = prev is not None and item.page == prev.page + 1
        if (
            next_page
            and isinstance(item, Text)
            and isinstance(prev, Text)
            and _para_continues(prev.para, item.para)
        ):
            prev.para.text = join_lines(prev.para.text, item.para.text)
            prev.para.last_full = item.para.last_full
            continue
        if next_page and isinstance(item, Table) and isinstance(prev, Table) and _continue_table(prev, item):
            continue
        out.append(item)
    return out


def _para_continues(prev: Para, nxt: Para) -> bool:
    if not prev.last_full or not prev.lines or not nxt.lines:
        return False
    first = nxt.lines[0]
    return first.x0 <= prev.first_x0 + 3 * first.size and first.text.lstrip()[:1] not in _NEW_PARAGRAPH


def _same_edges(a: Row, b: Row) -> bool:
    ea, eb = a.edges(), b.edges()
    return len(ea) == len(eb) and all(abs(x - y) <= 2.0 for x, y in zip(ea, eb, strict=True))


def _continue_table(prev: Table, nxt: Table) -> bool:
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


def _row_continues(last: Row, first: Row) -> bool:
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


def _merge_rows(last: Row, first: Row) -> None:
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


def _blocks(items: list[Item]) -> Iterator[Block]:
    for item in items:
        if isinstance(item, Text):
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
