"""PDF: body text and ruled tables, in reading order, as the same blocks the text reader gives.

The 様式 attachments are ruled tables (経営課題の概要 | 主な戦略, 取組の方針・
目標内容 | 当年度の取組内容) with a few lines of text around them.  Each page
is read by a PDF engine: ruled tables are found from their drawn edges,
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

The work is in three steps: an engine reads each page's glyphs and edges
(:mod:`._pdfium` or :mod:`._pdfplumber`, as :class:`._pdfpage.RawPage`),
:mod:`._pdfcontent` sorts a page into body lines and table rows, and
:mod:`._pdfassemble` puts the pages together into blocks.
"""

from __future__ import annotations

from typing import Literal

from .._exceptions import CorruptDocument, ExtractError, one_line
from ..blocks import ReadResult
from ..diagnostics import Diagnostic
from ._pdfassemble import assemble
from ._pdfcontent import Clock, PageData, read_page
from ._pdfpage import RawPage

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "read_pdf"]

MAX_PAGES = 2000
"""More pages than any 運営方針 attachment; a bigger file is refused rather than read for minutes."""


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
    pages: list[PageData] = []
    clock = Clock()

    def consume(raw: RawPage) -> None:
        pages.append(read_page(raw, len(pages) + 1, clock))

    try:
        seconds, notes = read_pages(data, source, MAX_PAGES, consume)
    except (ExtractError, MemoryError):  # the document's or the engine's own failure, already said
        raise
    except RecursionError:
        raise CorruptDocument(
            "damaged PDF (objects nested too deeply, or referring to each other in a loop)", source=source
        ) from None
    except Exception as exc:  # an engine's failure on a damaged page
        raise CorruptDocument(f"damaged PDF ({_describe(exc)})", source=source) from None
    result = assemble(pages, source)
    result.decode_seconds = seconds + clock.seconds
    result.warnings.extend(Diagnostic(None, note) for note in notes)
    return result


def _describe(exc: object) -> str:
    return one_line(str(exc), 120) or type(exc).__name__


def _check_bytes(data: bytes, source: str) -> None:
    head = data[:1024]
    if b"%PDF-" not in head:
        raise CorruptDocument("not a PDF (no %PDF header)", source=source)
    if b"%%EOF" not in data[-2048:]:
        raise CorruptDocument("truncated PDF (no %%EOF marker at the end of the file)", source=source)
