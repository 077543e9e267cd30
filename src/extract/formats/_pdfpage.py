"""What a PDF engine hands the reader for one page: glyphs, ruled-line edges, bullet marks, images.

The reader reads a page from five things: its size, its characters (text and
box, :class:`._glyphs.Glyph`), the edges of its drawn lines and rectangles
(in pdfplumber's edge form, which its table finder works from), the small
filled shapes that may be list bullets, and how many images it has.  Both
engines (pdfplumber over pdfminer, and pdfium) produce a :class:`RawPage`, so
line building, table finding and everything after them is one code path.

The shapes → edges conversion is pdfplumber's (``utils.line_to_edge``,
``rect_to_edges``, ``curve_to_edges``) and pdfminer's (which path is a line,
a rectangle or a curve), restated over plain tuples: the pdfium engine
has no pdfminer objects to hand to them, and building pdfplumber's
thirty-key dictionaries only to read five keys back is what made that path slow.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._glyphs import Glyph
from ._pdfmarks import Mark

__all__ = ["TABLE_SETTINGS", "RawPage", "Shapes", "find_tables"]

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

Point = tuple[float, float]
Edge = dict[str, Any]


@dataclass(slots=True)
class RawPage:
    """One page as an engine read it (top-left origin, points, pdfplumber's coordinates)."""

    width: float
    height: float
    glyphs: list[Glyph]
    """Every drawn character in drawing order; ``(cid:N)`` for one without a Unicode mapping."""
    edges: list[Edge]
    marks: list[Mark]
    images: int = 0


@dataclass(slots=True)
class _EdgesOnly:
    """The one attribute of a pdfplumber page that its ``TableFinder`` reads with the lines strategies."""

    edges: list[Edge]
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def find_tables(edges: list[Edge]) -> list[Any]:
    """pdfplumber's ruled tables (``Table`` objects, two cells or more) from a page's edges (:mod:`._pdfgrid`)."""
    if not edges:
        return []
    from ._pdfgrid import tables_from_edges

    return [t for t in tables_from_edges(_EdgesOnly(edges), TABLE_SETTINGS) if len(t.cells) >= 2]


@dataclass(slots=True)
class Shapes:
    """A page's painted paths sorted as pdfminer sorts them, turned into edges and marks.

    Feed each subpath with :meth:`add` in drawing order (points already in
    the page's top-left coordinates, ``ops`` pdfminer's letters: ``m``,
    ``l``, ``c`` for a curve segment, ``h``); :meth:`edges` then gives the
    edges in pdfplumber's order (lines, then rectangles, then curves).
    """

    lines: list[tuple[Point, Point]] = field(default_factory=list)
    rects: list[tuple[float, float, float, float, bool]] = field(default_factory=list)
    curves: list[tuple[list[Point], bool]] = field(default_factory=list)

    def add(self, ops: str, pts: list[Point], fill: bool) -> None:
        """One path with pdfminer's ``paint_path`` rules: split at each ``m``, then line, rectangle or curve."""
        if ops[:1] != "m":
            return
        start = 0
        for i in range(1, len(ops) + 1):
            if i == len(ops) or ops[i] == "m":
                if i - start > 1:
                    self._subpath(ops[start:i], pts[start:i], fill)
                start = i

    def _subpath(self, shape: str, pts: list[Point], fill: bool) -> None:
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-1]
        if shape in ("mlh", "ml"):
            self.lines.append((pts[0], pts[1]))
            return
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                self.rects.append((min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2), fill))
                return
        self.curves.append((pts, fill))

    def edges(self) -> list[Edge]:
        out: list[Edge] = []
        for (xa, ta), (xb, tb) in self.lines:
            x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ta, tb), max(ta, tb)
            out.append(_edge("line", x0, x1, top, bottom, "h" if top == bottom else "v"))
        for x0, top, x1, bottom, _ in self.rects:
            out.append(_edge("rect_edge", x0, x1, top, top, "h", height=0.0))
            out.append(_edge("rect_edge", x0, x1, bottom, bottom, "h", height=0.0))
            out.append(_edge("rect_edge", x0, x0, top, bottom, "v", width=0.0))
            out.append(_edge("rect_edge", x1, x1, top, bottom, "v", width=0.0))
        for pts, _ in self.curves:
            for (xa, ta), (xb, tb) in itertools.pairwise(pts):
                orientation = "v" if xa == xb else ("h" if ta == tb else None)
                out.append(
                    _edge("curve_edge", min(xa, xb), max(xa, xb), min(ta, tb), max(ta, tb), orientation)
                )
        return out

    def marks(self, max_size: float = 8.0) -> list[Mark]:
        """Filled shapes that may be bullets: :func:`._pdfmarks.find_marks` over curves and rectangles."""
        boxes: list[tuple[float, float, float, float]] = []
        for pts, fill in self.curves:
            if fill:
                xs = [p[0] for p in pts]
                ts = [p[1] for p in pts]
                boxes.append((min(xs), max(xs), min(ts), max(ts)))
        boxes.extend((x0, x1, top, bottom) for x0, top, x1, bottom, fill in self.rects if fill)
        return small_marks(boxes, max_size)


def small_marks(boxes: Iterable[tuple[float, float, float, float]], max_size: float = 8.0) -> list[Mark]:
    """The boxes (x0, x1, top, bottom) no bigger than ``max_size`` and about square."""
    marks = []
    for x0, x1, top, bottom in boxes:
        w, h = x1 - x0, bottom - top
        if 0.5 <= w <= max_size and 0.5 <= h <= max_size and 0.6 <= w / h <= 1.6:
            marks.append(Mark(x0, x1, top, bottom))
    return marks


def _edge(
    kind: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    orientation: str | None,
    *,
    width: float | None = None,
    height: float | None = None,
) -> Edge:
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0 if width is None else width,
        "height": bottom - top if height is None else height,
        "orientation": orientation,
    }
