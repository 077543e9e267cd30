"""A page's characters straight from pdfminer's layout, with pdfplumber's coordinates.

pdfplumber turns every object pdfminer lays out into a dict of some thirty
attributes (resolving colour spaces and graphic states on the way); on a page
of text that conversion of the characters costs about as much as pdfminer's
own interpretation of the page, and the reader needs five numbers of each
character.  So characters are read from the ``LTChar`` objects directly, in
pdfplumber's order and with its coordinates (top-left origin, shifted by the
MediaBox, exactly as ``Page.process_object`` computes them), and only the
other objects (the lines and rectangles pdfplumber's table finder works from,
images) go through pdfplumber, which then finds tables as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pdfminer.layout import LTChar, LTContainer

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
    glyphs: list[Glyph] = []
    others: dict[str, list[dict[str, Any]]] = {}

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTContainer):  # a form XObject: its children, in drawing order
                walk(obj._objs)
            elif isinstance(obj, LTChar):
                x0, x1 = (obj.x0 + mb_x0, obj.x1 + mb_x0) if mb_x0 != 0 else (obj.x0, obj.x1)
                top = (height - obj.y1) + mb_top
                bottom = (height - obj.y0) + mb_top
                glyphs.append(Glyph(obj.get_text(), x0, x1, top, bottom, obj.size))
            else:
                attrs = page.process_object(obj)
                if attrs["object_type"] != "anno":
                    others.setdefault(attrs["object_type"], []).append(attrs)

    walk(page.layout._objs)
    page._objects = others
    return glyphs
