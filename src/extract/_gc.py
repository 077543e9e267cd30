"""Garbage-collector settings for the processes the command line owns (itself and its workers).

Reading a PDF page makes tens of thousands of container objects (pdfminer's
layout objects, pdfplumber's dicts) that stay alive until the page is done.
With CPython's default thresholds a young collection runs every 700
allocations, so each of them is scanned again and again and promoted, and the
full collections grow with everything a run keeps: about 15% of a serial
run's time went to the collector.  A young generation of 50,000 objects
brings that to a few percent for some 30 MiB more memory at the peak.  The
library never changes the collector of a process that embeds it: only the
command line and its parsing workers call :func:`tune_collector`.
"""

from __future__ import annotations

import gc
import sys

__all__ = ["THRESHOLDS", "collect_between_documents", "tune_collector"]

THRESHOLDS = (50_000, 20, 100)


def tune_collector() -> None:
    """Raise the collection thresholds, and leave what is already loaded (modules, tables) out of full collections."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


_frozen_with_modules = 0
"""How many modules were loaded when :func:`collect_between_documents` last froze the survivors."""


def collect_between_documents() -> None:
    """A full collection after a document, kept cheap: what new modules brought is frozen first.

    A worker collects after every document so that what the document left in
    reference cycles is freed before the next one (its memory cap counts what
    is mapped).  The readers import their libraries on their first document
    (pdfium's bindings, pdfminer, openpyxl, the layouts, pydantic's schemas):
    left in the collected generations, those objects were traversed by every
    later collection, about 20 ms a document, a third of a PDF's parsing time.
    So whenever modules were imported since the last look, the survivors of a
    collection (the modules and whatever the document kept in their caches)
    are frozen out of later collections; that happens a handful of times per
    worker, so what is frozen by chance stays small.
    """
    global _frozen_with_modules
    gc.collect()
    if len(sys.modules) != _frozen_with_modules:
        gc.freeze()
        _frozen_with_modules = len(sys.modules)
