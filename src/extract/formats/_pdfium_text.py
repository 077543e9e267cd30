"""A page's characters from pdfium's text page, with pdfminer's boxes and pdfminer's spaces.

pdfium's text page is built for selecting and searching text, not for
reading glyphs back, and it edits what the page draws in ways pdfminer
does not.  Each is undone here, so the reader gets the glyphs pdfminer gives:

- **boxes**: pdfium's "loose" box spans the font's ascent to descent; pdfminer's
  is the font size tall with its bottom at the descriptor's /Descent below the
  baseline.  Left and right (origin and advance) are taken from pdfium, the
  bottom moved to pdfminer's descent, the height made the scaled font size;
  the font size, matrix and descent are read once per text object.
- **spaces drawn on their own**: a text object without ink (a space, an
  ideographic space) is skipped by pdfium altogether; :func:`page_glyphs` puts
  a space where it stands (``blanks`` from the page's object walk).
- **spaces after a kerning gap**: pdfium writes a space of its own for a
  wide ``TJ`` offset and then deletes the space glyph the producer drew next
  to it (it keeps one of two spaces in a row).  Its space sits at the origin
  of the deleted glyph, left of the next glyph by the space's advance; a space
  pdfium writes for a gap alone sits on the next glyph and is not a glyph.
  Spaces pdfium writes between text objects (without an object) are never glyphs.
- **one glyph, several characters**: pdfminer keeps the characters of one
  glyph together (a ToUnicode entry of two code points); pdfium gives each
  its own entry with the glyph's box, and splits ``ﬁ`` into ``f`` + ``i``.
  Characters with one box are one glyph again, a ligature's letters the
  ligature, so the look-alike repair sees (and counts) it.
- **line-end hyphens**: pdfium replaces a hyphen before a line break with a
  marker (U+0002 / U+FFFE); it is a hyphen again.

What is not undone: pdfium drops a glyph drawn again within 0.07 em and a
text object repeating one of the five before it (fake bold); the reader
drops both kinds of copies itself.  And it sorts a line's text objects left
to right; the reader sorts glyphs by position anyway.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass
from typing import Any, NamedTuple

from ._glyphs import Glyph
from ._pdfium_calls import Calls, address, calls

__all__ = ["Blank", "Matrix", "page_glyphs"]

Matrix = tuple[float, float, float, float, float, float]

_LIGATURES = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0xFB00, 0xFB07)}
_HYPHEN_MARKS = frozenset("\x02\ufffe")


@dataclass(frozen=True, slots=True)
class Blank:
    """A text object without width: its handle and its matrix from text space to pdfplumber's coordinates."""

    obj: int
    """The text object's address (valid while its page is loaded)."""
    matrix: Matrix


class _Run(NamedTuple):
    """What the characters of one text object share (a tuple: the reader unpacks it once per character)."""

    size: float
    shift: float
    """Add to pdfium's loose bottom (user space) to get pdfminer's bottom."""
    descent: float
    """pdfminer's bottom below the baseline (user space, negative down)."""
    unmapped: bool


def page_glyphs(pdfium_c: Any, page: Any, to_page: Matrix, blanks: list[Blank]) -> list[Glyph]:
    """Every character of ``page`` in pdfplumber's coordinates (``to_page``), blanks as spaces."""
    text_page = pdfium_c.FPDFText_LoadPage(page)
    if not text_page:
        return []
    try:
        glyphs = _read_chars(pdfium_c, text_page, to_page)
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
    glyphs.extend(_blank_glyph(pdfium_c, blank) for blank in blanks)
    return glyphs


def _page_text(pdfium_c: Any, text_page: Any, count: int) -> str:
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    return buffer.raw[: count * 2].decode("utf-16-le", errors="replace")


