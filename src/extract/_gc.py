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

__all__ = ["FULL_COLLECTION_EVERY", "THRESHOLDS", "collect_between_documents", "tune_collector"]

THRESHOLDS = (50_000, 20, 100)


def tune_collector() -> None:
    """Raise the collection thresholds, and leave what is already loaded (modules, tables) out of full collections."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


FULL_COLLECTION_EVERY = 100
"""Documents between the collections that look at everything, what was frozen included."""

_documents_since_full = 0


def collect_between_documents() -> None:
    """A collection after a document, kept cheap: the survivors are frozen out of the next ones.

    A worker collects after every document so that what the document left in
    reference cycles is freed before the next one (its memory cap counts what
    is mapped).  Everything still alive then is long-lived (the libraries the
    readers imported on their first document, the parsers' caches), and left
    in the collected generations it was traversed by every later collection:
    the grammar's cache of classified lines alone grew to tens of thousands of
    objects, and the collection after each document grew from 2 to over 20 ms
    in the first 900 documents of the corpus (isolated runs took 1.4 times the
    in-process time).  So the survivors are frozen, and every
    :data:`FULL_COLLECTION_EVERY` documents everything is unfrozen and collected
    once, so that a cycle that was alive when it was frozen (a document the
    pdfium engine kept open, say) is freed a hundred documents later at most.
    """
    global _documents_since_full
    _documents_since_full += 1
    if _documents_since_full >= FULL_COLLECTION_EVERY:
        _documents_since_full = 0
        gc.unfreeze()
    gc.collect()
    gc.freeze()
