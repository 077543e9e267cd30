"""The pdfplumber engine's own path, one source tree against another: PDF → records, and ``drop_overstruck``.

    python bench/bench_plumber.py --tree before=/path/to/old/checkout --tree after=.
    python bench/bench_plumber.py --tree before=OLD --tree after=. --files 40 --rounds 7

Every tree is measured in child processes of its own (``src`` of that tree
first on the path), over the same fixed sample of corpus PDFs (``--files``,
drawn with a fixed seed from the generated corpus, which ``make_corpus.py``
makes and caches).  A child reads one PDF untimed (imports, pdfminer's
character maps), then times ``extract_bytes(..., pdf_engine="pdfplumber")``
over the sample: PDF → records; and ``drop_overstruck`` over the glyphs of
every page of the sample (as the reader hands them over, repeated
``--repeat`` times).  Each round runs every tree once, the order rotating
from round to round so that no tree always runs first on a busy machine;
the figures are the medians, over rounds, of each tree's time and of the
per-round ratio of the first tree's time to each other tree's.  Times are
the child's CPU time (``time.process_time``), wall time beside it: on a
machine shared with other jobs the wall time mostly follows their load.
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
extract_bytes(datas[0], "warm.pdf", fmt="pdf", pdf_engine="pdfplumber")
started, cpu = time.perf_counter(), time.process_time()
records = 0
for data in datas:
    outcome = extract_bytes(data, "x.pdf", fmt="pdf", pdf_engine="pdfplumber")
    assert outcome.error is None, outcome.error
    records += len(outcome.records)
pipeline, pipeline_cpu = time.perf_counter() - started, time.process_time() - cpu
pages = []
def keep(raw):
    pages.append([g if g.size else Glyph(g.text, g.x0, g.x1, g.top, g.bottom, 1.0)
                  for g in raw.glyphs if not g.text.startswith("(cid:")])
for data in datas:
    _pdfplumber.read_pages(data, "x.pdf", 10_000, keep)
started, cpu = time.perf_counter(), time.process_time()
for _ in range(repeat):
    for glyphs in pages:
        drop_overstruck(glyphs)
overstruck, overstruck_cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"pipeline": pipeline, "pipeline_cpu": pipeline_cpu, "overstruck": overstruck,
                  "overstruck_cpu": overstruck_cpu, "records": records,
                  "pages": len(pages), "glyphs": sum(map(len, pages))}))
"""


def _child(tree: Path, files: list[str], repeat: int) -> dict[str, float]:
    paths = [tree / "src", tree / "examples" / "extract-fukuoka-ward" / "src"]
    env = {"PYTHONPATH": ":".join(str(p) for p in paths), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(files), str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", action="append", required=True, help="NAME=DIR; the first is the reference")
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="drop_overstruck passes over the glyphs")
    args = parser.parse_args()
    trees = [(name, Path(d).resolve()) for name, d in (t.split("=", 1) for t in args.tree)]
    corpus = ensure_corpus(seed=1)
    pdfs = sorted(str(p) for p in corpus.pdfs)
    random.Random(3).shuffle(pdfs)
    files = pdfs[: args.files]
    times: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    for r in range(args.rounds):
        order = trees[r % len(trees) :] + trees[: r % len(trees)]
        for name, tree in order:
            times[name].append(_child(tree, files, args.repeat))
        print(
            f"round {r + 1}: " + ", ".join(f"{n} {times[n][-1]['pipeline_cpu']:.2f} s CPU" for n, _ in trees)
        )
    first = trees[0][0]
    facts = times[first][0]
    print(
        f"\n{len(files)} corpus PDFs, {int(facts['pages'])} pages, {int(facts['glyphs'])} glyphs, "
        f"{int(facts['records'])} records; {args.rounds} rounds, medians"
    )
    print(
        f"\n| tree | PDF → records, CPU s | × vs {first} | wall s | × vs {first} "
        f"| drop_overstruck, CPU ms a pass | × vs {first} |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, _ in trees:
        rows = times[name]
        assert all(x["records"] == facts["records"] for x in rows), "the trees give different records"
        cells = [name]
        for key, scale in (("pipeline_cpu", 1.0), ("pipeline", 1.0), ("overstruck_cpu", 1000 / args.repeat)):
            median = statistics.median(x[key] for x in rows) * scale
            ratio = statistics.median(a[key] / b[key] for a, b in zip(times[first], rows, strict=True))
            cells += [f"{median:.2f}" if scale == 1.0 else f"{median:.1f}", f"{ratio:.2f}"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
