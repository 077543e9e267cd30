"""HTML pages: decoded, guarded, parsed with selectolax (lexbor), read into blocks and page metadata.

The reader never fetches: a page given by URL arrives as bytes with the HTTP
charset, and links are resolved against the page's own ``<base href>`` or
canonical URL.  The modules beside this one each do one step: decoding
(:mod:`.charset`), refusing binary junk and flattening absurd nesting
(:mod:`._html_guard`), finding the content (:mod:`._html_page`), metadata
(:mod:`._html_meta`) and the block walk (:mod:`._html_blocks`, with what it knows of
elements in :mod:`._html_elements`).
"""

from __future__ import annotations

import codecs
import re
import time

from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from .._exceptions import CorruptDocument, ExtractError, one_line
from ..blocks import ReadResult
from ..diagnostics import Diagnostic
from ._html_blocks import BlockWalker
from ._html_guard import MAX_ATTRIBUTES, MAX_DEPTH, check_not_binary, limit_attributes, limit_nesting
from ._html_meta import read_meta
from ._html_page import locate_content
from .charset import decode_html

__all__ = ["read_html"]

_END_TAG_RE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_TAIL_CHARS = 16384
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_html(data: bytes, source: str, declared_charset: str | None = None) -> ReadResult:
    """Blocks and page metadata of one HTML page.

    ``declared_charset`` is the HTTP ``Content-Type`` charset when the page was
    fetched.  Unreadable input raises :class:`~extract.DecodeError` or
    :class:`~extract.CorruptDocument` naming ``source``.
    """
    try:
        return _read(data, source, declared_charset)
    except (ExtractError, MemoryError):
        raise  # a MemoryError is the pipeline's to report (over the memory limit), not a damaged page
    except RecursionError:
        raise CorruptDocument("markup too deeply nested to read", source=source) from None
    except Exception as exc:  # lexbor or a hostile page: one clear line, never a traceback
        raise CorruptDocument(
            f"unreadable HTML ({type(exc).__name__}: {one_line(str(exc))})", source=source
        ) from exc


def _read(data: bytes, source: str, declared_charset: str | None) -> ReadResult:
    started = time.perf_counter()
    text, codec, notes = decode_html(data, source, declared_charset)
    # a page read whole as UTF-8 without a BOM is its bytes exactly: lexbor is given them as they are
    # (it would encode the text back to the same UTF-8) and the binary check scans bytes
    utf8 = data if codec == "utf-8" and not notes and not data.startswith(_BOMS) else None
    check_not_binary(text, source, utf8)
    decoded_text = text
    text, dropped = limit_nesting(text)
    if dropped:
        notes.append(
            f"markup nested more than {MAX_DEPTH} levels deep: {dropped} deeper opening tags were "
            "ignored (their text is kept)"
        )
    text, crowded = limit_attributes(text)
    if crowded:
        notes.append(f"{crowded} tag(s) with more than {MAX_ATTRIBUTES} attributes: the rest were ignored")
    try:
        tree = LexborHTMLParser(utf8 if utf8 is not None and text is decoded_text else text)
    except SelectolaxError:
        raise CorruptDocument(
            "the HTML parser gave up on the page (too large for the memory limit?)", source=source
        ) from None
    decoded = time.perf_counter() - started
    page = locate_content(tree)
    meta, base_url = read_meta(tree, page)
    # a page whose closing tags arrived was not cut off: its last block may end without a full stop
    meta.complete = _closed(text)
    blocks = BlockWalker(page.skip, base_url).blocks(page.regions)
    if not blocks:
        notes.append("the page has no text")
    return ReadResult(
        blocks=blocks, meta=meta, warnings=[Diagnostic(None, note) for note in notes], decode_seconds=decoded
    )


def _closed(text: str) -> bool:
    """Whether ``</html>`` or ``</body>`` starts in the last :data:`_TAIL_CHARS` characters.

    The last kilobyte is searched first: that is where a page's closing tags are.
    """
    end = len(text)
    return (
        _END_TAG_RE.search(text, max(0, end - 1024)) is not None
        or _END_TAG_RE.search(text, max(0, end - _TAIL_CHARS)) is not None
    )
