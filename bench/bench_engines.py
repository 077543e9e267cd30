"""The whole corpus through ``extract CORPUS -o DIR -j 1`` with each PDF engine, alternating rounds.

    python bench/bench_engines.py                # the full generated corpus, 3 rounds
    python bench/bench_engines.py --rounds 5 --quick

Each round runs both engines (the order alternates from round to round) in
child processes, as a user runs the command; a round's ratio is the
pdfplumber run's wall time over the pdfium run's.  Prints every round and the
median ratio; the two outputs are compared file by file on the first round.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import ensure_corpus  # noqa: E402


def run_extract(corpus: Path, out: Path, *options: str) -> float:
    """Wall seconds of ``extract CORPUS -o OUT -q OPTIONS…`` in a child process, as a user runs it."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "extract", str(corpus), "-o", str(out), "-q", *options]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="3 wards x 3 years")
    args = parser.parse_args()
    corpus = ensure_corpus(wards=3, years=3) if args.quick else ensure_corpus()
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            order = ["pdfium", "pdfplumber"] if r % 2 == 0 else ["pdfplumber", "pdfium"]
            times = {
                e: run_extract(corpus.path, Path(tmp) / f"{e}-{r}", "-j", str(args.jobs), "--pdf-engine", e)
                for e in order
            }
            ratio = times["pdfplumber"] / times["pdfium"]
            ratios.append(ratio)
            print(
                f"round {r + 1}: pdfium {times['pdfium']:.1f} s, pdfplumber {times['pdfplumber']:.1f} s, {ratio:.2f}x"
            )
    print(
        f"median over {len(ratios)} rounds: pdfium is {statistics.median(ratios):.2f}x faster (-j {args.jobs})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
