"""The pdfplumber engine's own path, one source tree against another: PDF → records, and ``drop_overstruck``.

    python bench/bench_plumber.py --tree before=/path/to/old/checkout --tree after=.
    python bench/bench_plumber.py --tree before=OLD --tree after=. --files 30 --rounds 5

Every tree runs in a child process of its own (``src`` of that tree first on
the path) that stays up for the whole run and reads the same fixed sample of
corpus PDFs (``--files``, drawn with a fixed seed from the generated corpus,
which ``make_corpus.py`` makes and caches).  Each child first reads the
sample once untimed (imports, pdfminer's character maps, the page glyphs
``drop_overstruck`` is timed on).  Then, file by file, the parent asks every
child in turn (the order rotating from file to file) to time one
``extract_bytes(..., pdf_engine="pdfplumber")`` of that file (PDF → records)
and ``--repeat`` passes of ``drop_overstruck`` over its pages' glyphs, as the
reader hands them over: the trees are measured seconds apart on the same
file, so a shared machine's changing load falls on all of them alike.  A
round is one pass over the sample; the figures are the medians, over
rounds, of each tree's total and of the per-round ratio of the first tree's
total to each other tree's.  Times are CPU time (``time.process_time``),
wall time beside it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import ensure_corpus  # noqa: E402

_CHILD = r"""
import json, sys, time
from pathlib import Path
from extract.formats import _pdfplumber
from extract.formats._glyphs import Glyph, drop_overstruck
from extract.pipeline import extract_bytes

files, repeat = json.loads(sys.argv[1]), int(sys.argv[2])
datas = [Path(f).read_bytes() for f in files]
pages = []
for data in datas:
    glyphs = []
    def keep(raw):
        glyphs.append([g if g.size else Glyph(g.text, g.x0, g.x1, g.top, g.bottom, 1.0)
                       for g in raw.glyphs if not g.text.startswith("(cid:")])
    _pdfplumber.read_pages(data, "x.pdf", 10_000, keep)
    pages.append(glyphs)
    extract_bytes(data, "warm.pdf", fmt="pdf", pdf_engine="pdfplumber")
print("ready", flush=True)
for line in sys.stdin:
    i = int(line)
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = extract_bytes(datas[i], "x.pdf", fmt="pdf", pdf_engine="pdfplumber")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert outcome.error is None, outcome.error
    over = time.process_time()
    for _ in range(repeat):
        for glyphs in pages[i]:
            drop_overstruck(glyphs)
    over = time.process_time() - over
    print(json.dumps({"pipeline": wall, "pipeline_cpu": cpu, "overstruck_cpu": over,
                      "records": len(outcome.records), "pages": len(pages[i]),
                      "glyphs": sum(map(len, pages[i]))}), flush=True)
"""


class _Child:
    """One tree's measuring process: started once, asked for one file at a time."""

    def __init__(self, tree: Path, files: list[str], repeat: int) -> None:
        paths = [tree / "src", tree / "examples" / "extract-fukuoka-ward" / "src"]
        env = {"PYTHONPATH": ":".join(str(p) for p in paths), "PATH": "/usr/bin:/bin"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(files), str(repeat)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        if line:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("a measuring process died")
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", action="append", required=True, help="NAME=DIR; the first is the reference")
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5, help="drop_overstruck passes over a file's glyphs")
    args = parser.parse_args()
    trees = [(name, Path(d).resolve()) for name, d in (t.split("=", 1) for t in args.tree)]
    corpus = ensure_corpus(seed=1)
    pdfs = sorted(str(p) for p in corpus.pdfs)
    random.Random(3).shuffle(pdfs)
    files = pdfs[: args.files]
    children = {name: _Child(tree, files, args.repeat) for name, tree in trees}
    for child in children.values():
        assert child.ask("").strip() == "ready"
    names = [name for name, _ in trees]
    keys = ("pipeline_cpu", "pipeline", "overstruck_cpu")
    totals: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    facts: dict[str, float] = {}
    turn = 0
    for r in range(args.rounds):
        sums = {name: dict.fromkeys((*keys, "records", "pages", "glyphs"), 0.0) for name in names}
        for i in range(len(files)):
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                for key, value in json.loads(children[name].ask(str(i))).items():
                    sums[name][key] += value
            turn += 1
        for name in names:
            totals[name].append(sums[name])
        facts = sums[names[0]]
        assert all(sums[n]["records"] == facts["records"] for n in names), "the trees give different records"
        print(f"round {r + 1}: " + ", ".join(f"{n} {sums[n]['pipeline_cpu']:.2f} s CPU" for n in names))
    for child in children.values():
        child.close()
    first = names[0]
    print(
        f"\n{len(files)} corpus PDFs, {int(facts['pages'])} pages, {int(facts['glyphs'])} glyphs, "
        f"{int(facts['records'])} records; {args.rounds} rounds, medians"
    )
    print(
        f"\n| tree | PDF → records, CPU s | × vs {first} | wall s | × vs {first} "
        f"| drop_overstruck, CPU ms a pass | × vs {first} |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        rows = totals[name]
        cells = [name]
        for key, scale in zip(keys, (1.0, 1.0, 1000 / args.repeat), strict=True):
            median = statistics.median(x[key] for x in rows) * scale
            ratio = statistics.median(a[key] / b[key] for a, b in zip(totals[first], rows, strict=True))
            cells += [f"{median:.2f}" if scale == 1.0 else f"{median:.1f}", f"{ratio:.2f}"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
