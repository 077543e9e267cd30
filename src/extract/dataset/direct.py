"""The dataset of ``extract PATH_OR_URL... [-o DIR]``: each outcome streamed out as it comes.

With ``-o`` the outcomes go through the same checks and the same package
writer as a refresh (so both commands write the same shape of folder, locked
and published in one step); without it, records are printed as JSON lines in
the order the layout made them.  Only counts are kept between documents, so
memory does not grow with the number of documents.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from ..output import record_line
from ..pipeline import Outcome
from ..publish import DatasetFolder
from .admit import state_of
from .sourcesfile import PackageInfo
from .state import SourceState
from .writer import Dataset, PackageSink

__all__ = ["DirectDataset"]


_LEAST = 3
"""How many of the least covered documents the closing line names."""


@dataclass(slots=True)
class _Tally:
    sources: int = 0
    failed: int = 0
    records: int = 0
    least_covered: list[tuple[float, str]] = field(default_factory=list)
    """The few least covered documents, (coverage, uri), lowest first: kept bounded."""

    def covered(self, coverage: float, uri: str) -> None:
        bisect.insort(self.least_covered, (coverage, uri))
        del self.least_covered[_LEAST:]


class DirectDataset:
    """Outcomes to a dataset folder (``output``) or to ``stream``; use as a context manager."""

    def __init__(self, output: Path | None, stream: IO[str], *, wait: bool = False) -> None:
        self.output = output
        self.stream = stream
        self.tally = _Tally()
        self._folder = DatasetFolder(output, wait=wait) if output is not None else None
        self._dataset: Dataset | None = None

    def __enter__(self) -> DirectDataset:
        if self._folder is not None:
            self._folder.acquire()
            self._dataset = Dataset(PackageSink(self._folder, PackageInfo()))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._folder is not None:
            self._folder.release()

    def add(self, outcome: Outcome, *, kind: str = "source", parent: str | None = None) -> None:
        """Write one document's records (or withhold them, with the reason in the dataset)."""
        t = self.tally
        t.sources += 1
        if self._dataset is None:
            for record in outcome.records:
                self.stream.write(record_line(record) + "\n")
            self.stream.flush()
            t.failed += not outcome.ok
            t.records += len(outcome.records)
        else:
            state = state_of(SourceState(url=outcome.uri, kind=kind, parent=parent), outcome)
            status = self._dataset.add(state)
            t.failed += status != "parsed"
            t.records += sum(len(rows) for rows in state.records.values()) if status == "parsed" else 0
        if outcome.coverage is not None:
            t.covered(outcome.coverage, outcome.uri)

    def rejected(self) -> Iterable[dict[str, object]]:
        """Sources whose records were withheld by the dataset checks (not parse failures)."""
        return list(self._dataset.rejects) if self._dataset is not None else []

    def publish(self) -> None:
        """Make the folder's new version current (nothing to do for a stream)."""
        if self._dataset is not None:
            self._dataset.close()
        else:
            self.stream.flush()
