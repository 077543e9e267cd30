"""What the pdfium character reader hands to pdfium: only memory it owns while pdfium writes to it."""

from __future__ import annotations

import ctypes

import pytest

from conftest import SAMPLES
from extract.formats._pdfium_calls import address
from extract.formats._pdfium_text import _RunReader

pdfium = pytest.importorskip("pypdfium2")
pdfium_c = pytest.importorskip("pypdfium2.raw")


def test_the_out_parameters_of_a_text_object_outlive_the_reader_setup() -> None:
    """pdfium writes a character's origin, matrix and size through addresses the reader made once.

    An out-parameter freed after the reader was set up is memory Python hands
    to the next object of its size; pdfium would then overwrite that object.
    Freshly made doubles stand where a freed one would be reused.
    """
    doc = pdfium.PdfDocument(sorted(SAMPLES.glob("*.pdf"))[0].read_bytes())
    page = pdfium_c.FPDF_LoadPage(doc.raw, 0)
    text_page = pdfium_c.FPDFText_LoadPage(page)
    try:
        reader = _RunReader(pdfium_c, ctypes.c_void_p(address(text_page)))
        sentinels = [ctypes.c_double(-12345.0) for _ in range(1000)]
        count = pdfium_c.FPDFText_CountChars(text_page)
        objects = [(i, address(pdfium_c.FPDFText_GetTextObject(text_page, i))) for i in range(count)]
        read = [reader.run(i, obj, 0.0) for i, obj in objects if obj]
        assert read, "the sample's first page has text"
        assert {s.value for s in sentinels} == {-12345.0}
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
        pdfium_c.FPDF_ClosePage(page)
        doc.close()
