"""Decoding an HTML page: BOM, then the HTTP charset, then the markup's own declaration.

This is the order the HTML standard gives.  A declaration is only trusted when
the bytes decode cleanly with it (sites still label cp932 pages ``EUC-JP`` and
vice versa); otherwise the shared strict guessing of :mod:`.encoding` decides.
A page that decodes with nothing but a declared charset is decoded with it,
replacing the broken bytes, rather than rejected: one bad byte in a
Shift_JIS page should not lose the page.
"""

from __future__ import annotations

import codecs
import re

from .._exceptions import DecodeError
from .encoding import decode_bytes, normalise_charset

__all__ = ["decode_html", "markup_charset"]

PRESCAN_BYTES = 8192
"""How far into the page a ``<meta>`` charset is looked for (the standard says 1024; real heads are longer)."""

_META_CHARSET_RE = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
_XML_DECL_RE = re.compile(rb"^\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)[\"']", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def markup_charset(data: bytes) -> str | None:
    """The charset the page declares: ``<meta charset>``, ``<meta http-equiv … charset=…>`` or ``<?xml encoding>``.

    >>> markup_charset(b'<html><head><meta charset="Shift_JIS"></head>')
    'Shift_JIS'
    >>> markup_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=euc-jp" />')
    'euc-jp'
    >>> markup_charset(b'<?xml version="1.0" encoding="utf-8" ?><html>')
    'utf-8'
    >>> markup_charset(b"<p>no declaration</p>") is None
    True
    """
    head = data[:PRESCAN_BYTES]
    m = _META_CHARSET_RE.search(head) or _XML_DECL_RE.search(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii")
    if name.lower().startswith("utf-16"):
        return "utf-8"  # the standard: a page that can be read as ASCII to find the tag is not UTF-16
    return name


def decode_html(data: bytes, source: str, http_charset: str | None) -> tuple[str, str, list[str]]:
    """Decode a page; returns ``(text, codec, warnings)``.

    Raises :class:`DecodeError` when nothing, not even a declared charset, can read the bytes.
    """
    if data.startswith(_BOMS):
        return decode_bytes(data, source)
    declared = [c for c in (normalise_charset(http_charset), normalise_charset(markup_charset(data))) if c]
    for codec in declared:
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            continue
    try:
        return decode_bytes(data, source, lenient=not declared)
    except DecodeError:
        if not declared:
            raise
    codec = declared[0]
    text = data.decode(codec, errors="replace")
    broken = text.count("\ufffd")
    return text, codec, [f"{broken} undecodable byte sequence(s) in a {codec} page were replaced"]
