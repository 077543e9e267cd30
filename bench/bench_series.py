"""Precision and recall of the series links, on a generated corpus that knows the true series.

Generates each ward's pages over consecutive fiscal years with drift
(:mod:`corpusgen.drift`: reworded titles, renumbered codes, items dropped,
added and split), extracts them with ``extract -o``, links the dataset at
every threshold and scores the links against the generator's truth.  A link is
a pair of consecutive members of a series; a predicted link is right when both
records belong to one true series.  Links whose records were not extracted
cannot be found and are left out of both counts.

    python bench/bench_series.py                          # 8 wards x 11 years (H24-R4), seed 1
    python bench/bench_series.py --results bench/SERIES.md

The pages are the HTML ones only (no PDFs, so no reportlab needed): the years
up to 令和4年度, whose pages carry every item with its code.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]

from corpusgen.bank import load_bank  # noqa: E402
from corpusgen.drift import Truth, drift_plans  # noqa: E402
from corpusgen.pages import render_page  # noqa: E402
from corpusgen.plan import FIRST_YEAR  # noqa: E402

from extract.layouts.policy.identity import OSAKA_WARDS  # noqa: E402
from extract.report.data import Dataset, load_dataset  # noqa: E402
from extract.series import DEFAULT_THRESHOLD, link_dataset  # noqa: E402

WORK = HERE / ".work" / "series"
THRESHOLDS = [round(0.30 + 0.05 * n, 2) for n in range(14)]
Pair = tuple[str, str]


def generate(seed: int, wards: int, years: int) -> tuple[Path, dict[str, Truth]]:
    span = list(range(FIRST_YEAR, min(FIRST_YEAR + years, 2023)))
    folder = WORK / f"seed{seed}-w{wards}-y{len(span)}"
    bank = load_bank(ROOT)
    truths: dict[str, Truth] = {}
    for ward, slug in list(OSAKA_WARDS.items())[:wards]:
        plans, truths[slug] = drift_plans(ward, slug, span, seed, bank)
        for plan in plans:
            target = folder / "pages" / slug / f"{plan.year}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render_page(ROOT, plan, []))
    return folder, truths


def extract(folder: Path) -> Dataset:
    out = folder / "dataset"
    command = [sys.executable, "-m", "extract", str(folder / "pages"), "-o", str(out), "-q", "--no-isolation"]
    subprocess.run(command, check=False)
    return load_dataset(out)


def true_links(dataset: Dataset, truths: dict[str, Truth]) -> tuple[set[Pair], dict[str, str]]:
    """The true links among the extracted records, and each extracted record's true series."""
    key_of: dict[str, str] = {}
    for item in dataset.items:
        policy = dataset.policy(item.policy_id)
        key = truths[policy.ward_slug].get((policy.fiscal_year, item.kind.value, item.code or ""))
        if key is not None:
            key_of[item.id] = f"{policy.ward_slug}/{key}"
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for item in dataset.items:
        if item.id in key_of:
            members[key_of[item.id]].append((dataset.policy(item.policy_id).fiscal_year, item.id))
    links = set()
    for chain in members.values():
        chain.sort()
        links.update((a[1], b[1]) for a, b in itertools.pairwise(chain))
    return links, key_of


def predicted_links(dataset: Dataset, threshold: float) -> dict[str, set[Pair]]:
    links: dict[str, set[Pair]] = defaultdict(set)
    for series in link_dataset(dataset, threshold):
        ids = [m.record_id for m in series.members]
        links[series.kind.value].update(itertools.pairwise(ids))
    return links


def score(predicted: set[Pair], truth: set[Pair], known: dict[str, str]) -> tuple[float, float, int, int]:
    judged = {p for p in predicted if p[0] in known and p[1] in known}
    right = len(judged & truth)
    precision = right / len(judged) if judged else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall, len(judged), len(truth)


def table(dataset: Dataset, truths: dict[str, Truth]) -> tuple[list[str], float]:
    truth, known = true_links(dataset, truths)
    kinds = ("issue", "strategy", "initiative")
    kind_of = {i.id: i.kind.value for i in dataset.items}
    rows = [
        "| threshold | precision | recall | F1 | links predicted | true links |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    best = (-1.0, DEFAULT_THRESHOLD)
    detail: dict[float, list[str]] = {}
    for threshold in THRESHOLDS:
        predicted = predicted_links(dataset, threshold)
        every = set().union(*predicted.values()) if predicted else set()
        p, r, n_pred, n_true = score(every, truth, known)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(f"| {threshold:.2f} | {p:.3f} | {r:.3f} | {f1:.3f} | {n_pred} | {n_true} |")
        best = max(best, (round(f1, 4), -threshold))
        detail[threshold] = []
        for kind in kinds:
            t_kind = {pair for pair in truth if kind_of[pair[0]] == kind}
            kp, kr, kn, kt = score(predicted.get(kind, set()), t_kind, known)
            detail[threshold].append(f"| {kind} | {kp:.3f} | {kr:.3f} | {kn} | {kt} |")
    chosen = -best[1]
    rows += [
        "",
        f"Best F1 at threshold {chosen:.2f}; per level there:",
        "",
        "| level | precision | recall | links predicted | true links |",
        "|---|---:|---:|---:|---:|",
        *detail[chosen],
    ]
    return rows, chosen


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wards", type=int, default=8)
    parser.add_argument("--years", type=int, default=11)
    parser.add_argument("--results", type=Path, help="write the tables into this file between its markers")
    args = parser.parse_args()
    folder, truths = generate(args.seed, args.wards, args.years)
    dataset = extract(folder)
    rows, chosen = table(dataset, truths)
    head = (
        f"Corpus: seed {args.seed}, {args.wards} wards x {len({p.fiscal_year for p in dataset.policies})} "
        f"fiscal years, {len(dataset.policies)} policies, {len(dataset.items)} items extracted. "
        f"Default threshold in extract.series: {DEFAULT_THRESHOLD:.2f}."
    )
    text = "\n".join([head, "", *rows])
    print(text)
    if args.results:
        old = args.results.read_text(encoding="utf-8")
        begin, end = "<!-- measured: begin -->", "<!-- measured: end -->"
        before, rest = old.split(begin, 1)
        after = rest.split(end, 1)[1]
        args.results.write_text(f"{before}{begin}\n{text}\n{end}{after}", encoding="utf-8")
    print(f"chosen threshold: {chosen:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
