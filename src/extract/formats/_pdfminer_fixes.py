"""A fix to pdfminer.six, applied when the PDF reader runs.

When a Flate stream does not inflate cleanly, pdfminer retries it through
``decompress_corrupted``, which feeds the inflater one byte at a time and
appends each output to a ``bytes`` object: time quadratic in the output.  A
content stream of a few megabytes whose checksum is wrong (one flipped bit in
the last four bytes is enough) then takes hours, where it should take
milliseconds.  :func:`decompress_corrupted` gives the same result (the same
bytes, the same warning, the same error for damage before the last three
bytes) in linear time.
"""

from __future__ import annotations

import logging
import zlib

from pdfminer import pdftypes

__all__ = ["ORIGINAL_DECOMPRESS_CORRUPTED", "apply_fixes", "decompress_corrupted"]

ORIGINAL_DECOMPRESS_CORRUPTED = pdftypes.decompress_corrupted
_logger = logging.getLogger(pdftypes.__name__)


def decompress_corrupted(data: bytes) -> bytes:
    """What pdfminer's byte-at-a-time fallback gives, without feeding bytes one at a time.

    Damage before the last three bytes raises ``zlib.error`` as it does there;
    damage in them (the Adler-32 checksum) keeps what inflated so far, with
    pdfminer's warning.
    """
    inflater = zlib.decompressobj()
    head = max(0, len(data) - 3)
    out = [inflater.decompress(data[:head])]  # raises exactly when a byte before the tail is bad
    try:
        for i in range(head, len(data)):
            out.append(inflater.decompress(data[i : i + 1]))
    except zlib.error:
        _logger.warning("Data-loss while decompressing corrupted data")
    return b"".join(out)


def apply_fixes() -> None:
    """Install the fix (idempotent)."""
    pdftypes.decompress_corrupted = decompress_corrupted
