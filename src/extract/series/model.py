"""A series and its members, and ``series.jsonl``: one line per series.

Each member after the first says why it was linked to the one before it
(:class:`Evidence`), so a reader can judge a link instead of trusting it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..report.data import ItemKind

__all__ = ["Evidence", "Member", "Series", "series_line", "write_series"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a link rests on: each part is compared with the series' previous member."""

    title: float
    """Similarity of the normalised titles, 0–1 (rapidfuzz's normalised Indel similarity)."""
    code: bool
    parent: bool | None
    """Whether the parents (issue of a strategy, strategy of an initiative) are in one series; None for issues."""
    budget: bool | None
    """Whether the summable budgets are within a factor of 1.5; None when either has none."""


@dataclass(frozen=True, slots=True)
class Member:
    fiscal_year: int
    record_id: str
    policy_id: str
    code: str | None
    title: str
    budget_yen: int | None
    similarity: float | None
    """The link's score to the previous member; None for the first."""
    evidence: Evidence | None


@dataclass(slots=True)
class Series:
    id: str
    city: str
    ward: str
    ward_slug: str
    kind: ItemKind
    members: list[Member] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The latest title: what the item is called now."""
        return self.members[-1].title

    @property
    def years(self) -> list[int]:
        return [m.fiscal_year for m in self.members]


def _member(member: Member) -> dict[str, Any]:
    evidence = None
    if member.evidence is not None:
        e = member.evidence
        evidence = {"title": round(e.title, 4), "code": e.code, "parent": e.parent, "budget": e.budget}
    return {
        "fiscal_year": member.fiscal_year,
        "record_id": member.record_id,
        "policy_id": member.policy_id,
        "code": member.code,
        "title": member.title,
        "budget_yen": member.budget_yen,
        "similarity": None if member.similarity is None else round(member.similarity, 4),
        "evidence": evidence,
    }


def series_line(series: Series) -> str:
    """One JSON line (keys in a fixed order, so equal series give equal bytes)."""
    row = {
        "id": series.id,
        "city": series.city,
        "ward": series.ward,
        "ward_slug": series.ward_slug,
        "kind": series.kind.value,
        "title": series.title,
        "years": series.years,
        "members": [_member(m) for m in series.members],
    }
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def write_series(series: Iterable[Series], path: Path) -> None:
    """Write ``series.jsonl`` at ``path`` through a temporary file, so a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for one in series:
            fh.write(series_line(one) + "\n")
    tmp.replace(path)
