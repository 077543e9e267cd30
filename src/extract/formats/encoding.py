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


MAX_BROKEN_SHARE = 0.01
"""A text with more undecodable bytes than this share of its characters is not text in any codec tried."""
CUT_CHARACTER_NOTE = "the input ends inside a UTF-8 character (cut off?): the partial character is left out"
_CANDIDATES = ("utf-8", "cp932", "euc_jp")


def decode_bytes(
    data: bytes, source: str, declared: str | None = None, *, lenient: bool = False
) -> tuple[str, str, list[str]]:
    """Decode ``data``; returns ``(text, codec, notes)``.

    Order: BOM, the declared charset (if it decodes cleanly), then UTF-8, cp932
    and EUC-JP strictly.  UTF-8 that is only cut inside its last character (a
    truncated file) is read without that character, with a note.  With
    ``lenient``, input that no codec reads whole is read with the one that
    breaks on the fewest byte sequences, those replaced by U+FFFD and noted,
    provided they are under :data:`MAX_BROKEN_SHARE` of it (one flipped bit
    should not lose a document; binary data is still refused).

    >>> decode_bytes("運営方針".encode()[:-1], "x")
    ('運営方', 'utf-8', ['the input ends inside a UTF-8 character (cut off?): the partial character is left out'])
    >>> page = "経営課題1 安全なまち。".encode() * 20
    >>> decode_bytes(page[:5] + page[6:], "x", lenient=True)[2]
    ['1 undecodable byte sequence(s) replaced (read as utf-8)']
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    tried: list[str] = []
    codec = normalise_charset(declared)
    if codec:
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            tried.append(codec)
    decoded: list[tuple[int, str, str]] = []
    for candidate in _CANDIDATES:
        if candidate in tried:
            continue
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError as exc:
            tried.append(candidate)
            if candidate == "utf-8" and exc.end == len(data) and exc.reason == "unexpected end of data":
                try:
                    return data[: exc.start].decode("utf-8"), "utf-8", [CUT_CHARACTER_NOTE]
                except UnicodeDecodeError:
                    pass  # broken elsewhere too
            continue
        if candidate == "utf-8":
            return text, candidate, []
        decoded.append((_oddity(text), candidate, text))
    if decoded:
        _, codec, text = min(decoded, key=lambda t: t[0])
        return text, codec, []
    if lenient:
        broken, codec, text = min(
            ((t.count("\ufffd"), c, t) for c in _CANDIDATES for t in [data.decode(c, errors="replace")]),
            key=lambda found: found[0],
        )
        if broken <= max(1, len(text) * MAX_BROKEN_SHARE):
            return text, codec, [f"{broken} undecodable byte sequence(s) replaced (read as {codec})"]
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
