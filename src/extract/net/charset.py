"""The charset a body declares: byte-order mark, then the HTTP header, then ``<meta>``.

That is the WHATWG order (a BOM beats a header, a header beats markup).  The
readers decode; this only tells them what was declared so that a page whose
server sends ``Content-Type: text/html; charset=Shift_JIS`` is read as such.
"""

from __future__ import annotations

import codecs
import re

from ..formats.charset import markup_charset

__all__ = ["declared_charset"]

_HEADER_RE = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def declared_charset(content_type: str | None, body: bytes) -> str | None:
    """The charset ``body`` declares, or None.

    >>> declared_charset("text/html; charset=Shift_JIS", b"<html>")
    'Shift_JIS'
    >>> declared_charset("text/html", b'<meta http-equiv="Content-Type" content="text/html; charset=euc-jp">')
    'euc-jp'
    >>> declared_charset("text/html; charset=euc-jp", b"\\xef\\xbb\\xbf<html>")
    'utf-8'
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    if content_type:
        m = _HEADER_RE.search(content_type)
        if m:
            return m.group(1)
    return markup_charset(body)
