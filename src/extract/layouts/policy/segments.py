"""From blocks to segments: the units the grammar reads.

A block is not always one thing.  In the 様式 tables one cell holds an issue
heading followed by its summary, or several strategies one after another
(``【2-1 …】 text 【2-4 …】 text``), and a cell may hold several paragraphs.
Segments split cells into paragraphs and split any text before an embedded
structural heading, so the grammar sees one heading (with whatever follows it
on the same line) per segment, whatever the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...blocks import Block
from ...japanese import fold

__all__ = ["Segment", "segment_blocks"]

# 【経営課題1 …】, 【1-1 …】, 【1-1-1 …】, 【戦略2-4 …】, 【具体的取組…】, 【取組項目2】 starting mid-text
_EMBEDDED_HEADING_RE = re.compile(
    r"(?<=\s)(?=[【<《]\s*(?:経営課題|主な戦略|戦略|主な具体的取組|具体的取組|取組項目)?\s*[0-9]{1,2}"
    r"(?:\s*-\s*[0-9]{1,2}){0,2}\s*(?:[\s:】>》]|(?<=[0-9])[^0-9年度か月日回件%]))"
    r"|(?<=\s)(?=◆)"
)


@dataclass(slots=True)
class Segment:
    """One unit of text for the grammar, with where it came from."""

    text: str
    locator: str
    bullet: bool
    block_kind: str
    block_index: int
    column: int | None = None
    row_start: bool = False
    row_cells: int = 0
    cut: bool = False
    """The input stops inside this segment (truncated document)."""
    level: int = 0
    """The list item's nesting level as the reader saw it (a nested ``<ul>``); 0 when not a list item."""

    @property
    def folded(self) -> str:
        return fold(self.text)


@lru_cache(maxsize=1 << 14)
def _split_embedded(text: str) -> tuple[str, ...]:
    """Split before structural headings that start in the middle of a text.

    Cached, like :func:`~extract.japanese.fold`: layout detection and parsing
    segment the same blocks three times.

    >>> _split_embedded("【2-1 子育て】 説明。 【2-4 高齢者】 説明")
    ('【2-1 子育て】 説明。', '【2-4 高齢者】 説明')
    >>> _split_embedded("割合 【元年度】 40% (29年度14.4%)")
    ('割合 【元年度】 40% (29年度14.4%)',)
    """
    folded = fold(text)
    cuts = [m.start() for m in _EMBEDDED_HEADING_RE.finditer(folded)]
    if not cuts:
        return (text,)
    parts = []
    prev = 0
    for c in cuts:
        piece = text[prev:c].strip()
        if piece:
            parts.append(piece)
        prev = c
    tail = text[prev:].strip()
    if tail:
        parts.append(tail)
    return tuple(parts)


def _cell_locator(locator: str, column: int) -> str:
    return f"{locator} cell {column + 1}"


def segment_blocks(blocks: Sequence[Block]) -> list[Segment]:
    """Segments for ``blocks`` in reading order."""
    return list(_iter_segments(blocks))


def _iter_segments(blocks: Sequence[Block]) -> Iterator[Segment]:
    for index, block in enumerate(blocks):
        if block.kind == "table_row":
            first = True
            cells = list(block.cells)
            filled = sum(1 for c in cells if c.strip())
            for column, cell in enumerate(cells):
                if not cell.strip():
                    continue
                locator = _cell_locator(block.locator, column) if len(cells) > 1 else block.locator
                for paragraph in cell.split("\n"):
                    for piece in _split_embedded(paragraph):
                        yield Segment(
                            text=piece,
                            locator=locator,
                            bullet=False,
                            block_kind=block.kind,
                            block_index=index,
                            column=column,
                            row_start=first,
                            row_cells=filled,
                        )
                        first = False
            continue
        for piece in _split_embedded(block.text):
            yield Segment(
                text=piece,
                locator=block.locator,
                bullet=block.kind == "list_item",
                block_kind=block.kind,
                block_index=index,
                level=block.level if block.kind == "list_item" else 0,
            )
