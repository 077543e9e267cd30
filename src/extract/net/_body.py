"""Reading a response body under a size cap counted on the *decoded* bytes.

httpx decodes gzip a whole network chunk at a time, so a 64 KiB chunk of a
gzip bomb can become gigabytes before any caller sees it.  Here the raw stream
is decoded with zlib's ``max_length`` so no more than the remaining budget (+1
byte) is ever produced, and a body that would pass the cap stops at the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

from ._errors import BodyTooLarge, FetchError, TransientFetchError

__all__ = ["SUPPORTED_ENCODINGS", "read_body"]

SUPPORTED_ENCODINGS = "gzip, deflate"
"""What the client accepts (sent as Accept-Encoding); anything else is refused."""


class _Decoder:
    """One content coding, decoding at most ``budget + 1`` bytes per call."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._raw_deflate = False
        self._d = self._new()

    def _new(self) -> zlib._Decompress:
        if self.coding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)

    def decode(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        while data:
            try:
                piece = self._d.decompress(data, budget + 1 - len(out))
            except zlib.error:
                if self.coding == "deflate" and not self._raw_deflate and not out:
                    # "deflate" is sometimes sent without its zlib header
                    self._raw_deflate = True
                    self._d = self._new()
                    continue
                raise
            out += piece
            if len(out) > budget:
                return bytes(out)
            data = self._d.unconsumed_tail
            if self._d.eof and self._d.unused_data:  # a second gzip member
                data = self._d.unused_data
                self._d = self._new()
        return bytes(out)

    def finish(self) -> bool:
        """True when the compressed stream ended properly."""
        return self._d.eof


async def read_body(
    raw: AsyncIterator[bytes],
    *,
    content_encoding: str | None,
    max_bytes: int,
    source: str,
    truncate: bool = False,
) -> bytes:
    """The decoded body of ``raw`` (the undecoded network stream).

    Over ``max_bytes`` of decoded bytes raises :class:`BodyTooLarge`, or with
    ``truncate`` returns the first ``max_bytes`` (robots.txt: RFC 9309 lets a
    crawler stop at 500 KiB).
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if any(c not in ("gzip", "x-gzip", "deflate") for c in codings):
        raise FetchError(f"unsupported Content-Encoding: {content_encoding}", source=source)
    if len(codings) > 1:
        raise FetchError(f"stacked Content-Encoding is not accepted: {content_encoding}", source=source)
    decoder = (
        _Decoder("gzip" if codings and codings[0] in ("gzip", "x-gzip") else "deflate") if codings else None
    )
    body = bytearray()
    async for chunk in raw:
        budget = max_bytes - len(body)
        try:
            piece = decoder.decode(chunk, budget) if decoder else chunk
        except zlib.error as exc:
            raise TransientFetchError(
                f"corrupt {decoder.coding if decoder else ''} body: {exc}", source=source
            ) from None
        if len(piece) > budget:
            if truncate:
                body += piece[:budget]
                return bytes(body)
            raise BodyTooLarge(
                f"body larger than {max_bytes} bytes once decoded",
                source=source,
                locator=f"byte {max_bytes + 1}",
            )
        body += piece
    if decoder is not None and not decoder.finish():
        raise TransientFetchError(f"{decoder.coding} body ends before its end marker", source=source)
    return bytes(body)
