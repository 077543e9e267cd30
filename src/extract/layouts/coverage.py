"""Claims and coverage: which pieces of a document's text some record used.

Every layout reports the share of the text its records claim (``claimed_chars``
of ``total_chars``) and the pieces nobody claimed, so ``extract inspect`` can
show what is missed and a batch can warn about poorly covered documents.
:class:`Coverage` keeps that account for any sequence of pieces (blocks for a
plugin, segments for the built-in grammar), so no layout counts by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..blocks import Block
from ..models import Record
from .base import Diagnostic, LayoutResult

__all__ = ["Coverage", "CoverageTotals"]


@dataclass(frozen=True, slots=True)
class CoverageTotals:
    """The account at the end: characters claimed, characters counted, and the unclaimed pieces."""

    claimed_chars: int
    total_chars: int
    unclaimed: list[tuple[str, str]]
    """``(locator, text)`` of every counted piece no record claimed, in document order."""


class Coverage:
    """Per-piece claim marks over ``(locator, text)`` pieces.

    A piece is *claimed* when a record holds its text, *excluded* when it is not
    content at all (page furniture, cut text reported as a warning) and so is
    not counted; anything else counts as unclaimed.
    """

    def __init__(self, pieces: Sequence[tuple[str, str]]) -> None:
        self._pieces = list(pieces)
        self._claimed = [False] * len(self._pieces)
        self._excluded = [False] * len(self._pieces)

    @classmethod
    def of_blocks(cls, blocks: Sequence[Block]) -> Coverage:
        """An account over the blocks a layout reads, one piece per block, indexed like ``blocks``."""
        return cls([(b.locator, b.text) for b in blocks])

    def __len__(self) -> int:
        return len(self._pieces)

    def claim(self, index: int) -> None:
        """Piece ``index`` is held by a record."""
        self._claimed[index] = True

    def exclude(self, index: int) -> None:
        """Piece ``index`` is not content: it counts neither as claimed nor as missed."""
        self._excluded[index] = True

    def is_claimed(self, index: int) -> bool:
        """Whether piece ``index`` has been claimed."""
        return self._claimed[index]

    def is_excluded(self, index: int) -> bool:
        """Whether piece ``index`` has been excluded from the count."""
        return self._excluded[index]

    def totals(self) -> CoverageTotals:
        """Claimed and counted characters, and the unclaimed pieces, over every piece not excluded."""
        total = 0
        claimed = 0
        unclaimed: list[tuple[str, str]] = []
        for (locator, text), is_claimed, is_excluded in zip(
            self._pieces, self._claimed, self._excluded, strict=True
        ):
            if is_excluded:
                continue
            total += len(text)
            if is_claimed:
                claimed += len(text)
            else:
                unclaimed.append((locator, text))
        return CoverageTotals(claimed, total, unclaimed)

    def result(
        self,
        records: list[Record],
        warnings: Iterable[Diagnostic] = (),
        *,
        records_seconds: float | None = None,
    ) -> LayoutResult:
        """The :class:`LayoutResult` of ``records`` with this account's coverage filled in."""
        totals = self.totals()
        return LayoutResult(
            records=records,
            warnings=list(warnings),
            claimed_chars=totals.claimed_chars,
            total_chars=totals.total_chars,
            unclaimed=totals.unclaimed,
            records_seconds=records_seconds,
        )
