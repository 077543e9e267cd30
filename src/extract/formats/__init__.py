"""Format readers: bytes in, a block stream out (one module per format)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable

from .._exceptions import UnknownFormat, UsageError
from ..blocks import ReadResult
from .detect import FORMATS, Format, sniff_format

__all__ = ["FORMATS", "PDF_ENGINES", "Format", "PdfEngine", "get_reader", "sniff_format"]

Reader = Callable[[bytes, str, "str | None"], ReadResult]


class PdfEngine(enum.StrEnum):
    """The PDF reader's engines (``--pdf-engine``): pdfium is the default, pdfplumber (pdfminer) the other."""

    PDFIUM = "pdfium"
    PDFPLUMBER = "pdfplumber"


PDF_ENGINES = tuple(e.value for e in PdfEngine)


def get_reader(fmt: Format, *, pdf_engine: str | None = None) -> Reader:
    """The reader for ``fmt``; imported lazily so a text-only run never loads pdfplumber or openpyxl.

    ``pdf_engine`` chooses the engine of the PDF reader (``None``: the default, pdfium).
    """
    if pdf_engine is not None and pdf_engine not in PDF_ENGINES:
        raise UsageError(f"unknown PDF engine {pdf_engine!r}; known: {', '.join(PDF_ENGINES)}")
    if fmt == "text":
        from .text import read_text

        return read_text
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf if pdf_engine is None else functools.partial(read_pdf, engine=pdf_engine)  # type: ignore[arg-type]
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx
    raise UnknownFormat(f"no reader for {fmt} yet")
