"""The restated table finder gives pdfplumber's own tables, cell for cell, on random ruled grids and real pages."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder

from extract.formats._pdfgrid import _merged, tables_from_edges
from extract.formats._pdfium import read_pages
from extract.formats._pdfpage import TABLE_SETTINGS, Shapes, _EdgesOnly

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.timeout(120)


def _theirs(edges: list[dict[str, object]]) -> list[list[tuple[float, float, float, float]]]:
    return [t.cells for t in TableFinder(_EdgesOnly(edges), TABLE_SETTINGS).tables]  # type: ignore[arg-type]


def _ours(edges: list[dict[str, object]]) -> list[list[tuple[float, float, float, float]]]:
    assert _our_edges(edges) == _their_edges(edges)  # the merge step alone, boxes and lengths in order
    return [t.cells for t in tables_from_edges(_EdgesOnly(edges), TABLE_SETTINGS)]


def _their_edges(edges: list[dict[str, object]]) -> list[tuple[object, ...]]:
    finder = TableFinder(_EdgesOnly(edges), TABLE_SETTINGS)  # type: ignore[arg-type]
    return [
        (e["x0"], e["top"], e["x1"], e["bottom"], e["height" if e["orientation"] == "v" else "width"])
        for e in finder.edges
    ]


def _our_edges(edges: list[dict[str, object]]) -> list[tuple[object, ...]]:
    merged = _merged(edges, TableFinder(_EdgesOnly(edges), TABLE_SETTINGS).settings)  # type: ignore[arg-type]
    return [(*e.box(), e.length) for e in merged]


def _grid(rng: random.Random) -> list[dict[str, object]]:
    """A ruled page as producers draw one: cell rectangles and lines, shifted by less than the snap tolerance,
    drawn twice, cut in pieces, with stray short strokes."""
    shapes = Shapes()
    xs = sorted(rng.sample(range(20, 560, 10), rng.randint(2, 7)))
    ys = sorted(rng.sample(range(20, 800, 10), rng.randint(2, 9)))

    def jitter() -> float:
        return rng.choice([0.0, 0.0, 0.25, -0.5, 1.5, 2.9, 3.0, 3.1, -3.0]) * rng.random()

    for x0, x1 in itertools.pairwise(xs):
        for top, bottom in itertools.pairwise(ys):
            if rng.random() < 0.15:
                continue  # a merged cell
            a, b, c, d = x0 + jitter(), top + jitter(), x1 + jitter(), bottom + jitter()
            if rng.random() < 0.5:
                shapes.add("mlllh", [(a, b), (c, b), (c, d), (a, d), (a, b)], rng.random() < 0.3)
            else:
                shapes.add("ml", [(a, b), (c, b)], False)
                shapes.add("ml", [(c, b), (c, d)], False)
                if rng.random() < 0.5:  # a line cut in two with a gap within the join tolerance
                    mid = (b + d) / 2
                    shapes.add("ml", [(a, b), (a, mid)], False)
                    shapes.add("ml", [(a, mid + rng.random() * 4), (a, d)], False)
                else:
                    shapes.add("ml", [(a, b), (a, d)], False)
                shapes.add("ml", [(a, d), (c, d)], False)
    for _ in range(rng.randint(0, 6)):
        x, y = rng.uniform(0, 600), rng.uniform(0, 840)
        shapes.add("ml", [(x, y), (x + rng.choice([0.5, 2.0, 4.0, 40.0]), y)], False)
    return shapes.edges()


@pytest.mark.parametrize("seed", range(150))
def test_random_grids_give_pdfplumbers_tables(seed: int) -> None:
    edges = _grid(random.Random(seed))
    assert _ours(edges) == _theirs(edges)


_coordinate = st.floats(0, 100, allow_nan=False).map(lambda v: round(v * 4) / 4)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), _coordinate, _coordinate, _coordinate).map(
            lambda t: (
                ("v", t[1], t[1], min(t[2], t[3]), max(t[2], t[3]))
                if t[0]
                else ("h", min(t[2], t[3]), max(t[2], t[3]), t[1], t[1])
            )
        ),
        max_size=30,
    )
)
def test_any_strokes_give_pdfplumbers_tables(strokes: list[tuple[str, float, float, float, float]]) -> None:
    """Edges on a quarter-point grid, so that snapping, joining and meeting within the tolerances all happen."""
    shapes = Shapes()
    for _, x0, x1, top, bottom in strokes:
        shapes.add("ml", [(x0, top), (x1, bottom)], False)
    edges = shapes.edges()
    assert _ours(edges) == _theirs(edges)


def test_the_sample_pdfs_pages_give_pdfplumbers_tables() -> None:
    pages: list[list[dict[str, object]]] = []
    for path in sorted((ROOT / "samples").glob("*.pdf")):
        read_pages(path.read_bytes(), path.name, 100, lambda raw: pages.append(raw.edges))
    assert sum(1 for edges in pages if _theirs(edges)) >= 3  # pages with tables are part of what is compared
    for edges in pages:
        assert _ours(edges) == _theirs(edges)
