"""What parsing in isolated worker processes costs: ``extract -j 1`` against ``--no-isolation``.

    python bench/bench_isolation.py                 # 3 wards x 14 years of the corpus, 3 rounds
    python bench/bench_isolation.py --wards 24 --rounds 5

Both sides parse the same documents one at a time; the isolated side does it
in a worker process under the default limits (time, memory), collecting and
trimming its memory after every document, and sends each outcome back to the
main process.  Rounds alternate which side goes first; a round's ratio is the
isolated run's wall time over the in-process one's, and the median is printed.
A ratio near 1 means isolation is nearly free.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_engines import run_extract  # noqa: E402
from make_corpus import ensure_corpus  # noqa: E402

SIDES = {"isolated": ("-j", "1"), "in-process": ("--no-isolation",)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--wards", type=int, default=3)
    parser.add_argument("--years", type=int, default=14)
    args = parser.parse_args()
    corpus = ensure_corpus(wards=args.wards, years=args.years)
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            order = list(SIDES) if r % 2 == 0 else list(reversed(SIDES))
            times = {
                side: run_extract(corpus.path, Path(tmp) / f"{side}-{r}", *SIDES[side]) for side in order
            }
            ratio = times["isolated"] / times["in-process"]
            ratios.append(ratio)
            print(
                f"round {r + 1}: isolated {times['isolated']:.1f} s, in-process {times['in-process']:.1f} s, "
                f"{ratio:.2f}x"
            )
    print(f"median over {len(ratios)} rounds: isolated / in-process = {statistics.median(ratios):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
