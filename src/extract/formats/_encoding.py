"""Byte-to-text decoding shared by the text and HTML readers.

Japanese municipal sites still serve Shift_JIS and EUC-JP next to UTF-8; a BOM
or a declared charset wins, otherwise the strict decoders are tried in order
and the first that decodes the whole input is used.
"""

from __future__ import annotations

import codecs

from .._exceptions import DecodeError

__all__ = ["decode_bytes", "normalise_charset"]

_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "eucjp": "euc_jp",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "iso-2022-jp": "iso2022_jp",
}


def normalise_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if unknown.

    Shift_JIS declarations are decoded as cp932 (its Windows superset), which is
    what the pages really contain (①, ㈱, NEC special characters).

    >>> normalise_charset("Shift_JIS")
    'cp932'
    >>> normalise_charset("EUC-JP")
    'euc_jp'
    >>> normalise_charset("bogus") is None
    True
    """
    if not name:
        return None
    key = name.strip().strip("'\"").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, codec)``.

    Order: BOM, the declared charset (if it decodes cleanly), then UTF-8, cp932
    and EUC-JP strictly.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    tried: list[str] = []
    codec = normalise_charset(declared)
    if codec:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            tried.append(codec)
    decoded: list[tuple[int, str, str]] = []
    for candidate in ("utf-8", "cp932", "euc_jp"):
        if candidate in tried:
            continue
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            tried.append(candidate)
            continue
        if candidate == "utf-8":
            return text, candidate
        decoded.append((_oddity(text), candidate, text))
    if decoded:
        _, codec, text = min(decoded, key=lambda t: t[0])
        return text, codec
    raise DecodeError(f"cannot decode as {', '.join(tried)}", source=source)


def _oddity(text: str) -> int:
    """How unlike Japanese prose a decoding looks.

    EUC-JP bytes often decode "successfully" as cp932 into half-width katakana
    and rare symbols; counting those picks the right one of two clean decodings.
    """
    odd = 0
    for ch in text:
        cp = ord(ch)
        if 0xFF61 <= cp <= 0xFF9F or 0xE000 <= cp <= 0xF8FF or 0x2460 <= cp <= 0x24FF:
            odd += 1
    return odd
