"""The pdfplumber engine (``--pdf-engine pdfplumber``): pages read by pdfminer, as :class:`._pdfpage.RawPage`.

pdfminer interprets the content streams; characters are taken from its
interpreter directly (:mod:`._pdfchars`), the lines, rectangles and
curves through pdfplumber's objects, whose edges pdfplumber's table finder
works from.  pdfminer's many kinds of errors on damaged files become one
:class:`CorruptDocument` each; its warnings become the document's, and its
debug calls cost one C call each while nothing would record them
(:mod:`._pdfminer_debug`).
"""

from __future__ import annotations

import io
import logging
import time
from collections import Counter
from collections.abc import Callable

from .._exceptions import CorruptDocument, one_line
from ._pdfchars import page_glyphs
from ._pdfmarks import find_marks
from ._pdfminer_debug import debug_off
from ._pdfminer_fixes import apply_fixes
from ._pdfpage import RawPage

__all__ = ["read_pages"]

_LOOP = "damaged PDF (objects nested too deeply, or referring to each other in a loop)"


def read_pages(
    data: bytes, source: str, max_pages: int, consume: Callable[[RawPage], None]
) -> tuple[float, list[str]]:
    """Hand every page to ``consume`` in order; the seconds spent reading them and pdfminer's warnings."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    apply_fixes()
    started = time.perf_counter()
    seconds = 0.0
    notes = _PdfminerWarnings()
    try:
        with notes, debug_off(), pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise CorruptDocument("PDF has no pages (damaged or truncated?)", source=source)
            if count > max_pages:
                raise CorruptDocument(
                    f"PDF has {count} pages; more than {max_pages} are not read", source=source
                )
            seconds = time.perf_counter() - started
            for page in pdf.pages:
                started = time.perf_counter()
                raw = _raw_page(page)
                seconds += time.perf_counter() - started
                consume(raw)
    except (CorruptDocument, MemoryError):
        raise  # a MemoryError is the pipeline's to report (over the memory limit), not a damaged file
    except RecursionError:
        raise CorruptDocument(_LOOP, source=source) from None
    except (PDFPasswordIncorrect, PdfminerException) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, MemoryError):
            raise cause from None
        if isinstance(cause, RecursionError):
            raise CorruptDocument(_LOOP, source=source) from None
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise CorruptDocument("encrypted PDF: it needs a password to open", source=source) from None
        raise CorruptDocument(f"damaged PDF ({describe(cause)})", source=source) from None
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise CorruptDocument(f"damaged PDF ({describe(exc)})", source=source) from None
    return seconds, notes.messages()


def _raw_page(page: object) -> RawPage:
    glyphs = page_glyphs(page)
    p: object = page
    return RawPage(
        width=float(p.width),  # type: ignore[attr-defined]
        height=float(p.height),  # type: ignore[attr-defined]
        glyphs=glyphs,
        edges=p.edges,  # type: ignore[attr-defined]
        marks=find_marks([*p.curves, *p.rects]),  # type: ignore[attr-defined]
        images=len(p.images),  # type: ignore[attr-defined]
    )


def describe(exc: object) -> str:
    return one_line(str(exc), 120) or type(exc).__name__


class _PdfminerWarnings(logging.Handler):
    """pdfminer's warnings while one PDF is read, kept as the document's warnings.

    Without a handler of its own, Python prints them on stderr, where they
    would name no source; repeated ones are counted, not repeated.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record must not break the read
            message = str(record.msg)
        self.counts[describe(message)] += 1

    def __enter__(self) -> _PdfminerWarnings:
        logging.getLogger("pdfminer").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("pdfminer").removeHandler(self)

    def messages(self) -> list[str]:
        return [f"pdfminer: {m}" + (f" ({n} times)" if n > 1 else "") for m, n in self.counts.items()]
