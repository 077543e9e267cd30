"""``drop_overstruck`` keeps exactly the glyphs its first, plainer implementation kept.

The plain version, kept here as the reference, probes the nine cells around
every glyph; the reader's version files kept glyphs so that fewer probes are
needed.  Both must keep the same glyph objects in the same order: on table
cases, on randomised pages built to sit on cell edges and tolerance limits,
and on every page of the PDF samples read by both engines.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLES
from extract.formats import _pdfium, _pdfplumber
from extract.formats._glyphs import Glyph, drop_overstruck
from extract.formats._pdfpage import RawPage


def reference(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """The first implementation, unchanged: nine dict probes per glyph."""
    kept: list[Glyph] = []
    grid: dict[tuple[str, int, int], list[Glyph]] = {}
    for glyph in glyphs:
        if glyph.text.isspace():
            kept.append(glyph)
            continue
        tol = max(0.8, 0.2 * glyph.size)
        cell = (int(glyph.x0 // 4), int(glyph.top // 4))
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid.get((glyph.text, cell[0] + dx, cell[1] + dy), ()):
                    if abs(other.x0 - glyph.x0) <= tol and abs(other.top - glyph.top) <= tol:
                        duplicate = True
                        break
        if duplicate:
            continue
        grid.setdefault((glyph.text, *cell), []).append(glyph)
        kept.append(glyph)
    return kept


def assert_same(glyphs: Sequence[Glyph]) -> None:
    """The same glyph objects, in the same order (identity, so NaN boxes compare too)."""
    assert [id(g) for g in drop_overstruck(glyphs)] == [id(g) for g in reference(glyphs)]


def g(text: str, x0: float, top: float, size: float = 10.0) -> Glyph:
    return Glyph(text, x0, x0 + size, top, top + size, size)


CASES: list[tuple[str, list[Glyph], str]] = [
    ("fake bold", [g("運", 0, 0), g("運", 0.4, 0), g("営", 10, 0), g("営", 10.4, 0.3)], "運営"),
    ("repeated character", [g("こ", 0, 0), g("こ", 10, 0)], "ここ"),
    ("copy drawn after the line", [g("運", 0, 0), g("営", 10, 0), g("運", 0.3, 0), g("営", 10.3, 0)], "運営"),
    (
        "spaces are never copies",
        [g(" ", 0, 0), g(" ", 0, 0), g("\u3000", 0, 0), g("\u3000", 0, 0)],
        "  \u3000\u3000",
    ),
    ("tolerance is 0.8 at least", [g("a", 0, 0, 1), g("a", 0.8, 0, 1), g("a", 1.7, 0, 1)], "aa"),
    ("tolerance is the new glyph's", [g("a", 0, 0, 20), g("a", 3.9, 0, 10), g("a", 4.0, 0, 20)], "aa"),
    ("across a cell edge", [g("x", 3.9, 3.9), g("x", 4.1, 4.1)], "x"),
    ("across a row-pair edge", [g("x", 0, 7.9), g("x", 0, 8.1), g("x", 0, 15.9), g("x", 0, 16.1)], "xx"),
    ("two cells away is not looked at", [g("大", 0, 0, 40), g("大", 8.0, 0, 40)], "大大"),
    ("negative coordinates", [g("x", -0.1, -4.1), g("x", 0.1, -3.9), g("x", -8.2, -8.2)], "xx"),
    ("other text in the same place", [g("a", 0, 0), g("b", 0, 0), g("a", 0.1, 0.1)], "ab"),
    ("copy of a copy", [g("a", 0, 0), g("a", 1.9, 0), g("a", 3.8, 0)], "aa"),
    ("empty text", [g("", 0, 0), g("", 0.1, 0)], ""),
    ("integer boxes", [Glyph("i", 0, 5, 0, 10, 10), Glyph("i", 1, 6, 1, 11, 10)], "i"),
    (
        "NaN size uses the minimum",
        [g("n", 0, 0, math.nan), g("n", 0.8, 0, math.nan), g("n", 2, 0, math.nan)],
        "nn",
    ),
]


@pytest.mark.parametrize(("name", "glyphs", "text"), CASES, ids=[c[0] for c in CASES])
def test_table(name: str, glyphs: list[Glyph], text: str) -> None:
    assert "".join(x.text for x in drop_overstruck(glyphs)) == text
    assert_same(glyphs)


def test_unconvertible_coordinates_fail_alike() -> None:
    for bad in (math.nan, math.inf, -math.inf):
        for glyphs in ([g("a", 0, 0), g("a", bad, 0)], [g("a", 0, 0), g("a", 0, bad)]):
            with pytest.raises((ValueError, OverflowError)) as new:
                drop_overstruck(glyphs)
            with pytest.raises((ValueError, OverflowError)) as old:
                reference(glyphs)
            assert (type(new.value), str(new.value)) == (type(old.value), str(old.value))


def random_page(rng: random.Random, n: int) -> list[Glyph]:
    """Glyphs crowded on a few cells, sizes across the 20-point limit, copies at the tolerance's edge."""
    alphabet = "運営あこ  x\u3000"
    glyphs: list[Glyph] = []
    for _ in range(n):
        size = rng.choice([1.0, 4.0, 10.0, 10.5, 19.9, 20.0, 20.1, 30.0, 60.0, rng.uniform(0.1, 80)])
        if glyphs and rng.random() < 0.5:
            base = rng.choice(glyphs)
            tol = max(0.8, 0.2 * size)
            step = rng.choice([0.0, tol, -tol, tol * rng.uniform(-1.5, 1.5), 4.0, -4.0, 8.0])
            x0, top, text = base.x0 + step, base.top + rng.choice([0.0, step, -step, tol]), base.text
        else:
            x0 = rng.choice(
                [rng.uniform(-20, 60), 4.0 * rng.randint(-5, 15), 8.0 * rng.randint(-3, 8) - 1e-9]
            )
            top = rng.choice(
                [rng.uniform(-20, 60), 4.0 * rng.randint(-5, 15), 8.0 * rng.randint(-3, 8) + 1e-9]
            )
            text = rng.choice(alphabet)
        glyphs.append(Glyph(text, x0, x0 + size, top, top + size, size))
    return glyphs


