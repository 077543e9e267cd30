"""How fast the pdfium side of a run can get: its PDF time split into pdfium's own work, the engine's Python and the rest.

    python bench/bench_pdfium_floor.py                      # every corpus PDF, 3 rounds
    python bench/bench_pdfium_floor.py --step 3 --rounds 3  # every third PDF
    python bench/bench_pdfium_floor.py --runs 150.2 78.4    # and the bound for a measured run

Three measurements over the same PDFs in one process, the order rotating
from round to round, CPU seconds, medians over the rounds:

- ``pdfium``: open each document, load every page and its text page, close
  them (the last document kept open until the next is read, as the engine
  does for its fonts): the work in C the engine cannot leave out;
- ``engine``: the engine's ``read_pages`` (every character, path and blank):
  the same C work plus the engine's Python;
- ``document``: ``parse_job``, all a worker does for a PDF (the engine, then
  the shared glyph, line, table, layout and record code).

``engine - pdfium`` is all the Python the pdfium engine runs: what any
rewrite of it could save at most.  ``--runs PDFPLUMBER PDFIUM`` takes the wall
seconds of the two whole-corpus runs of ``bench_engines.py`` and prints the
ratio the run would reach if the engine's Python cost nothing (scaled from
the PDFs measured here to every corpus PDF).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import ensure_corpus  # noqa: E402


def pdfium_only(datas: list[bytes]) -> float:
    """CPU seconds of pdfium loading every page and text page of ``datas``, nothing read from them."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    started = time.process_time()
    kept: Any = None
    for data in datas:
        doc = pdfium.PdfDocument(data)
        for index in range(len(doc)):
            page = pdfium_c.FPDF_LoadPage(doc.raw, index)
            text_page = pdfium_c.FPDFText_LoadPage(page)
            pdfium_c.FPDFText_ClosePage(text_page)
            pdfium_c.FPDF_ClosePage(page)
        if kept is not None:
            kept.close()
        kept = doc
    if kept is not None:
        kept.close()
    return time.process_time() - started


def engine(datas: list[bytes]) -> float:
    """CPU seconds of the pdfium engine reading every page of ``datas`` (characters, paths, blanks)."""
    from extract.formats._pdfium import read_pages

    started = time.process_time()
    for data in datas:
        read_pages(data, "x.pdf", 10_000, lambda raw: None)
    return time.process_time() - started


def document(datas: list[bytes]) -> float:
    """CPU seconds of a worker's whole job for every PDF of ``datas``, with the pdfium engine."""
    from extract.pipeline import ParseOptions
    from extract.sources import SourceRef
    from extract.workers import Job, parse_job

    options = ParseOptions(pdf_engine="pdfium")
    started = time.process_time()
    for data in datas:
        parse_job(Job(SourceRef(uri="x.pdf", identity="x.pdf"), data=data), options)
    return time.process_time() - started


MEASURES: dict[str, Callable[[list[bytes]], float]] = {
    "pdfium": pdfium_only,
    "engine": engine,
    "document": document,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=int, default=1, help="every STEP-th corpus PDF (sorted by path)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=float, nargs=2, metavar=("PDFPLUMBER", "PDFIUM"))
    args = parser.parse_args()
    every = sorted(ensure_corpus().path.rglob("*.pdf"))
    datas = [p.read_bytes() for p in every[:: args.step]]
    for measure in MEASURES.values():  # warm: imports, pdfium's start-up, the parsers' caches
        measure(datas[:3])
    seconds: dict[str, list[float]] = {name: [] for name in MEASURES}
    names = list(MEASURES)
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            seconds[name].append(MEASURES[name](datas))
        print(f"round {r + 1}: " + ", ".join(f"{n} {seconds[n][-1]:.2f} s" for n in names))
    median = {n: statistics.median(v) for n, v in seconds.items()}
    python = median["engine"] - median["pdfium"]
    print(
        f"{len(datas)} PDFs, medians: pdfium {median['pdfium']:.2f} s, engine {median['engine']:.2f} s, "
        f"document {median['document']:.2f} s"
    )
    print(
        f"of a document: pdfium {median['pdfium'] / median['document']:.0%}, "
        f"the engine's Python {python / median['document']:.0%}, "
        f"the rest {(median['document'] - median['engine']) / median['document']:.0%}"
    )
    if args.runs:
        plumber, pdfium_run = args.runs
        saved = python * len(every) / len(datas)
        print(
            f"the engine's Python over all {len(every)} PDFs: {saved:.1f} s; without it the pdfium run "
            f"would take {pdfium_run - saved:.1f} s: {plumber / (pdfium_run - saved):.2f}x "
            f"(measured {plumber / pdfium_run:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
