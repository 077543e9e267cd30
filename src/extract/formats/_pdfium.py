"""The pdfium engine: a page's characters and painted paths from pypdfium2, as :class:`._pdfpage.RawPage`.

pdfminer interprets content streams in Python; pdfium does it in C, about
ten times faster.  What the reader needs from it is what pdfminer gives:

- every character with its box as pdfminer computes it: left and right from
  the glyph's origin and advance (pdfium's "loose" box), the bottom at the
  font's descent below the baseline, the height the font size scaled by the
  text matrix (pdfium's loose box is as tall as the font's ascent to descent,
  which would shift every line's centre);
- every painted path split into subpaths and sorted into lines, rectangles
  and curves as pdfminer's ``paint_path`` does, so that pdfplumber's table
  finder gets the same edges (:class:`._pdfpage.Shapes`);
- the image count, for the "no text layer" warning.

Characters are read by :mod:`._pdfium_text`.

Coordinates are pdfplumber's: origin at the top left of the MediaBox, the
page's /Rotate applied as pdfminer applies it.  Each call into pdfium through
ctypes costs about a microsecond, so a character costs two calls (its loose
box and its text object; the object's font size, matrix and descent are
read once per object) and the page's text is read in one call.

pdfium is C code reading untrusted bytes: it runs where every PDF is parsed,
in the isolated worker processes with their time and memory limits.
"""

from __future__ import annotations

import atexit
import ctypes
import math
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .._exceptions import CorruptDocument, ExtractError, one_line
from ._pdfium_calls import address, calls
from ._pdfium_text import Blank, Matrix, page_glyphs
from ._pdfpage import Point, RawPage, Shapes

__all__ = ["read_pages"]

_MAX_FORM_DEPTH = 16
"""Form XObjects nested deeper than this are not searched for paths (pdfium stops earlier on its own)."""


def read_pages(
    data: bytes, source: str, max_pages: int, consume: Callable[[RawPage], None]
) -> tuple[float, list[str]]:
    """Hand every page to ``consume`` in order; the seconds spent reading them (pdfium gives no warnings)."""
    started = time.perf_counter()
    with _open_document(data, source) as doc:
        count = len(doc)
        if count == 0:
            raise CorruptDocument("PDF has no pages (damaged or truncated?)", source=source)
        if count > max_pages:
            raise CorruptDocument(f"PDF has {count} pages; more than {max_pages} are not read", source=source)
        cache: dict[float, float] = {}
        seconds = time.perf_counter() - started
        for index in range(count):
            started = time.perf_counter()
            raw = _read_page(doc, index, cache, source)
            seconds += time.perf_counter() - started
            consume(raw)
    return seconds, []


@contextmanager
def _open_document(data: bytes, source: str) -> Iterator[Any]:
    """The pypdfium2 document of ``data``; a file pdfium cannot open is a :class:`CorruptDocument`.

    pdfium itself failing to load (its shared library cannot be mapped under a
    worker's address-space cap) is the engine's failure, not the document's.
    """
    try:
        import pypdfium2 as pdfium
    except (ImportError, OSError) as exc:
        detail = one_line(str(exc), 160)
        raise ExtractError(
            f"the pdfium engine could not be loaded ({detail}); over the memory limit?", source=source
        ) from None

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise CorruptDocument("encrypted PDF: it needs a password to open", source=source) from None
        detail = text.split("(PDFium: ", 1)[-1].rstrip(").") if "PDFium:" in text else text
        raise CorruptDocument(f"damaged PDF ({detail})", source=source) from None
    read = False
    try:
        yield doc
        read = True
    finally:
        _KEPT.hand_over(doc, keep=read and len(data) <= _KEEP_BYTES)


_KEEP_BYTES = 8 * 1024 * 1024
"""A bigger document is closed at once: keeping it for its fonts would hold too much memory."""


