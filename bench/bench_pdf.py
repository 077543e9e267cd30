"""Pages per second for PDF → records, against bare pdfplumber and pypdfium2 text extraction.

All three run in the same process over the same files, best of ``--repeat``
runs each, so the ratios compare like with like on whatever machine runs it:

- ``extract``: ``extract_bytes`` on the PDF bytes (reading, tables, paragraphs,
  glyph repairs, layout detection, grammar and records);
- ``pdfplumber``: ``page.extract_text()`` for every page, nothing else;
- ``pypdfium2``: ``textpage.get_text_range()`` for every page.

It also reports whether pypdfium2's text of each page has the same
characters (whitespace aside) as ours, which decides whether it could serve
pages without tables.

    python bench/bench_pdf.py [PDF ...]   # default: samples/*.pdf and ../shared/reference/*.pdf
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

from extract import extract_bytes
from extract.formats._glyphs import BULLET_GLYPHS
from extract.formats.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent


def _pdfplumber(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def _pdfium(data: bytes) -> int:
    pdf = pypdfium2.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            pdf[i].get_textpage().get_text_range()
        return len(pdf)
    finally:
        pdf.close()


def _extract(data: bytes) -> int:
    outcome = extract_bytes(data, "bench.pdf")
    if outcome.error is not None:
        raise SystemExit(f"extract failed: {outcome.error}")
    return 0  # pages are counted by the other runs


def best(fn: Callable[[bytes], int], files: list[bytes], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs of ``fn`` on every file, and the page count."""
    times = []
    pages = 0
    for _ in range(repeat):
        started = time.perf_counter()
        pages = sum(fn(data) for data in files)
        times.append(time.perf_counter() - started)
    return min(times), pages


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdfium_agreement(data: bytes) -> tuple[int, int]:
    """Pages where pypdfium2's characters equal ours (whitespace, bullets and page numbers aside), of pages without tables."""
    blocks = read_pdf(data, "bench.pdf").blocks
    ours: dict[int, str] = {}
    tables: set[int] = set()
    for block in blocks:
        page = int(block.locator.split()[1])
        if block.kind == "table_row":
            tables.add(page)
        ours[page] = ours.get(page, "") + _letters(block.text)
    pdf = pypdfium2.PdfDocument(data)
    same = total = 0
    try:
        for i in range(len(pdf)):
            if i + 1 in tables:
                continue
            total += 1
            raw = pdf[i].get_textpage().get_text_range()
            # what our reader removes on purpose: the page number line and bullet glyphs
            lines = [ln for ln in raw.splitlines() if not re.fullmatch(rf"\s*-?\s*{i + 1}\s*-?\s*", ln)]
            theirs = "".join(ch for ch in _letters("".join(lines)) if ch not in BULLET_GLYPHS)
            same += theirs == ours.get(i + 1, "")
    finally:
        pdf.close()
    return same, total


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = args.files or sorted((ROOT / "samples").glob("*.pdf")) + sorted(
        (ROOT.parent / "shared" / "reference").glob("*.pdf")
    )
    files = [p.read_bytes() for p in paths]
    _extract(files[0])  # imports and caches warmed up outside the timings
    results = {
        name: best(fn, files, args.repeat)
        for name, fn in [("pdfplumber", _pdfplumber), ("pypdfium2", _pdfium), ("extract", _extract)]
    }
    pages = results["pdfplumber"][1]
    print(f"{len(paths)} files, {pages} pages, best of {args.repeat}")
    for name, (seconds, _) in results.items():
        print(f"  {name:<11} {pages / seconds:8.1f} pages/s")
    ours = results["extract"][0]
    print(f"extract time / pdfplumber extract_text time: {ours / results['pdfplumber'][0]:.2f}x")
    print(f"extract time / pypdfium2 text time:          {ours / results['pypdfium2'][0]:.2f}x")
    for path, data in zip(paths, files, strict=True):
        same, total = pdfium_agreement(data)
        print(f"  pypdfium2 text equals ours on {same}/{total} table-free pages of {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
