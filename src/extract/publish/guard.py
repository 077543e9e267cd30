"""The shrink guard: a run that would publish markedly less than the published dataset does not.

An outage, a redesigned index page or a broken parser can make a nightly run
find a fraction of what it found yesterday.  Each source keeps its previous
records when it cannot be reached, but the guard is the last line: when the
new version would hold fewer published sources or records than
``1 - max_shrink`` of the published one, it is not published (unless the run
was told ``--allow-shrink``) and :class:`ShrinkRefused` says by how much.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._exceptions import ShrinkRefused

__all__ = ["DEFAULT_MAX_SHRINK", "ShrinkGuard"]

DEFAULT_MAX_SHRINK = 0.25
"""A nightly run may lose up to a quarter of the published sources or records, no more."""


def _totals(summary: Mapping[str, Any]) -> tuple[int, int]:
    records = summary.get("records") or {}
    return int(summary.get("parsed") or 0), sum(int(v or 0) for v in records.values())


@dataclass(frozen=True, slots=True)
class ShrinkGuard:
    """Refuses a version with fewer than ``1 - max_shrink`` of the published sources or records.

    >>> ShrinkGuard(0.25).check({"parsed": 10, "records": {"a": 100}}, {"parsed": 8, "records": {"a": 80}})
    >>> ShrinkGuard(0.25).check({"parsed": 10, "records": {"a": 100}}, {"parsed": 2, "records": {"a": 90}})
    Traceback (most recent call last):
    ...
    extract._exceptions.ShrinkRefused: not published: 2 sources instead of 10 (-80%), over the 25% shrink limit; the published dataset is kept (--allow-shrink publishes it anyway)
    """

    max_shrink: float = DEFAULT_MAX_SHRINK
    allow: bool = False

    def check(self, published: Mapping[str, Any] | None, new: Mapping[str, Any]) -> None:
        """Raise :class:`ShrinkRefused` when ``new`` (a summary) shrinks ``published`` too much."""
        if self.allow or not published:
            return
        old_sources, old_records = _totals(published)
        new_sources, new_records = _totals(new)
        floor = 1.0 - self.max_shrink
        problems = []
        if old_sources and new_sources < old_sources * floor:
            problems.append(
                f"{new_sources} sources instead of {old_sources} ({_change(old_sources, new_sources)})"
            )
        if old_records and new_records < old_records * floor:
            problems.append(
                f"{new_records} records instead of {old_records} ({_change(old_records, new_records)})"
            )
        if problems:
            raise ShrinkRefused(
                f"not published: {' and '.join(problems)}, over the {self.max_shrink:.0%} shrink limit; "
                "the published dataset is kept (--allow-shrink publishes it anyway)"
            )


def _change(old: int, new: int) -> str:
    return f"{(new - old) / old:+.0%}".replace("+", "+" if new >= old else "")
