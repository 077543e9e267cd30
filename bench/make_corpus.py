"""Generate the benchmark corpus: 24 wards × 14 years of 運営方針 pages with their 様式 PDFs.

Each page is an HTML page in the city's CMS template; each links about four
様式 PDFs (ruled tables drawn by ``scripts/make_pdf_fixtures.py``), ≈ 340
pages and ≈ 1,400 PDFs in all.  Content is recombined from the samples
(:mod:`corpusgen`), deterministically: the same seed gives byte-identical
files.  The corpus is cached under ``bench/.work/corpus/`` (git-ignored) with
a manifest of every file's digest; it is regenerated only when the seed, the
size or the generator's sources change.

    python bench/make_corpus.py                    # the full corpus (seconds to generate; cached)
    python bench/make_corpus.py --wards 3 --years 3   # a small one (the benchmark's --quick)
    python bench/make_corpus.py --drift            # each ward's plan continues over the years

With ``--drift`` (:mod:`corpusgen.drift`) titles drift, codes renumber and
items appear and disappear from one year to the next, and ``SERIES.json``
beside the manifest holds the true series of every item; without it the
corpus is exactly the plain one.

Needs reportlab (``pip install -e '.[fixtures]'``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "scripts"), str(ROOT / "src")]

from corpusgen.bank import load_bank  # noqa: E402
from corpusgen.drift import drift_plans  # noqa: E402
from corpusgen.forms import forms_of  # noqa: E402
from corpusgen.pages import Link, render_page  # noqa: E402
from corpusgen.plan import FIRST_YEAR, LAST_YEAR, Plan, make_plan  # noqa: E402

from extract.layouts.policy.identity import OSAKA_WARDS  # noqa: E402

__all__ = ["Corpus", "ensure_corpus"]

WORK = HERE / ".work" / "corpus"
MANIFEST = "MANIFEST.json"
_SOURCES = [
    *sorted((HERE / "corpusgen").glob("*.py")),
    Path(__file__).resolve(),
    ROOT / "scripts" / "make_pdf_fixtures.py",
    ROOT / "samples" / "004_b1ed0f419b735238.html",
    *sorted((ROOT / "output").glob("*.jsonl")),
]


@dataclass(frozen=True, slots=True)
class Corpus:
    """A generated corpus on disk."""

    path: Path
    pages: list[Path]
    pdfs: list[Path]
    pdf_pages: int


def _years(count: int) -> list[int]:
    """``count`` fiscal years spread over the whole range, so that every page style is in a small corpus."""
    span = list(range(FIRST_YEAR, LAST_YEAR + 1))
    if count >= len(span):
        return span
    if count == 1:
        return [span[-1]]
    return sorted({span[round(i * (len(span) - 1) / (count - 1))] for i in range(count)})


def _fingerprint(seed: int, wards: int, years: int, drift: bool = False) -> str:
    digest = hashlib.sha256(f"{seed}:{wards}:{years}{':drift' if drift else ''}".encode())
    for path in _SOURCES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    import reportlab

    digest.update(reportlab.Version.encode())
    return digest.hexdigest()


def _plan(ward: str, slug: str, year: int, seed: int, drift: list[int] | None) -> Plan:
    """The plan of one ward-year; with drift, the ward's continuing plan up to that year."""
    if drift is None:
        return make_plan(ward, slug, year, seed, load_bank(ROOT))
    plans, _ = drift_plans(ward, slug, [y for y in drift if y <= year], seed, load_bank(ROOT))
    return plans[-1]


def _truth(selected: list[tuple[str, str]], years: list[int], seed: int) -> dict[str, list[list[object]]]:
    """SERIES.json: per ward slug, [fiscal year, kind, code, true series key] of every item."""
    truth: dict[str, list[list[object]]] = {}
    for ward, slug in selected:
        _, keys = drift_plans(ward, slug, years, seed, load_bank(ROOT))
        truth[slug] = [[y, kind, code, key] for (y, kind, code), key in sorted(keys.items())]
    return truth


def _one(task: tuple[str, str, int, int, str, list[int] | None]) -> list[tuple[str, int]]:
    """Generate one ward-year: its PDFs, then the page linking them; returns (relative path, PDF pages)."""
    from make_pdf_fixtures import register_fonts, render_blocks

    from extract.formats.text import read_text

    ward, slug, year, seed, out, drift = task
    register_fonts()
    plan = _plan(ward, slug, year, seed, drift)
    folder = Path(out) / slug / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, int]] = []
    links: list[Link] = []
    for form in forms_of(plan):
        target = folder / f"{form.name}.pdf"
        renderer = render_blocks(read_text(form.text.encode("utf-8"), form.name).blocks, target)
        links.append((form.title, target.name, target.stat().st_size))
        written.append((target.relative_to(out).as_posix(), renderer.page))
    page = folder / f"{plan.page_id:010d}.html"
    page.write_bytes(render_page(ROOT, plan, links))
    written.append((page.relative_to(out).as_posix(), 0))
    return written


def _load(path: Path) -> Corpus:
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    files = manifest["files"]
    return Corpus(
        path=path,
        pages=[path / f for f in files if f.endswith(".html")],
        pdfs=[path / f for f in files if f.endswith(".pdf")],
        pdf_pages=sum(v["pages"] for v in files.values()),
    )


def ensure_corpus(
    seed: int = 1, wards: int = 24, years: int = 14, jobs: int | None = None, drift: bool = False
) -> Corpus:
    """The corpus for these parameters, generated unless an up-to-date copy is cached."""
    name = f"seed{seed}-w{wards}-y{years}" + ("-drift" if drift else "")
    path = WORK / name
    fingerprint = _fingerprint(seed, wards, years, drift)
    if (path / MANIFEST).is_file():
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("fingerprint") == fingerprint:
            return _load(path)
    staging = WORK / f".{name}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    selected = list(OSAKA_WARDS.items())[:wards]
    chain = _years(years) if drift else None
    tasks = [
        (ward, slug, year, seed, str(staging), chain) for ward, slug in selected for year in _years(years)
    ]
    started = time.perf_counter()
    workers = jobs or os.cpu_count() or 1
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = pool.map(_one, tasks, chunksize=1)
    files: dict[str, dict[str, object]] = {}
    for rel, pages in sorted(p for written in results for p in written):
        data = (staging / rel).read_bytes()
        files[rel] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "pages": pages}
    manifest = {
        "seed": seed,
        "wards": wards,
        "years": _years(years),
        "fingerprint": fingerprint,
        "files": files,
    }
    if drift:
        truth = _truth(selected, _years(years), seed)
        (staging / "SERIES.json").write_text(json.dumps(truth, ensure_ascii=False) + "\n", encoding="utf-8")
    (staging / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    shutil.rmtree(path, ignore_errors=True)
    staging.rename(path)
    print(
        f"generated {path}: {len(files)} files in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return _load(path)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wards", type=int, default=24, help="how many of the 24 wards (default all)")
    parser.add_argument("--years", type=int, default=14, help="how many of the 14 fiscal years (default all)")
    parser.add_argument("--jobs", type=int, default=None, help="generating processes (default: one per core)")
    parser.add_argument("--drift", action="store_true", help="continue each ward's plan over the years")
    args = parser.parse_args()
    corpus = ensure_corpus(args.seed, args.wards, args.years, args.jobs, args.drift)
    size = sum(p.stat().st_size for p in [*corpus.pages, *corpus.pdfs])
    print(
        f"{corpus.path}: {len(corpus.pages)} pages, {len(corpus.pdfs)} PDFs ({corpus.pdf_pages} PDF pages),"
        f" {size / 1024 / 1024:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
