"""Where line building puts a space between two glyphs: the gap against the limit for their kinds."""

from __future__ import annotations

import pytest

from extract.formats._glyphs import Glyph
from extract.formats._pdflayout import build_lines

pytestmark = pytest.mark.timeout(60)

LIMITS = {0: 0.25, 1: 0.45, 2: 0.8}
"""A quarter of the size between Latin letters, nearly half beside one CJK glyph, most of it between two."""

PAIRS = [("a", "b", 0), ("a", "あ", 1), ("あ", "b", 1), ("あ", "い", 2)]


def _text(first: str, second: str, gap: float, size: float) -> str:
    glyphs = [
        Glyph(first, 0.0, 10.0, 0.0, size, size),
        Glyph(second, 10.0 + gap, 20.0 + gap, 0.0, size, size),
    ]
    (line,) = build_lines(glyphs)
    return line.text


@pytest.mark.parametrize(("first", "second", "wide"), PAIRS)
@pytest.mark.parametrize("share", [0.0, 0.2, 0.25, 0.26, 0.44, 0.45, 0.46, 0.79, 0.8, 0.81, 1.5])
def test_a_space_exactly_beyond_the_limit_for_the_two_glyphs(
    first: str, second: str, wide: int, share: float
) -> None:
    size = 10.0
    expected = first + (" " if share * size > LIMITS[wide] * size else "") + second
    assert _text(first, second, share * size, size) == expected


@pytest.mark.parametrize(("first", "second", "wide"), PAIRS)
def test_a_negative_size_compares_as_the_limits_say(first: str, second: str, wide: int) -> None:
    """A size below zero (a mirrored font) turns the limits around; the rule is still the gap against its limit."""
    size = -10.0
    for gap in (-9.0, -6.0, -4.0, -2.0, 0.0):
        expected = first + (" " if gap > LIMITS[wide] * size else "") + second
        glyphs = [
            Glyph(first, 0.0, 10.0, 0.0, 1.0, size),
            Glyph(second, 10.0 + gap, 20.0 + gap, 0.0, 1.0, size),
        ]
        assert [ln.text for ln in build_lines(glyphs, split_gap=None)] == [expected]  # no split: one line
