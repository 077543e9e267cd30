r"""Names as they are shown: any file name the OS allows, printed on one line, unambiguously.

A POSIX file name is bytes: it may hold a newline (which would split one
message into two, and let a name forge a message of its own) or bytes that
are not UTF-8 (Python hands them over as lone surrogates, which no UTF-8 file
can hold).  :func:`shown` is the one rule every message and every
``source.uri`` uses, in the spirit of ``ls -b``: undecodable bytes as
``\xNN``, control characters as ``\n``, ``\t`` or ``\xNN``, line and
paragraph separators as ``\u2028``/``\u2029``, and the backslash doubled so
that the escapes cannot be confused with a name that contains them.  Every
other character, Japanese included, is kept as it is.

>>> shown("samples/北区.txt")
'samples/北区.txt'
>>> shown("a\nerror: forged.txt")
'a\\nerror: forged.txt'
>>> shown("bad-\udcff.txt")  # b"bad-\xff.txt" as os.fsdecode gives it
'bad-\\xff.txt'
>>> shown("back\\slash")
'back\\\\slash'
"""

from __future__ import annotations

import re

__all__ = ["shown"]

_SPECIAL = re.compile(r"[\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(name: str) -> str:
    """``name`` as one printable line of valid Unicode (see the module docstring)."""
    return name if not _SPECIAL.search(name) else _SPECIAL.sub(_escape, name)
