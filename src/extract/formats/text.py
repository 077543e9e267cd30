"""Plain text: one block per non-empty line.

Text renderings of the city's pages keep list bullets as ``  • `` or ``- ``,
ordered lists as ``  1. ``, and 様式 tables as TAB-separated cells (sometimes
with the CMS's ``<p>`` markup still inside a cell).  Those become list items,
table rows and multi-paragraph cells; everything else is a paragraph, and the
layout decides what is a heading.
"""

from __future__ import annotations

import html
import re
import time

from ..blocks import Block, ReadResult
from ..diagnostics import Diagnostic
from ..japanese import clean_text
from .encoding import decode_bytes

__all__ = ["lines_to_blocks", "read_text", "split_markup_paragraphs"]

_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦]|-(?=\s)|\*(?=\s))\s*")
_ORDERED_RE = re.compile(r"^\s+[0-9]{1,2}\.\s+")
_MARKUP_RE = re.compile(
    r"</?(?:p|br|span|div|strong|b|em|font|a|li|ul|ol)\b[^>]*>|&(?:lt|gt|amp|nbsp|quot);", re.I
)
_PARA_BREAK_RE = re.compile(r"</p\s*>\s*(?:<p\b[^>]*>)?|<br\s*/?>|</li\s*>|</div\s*>", re.I)
_TAG_RE = re.compile(r"<[^>]{0,200}>")


def read_text(data: bytes, source: str, declared_charset: str | None = None) -> ReadResult:
    """Decode ``data`` and turn its lines into blocks located by line number."""
    started = time.perf_counter()
    text, _codec, notes = decode_bytes(data, source, declared_charset, lenient=True)
    decoded = time.perf_counter() - started
    return ReadResult(
        blocks=lines_to_blocks(text.splitlines()),
        warnings=[Diagnostic(None, note) for note in notes],
        decode_seconds=decoded,
    )


def split_markup_paragraphs(cell: str) -> list[str]:
    """Paragraphs of a cell that still carries the CMS's HTML (``<p>…</p> <p>…</p>``).

    >>> split_markup_paragraphs("<p>(目標) 40%</p> <p>&lt;その他&gt; 70%</p>")
    ['(目標) 40%', '<その他> 70%']
    >>> split_markup_paragraphs("plain text")
    ['plain text']
    """
    if not _MARKUP_RE.search(cell):
        return [cell]
    parts = _PARA_BREAK_RE.split(cell)
    out = []
    for part in parts:
        part = clean_text(html.unescape(_TAG_RE.sub(" ", part)))
        if part:
            out.append(part)
    return out


def _cell_text(cell: str) -> str:
    return "\n".join(split_markup_paragraphs(cell)) if cell.strip() else ""


def lines_to_blocks(lines: list[str], *, locator_prefix: str = "line ") -> list[Block]:
    """Blocks for ``lines``; locators are ``line N`` (1-based)."""
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        locator = f"{locator_prefix}{number}"
        if "\t" in raw:
            cells = tuple(_cell_text(c) for c in raw.split("\t"))
            if any(cells):
                shown = " | ".join(c.replace("\n", " ") for c in cells if c)
                blocks.append(Block("table_row", shown, locator, cells=cells))
            continue
        paragraphs = split_markup_paragraphs(raw)
        kind: str = "paragraph"
        level = 0
        first = paragraphs[0] if paragraphs else ""
        bullet = _BULLET_RE.match(raw)
        ordered = _ORDERED_RE.match(raw)
        if len(paragraphs) == 1 and bullet:
            first = raw[bullet.end() :]
            kind = "list_item"
            level = 1 + (len(raw) - len(raw.lstrip())) // 4
        elif len(paragraphs) == 1 and ordered:
            first = raw[ordered.end() :]
            kind = "list_item"
            level = 1
        texts = [clean_text(first), *paragraphs[1:]] if len(paragraphs) == 1 else paragraphs
        for text in texts:
            if text:
                blocks.append(Block(kind, text, locator, level=level))  # type: ignore[arg-type]
    return blocks
