"""Format readers: bytes in, a block stream out (one module per format)."""

from __future__ import annotations

from collections.abc import Callable

from .._exceptions import UnknownFormat
from ..blocks import ReadResult
from .detect import FORMATS, Format, sniff_format

__all__ = ["FORMATS", "Format", "get_reader", "sniff_format"]

Reader = Callable[[bytes, str, "str | None"], ReadResult]


def get_reader(fmt: Format) -> Reader:
    """The reader for ``fmt``; imported lazily so a text-only run never loads pdfplumber or openpyxl."""
    if fmt == "text":
        from .text import read_text

        return read_text
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx
    raise UnknownFormat(f"no reader for {fmt} yet")
