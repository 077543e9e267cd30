"""Writing records: canonical JSON lines, to stdout or to a dataset directory.

Lines have a fixed key order (``type``, ``id``, ``doc_id``, the record's own
fields, then ``source`` and ``parser``) and no timestamps, so the same input
gives byte-identical output.  A directory is written through temporary files
that replace the old ones only when the run completes (fsync, then
``os.replace``): a killed run leaves the previous dataset intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ._version import __version__
from .models import OUTPUT_FILES, Record
from .pipeline import Outcome

__all__ = ["DirectoryWriter", "StreamWriter", "atomic_write_bytes", "record_line", "summary_of"]

_LEADING = ("type", "id", "doc_id")
_TRAILING = ("source", "parser")
TMP_PREFIX = ".extract-tmp-"


def record_dict(record: Record) -> dict[str, Any]:
    """The record as a JSON-ready dict in canonical key order."""
    data = record.model_dump(mode="json")
    ordered = {k: data[k] for k in _LEADING}
    ordered.update((k, v) for k, v in data.items() if k not in _LEADING and k not in _TRAILING)
    ordered.update((k, data[k]) for k in _TRAILING)
    return ordered


def record_line(record: Record) -> str:
    """One JSON line (no trailing newline), UTF-8 characters kept as they are."""
    return json.dumps(record_dict(record), ensure_ascii=False, separators=(",", ":"))


def summary_of(outcomes: Iterable[Outcome]) -> dict[str, Any]:
    """Counts, warnings, failures and coverage for a run (deterministic: no timestamps)."""
    outcomes = list(outcomes)
    counts: Counter[str] = Counter()
    warnings = []
    failures = []
    coverage = []
    for o in outcomes:
        for r in o.records:
            counts[r.type] += 1
        for w in o.warnings:
            warnings.append({"source": o.uri, "locator": w.locator, "message": w.message})
        if o.error is not None:
            failures.append(
                {
                    "source": o.uri,
                    "locator": o.error.locator,
                    "error": type(o.error).__name__,
                    "message": o.error.message,
                }
            )
        else:
            coverage.append({"source": o.uri, "layout": o.layout, "coverage": o.coverage, "format": o.format})
    coverage.sort(key=lambda c: (c["coverage"] if c["coverage"] is not None else 2.0, c["source"]))
    return {
        "tool": "extract",
        "version": __version__,
        "sources": len(outcomes),
        "parsed": sum(1 for o in outcomes if o.ok),
        "failed": len(failures),
        "records": {t: counts.get(t, 0) for t in OUTPUT_FILES},
        "failures": failures,
        "warnings": warnings,
        "coverage": coverage,
    }


class StreamWriter:
    """All records as JSON lines on one stream, in the order they are written."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, outcome: Outcome) -> None:
        for record in outcome.records:
            self.stream.write(record_line(record) + "\n")
        self.stream.flush()

    def close(self, outcomes: list[Outcome]) -> None:
        self.stream.flush()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class DirectoryWriter:
    """One JSON Lines file per record type plus ``summary.json``, replaced atomically at the end."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob(TMP_PREFIX + "*"):
            stale.unlink(missing_ok=True)
        self._files: dict[str, tuple[str, IO[str]]] = {}
        for record_type, name in OUTPUT_FILES.items():
            fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX + name + ".", dir=directory)
            self._files[record_type] = (tmp, os.fdopen(fd, "w", encoding="utf-8", newline="\n"))

    def write(self, outcome: Outcome) -> None:
        for record in outcome.records:
            _, fh = self._files[record.type]
            fh.write(record_line(record) + "\n")

    def close(self, outcomes: list[Outcome]) -> None:
        for record_type, (tmp, fh) in self._files.items():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.replace(tmp, self.directory / OUTPUT_FILES[record_type])
        summary = json.dumps(summary_of(outcomes), ensure_ascii=False, indent=2) + "\n"
        atomic_write_bytes(self.directory / "summary.json", summary.encode("utf-8"))
        _fsync_dir(self.directory)

    def abort(self) -> None:
        """Drop the temporary files; the previous dataset stays as it was."""
        for tmp, fh in self._files.values():
            try:
                fh.close()
            finally:
                Path(tmp).unlink(missing_ok=True)