class _Kept:
    """The document read last, kept open until the next one has been read, for the fonts it loaded.

    A font the PDF does not embed (the HeiseiMin, MS-Mincho of a Word
    export) is drawn with a font pdfium finds on the system, and pdfium
    reads that file (a CJK collection is tens of megabytes) into memory for
    each document anew: its cache holds a font only while a document using
    it is open.  Documents of one run share their fonts, so with the last
    one open the next finds them loaded; that was about half of the time
    pdfium took to load a document's first page.  At most two documents are
    open at a time, and never one bigger than :data:`_KEEP_BYTES` or one
    that failed to read.
    """

    __slots__ = ("doc",)

    def __init__(self) -> None:
        self.doc: Any = None

    def hand_over(self, doc: Any, *, keep: bool) -> None:
        """Close the document kept before; keep ``doc`` in its place (or close it too)."""
        previous, self.doc = self.doc, (doc if keep else None)
        if previous is not None:
            previous.close()
        if not keep:
            doc.close()

    def close(self) -> None:
        """Close the kept document (at exit: pypdfium2 reports a document left open then)."""
        previous, self.doc = self.doc, None
        if previous is not None:
            previous.close()


_KEPT = _Kept()
atexit.register(_KEPT.close)


def _read_page(doc: Any, index: int, cache: dict[float, float], source: str) -> RawPage:
    """Page ``index`` (from 0) of ``doc``; ``cache`` keeps coordinates already tidied in this document."""
    import pypdfium2.raw as pdfium_c

    page = pdfium_c.FPDF_LoadPage(doc.raw, index)
    if not page:
        raise CorruptDocument(f"damaged PDF (page {index + 1} cannot be loaded)", source=source)
    try:
        to_page = _page_transform(pdfium_c, page)
        shapes = Shapes()
        blanks: list[Blank] = []
        images = _walk(pdfium_c, page, to_page.matrix, shapes, cache, blanks)
        glyphs = page_glyphs(pdfium_c, page, to_page.matrix, blanks)
        return RawPage(
            width=to_page.width,
            height=to_page.height,
            glyphs=glyphs,
            edges=shapes.edges(),
            marks=shapes.marks(),
            images=images,
        )
    finally:
        pdfium_c.FPDF_ClosePage(page)


# --------------------------------------------------------------------------- coordinates


class _PageTransform:
    """PDF user space → pdfplumber's top-left coordinates, rotation included (as pdfminer's ctm)."""

    __slots__ = ("height", "matrix", "width")

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, y0, x1, y1 = mediabox
        # pdfminer's device ctm for the page (pdfinterp.PDFPageInterpreter.process_page)
        if rotation == 90:
            ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            ctm = (0, 1, -1, 0, y1, -x0)
        else:
            ctm = (1, 0, 0, 1, -x0, -y0)
        # pdfplumber's page box (page.Page.__init__: _normalize_box, then _invert_box)
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        box = (ny0, nx0, ny1, nx1) if rotation in (90, 270) else (nx0, ny0, nx1, ny1)
        mb_height = box[3] - box[1]
        mb_x0, mb_top = box[0], mb_height - box[3]
        self.width = box[2] - box[0]
        self.height = mb_height
        # plumber (x, top) = (dev_x + mb_x0, height - dev_y + mb_top)
        a, b, c, d, e, f = ctm
        self.matrix: Matrix = (a, -b, c, -d, e + mb_x0, self.height - f + mb_top)


def _page_transform(pdfium_c: Any, page: Any) -> _PageTransform:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        mediabox = (left.value, bottom.value, right.value, top.value)
    else:
        mediabox = (0.0, 0.0, 612.0, 792.0)  # what pdfminer assumes without one (US Letter)
    rotation = (pdfium_c.FPDFPage_GetRotation(page) * 90) % 360
    return _PageTransform(tuple(_tidy(v, {}) for v in mediabox), rotation)  # type: ignore[arg-type]


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row vectors, as PDF writes matrices)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


_F32 = struct.Struct("f")


def _tidy(value: float, cache: dict[float, float]) -> float:
    """The short decimal a single-precision coordinate was written as (``297.6378``, not ``297.63779…``).

    pdfium keeps path coordinates in 32-bit floats, pdfminer in doubles
    parsed from the same digits; without this, edges that pdfminer sees as
    exactly vertical or as meeting exactly would differ in the last bits.
    """
    hit = cache.get(value)
    if hit is not None:
        return hit
    out = value
    if math.isfinite(value):
        for digits in range(7):
            rounded = round(value, digits)
            if _F32.unpack(_F32.pack(rounded))[0] == value:
                out = rounded
                break
    cache[value] = out
    return out


