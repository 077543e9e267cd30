"""A page's characters straight from pdfminer's interpreter, with pdfplumber's coordinates.

pdfplumber turns every object pdfminer lays out into a dict of some thirty
attributes (resolving colour spaces and graphic states on the way); on a page
of text that conversion of the characters costs about as much as pdfminer's
own interpretation of the page, and the reader needs five numbers of each
character.  Building pdfminer's ``LTChar`` objects only to read those numbers
back costs a good part of the rest, so the page is interpreted here with a
device of our own (pdfplumber's, with :meth:`render_char` overridden, the
extension point pdfminer's layout analyzer offers): each character becomes a
:class:`Glyph` at once, by ``LTChar``'s own arithmetic, in pdfplumber's order
and with its coordinates (top-left origin, shifted by the MediaBox, exactly
as ``Page.process_object`` computes them).  The other objects (the lines and
rectangles pdfplumber's table finder works from, images) are laid out by
pdfminer and go through pdfplumber, which then finds tables as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pdfminer.layout import LTContainer
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter
from pdfminer.utils import Matrix, apply_matrix_rect
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from ._glyphs import Glyph

__all__ = ["page_glyphs"]


def page_glyphs(page: Any) -> list[Glyph]:
    """Every character of a pdfplumber ``page`` (opened without layout analysis) as a :class:`Glyph`.

    pdfplumber's ``page.objects`` is filled with everything else, so
    ``page.edges``, ``page.images`` and ``page.find_tables()`` work as usual;
    ``page.chars`` is left empty.
    """
    if page.pdf.laparams is not None or page.pdf.unicode_norm is not None:
        # with layout analysis containers are objects of their own; normalisation changes the text
        raise ValueError("page_glyphs needs a PDF opened without layout analysis or Unicode normalisation")
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    device = _GlyphDevice(page.pdf.rsrcmgr, page.page_number, height, mb_x0, mb_top)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:  # as pdfplumber's Page.layout runs it, errors wrapped alike
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e) from e
    layout = device.get_result()
    page._layout = layout
    others: dict[str, list[dict[str, Any]]] = {}

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTContainer):  # a form XObject: its children, in drawing order
                walk(obj._objs)
            else:
                attrs = page.process_object(obj)
                if attrs["object_type"] != "anno":
                    others.setdefault(attrs["object_type"], []).append(attrs)

    walk(layout._objs)
    page._objects = others
    return device.glyphs


class _GlyphDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, except that characters become glyphs instead of ``LTChar`` objects.

    The characters are drawn in the order pdfplumber would list them (a form
    XObject's characters where the form is drawn), so the list is in the same
    order as ``page.chars``.  pdfplumber tags the latest object with the
    current marked-content id after each character, path and image; a path
    that draws nothing, right after a character, tagged that character, so
    it must not tag the object before it now that characters are not objects.
    """

    def __init__(self, rsrcmgr: Any, pageno: int, height: float, mb_x0: float, mb_top: float) -> None:
        super().__init__(rsrcmgr, pageno=pageno, laparams=None)
        self.glyphs: list[Glyph] = []
        self._height = height
        self._mb_x0 = mb_x0
        self._mb_top = mb_top
        self._after_char: tuple[list[Any], int] | None = None

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        """The character as a glyph: pdfminer's ``render_char`` and ``LTChar`` box, step for step."""
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        textwidth = font.char_width(cid)
        textdisp = font.char_disp(cid)
        adv = textwidth * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            assert isinstance(textdisp, tuple)
            (vx, vy) = textdisp
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        size = x1 - x0 if vertical else y1 - y0
        mb_x0 = self._mb_x0
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        height, mb_top = self._height, self._mb_top
        self.glyphs.append(Glyph(text, x0, x1, (height - y1) + mb_top, (height - y0) + mb_top, size))
        objs = self.cur_item._objs
        self._after_char = (objs, len(objs))
        return adv

    def tag_cur_item(self) -> None:
        """pdfplumber's tagging, skipped where the latest object it would tag is a character."""
        after = self._after_char
        objs = self.cur_item._objs
        if after is not None and after[0] is objs and after[1] == len(objs):
            return
        super().tag_cur_item()