def _read_chars(pdfium_c: Any, text_page: Any, to_page: Matrix) -> list[Glyph]:
    count = pdfium_c.FPDFText_CountChars(text_page)
    if count <= 0:
        return []
    text = _page_text(pdfium_c, text_page, count)
    if len(text) != count:  # characters outside the BMP take two UTF-16 units: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(text_page, i)) for i in range(count))
    fast = calls(pdfium_c)
    # declared without argument types: called with c_void_p and int only
    text_object, loose_box = fast.text_object_unchecked, fast.loose_box_unchecked
    is_generated, has_map_error = fast.FPDFText_IsGenerated, fast.FPDFText_HasUnicodeMapError
    page_ref = ctypes.c_void_p(address(text_page))
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.c_void_p(ctypes.addressof(box))
    box_floats = memoryview(box).cast("B").cast("f")  # left, top, right, bottom: one read for the three used
    reader = _RunReader(pdfium_c, page_ref)
    a, b, c, d, e, f = to_page
    upright = bool(d and not b)  # x maps to x, y to top
    runs: dict[int, _Run] = {}
    glyphs: list[Glyph] = []
    keep = glyphs.append
    hyphen_marks, ligatures = _HYPHEN_MARKS, _LIGATURES
    pending: Glyph | None = (
        None  # a space pdfium wrote after a kerning gap, until the next glyph shows what it was
    )
    last_x0 = last_x1 = last_bottom = math.nan  # the glyph kept last (none yet: nothing equals NaN)
    pieces = ""
    left: float
    right: float
    low: float  # the loose box's sides: a memoryview of floats gives floats (typeshed says ints)
    for i, ch in enumerate(text):
        generated = ch in " \r\n" and is_generated(page_ref, i)
        if generated and ch != " ":
            continue  # a line break pdfium wrote
        key = text_object(page_ref, i) or 0
        if generated and not key:
            continue
        run = runs.get(key)
        if run is None and generated:
            continue  # no glyph of this object read yet: nothing to place it by
        loose_box(page_ref, i, box_ref)
        left, _, right, low = box_floats.tolist()
        if run is None:
            run = runs[key] = reader.run(i, key, low)
        size, shift, descent, unmapped = run
        base = low + (descent if generated else shift)
        if ch in hyphen_marks:
            ch = "-"
        elif unmapped and has_map_error(page_ref, i):
            ch = f"(cid:{pdfium_c.FPDFText_GetUnicode(text_page, i)})"
        if upright:
            x0, x1 = left * a + e, right * a + e
            bottom = base * d + f
            if x1 < x0:
                x0, x1 = x1, x0
        else:  # a rotated page: pdfminer's box is the rotated one's bounds
            xs = (left * a + base * c + e, right * a + base * c + e)
            x0, x1 = min(xs), max(xs)
            bottom = left * b + base * d + f
        if generated:
            pending = Glyph(ch, x0, x1, bottom - size, bottom, size)
            continue
        if pending is not None:
            if x0 - pending.x0 > 0.05 * size:
                keep(pending)
            pending = None
        if x0 == last_x0 and x1 == last_x1 and bottom == last_bottom:
            # one glyph, several characters (pdfminer keeps them together)
            pieces += ch
            glyphs[-1] = Glyph(ligatures.get(pieces, pieces), x0, x1, bottom - size, bottom, size)
            continue
        pieces = ch
        last_x0, last_x1, last_bottom = x0, x1, bottom
        keep(Glyph(ch, x0, x1, bottom - size, bottom, size))
    return glyphs


class _RunReader:
    """What the characters of one text object share, read from its first character.

    pdfium's loose box has its bottom at the font file's descent, a fixed
    distance from the baseline for one font at one size; that distance
    (measured on the first character) and the descriptor's descent give
    pdfminer's bottom for every character of the object.  The out-parameters
    are allocated once per page, and a font's descent is read once per page.
    """

    __slots__ = ("_calls", "_descents", "_matrix", "_matrix_ref", "_page_ref", "_x", "_x_ref", "_y", "_y_ref")

    def __init__(self, pdfium_c: Any, page_ref: ctypes.c_void_p) -> None:
        self._calls = calls(pdfium_c)
        self._page_ref = page_ref
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_ref = ctypes.c_void_p(ctypes.addressof(self._matrix))
        # both kept: pdfium writes to their addresses, which must outlive this call
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._x_ref = ctypes.c_void_p(ctypes.addressof(self._x))
        self._y_ref = ctypes.c_void_p(ctypes.addressof(self._y))
        self._descents: dict[int, float] = {}

    def run(self, index: int, obj: int, loose_bottom: float) -> _Run:
        """The run of character ``index`` of text object ``obj`` (an address, 0 for none), its loose box's bottom given."""
        fast, page_ref = self._calls, self._page_ref
        m = self._matrix
        fast.FPDFText_GetMatrix(page_ref, index, self._matrix_ref)
        size = fast.FPDFText_GetFontSize(page_ref, index) * _scale((m.a, m.b, m.c, m.d, m.e, m.f))
        fast.FPDFText_GetCharOrigin(page_ref, index, self._x_ref, self._y_ref)
        descent = self._descent(obj) * size
        unmapped = bool(fast.FPDFText_HasUnicodeMapError(page_ref, index))
        return _Run(
            size=size, shift=(self._y.value - loose_bottom) + descent, descent=descent, unmapped=unmapped
        )

    def _descent(self, obj: int) -> float:
        font = self._calls.FPDFTextObj_GetFont(obj) if obj else None
        if not font:
            return 0.0
        known = self._descents.get(font)
        if known is None:
            known = self._descents[font] = _font_descent(self._calls, font)
        return known


def _scale(m: Matrix) -> float:
    """The vertical scale of a text matrix: what pdfminer's box height is of the font size."""
    a, b, c, d, _, _ = m
    return abs(d) if b == 0 and c == 0 else math.sqrt(abs(a * d - b * c))


def _font_descent(fast: Calls, font: int) -> float:
    """A font's descent per point of size (negative), as the font descriptor gives it; 0 for none."""
    descent = ctypes.c_float()
    if not fast.FPDFFont_GetDescent(font, 1.0, ctypes.addressof(descent)):
        return 0.0
    return float(descent.value)


def _blank_glyph(pdfium_c: Any, blank: Blank) -> Glyph:
    """A space at a text object pdfium's text page skipped: its origin, its object's size and descent."""
    fast = calls(pdfium_c)
    font_size = ctypes.c_float()
    if not fast.FPDFTextObj_GetFontSize(blank.obj, ctypes.addressof(font_size)):
        font_size.value = 0.0
    _, _, c, d, e, f = blank.matrix  # text space to the page's top-left coordinates
    font = fast.FPDFTextObj_GetFont(blank.obj)
    low = (_font_descent(fast, font) if font else 0.0) * font_size.value
    size = float(font_size.value) * _scale(blank.matrix)
    x, bottom = low * c + e, low * d + f
    return Glyph(" ", x, x, bottom - size, bottom, size)
