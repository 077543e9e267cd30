"""The phrases generated documents are made of: the samples' own records.

Recombining the city's real titles and sentences, rather than filler text,
keeps what the readers and the grammar spend their time on (sentence lengths,
punctuation, kanji density, bracketed codes) like the real collection.  The
phrases come from the golden dataset (``output/``), which the test suite keeps
equal to what the samples give.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Bank", "Measure", "load_bank"]


@dataclass(frozen=True, slots=True)
class Measure:
    """An indicator's wording and unit; the generator draws its numbers."""

    text: str
    unit: str


@dataclass(frozen=True, slots=True)
class Bank:
    goals: tuple[str, ...]
    missions: tuple[str, ...]
    policies: tuple[str, ...]
    issues: tuple[tuple[str, str], ...]
    """(title, summary)"""
    strategies: tuple[tuple[str, str], ...]
    """(title, description)"""
    initiatives: tuple[tuple[str, str], ...]
    """(title, first paragraph of the description)"""
    reforms: tuple[tuple[str, str], ...]
    """(title, overview)"""
    actions: tuple[str, ...]
    measures: tuple[Measure, ...]


def _rows(root: Path, name: str) -> list[dict[str, Any]]:
    with (root / "output" / f"{name}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _unique(items: list[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _first(text: str | None) -> str:
    return (text or "").split("\n", 1)[0].strip()


def load_bank(root: Path) -> Bank:
    """Every distinct phrase of the golden dataset, in file order (so the bank itself is deterministic)."""
    documents = _rows(root, "documents")
    issues = [(r["title"], _first(r["summary"])) for r in _rows(root, "issues")]
    strategies = [(r["title"], _first(r["description"])) for r in _rows(root, "strategies")]
    initiatives = [(r["title"], _first(r["description"])) for r in _rows(root, "initiatives")]
    reform_rows = _rows(root, "reform_items")
    reforms = [(r["title"], _first(r["overview"] or r["purpose"])) for r in reform_rows]
    measures = [
        Measure(r["text"], r["unit"])
        for r in _rows(root, "indicators")
        if r["unit"] in ("%", "件", "回") and r["target_value"] is not None and len(r["text"]) <= 60
    ]
    return Bank(
        goals=_unique([g for d in documents for g in d["goals"]]),
        missions=_unique([m for d in documents for m in d["missions"]]),
        policies=_unique([p for d in documents for p in d["policies"]]),
        issues=_unique([i for i in issues if i[0] and i[1]]),
        strategies=_unique([s for s in strategies if s[0] and s[1]]),
        initiatives=_unique([i for i in initiatives if i[0] and i[1]]),
        reforms=_unique([r for r in reforms if r[0] and r[1]]),
        actions=_unique([a for r in reform_rows for a in r["actions"] if 8 <= len(a) <= 80]),
        measures=_unique(measures),
    )
