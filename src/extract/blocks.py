"""The block stream: what every format reader produces and every layout consumes.

Text, HTML, PDF and XLSX look nothing alike, but a policy document in any of
them is a sequence of headings, paragraphs, list items and table rows.  Format
readers turn bytes into that sequence (with a locator saying where each block
sits in the source), so one layout parser serves every format.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

from .diagnostics import Diagnostic

__all__ = ["Block", "BlockKind", "LinkedFile", "PageMeta", "ReadResult"]

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]


@dataclass(frozen=True, slots=True, init=False)
class Block:
    """One unit of document structure.

    ``text`` is cleaned (glyph repairs, whitespace collapsed) and keeps the
    document's own characters.  A ``table_row`` also has its ``cells``; its
    ``text`` is the cells joined by `` | `` for display only.
    """

    kind: BlockKind
    text: str
    locator: str
    level: int = 0
    cells: tuple[str, ...] = ()
    href: str | None = None

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        locator: str,
        level: int = 0,
        cells: tuple[str, ...] = (),
        href: str | None = None,
    ) -> None:
        # written out because a frozen dataclass's own __init__ sets each field through
        # object.__setattr__, most of the cost of a block (readers make one per line of a
        # document); the slots' descriptors set the same fields in a fraction of the time
        if kind == "table_row" and not cells:
            cells = (text,)
        _SET_KIND(self, kind)
        _SET_TEXT(self, text)
        _SET_LOCATOR(self, locator)
        _SET_LEVEL(self, level)
        _SET_CELLS(self, cells)
        _SET_HREF(self, href)


_SET_KIND, _SET_TEXT, _SET_LOCATOR, _SET_LEVEL, _SET_CELLS, _SET_HREF = (
    Block.__dict__[name].__set__ for name in ("kind", "text", "locator", "level", "cells", "href")
)


@dataclass(frozen=True, slots=True)
class LinkedFile:
    """A file a page links to (a 様式 PDF, the workbook), as the reader found it.

    The block stream's own type, so readers do not depend on the output
    schema; layouts turn it into the record's ``Attachment``.
    """

    title: str
    url: str | None = None
    format: str | None = None
    """PDF, XLSX, … as the link text states it."""
    size_bytes: int | None = None


@dataclass(slots=True)
class PageMeta:
    """Metadata a reader found outside the body text (HTML head, CMS fields, PDF info)."""

    title: str | None = None
    updated_on: _dt.date | None = None
    page_id: str | None = None
    url: str | None = None
    attachments: list[LinkedFile] = field(default_factory=list)
    complete: bool = False
    """The reader saw where the document ends (an HTML page's closing tags), so a last
    line without final punctuation is not a cut; text gives no such sign."""


@dataclass(slots=True)
class ReadResult:
    """A format reader's output: blocks, page metadata and reader warnings."""

    blocks: list[Block]
    meta: PageMeta = field(default_factory=PageMeta)
    warnings: list[Diagnostic] = field(default_factory=list)
    decode_seconds: float | None = None
    """Time the reader spent turning bytes into characters (text decoding, the HTML parse,
    pdfminer's content streams, unzipping and loading a workbook), as opposed to building
    blocks from them; None when the reader does not tell them apart."""