def test_randomised_pages() -> None:
    rng = random.Random(20260107)
    for _ in range(3000):
        assert_same(random_page(rng, rng.randint(0, 60)))


_coord = st.one_of(
    st.floats(-50, 50, allow_nan=False),
    st.integers(-12, 12).map(lambda k: 4.0 * k),
    st.integers(-12, 12).map(lambda k: 4.0 * k - 0.8),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ab "), _coord, _coord, st.floats(0, 50, allow_nan=False)), max_size=40
    )
)
def test_property(spec: list[tuple[str, float, float, float]]) -> None:
    assert_same([Glyph(t, x, x + s, y, y + s, s) for t, x, y, s in spec])


def _pages(path: Path) -> list[RawPage]:
    pages: list[RawPage] = []
    data = path.read_bytes()
    for engine in (_pdfium, _pdfplumber):
        engine.read_pages(data, str(path), 1000, pages.append)
    return pages


@pytest.mark.parametrize(
    "path",
    [*sorted(SAMPLES.glob("*.pdf")), *sorted((ROOT / "tests" / "fixtures" / "real_producers").glob("*.pdf"))],
    ids=lambda p: p.name,
)
def test_real_pages(path: Path) -> None:
    for page in _pages(path):
        assert_same(page.glyphs)
        doubled = [
            x
            for glyph in page.glyphs
            for x in (
                glyph,
                Glyph(glyph.text, glyph.x0 + 0.3, glyph.x1, glyph.top + 0.2, glyph.bottom, glyph.size),
            )
        ]
        assert_same(doubled)
