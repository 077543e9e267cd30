"""Memory and time of ``extract DIR -o OUT`` at 1×, 4× and 16× the documents: flat and linear.

Records are streamed to the dataset writer as each document is parsed and
only counts are kept, so the main process's peak RSS should not grow with
the number of documents.  The corpus is the samples' text and HTML versions,
copied ``336 × k`` times (the size of the real collection: 24 wards × 14
years) and spread over the city's wards and years (see :func:`make_corpus`).
Each size is run ``--rounds`` times in turn (1×, 4×, 16×, 1×, …), each time
twice: into a new folder, then again into the same folder, as a nightly job
does (that run reads the published summary and compares the two versions for
``changes.jsonl``); then once more parsing in the process, for the CPU time
per document.  The medians are reported, with the ratio to 1×.

    python bench/bench_memory.py --rounds 3
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.sites import OSAKA_WARDS  # noqa: E402

SEEDS = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".html"))
BASE = 336


_ERA_YEAR = re.compile(r"(?:令和|平成)(?:元|[0-9０-９]{1,2})年度")
_YEARS = [f"平成{y}年度" for y in range(24, 31)] + ["令和元年度"] + [f"令和{y}年度" for y in range(2, 9)]
"""The fifteen fiscal years the city has published policies for (平成24年度 to 令和8年度)."""


def _ward_of(text: str) -> str:
    head = text[:400]
    return min((w for w in OSAKA_WARDS if w in head), key=head.index, default="北区")


def make_corpus(folder: Path, documents: int) -> None:
    """``documents`` copies of the samples, spread over the city's wards and years.

    A real collection has a handful of documents per policy (the page and its 様式), and the
    dataset merges each policy's documents; copies of one policy would make one ever larger
    policy.  So copy ``k`` is moved to a ward and a year of its own (the seed's ward name and
    every year it states with an era replaced): 1× is one document per ward and year, 16× about
    fifteen, as if each policy had its page, its 様式 and a few revisions.
    """
    folder.mkdir(parents=True, exist_ok=True)
    wards = list(OSAKA_WARDS)
    for k in range(documents):
        seed = SEEDS[k % len(SEEDS)]
        text = seed.read_text(encoding="utf-8")
        ward, year = wards[k % len(wards)], _YEARS[(k // len(wards)) % len(_YEARS)]
        text = _ERA_YEAR.sub(year, text.replace(_ward_of(text), ward))
        (folder / f"{k:05d}_{seed.name}").write_text(text + f"\n（写し {k}）\n", encoding="utf-8")


_CHILD = """
import resource, sys
from extract.cli import main
from extract.dataset import writer

def _hwm():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))

collected = [0]
close = writer.Dataset.close
def closing(self):
    collected[0] = _hwm()
    close(self)
writer.Dataset.close = closing
sys.argv = ["extract", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
u = resource.getrusage(resource.RUSAGE_SELF)
print(u.ru_maxrss, collected[0], u.ru_utime + u.ru_stime)
"""
"""The measured ``extract`` run: its peak RSS, the peak before the merge and publishing, its CPU time."""


def run_extract(corpus: Path, out: Path, *options: str) -> tuple[float, float, float]:
    """Peak RSS (MiB), peak RSS before the dataset is merged and published (MiB), CPU seconds."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(corpus), "-o", str(out), "-q", *options],
        capture_output=True,
        text=True,
        check=True,
    )
    rss, collected, cpu = done.stdout.strip().splitlines()[-1].split()
    return int(rss) / 1024, int(collected) / 1024, float(cpu)


def peak_rss_mib(corpus: Path, out: Path) -> tuple[float, float]:
    """Peak RSS of the main ``extract`` process, and its peak before the merge (MiB).

    Parsing runs in one worker process, as ``extract`` runs by default: what is measured is
    the process that collects, checks, merges and writes the dataset (the workers' native
    parsers, lexbor and pdfium, keep what they allocate in their own processes).  The peak
    before the merge is the collecting part, which must not grow with the documents; the merge
    holds one policy's copies of one record type at a time, so it grows with the largest policy.
    """
    peak, collected, _ = run_extract(corpus, out, "-j", "1")
    return peak, collected


def cpu_per_document(corpus: Path, out: Path, documents: int) -> float:
    """CPU milliseconds per document of the whole run, parsing included (``--no-isolation``).

    CPU time rather than wall time, so other jobs on the machine do not move
    it; parsing in the process so that its time is the process's own.
    """
    return run_extract(corpus, out, "--no-isolation")[2] * 1000 / documents


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="1,4,16")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = ("peak", "collecting", "again", "cpu")
    got: dict[str, dict[int, list[float]]] = {n: {k: [] for k in sizes} for n in names}
    with tempfile.TemporaryDirectory(prefix="extract-memory-") as tmp:
        for k in sizes:
            make_corpus(Path(tmp) / f"x{k}", BASE * k)
        for r in range(args.rounds):
            for k in sizes:
                corpus, out = Path(tmp) / f"x{k}", Path(tmp) / f"out{k}-{r}"
                peak, collecting = peak_rss_mib(corpus, out)
                got["peak"][k].append(peak)
                got["collecting"][k].append(collecting)
                got["again"][k].append(peak_rss_mib(corpus, out)[0])
                got["cpu"][k].append(cpu_per_document(corpus, Path(tmp) / f"cpu{k}-{r}", BASE * k))
    med = {n: {k: statistics.median(got[n][k]) for k in sizes} for n in names}
    print(
        "| documents | most documents of one ward and year | peak RSS, new folder (MiB) | × of 1× "
        "| of it before the merge (MiB) | × of 1× | peak RSS, again into it (MiB) | × of 1× "
        "| CPU ms per document | × of 1× |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    first = sizes[0]
    for k in sizes:
        cells = [f"{BASE * k} ({k}×)", str(-(-BASE * k // (len(OSAKA_WARDS) * len(_YEARS))))]
        for n in names:
            value, ratio = med[n][k], med[n][k] / med[n][first]
            cells += [f"{value:.1f}" if n == "cpu" else f"{value:.0f}", f"{ratio:.2f}"]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
