"""HTML → records throughput, as a ratio to a bare selectolax parse + text of the same pages.

Absolute speeds depend on the machine (and on what else it runs); the ratio to
the bare parse of the same files in the same round is what can be compared
between runs.  Each round times every path once over all the pages, the order
of the paths rotating from one round to the next so that drift in machine load
hits each of them alike; the figures are the medians over the rounds of each
round's own ratio (and of its time per page).

``read_html`` is also split into its two stages as the pipeline reports them:
``decode`` (text decoding, the guards, the lexbor parse: ``ReadResult.decode_seconds``)
and ``blocks`` (the rest: finding the content, page metadata, the block walk).  The
block walk alone is timed too: each page is parsed, its content found and its
metadata read untimed, then only the walk of its regions into blocks is timed.

    python bench/bench_html.py [--rounds N] [FILE ...]         # default: samples/*.html
    python bench/bench_html.py --corpus [--wards W --years Y]   # the generated corpus' pages
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from extract import extract_bytes
from extract.formats._html_blocks import BlockWalker
from extract.formats._html_meta import read_meta
from extract.formats._html_page import locate_content
from extract.formats.html import read_html

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BARE = "bare selectolax parse + .text()"
READER = "read_html (blocks + metadata)"
RECORDS = "extract_bytes (HTML -> records)"
WALK = "block walk alone (regions -> blocks)"

Run = Callable[[bytes, str], float]
"""Reads one page; returns the seconds of a part of it (``read_html``: the decode stage; the walk: itself)."""


def _bare(data: bytes, uri: str) -> float:
    LexborHTMLParser(data).text()
    return 0.0


def _reader(data: bytes, uri: str) -> float:
    return read_html(data, uri).decode_seconds or 0.0


def _walk(data: bytes, uri: str) -> float:
    """The seconds of the block walk alone (the parse, content and metadata before it untimed)."""
    tree = LexborHTMLParser(data)
    page = locate_content(tree)
    _, base_url = read_meta(tree, page)
    started = time.perf_counter()
    BlockWalker(page.skip, base_url).blocks(page.regions)
    return time.perf_counter() - started


def _records(data: bytes, uri: str) -> float:
    outcome = extract_bytes(data, uri)
    if outcome.error is not None:
        raise SystemExit(f"{uri}: {outcome.error}")
    return 0.0


def _pages(args: argparse.Namespace) -> tuple[str, list[Path]]:
    if args.corpus:
        sys.path.insert(0, str(HERE))
        from make_corpus import ensure_corpus

        corpus = ensure_corpus(args.seed, args.wards, args.years)
        return f"the generated corpus ({corpus.path.name})", corpus.pages
    files = args.files or sorted((ROOT / "samples").glob("*.html"))
    return ("samples/*.html" if not args.files else "the given files"), files


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50, help="rounds over the pages (default 50)")
    parser.add_argument("--corpus", action="store_true", help="the pages of bench/make_corpus.py's corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wards", type=int, default=24)
    parser.add_argument("--years", type=int, default=14)
    parser.add_argument("--no-records", action="store_true", help="time the reader only, not extract_bytes")
    parser.add_argument("files", nargs="*", type=Path, help="HTML files (default: samples/*.html)")
    args = parser.parse_args()
    label, files = _pages(args)
    if not files:
        raise SystemExit("no HTML files to measure")
    pages = [(f.read_bytes(), str(f)) for f in files]
    paths: dict[str, Run] = {BARE: _bare, READER: _reader, WALK: _walk}
    if not args.no_records:
        paths[RECORDS] = _records
    for run in paths.values():  # warm up: imports, layout registry, regex caches
        for data, uri in pages:
            run(data, uri)
    seconds: dict[str, list[float]] = {name: [] for name in [*paths, "decode", "blocks"]}
    names = list(paths)
    for round_no in range(args.rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            run = paths[name]
            part = 0.0
            start = time.perf_counter()
            for data, uri in pages:
                part += run(data, uri)
            elapsed = time.perf_counter() - start
            seconds[name].append(part if name == WALK else elapsed)
            if name == READER:
                seconds["decode"].append(part)
                seconds["blocks"].append(elapsed - part)
    _report(label, pages, args.rounds, seconds)
    return 0


def _report(label: str, pages: list[tuple[bytes, str]], rounds: int, seconds: dict[str, list[float]]) -> None:
    size = sum(len(data) for data, _ in pages)
    print(f"{len(pages)} pages of {label} ({size / 1024:.0f} KiB), {rounds} rounds; medians over the rounds")
    print()
    print("| path | ms/page | pages/s | time / bare parse |")
    print("|---|---:|---:|---:|")
    bare = seconds[BARE]
    for name, times in seconds.items():
        if not times:
            continue
        ms = statistics.median(times) / len(pages) * 1000
        ratio = statistics.median(t / b for t, b in zip(times, bare, strict=True))
        shown = f"`read_html` stage: {name}" if name in ("decode", "blocks") else name
        rate = f"{1000 / ms:.0f}" if name not in ("decode", "blocks") else "–"
        print(f"| {shown} | {ms:.3f} | {rate} | {ratio:.2f}× |")


if __name__ == "__main__":
    raise SystemExit(main())
