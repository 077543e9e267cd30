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

__all__ = ["THRESHOLDS", "tune_collector"]

THRESHOLDS = (50_000, 20, 100)


def tune_collector() -> None:
    """Raise the collection thresholds, and leave what is already loaded (modules, tables) out of full collections."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
