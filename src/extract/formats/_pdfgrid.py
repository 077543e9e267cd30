"""pdfplumber's ruled-table finder, with its two searches over the grid's points made cheaper.

The reader finds tables as pdfplumber does with the ``lines`` strategies
(its edges merged the same way, the same cells, the same tables), so that
both engines' tables are pdfplumber's.  Two of its steps spend their time
on repeated work, and are restated here to give the same results:

- ``edges_to_intersections`` sorts the horizontal edges again for every
  vertical edge; here they are sorted once.
- ``intersections_to_cells`` scans the points after each point for the
  ones directly below and to its right, and turns the edges at two points
  into sets of boxes for every pair it compares; here the points are
  grouped by column and by row once, and each point's edge boxes made a
  set once.

The order of everything (points, the first matching corner, the cells) is
pdfplumber's.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables

__all__ = ["tables_from_edges"]

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Edge = dict[str, Any]

_BOX = itemgetter("x0", "top", "x1", "bottom")


def tables_from_edges(page: Any, settings: dict[str, Any]) -> list[Table]:
    """pdfplumber's ``TableFinder(page, settings).tables`` for the ``lines`` strategies."""
    return _Finder(page, settings).tables


class _Finder(TableFinder):
    """``TableFinder`` with :func:`_intersections` and :func:`_cells` in place of its own steps."""

    def __init__(self, page: Any, settings: dict[str, Any]) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = _intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = _cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def _intersections(
    edges: list[Edge], x_tolerance: float, y_tolerance: float
) -> dict[Point, dict[str, list[Edge]]]:
    """pdfplumber's ``edges_to_intersections``: where a vertical and a horizontal edge meet."""
    out: dict[Point, dict[str, list[Edge]]] = {}
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in v_edges:
        x, v_top, v_bottom = v["x0"], v["top"], v["bottom"]
        for h in h_edges:
            top = h["top"]
            if (
                v_top <= top + y_tolerance
                and v_bottom >= top - y_tolerance
                and x >= h["x0"] - x_tolerance
                and x <= h["x1"] + x_tolerance
            ):
                vertex = (x, top)
                if vertex not in out:
                    out[vertex] = {"v": [], "h": []}
                out[vertex]["v"].append(v)
                out[vertex]["h"].append(h)
    return out


def _cells(intersections: dict[Point, dict[str, list[Edge]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each point, the smallest cell it is the top left of."""
    points = sorted(intersections)
    v_boxes = {p: frozenset(map(_BOX, edges["v"])) for p, edges in intersections.items()}
    h_boxes = {p: frozenset(map(_BOX, edges["h"])) for p, edges in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not v_boxes[p1].isdisjoint(v_boxes[p2]):
            return True
        return p1[1] == p2[1] and not h_boxes[p1].isdisjoint(h_boxes[p2])

    # points are sorted by x, then top: a column's points come top to bottom,
    # a row's (filtered from that order) left to right
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for p in points:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    place_in_column = {p: i for pts in column.values() for i, p in enumerate(pts)}
    place_in_row = {p: i for pts in row.values() for i, p in enumerate(pts)}

    cells: list[Box] = []
    for pt in points[:-1]:
        below = column[pt[0]][place_in_column[pt] + 1 :]
        right = row[pt[1]][place_in_row[pt] + 1 :]
        cell = _smallest(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    pt: Point,
    below: list[Point],
    right: list[Point],
    intersections: dict[Point, Any],
    connects: Callable[[Point, Point], bool],
) -> Box | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None
