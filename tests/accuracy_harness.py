"""Scoring the tool against reviewed expectations of the real corpora, per city and per field.

Shared by ``scripts/accuracy.py`` (the table, ``--update`` of the floors) and
``tests/test_accuracy_gate.py`` (CI fails when a figure drops below its floor).

Expectations:

* ``../shared/corpus/osaka-dev/<page>.txt``: ``tests/corpus_expected/<page>.json``, the reviewed
  snapshots the regression test also checks;
* ``../shared/corpus/other-cities-dev/<page>.txt``: ``tests/corpus_expected_other/<page>.json``,
  written by reading each page: its document fields and, per list field, the texts that are
  really there (titles of issues, strategies and initiatives; budgets and indicators as written).

A list field is scored by matching texts (NFKC, whitespace and a final ``。`` ignored), each
expected text matched at most once: precision is matched / produced, recall matched / expected.
A document field counts as produced when not null and as expected when the expectation is not
null; it is right when equal (titles compared like list texts).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract import extract_bytes
from extract.snapshot import snapshot

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
OSAKA_CORPUS = SHARED / "osaka-dev"
OTHER_CORPUS = SHARED / "other-cities-dev"
OSAKA_EXPECTED = ROOT / "tests" / "corpus_expected"
OTHER_EXPECTED = ROOT / "tests" / "corpus_expected_other"
FLOOR_FILE = ROOT / "tests" / "accuracy_floor.json"

LIST_FIELDS = (
    "goals",
    "missions",
    "policies",
    "issues",
    "strategies",
    "initiatives",
    "budgets",
    "indicators",
)
DOC_FIELDS = ("city", "ward", "fiscal_year", "title", "updated_on")
FIELDS = LIST_FIELDS + DOC_FIELDS

CITY_KEYS = {
    "大阪市": "osaka",
    "堺市": "sakai",
    "横浜市": "yokohama",
    "京都市": "kyoto",
    "福岡市": "fukuoka",
    "札幌市": "sapporo",
    "名古屋市": "nagoya",
    "浜松市": "hamamatsu",
    "新潟市": "niigata",
}
ALL = "all"


def norm(text: str) -> str:
    """The form texts are compared in."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。.")


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: where it is, its URL, its city key and its expectation file."""

    path: Path
    url: str | None
    city: str
    expected: Path


def _index(corpus: Path) -> dict[str, dict[str, str]]:
    index = corpus / "INDEX.tsv"
    if not index.is_file():
        return {}
    with index.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def pages() -> list[Page]:
    """Every corpus page that has an expectation (none when ``../shared`` is absent)."""
    out: list[Page] = []
    if OSAKA_CORPUS.is_dir():
        index = _index(OSAKA_CORPUS)
        for path in sorted(OSAKA_CORPUS.glob("*.txt")):
            row = index.get(path.name, {})
            out.append(Page(path, row.get("url") or None, "osaka", OSAKA_EXPECTED / f"{path.stem}.json"))
    if OTHER_CORPUS.is_dir():
        index = _index(OTHER_CORPUS)
        for path in sorted(OTHER_CORPUS.glob("*.txt")):
            row = index.get(path.name, {})
            city = CITY_KEYS.get(row.get("city", ""), "other")
            if "局" in row.get("ward", ""):
                city = f"{city}-bureau"
            out.append(Page(path, row.get("url") or None, city, OTHER_EXPECTED / f"{path.stem}.json"))
    return [p for p in out if p.expected.is_file()]


def view_of_snapshot(snap: dict[str, Any]) -> dict[str, Any]:
    """A snapshot (see :mod:`extract.snapshot`) as the scored view: document fields and text lists."""
    doc = snap.get("document") or {}
    view: dict[str, Any] = {"document": {k: doc.get(k) for k in DOC_FIELDS}}
    view["goals"] = list(doc.get("goals") or [])
    view["missions"] = list(doc.get("missions") or [])
    view["policies"] = list(doc.get("policies") or [])
    for name, kind in (("issues", "issue"), ("strategies", "strategy"), ("initiatives", "initiative")):
        view[name] = [item["title"] for item in snap.get(kind, []) if item.get("title")]
    view["budgets"] = [
        b["text"] for kind in ("issue", "initiative") for item in snap.get(kind, []) for b in item["budgets"]
    ]
    view["indicators"] = [item["text"] for item in snap.get("indicator", [])]
    return view


def expected_view(page: Page) -> dict[str, Any]:
    data = json.loads(page.expected.read_text(encoding="utf-8"))
    return view_of_snapshot(data) if "layout" in data else data


def produced_view(page: Page) -> dict[str, Any]:
    outcome = extract_bytes(page.path.read_bytes(), str(page.path), page.path.name, url=page.url)
    return view_of_snapshot(snapshot(outcome))


@dataclass(slots=True)
class Tally:
    """Matched, produced and expected counts of one field."""

    matched: int = 0
    produced: int = 0
    expected: int = 0

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.produced += other.produced
        self.expected += other.expected

    @property
    def precision(self) -> float | None:
        return round(self.matched / self.produced, 4) if self.produced else None

    @property
    def recall(self) -> float | None:
        return round(self.matched / self.expected, 4) if self.expected else None


def _list_tally(produced: Iterable[str], expected: Iterable[str]) -> Tally:
    want = Counter(norm(t) for t in expected)
    got = Counter(norm(t) for t in produced)
    return Tally(sum((want & got).values()), sum(got.values()), sum(want.values()))


def _doc_tally(name: str, produced: Any, expected: Any) -> Tally:
    if name == "title":
        produced = norm(produced) if produced else None
        expected = norm(expected) if expected else None
    right = int(produced is not None and produced == expected)
    return Tally(right, int(produced is not None), int(expected is not None))


def score_page(produced: dict[str, Any], expected: dict[str, Any]) -> dict[str, Tally]:
    """The tally of every field for one page."""
    out = {name: _list_tally(produced[name], expected[name]) for name in LIST_FIELDS}
    for name in DOC_FIELDS:
        out[name] = _doc_tally(name, produced["document"][name], expected["document"][name])
    return out


@dataclass(slots=True)
class Scores:
    """Tallies per city (and :data:`ALL`) and field, and the pages scored per city."""

    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    pages: Counter[str] = field(default_factory=Counter)

    def add(self, city: str, page_tallies: dict[str, Tally]) -> None:
        self.pages[city] += 1
        self.pages[ALL] += 1
        for key in (city, ALL):
            row = self.tallies.setdefault(key, {name: Tally() for name in FIELDS})
            for name, tally in page_tallies.items():
                row[name].add(tally)

    def figures(self) -> dict[str, dict[str, dict[str, float]]]:
        """``{city: {field: {"precision": p, "recall": r}}}``, leaving out figures with nothing to count."""
        out: dict[str, dict[str, dict[str, float]]] = {}
        for city in sorted(self.tallies):
            for name, tally in self.tallies[city].items():
                for measure, value in (("precision", tally.precision), ("recall", tally.recall)):
                    if value is not None:
                        out.setdefault(city, {}).setdefault(name, {})[measure] = value
        return out


def score_all() -> Scores:
    """Run the tool on every page with an expectation and tally it."""
    scores = Scores()
    for page in pages():
        scores.add(page.city, score_page(produced_view(page), expected_view(page)))
    return scores


Figures = dict[str, dict[str, dict[str, float]]]


def below_floor(figures: Figures, floor: Figures) -> list[str]:
    """Every floor figure the current figures do not reach (a missing figure counts as 0)."""
    out = []
    for city, fields in floor.items():
        for name, measures in fields.items():
            for measure, minimum in measures.items():
                value = figures.get(city, {}).get(name, {}).get(measure, 0.0)
                if value + 1e-9 < minimum:
                    out.append(f"{city} {name} {measure}: {value:.4f} < floor {minimum:.4f}")
    return out


def raised(floor: Figures, figures: Figures) -> Figures:
    """The floor raised to the current figures where they are higher; never lowered."""
    out: Figures = {c: {n: dict(m) for n, m in f.items()} for c, f in floor.items()}
    for city, fields in figures.items():
        for name, measures in fields.items():
            for measure, value in measures.items():
                slot = out.setdefault(city, {}).setdefault(name, {})
                slot[measure] = max(slot.get(measure, 0.0), value)
    return out


def markdown_table(scores: Scores) -> str:
    """The README table: one row per city, one column per field, ``P/R`` in percent."""
    cities = [c for c in sorted(scores.tallies) if c != ALL] + [ALL]
    head = "| city (pages) | " + " | ".join(FIELDS) + " |"
    rule = "|---|" + "---|" * len(FIELDS)
    rows = [head, rule]
    for city in cities:
        cells = []
        for name in FIELDS:
            tally = scores.tallies[city][name]
            p, r = tally.precision, tally.recall
            cells.append("·" if p is None and r is None else f"{_pct(p)}/{_pct(r)}")
        rows.append(f"| {city} ({scores.pages[city]}) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}"
