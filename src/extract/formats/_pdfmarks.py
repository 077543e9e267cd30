"""List bullets drawn as shapes: browsers print an HTML list's markers as small filled discs or squares.

Chromium's print to PDF draws the marker of ``<li>`` (``list-style: disc``,
``square``) as a vector path, not a glyph, so the text layer has the item
without its bullet and the item reads as a plain paragraph.  A small filled
shape just left of a line's first glyph, on the line's middle, is taken for
its bullet: the line gets a ``•`` in front, as if the bullet had been a glyph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ._pdflayout import Line

__all__ = ["Mark", "find_marks", "mark_bullets"]

BULLET = "•"


@dataclass(frozen=True, slots=True)
class Mark:
    """A small filled shape on the page (top-left origin, points)."""

    x0: float
    x1: float
    top: float
    bottom: float


def find_marks(objects: Iterable[dict[str, Any]], max_size: float = 8.0) -> list[Mark]:
    """Filled shapes (pdfplumber curves and rects) no bigger than ``max_size`` and about square."""
    marks = []
    for obj in objects:
        if not obj.get("fill"):
            continue
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if 0.5 <= w <= max_size and 0.5 <= h <= max_size and 0.6 <= w / h <= 1.6:
            marks.append(Mark(obj["x0"], obj["x1"], obj["top"], obj["bottom"]))
    return marks


def mark_bullets(lines: Sequence[Line], marks: Sequence[Mark]) -> None:
    """Give each line that has a bullet mark just before it a ``•`` (in place)."""
    if not marks:
        return
    for line in lines:
        middle = (line.top + line.bottom) / 2
        for mark in marks:
            centre = (mark.top + mark.bottom) / 2
            if (
                mark.x1 <= line.x0 + 0.5
                and line.x0 - mark.x1 <= 2.0 * line.size
                and abs(centre - middle) <= 0.35 * (line.bottom - line.top)
                and mark.x1 - mark.x0 <= 0.6 * line.size
            ):
                line.text_x0 = line.x0
                line.text = f"{BULLET} {line.text}"
                line.x0 = mark.x0
                break