# --------------------------------------------------------------------------- paths


def _walk(
    pdfium_c: Any, page: Any, to_page: Matrix, shapes: Shapes, cache: dict[float, float], blanks: list[Blank]
) -> int:
    """Add every painted path of the page (form XObjects included) to ``shapes``; count images.

    Text objects without width go to ``blanks``: pdfium's text page skips
    them, and they are the spaces some producers draw one to an object.
    """
    fast = calls(pdfium_c)
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds = tuple(ctypes.c_void_p(ctypes.addressof(v)) for v in (left, bottom, right, top))
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.c_void_p(ctypes.addressof(matrix))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    mode_refs = (ctypes.c_void_p(ctypes.addressof(fill_mode)), ctypes.c_void_p(ctypes.addressof(stroke)))
    x, y = ctypes.c_float(), ctypes.c_float()
    point_refs = (ctypes.c_void_p(ctypes.addressof(x)), ctypes.c_void_p(ctypes.addressof(y)))
    images = 0
    path_type, image_type, form_type, text_type = (
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_IMAGE,
        pdfium_c.FPDF_PAGEOBJ_FORM,
        pdfium_c.FPDF_PAGEOBJ_TEXT,
    )
    get_type, get_matrix = fast.FPDFPageObj_GetType, fast.FPDFPageObj_GetMatrix
    count_segments, get_segment = fast.FPDFPath_CountSegments, fast.FPDFPath_GetPathSegment
    seg_point, seg_type, seg_close = (
        fast.FPDFPathSegment_GetPoint,
        fast.FPDFPathSegment_GetType,
        fast.FPDFPathSegment_GetClose,
    )
    moveto, bezierto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO

    def objects(container: int, depth: int) -> Iterator[int]:
        """The addresses of the objects of a page (``depth`` 0) or of a form XObject."""
        if depth == 0:
            for i in range(fast.FPDFPage_CountObjects(container)):
                yield fast.FPDFPage_GetObject(container, i)
        else:
            for i in range(fast.FPDFFormObj_CountObjects(container)):
                yield fast.FPDFFormObj_GetObject(container, i)

    def visit(container: int, depth: int, outer: Matrix) -> None:
        nonlocal images
        for obj in objects(container, depth):
            kind = get_type(obj)
            if kind == image_type:
                images += 1
                continue
            if kind == text_type:
                if fast.FPDFPageObj_GetBounds(obj, *bounds) and right.value - left.value < 1e-4:
                    get_matrix(obj, matrix_ref)
                    own_text: Matrix = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                    blanks.append(Blank(obj, _mul(own_text, outer)))
                continue
            if kind not in (path_type, form_type):
                continue
            get_matrix(obj, matrix_ref)
            own: Matrix = tuple(
                _tidy(v, cache) for v in (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            )  # type: ignore[assignment]
            total = _mul(own, outer)
            if kind == form_type:
                if depth < _MAX_FORM_DEPTH:
                    visit(obj, depth + 1, total)
                continue
            if not fast.FPDFPath_GetDrawMode(obj, *mode_refs):
                continue
            if not fill_mode.value and not stroke.value:
                continue  # a clipping path (``W n``): pdfminer paints nothing
            a, b, c, d, e, f = total
            ops: list[str] = []
            pts: list[Point] = []
            start: Point = (0.0, 0.0)
            beziers = 0
            for k in range(count_segments(obj)):
                segment = get_segment(obj, k)
                seg_point(segment, *point_refs)
                px, py = _tidy(x.value, cache), _tidy(y.value, cache)
                point = (px * a + py * c + e, px * b + py * d + f)
                kind_k = seg_type(segment)
                if kind_k == moveto:
                    ops.append("m")
                    pts.append(point)
                    start = point
                    beziers = 0
                elif kind_k == bezierto:
                    beziers += 1
                    if beziers % 3:
                        continue  # a control point; pdfminer keeps a curve segment's end point only
                    ops.append("c")
                    pts.append(point)
                else:
                    ops.append("l")
                    pts.append(point)
                if seg_close(segment):
                    ops.append("h")
                    pts.append(start)
            shapes.add("".join(ops), pts, bool(fill_mode.value))

    visit(address(page), 0, to_page)
    return images
