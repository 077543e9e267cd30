"""HTML → records throughput over the HTML samples, as a ratio to a bare selectolax parse + text.

Absolute speeds depend on the machine; the ratio to the bare parse of the
same files in the same run is what can be compared between runs.  Rounds
alternate between the measured paths so that drift in machine load hits
each of them alike.

    python bench/bench_html.py [--rounds N] [FILE ...]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from extract import extract_bytes
from extract.formats.html import read_html

ROOT = Path(__file__).resolve().parent.parent


def _bare(data: bytes, uri: str) -> object:
    return LexborHTMLParser(data).text()


def _reader(data: bytes, uri: str) -> object:
    return read_html(data, uri)


def _records(data: bytes, uri: str) -> object:
    outcome = extract_bytes(data, uri)
    if outcome.error is not None:
        raise SystemExit(f"{uri}: {outcome.error}")
    return outcome.records


PATHS: dict[str, Callable[[bytes, str], object]] = {
    "bare selectolax parse + .text()": _bare,
    "read_html (blocks + metadata)": _reader,
    "extract_bytes (HTML -> records)": _records,
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50, help="passes over the files per path (default 50)")
    parser.add_argument("files", nargs="*", type=Path, help="HTML files (default: samples/*.html)")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples").glob("*.html"))
    if not files:
        raise SystemExit("no HTML files to measure")
    pages = [(f.read_bytes(), str(f)) for f in files]
    for run in PATHS.values():  # warm up: imports, layout registry, regex caches
        for data, uri in pages:
            run(data, uri)
    elapsed = dict.fromkeys(PATHS, 0.0)
    for _ in range(args.rounds):
        for name, run in PATHS.items():
            start = time.perf_counter()
            for data, uri in pages:
                run(data, uri)
            elapsed[name] += time.perf_counter() - start
    total = len(pages) * args.rounds
    size = sum(len(data) for data, _ in pages)
    print(f"{len(pages)} pages ({size / 1024:.0f} KiB) x {args.rounds} rounds")
    bare = total / elapsed["bare selectolax parse + .text()"]
    for name in PATHS:
        rate = total / elapsed[name]
        print(f"  {name:34} {rate:9.1f} pages/s   ratio to bare parse {rate / bare:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
