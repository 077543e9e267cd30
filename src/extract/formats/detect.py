"""Content sniffing: the format comes from the bytes, never from a file name or header.

A ``.pdf`` that is really an HTML error page, or a page served as
``application/octet-stream``, must still go to the right reader.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from .._exceptions import UnknownFormat

__all__ = ["FORMATS", "Format", "sniff_format"]

Format = Literal["text", "html", "pdf", "xlsx"]
FORMATS: tuple[Format, ...] = ("text", "html", "pdf", "xlsx")

_HTML_RE = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset|<title>", re.IGNORECASE
)
_TAG_RE = re.compile(rb"</?(?:div|p|h[1-6]|table|tr|td|ul|ol|li|a|span|br)\b[^>]*>", re.IGNORECASE)


def sniff_format(data: bytes, source: str = "-") -> Format:
    """Decide the format from magic bytes and markup.

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format(b"\\xef\\xbb\\xbf<!DOCTYPE html><html>")
    'html'
    >>> sniff_format("令和3年度 旭区運営方針".encode())
    'text'
    """
    head = data[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n")
    if stripped.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and not _HTML_RE.search(head)):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "xlsx":
            return "xlsx"
        if kind == "damaged":
            raise UnknownFormat(
                "a damaged ZIP archive (cut short?) that names no workbook part", source=source
            )
        raise UnknownFormat("a ZIP archive that is not an XLSX workbook", source=source)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnknownFormat("a legacy OLE file (XLS/DOC) is not supported; save it as XLSX", source=source)
    if _HTML_RE.search(head) or (stripped.startswith(b"<") and len(_TAG_RE.findall(head)) >= 3):
        return "html"  # a text file quoting some markup (様式 cells with <p>) stays text
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise UnknownFormat("binary content that is not PDF, XLSX or text", source=source)
    return "text"


_XLSX_PART_RE = re.compile(rb"PK\x03\x04.{26}xl/", re.DOTALL)
"""A local file header (30 bytes with the signature) of a member whose name starts with ``xl/``."""


def _zip_kind(data: bytes) -> Literal["xlsx", "other", "damaged"]:
    """``xlsx`` when the ZIP holds a workbook's parts, ``other`` for other archives, ``damaged`` when unreadable.

    A damaged archive (cut short, its directory lost or garbled) still names
    its members in the local header before each one: if one of those is a
    workbook part, it is a damaged workbook, for the XLSX reader to report.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "xlsx" if _XLSX_PART_RE.search(data, 0, 1 << 20) else "damaged"
    return "xlsx" if any(n.startswith("xl/") for n in names) else "other"
