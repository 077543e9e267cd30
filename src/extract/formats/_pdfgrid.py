"""pdfplumber's ruled-table finder, with its edge merging and its two searches over the grid's points made cheaper.

The reader finds tables as pdfplumber does with the ``lines`` strategies
(its edges merged the same way, the same cells, the same tables), so that
both engines' tables are pdfplumber's.  Three of its steps spend their time
on repeated work, and are restated here to give the same results:

- ``TableFinder.get_edges`` snaps and joins the edges by copying each edge's
  dictionary (every key) for every change; here an edge is the five numbers
  the later steps read, with pdfplumber's arithmetic, in its order (the
  width or height an edge was given is kept as pdfplumber keeps it, since
  the last filter reads it);
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
from typing import Any

from pdfplumber.table import Table, TableSettings, cells_to_tables

__all__ = ["tables_from_edges"]

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Edge = dict[str, Any]


def tables_from_edges(page: Any, settings: dict[str, Any]) -> list[Table]:
    """pdfplumber's ``TableFinder(page, settings).tables`` for the ``lines`` strategies (``page.edges`` read)."""
    resolved = TableSettings.resolve(settings)
    if (resolved.vertical_strategy, resolved.horizontal_strategy) != ("lines", "lines") or (
        resolved.explicit_vertical_lines or resolved.explicit_horizontal_lines
    ):
        raise ValueError("only the lines strategies, without explicit lines, are restated")
    edges = _merged(page.edges, resolved)
    intersections = _intersections(
        edges, resolved.intersection_x_tolerance, resolved.intersection_y_tolerance
    )
    return [Table(page, group) for group in cells_to_tables(_cells(intersections))]


class _Edge:
    """One edge as the merge changes it: its box, and the length pdfplumber's last filter reads."""

    __slots__ = ("bottom", "length", "top", "vertical", "x0", "x1")

    def __init__(self, edge: Edge) -> None:
        self.vertical = edge["orientation"] == "v"
        self.x0: float = edge["x0"]
        self.x1: float = edge["x1"]
        self.top: float = edge["top"]
        self.bottom: float = edge["bottom"]
        self.length: float = edge["height"] if self.vertical else edge["width"]

    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


def _merged(edges: list[Edge], settings: TableSettings) -> list[_Edge]:
    """``TableFinder.get_edges``: prefiltered, snapped (``snap_edges``), joined (``join_edge_group``), filtered."""
    first = settings.edge_min_length_prefilter
    v = [_Edge(e) for e in edges if e["orientation"] == "v" and e["height"] >= first]
    h = [_Edge(e) for e in edges if e["orientation"] == "h" and e["width"] >= first]
    if settings.snap_x_tolerance > 0 or settings.snap_y_tolerance > 0:
        v = _snap(v, "x0", settings.snap_x_tolerance)
        h = _snap(h, "top", settings.snap_y_tolerance)
    # merge_edges sorts by ("h", top) or ("v", x0), stably: the horizontal edges first
    groups: dict[tuple[bool, float], list[_Edge]] = {}
    for e in sorted(v + h, key=lambda e: (e.vertical, e.x0 if e.vertical else e.top)):
        groups.setdefault((e.vertical, e.x0 if e.vertical else e.top), []).append(e)
    out: list[_Edge] = []
    for (vertical, _), group in groups.items():
        out.extend(
            _join(group, vertical, settings.join_y_tolerance if vertical else settings.join_x_tolerance)
        )
    last = settings.edge_min_length
    return [e for e in out if e.length >= last]


def _snap(edges: list[_Edge], attr: str, tolerance: float) -> list[_Edge]:
    """``snap_objects``: each cluster of ``attr`` values moved to their mean, the clusters in order of value.

    The edges are moved in place (each is one of the merge's own); within a
    cluster they keep their order.
    """
    values = sorted({getattr(e, attr) for e in edges})
    cluster_of: dict[float, int] = {}
    cluster, last = -1, 0.0
    for x in values:  # cluster_list: a value within the tolerance of the one before joins its cluster
        if cluster < 0 or tolerance == 0 or not x <= last + tolerance:
            cluster += 1
        cluster_of[x] = cluster
        last = x
    members: dict[int, list[_Edge]] = {}
    for e in edges:
        members.setdefault(cluster_of[getattr(e, attr)], []).append(e)
    out: list[_Edge] = []
    for index in sorted(members):
        group = members[index]
        mean = sum(getattr(e, attr) for e in group) / len(group)
        for e in group:
            shift = mean - getattr(e, attr)
            if attr == "x0":
                e.x0, e.x1 = e.x0 + shift, e.x1 + shift
            else:
                e.top, e.bottom = e.top + shift, e.bottom + shift
        out.extend(group)
    return out


def _join(group: list[_Edge], vertical: bool, tolerance: float) -> list[_Edge]:
    """``join_edge_group``: edges on one line that touch or overlap (within the tolerance) become one.

    The edge grown is changed in place: each edge is the merge's own, and in one group only.
    """
    ordered = sorted(group, key=(lambda e: e.top) if vertical else (lambda e: e.x0))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if vertical:
            if e.top <= last.bottom + tolerance:
                if e.bottom > last.bottom:
                    last.length = last.length + (e.bottom - last.bottom)
                    last.bottom = e.bottom
                continue
        elif e.x0 <= last.x1 + tolerance:
            if e.x1 > last.x1:
                last.x1 = e.x1
                last.length = e.x1 - last.x0
            continue
        joined.append(e)
    return joined


def _intersections(
    edges: list[_Edge], x_tolerance: float, y_tolerance: float
) -> dict[Point, dict[str, list[Box]]]:
    """pdfplumber's ``edges_to_intersections``: where a vertical and a horizontal edge meet (edges as boxes)."""
    out: dict[Point, dict[str, list[Box]]] = {}
    v_edges = sorted((e for e in edges if e.vertical), key=lambda e: (e.x0, e.top))
    h_edges = sorted((e for e in edges if not e.vertical), key=lambda e: (e.top, e.x0))
    h_boxes = [(e.top, e.x0, e.x1, e.box()) for e in h_edges]
    for v in v_edges:
        x, v_top, v_bottom = v.x0, v.top, v.bottom
        v_box = v.box()
        for top, h_x0, h_x1, h_box in h_boxes:
            if (
                v_top <= top + y_tolerance
                and v_bottom >= top - y_tolerance
                and x >= h_x0 - x_tolerance
                and x <= h_x1 + x_tolerance
            ):
                vertex = (x, top)
                if vertex not in out:
                    out[vertex] = {"v": [], "h": []}
                out[vertex]["v"].append(v_box)
                out[vertex]["h"].append(h_box)
    return out


def _cells(intersections: dict[Point, dict[str, list[Box]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each point, the smallest cell it is the top left of."""
    points = sorted(intersections)
    v_boxes = {p: frozenset(edges["v"]) for p, edges in intersections.items()}
    h_boxes = {p: frozenset(edges["h"]) for p, edges in intersections.items()}

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
