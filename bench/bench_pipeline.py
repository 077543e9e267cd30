"""The whole pipeline over the generated corpus, beside bare baselines measured in the same run.

    python bench/bench_pipeline.py                      # 336 pages and their ~1,500 様式 PDFs
    python bench/bench_pipeline.py --quick              # 3 wards x 3 years (49 documents)
    python bench/bench_pipeline.py --jobs 1,2 --repeat 3 --results bench/RESULTS.md

The corpus comes from ``bench/make_corpus.py`` (generated on first use,
cached).  The pipeline runs as ``extract CORPUS -o DIR`` does (``run_jobs``
and the directory writer): once serially in this process's child without
isolation, which gives the time of every stage (decode, blocks, detect,
layout, validate, write), and once per ``--jobs`` value with worker processes
under the default time and memory limits.  Beside it, over the same files:

- a bare selectolax parse plus ``.text()`` of every page (what any HTML reader pays);
- pdfplumber ``page.extract_text()`` and pypdfium2 ``get_text_range()`` of every PDF page;
- ``json.dumps`` of the records' dicts, against the writer.

Each measurement runs in a fresh child process, so its peak RSS
(``getrusage`` of the child and of its own worker processes) is its own; with
``--repeat`` the measurements alternate and the best time of each is kept.
Compare the ratios, not the absolute speeds, between machines.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

STAGES = ("decode", "blocks", "detect", "layout", "validate")
QUICK = {"wards": 3, "years": 3}


# --------------------------------------------------------------------------- measurements (child side)


def _peak_rss() -> dict[str, float]:
    """Peak resident set size in MiB of this process and of the largest child it waited for."""
    per_mib = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"rss_mib": own / per_mib, "children_rss_mib": children / per_mib}


def _pipeline(corpus: Path, jobs: int) -> dict[str, Any]:
    """``extract CORPUS -o DIR``: serial in-process when ``jobs`` is 0, else isolated workers."""
    from extract.dataset.direct import DirectDataset
    from extract.output import record_dict, record_line
    from extract.pipeline import DEFAULT_MIN_COVERAGE, ParseOptions
    from extract.sources import expand_inputs
    from extract.workers import Job, Limits, run_jobs

    refs = expand_inputs([str(corpus)])
    out = Path(tempfile.mkdtemp(prefix="bench-out-")) / "dataset"
    stages: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(STAGES, 0.0))
    docs: dict[str, int] = defaultdict(int)
    writing = 0.0
    outcomes = []
    started = time.perf_counter()
    writer = DirectDataset(out, sys.stdout)
    writer.__enter__()
    limits = Limits() if jobs else None
    options = ParseOptions(min_coverage=DEFAULT_MIN_COVERAGE)
    for outcome in run_jobs(map(Job, refs), options, workers=max(1, jobs), limits=limits):
        outcome.blocks = []
        t = time.perf_counter()
        writer.add(outcome)
        writing += time.perf_counter() - t
        outcomes.append(outcome)
        fmt = outcome.format or "unknown"
        docs[fmt] += 1
        for stage, seconds in outcome.timings.items():
            stages[fmt][stage] += seconds
    t = time.perf_counter()
    writer.publish()
    writer.__exit__(None, None, None)
    writing += time.perf_counter() - t
    wall = time.perf_counter() - started
    result: dict[str, Any] = {
        "wall": wall,
        "write": writing,
        "docs": dict(docs),
        "stages": {k: dict(v) for k, v in stages.items()},
        "failed": [f"{o.uri}: {o.error}" for o in outcomes if o.error is not None],
        "records": sum(len(o.records) for o in outcomes),
        "output_bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
    }
    if not jobs:
        records = [r for o in outcomes for r in o.records]
        t = time.perf_counter()
        for r in records:
            record_line(r)
        result["record_lines"] = time.perf_counter() - t
        dicts = [record_dict(r) for r in records]
        t = time.perf_counter()
        for d in dicts:
            json.dumps(d, ensure_ascii=False, separators=(",", ":"))
        result["json_dumps"] = time.perf_counter() - t
    shutil.rmtree(out)
    return result


def _bare_html(corpus: Path) -> dict[str, Any]:
    from selectolax.lexbor import LexborHTMLParser

    files = sorted(corpus.rglob("*.html"))
    started = time.perf_counter()
    chars = sum(len(LexborHTMLParser(f.read_bytes()).text()) for f in files)
    return {"wall": time.perf_counter() - started, "docs": len(files), "chars": chars}


def _bare_pdfplumber(corpus: Path) -> dict[str, Any]:
    import pdfplumber

    files = sorted(corpus.rglob("*.pdf"))
    pages = 0
    started = time.perf_counter()
    for f in files:
        with pdfplumber.open(io.BytesIO(f.read_bytes())) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return {"wall": time.perf_counter() - started, "docs": len(files), "pages": pages}


def _bare_pdfium(corpus: Path) -> dict[str, Any]:
    import pypdfium2

    files = sorted(corpus.rglob("*.pdf"))
    pages = 0
    started = time.perf_counter()
    for f in files:
        pdf = pypdfium2.PdfDocument(f.read_bytes())
        try:
            for i in range(len(pdf)):
                pdf[i].get_textpage().get_text_range()
                pages += 1
        finally:
            pdf.close()
    return {"wall": time.perf_counter() - started, "docs": len(files), "pages": pages}


def _spin(_: int) -> float:
    """A fixed amount of pure-Python work; returns its own wall time."""
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i * i
    return time.perf_counter() - started


def _machine(workers: int) -> dict[str, Any]:
    """How much faster ``workers`` processes get through the same CPU-bound work than one.

    Shared or hyper-threaded cores scale far less than their count; this is the
    ceiling any process pool can reach on the machine.
    """
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_spin, range(workers))  # start-up outside the timing
        started = time.perf_counter()
        pool.map(_spin, [0])
        one = time.perf_counter() - started
        started = time.perf_counter()
        pool.map(_spin, range(workers), chunksize=1)
        many = time.perf_counter() - started
    return {"wall": many, "one": one, "speedup": workers * one / many}


def _child(spec: dict[str, Any]) -> dict[str, Any]:
    corpus = Path(spec["corpus"])
    kind = spec["kind"]
    if kind == "pipeline":
        result = _pipeline(corpus, spec["jobs"])
    elif kind == "selectolax":
        result = _bare_html(corpus)
    elif kind == "pdfplumber":
        result = _bare_pdfplumber(corpus)
    elif kind == "pypdfium2":
        result = _bare_pdfium(corpus)
    elif kind == "machine":
        result = _machine(spec["jobs"])
    else:
        raise SystemExit(f"unknown measurement {kind}")
    result.update(_peak_rss())
    return result


# --------------------------------------------------------------------------- orchestration (parent side)


def _measure(spec: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"measurement {spec} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _name(spec: dict[str, Any]) -> str:
    if spec["kind"] == "machine":
        return f"machine -j {spec['jobs']}"
    if spec["kind"] != "pipeline":
        return str(spec["kind"])
    return "serial" if spec["jobs"] == 0 else f"-j {spec['jobs']}"


def run_all(corpus: Path, jobs: list[int], repeat: int) -> dict[str, dict[str, Any]]:
    """Best (shortest wall time) of ``repeat`` alternating rounds of every measurement."""
    specs = [
        *({"kind": "machine", "jobs": n} for n in jobs if n > 1),
        {"kind": "selectolax"},
        {"kind": "pdfplumber"},
        {"kind": "pypdfium2"},
        {"kind": "pipeline", "jobs": 0},
        *({"kind": "pipeline", "jobs": n} for n in jobs),
    ]
    best: dict[str, dict[str, Any]] = {}
    for round_ in range(repeat):
        for spec in specs:
            name = _name(spec)
            print(f"round {round_ + 1}/{repeat}: {name} ...", file=sys.stderr, flush=True)
            result = _measure({**spec, "corpus": str(corpus)})
            if name not in best or result["wall"] < best[name]["wall"]:
                peak = max(result["rss_mib"], best.get(name, {}).get("rss_mib", 0.0))
                best[name] = {**result, "rss_mib": peak}
    return best


# --------------------------------------------------------------------------- report


def _ms(seconds: float, count: int) -> str:
    return f"{seconds / max(1, count) * 1000:.2f}"


def _x(ours: float, bare: float) -> str:
    return f"{ours / bare:.2f}×" if bare > 0 else "–"


def report(results: dict[str, dict[str, Any]], corpus: Any, command: str, jobs: list[int]) -> str:
    serial = results["serial"]
    html_bare, plumber, pdfium = results["selectolax"], results["pdfplumber"], results["pypdfium2"]
    pages, pdfs = len(corpus.pages), len(corpus.pdfs)
    docs = pages + pdfs
    html = serial["stages"].get("html", dict.fromkeys(STAGES, 0.0))
    pdf = serial["stages"].get("pdf", dict.fromkeys(STAGES, 0.0))
    html_total = sum(html.values())
    pdf_total = sum(pdf.values())
    staged = html_total + pdf_total + serial["write"]
    lines = [
        f"Corpus: `{corpus.path.relative_to(ROOT)}`: {pages} HTML pages, {pdfs} PDFs ({corpus.pdf_pages} PDF pages),"
        f" {serial['records']} records. Python {platform.python_version()}, {_cores()} cores,"
        f" pdfplumber {version('pdfplumber')}, pdfminer.six {version('pdfminer.six')},"
        f" selectolax {version('selectolax')}, pypdfium2 {version('pypdfium2')}.",
        "",
        f"Command: `{command}`",
        "",
        "### Throughput",
        "",
        "| run | wall s | documents/s | PDF pages/s | speed-up over serial | peak RSS main | peak RSS per worker |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ["serial", *(f"-j {n}" for n in jobs)]:
        r = results[name]
        machine = results.get(f"machine {name}")
        ceiling_note = f" (machine: {machine['speedup']:.2f}×)" if machine else ""
        worker = f"{r['children_rss_mib']:.0f} MiB" if name != "serial" else "–"
        lines.append(
            f"| {'serial, in-process' if name == 'serial' else name + ', isolated'} | {r['wall']:.1f} |"
            f" {docs / r['wall']:.1f} | {corpus.pdf_pages / r['wall']:.1f} |"
            f" {serial['wall'] / r['wall']:.2f}×{ceiling_note} | {r['rss_mib']:.0f} MiB | {worker} |"
        )
    ceiling = html_bare["wall"] + plumber["wall"]
    floor = html_bare["wall"] + pdfium["wall"]
    lines += [
        f"| bare baselines (selectolax + pdfplumber `extract_text`) | {ceiling:.1f} | {docs / ceiling:.1f} |"
        f" {corpus.pdf_pages / plumber['wall']:.1f} | – | {max(html_bare['rss_mib'], plumber['rss_mib']):.0f} MiB | – |",
        f"| bare baselines (selectolax + pypdfium2 text) | {floor:.1f} | {docs / floor:.1f} |"
        f" {corpus.pdf_pages / pdfium['wall']:.1f} | – | {max(html_bare['rss_mib'], pdfium['rss_mib']):.0f} MiB | – |",
        "",
        "### Time per stage (serial run)",
        "",
        "| stage | HTML ms/page | PDF ms/file | PDF ms/page | share of the run |",
        "|---|---:|---:|---:|---:|",
    ]
    for stage in STAGES:
        lines.append(
            f"| {stage} | {_ms(html[stage], pages)} | {_ms(pdf[stage], pdfs)} |"
            f" {_ms(pdf[stage], corpus.pdf_pages)} | {(html[stage] + pdf[stage]) / serial['wall']:.1%} |"
        )
    other = serial["wall"] - staged
    lines += [
        f"| write | – | – | – | {serial['write'] / serial['wall']:.1%} |",
        f"| other (reading files, sniffing, hashing, the loop) | – | – | – | {other / serial['wall']:.1%} |",
        f"| **total** | {_ms(html_total, pages)} | {_ms(pdf_total, pdfs)} | {_ms(pdf_total, corpus.pdf_pages)} | 100% |",
        "",
        "### Against the bare baselines (same run, same files)",
        "",
        "| what | ours s | bare s | ours / bare |",
        "|---|---:|---:|---:|",
        f"| HTML decode (decoding, guards, lexbor parse) vs selectolax parse + `.text()` | {html['decode']:.3f} |"
        f" {html_bare['wall']:.3f} | {_x(html['decode'], html_bare['wall'])} |",
        f"| HTML → records (all stages) vs selectolax parse + `.text()` | {html_total:.3f} | {html_bare['wall']:.3f} |"
        f" {_x(html_total, html_bare['wall'])} |",
        f"| PDF decode (pdfminer chars, edges, tables) vs pdfplumber `extract_text` | {pdf['decode']:.3f} |"
        f" {plumber['wall']:.3f} | {_x(pdf['decode'], plumber['wall'])} |",
        f"| PDF → records (all stages) vs pdfplumber `extract_text` | {pdf_total:.3f} | {plumber['wall']:.3f} |"
        f" {_x(pdf_total, plumber['wall'])} |",
        f"| PDF → records (all stages) vs pypdfium2 `get_text_range` | {pdf_total:.3f} | {pdfium['wall']:.3f} |"
        f" {_x(pdf_total, pdfium['wall'])} |",
        f"| writer (dicts, JSON lines, files) vs `json.dumps` of the same dicts | {serial['write']:.3f} |"
        f" {serial['json_dumps']:.3f} | {_x(serial['write'], serial['json_dumps'])} |",
        f"| whole serial run vs the bare baselines (selectolax + pdfplumber) | {serial['wall']:.3f} | {ceiling:.3f} |"
        f" {_x(serial['wall'], ceiling)} |",
        f"| whole serial run vs the bare baselines (selectolax + pypdfium2) | {serial['wall']:.3f} | {floor:.3f} |"
        f" {_x(serial['wall'], floor)} |",
    ]
    failed = [f for r in results.values() for f in r.get("failed", [])]
    if failed:
        lines += ["", f"**{len(failed)} documents failed**: " + "; ".join(failed[:5])]
    return "\n".join(lines) + "\n"


def _cores() -> int:
    from extract.workers import DEFAULT_JOBS

    return DEFAULT_JOBS


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a small corpus (3 wards x 3 years)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--jobs",
        default=None,
        help="comma-separated worker counts for the isolated runs (default: all cores)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="alternating rounds; the best time is kept")
    parser.add_argument(
        "--results",
        type=Path,
        help="also write the report (Markdown) into this file, between its measured-begin/end markers if it has them",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(json.loads(args.child))))
        return 0
    from make_corpus import ensure_corpus

    size = QUICK if args.quick else {"wards": 24, "years": 14}
    corpus = ensure_corpus(args.seed, size["wards"], size["years"])
    jobs = [int(n) for n in args.jobs.split(",")] if args.jobs else [_cores()]
    results = run_all(corpus.path, jobs, args.repeat)
    command = "python " + " ".join([str(Path(sys.argv[0]).resolve().relative_to(ROOT)), *sys.argv[1:]])
    text = report(results, corpus, command, jobs)
    print(text)
    if args.results:
        write_results(args.results, text)
    return 0


BEGIN, END = "<!-- measured: begin -->", "<!-- measured: end -->"


def write_results(path: Path, report: str) -> None:
    """Put ``report`` between the markers of ``path`` (keeping what is written around it), or make it the file."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        path.write_text(f"{head}{BEGIN}\n{report}{END}{tail}", encoding="utf-8")
    else:
        path.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
