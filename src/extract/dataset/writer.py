"""Assembling the dataset from source results, in source order.

:class:`Dataset` admits each source's result (running the cross-source
checks), counts it, and hands lines to a sink: :class:`DirectorySink` builds
the data package in temporary files and replaces the published files only at
the end (fsync, then ``os.replace``, ``datapackage.json`` last);
:class:`StreamSink` prints records as JSON lines.  Every source is counted
exactly once, so ``sources == parsed + rejected + failed``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from .._exceptions import ExtractError
from .._version import __version__
from ..models import OUTPUT_FILES
from ..output import TMP_PREFIX, atomic_write_bytes
from ..schema import SCHEMA_FILES, render_schema
from .datapackage import Resource, descriptor, render
from .lines import AUX_MODELS, FailureLine, RejectLine, SourceLine, line_of
from .sourcesfile import PackageInfo
from .state import SourceState
from .validate import DatasetChecks

__all__ = ["AUX_FILES", "Dataset", "DirectorySink", "StreamSink"]

AUX_FILES = {"source": "sources.jsonl", "reject": "rejects.jsonl", "failure": "failures.jsonl"}
_DESCRIPTIONS = {
    "document": "One line per policy document (page, 様式 PDF, XLSX workbook).",
    "issue": "経営課題 (management issues).",
    "strategy": "戦略 (strategies) under the issues.",
    "initiative": "具体的取組 (initiatives) with their budgets.",
    "indicator": "Targets and indicators with their values and achievement.",
    "reform_item": "市政改革プラン items (様式3).",
    "source": "Every source fetched: URL, digest, validators, status and the parser that read it.",
    "reject": "Sources whose records failed a check, and why (their records are not published).",
    "failure": "Sources, and crawl index pages, that could not be fetched or parsed.",
}


class Sink(Protocol):
    def record(self, record_type: str, line: str) -> None: ...
    def aux(self, kind: str, line: str) -> None: ...
    def close(self, summary: dict[str, Any], layouts: dict[str, str]) -> None: ...
    def abort(self) -> None: ...


class Dataset:
    """The run's sources in order, checked and counted."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.checks = DatasetChecks()
        self.counts: Counter[str] = Counter()
        self.records: Counter[str] = Counter()
        self.rejects: list[dict[str, Any]] = []
        self.failures: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.coverage: list[dict[str, Any]] = []
        self.discovery_failures = 0
        self.stale = 0

    def add(self, state: SourceState, extra_warnings: Iterable[str] = ()) -> str:
        """Publish (or withhold) one source; returns its final status."""
        status, reject = state.status, state.reject
        if status == "parsed":
            problem = self.checks.admit(state.url, state.sha256, state.records)
            if problem is not None:
                status, reject = "rejected", problem.as_dict()
        published = 0
        if status == "parsed":
            for record_type in OUTPUT_FILES:
                for record in state.records.get(record_type, []):
                    self.sink.record(record_type, record)
                    published += 1
                self.records[record_type] += len(state.records.get(record_type, []))
            self.coverage.append(
                {
                    "source": state.url,
                    "layout": (state.parser or {}).get("name"),
                    "coverage": state.coverage,
                    "format": state.format,
                }
            )
        elif status == "rejected":
            reject = reject or {"reason": "rejected", "record_id": None, "locator": None}
            line = RejectLine(
                source=state.url,
                reason=str(reject.get("reason")),
                record_id=reject.get("record_id"),
                locator=reject.get("locator"),
            )
            self.rejects.append(line.model_dump(mode="json"))
            self.sink.aux("reject", line_of(line))
        else:
            error = state.error or {}
            failure = FailureLine(
                source=state.url,
                stage="parse" if error.get("stage") == "parse" else "fetch",
                error=str(error.get("error") or "ExtractError"),
                message=str(error.get("message") or "failed"),
                locator=error.get("locator"),
            )
            self.failures.append(failure.model_dump(mode="json"))
            self.sink.aux("failure", line_of(failure))
        for w in state.warnings:
            self.warnings.append(
                {"source": state.url, "locator": w.get("locator"), "message": w.get("message")}
            )
        for message in extra_warnings:
            self.stale += 1
            self.warnings.append({"source": state.url, "locator": None, "message": message})
        self.counts[status] += 1
        self.sink.aux(
            "source",
            line_of(
                SourceLine(
                    url=state.url,
                    kind=state.kind if state.kind in ("source", "page", "attachment") else "source",
                    parent=state.parent,
                    final_url=state.final_url,
                    status=status,
                    format=state.format,
                    sha256=state.sha256,
                    size=state.size,
                    etag=state.etag,
                    last_modified=state.last_modified,
                    parser=state.parser,
                    records=published,
                )
            ),
        )
        return status

    def add_discovery_failure(self, exc: ExtractError) -> None:
        failure = FailureLine(
            source=exc.source or "-",
            stage="discover",
            error=type(exc).__name__,
            message=exc.message,
            locator=exc.locator,
        )
        self.discovery_failures += 1
        self.failures.append(failure.model_dump(mode="json"))
        self.sink.aux("failure", line_of(failure))

    @property
    def sources(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> dict[str, Any]:
        """Deterministic: counts, rejects, failures, warnings and coverage, no timestamps."""
        coverage = sorted(
            self.coverage, key=lambda c: (c["coverage"] if c["coverage"] is not None else 2.0, c["source"])
        )
        return {
            "tool": "extract",
            "version": __version__,
            "sources": self.sources,
            "parsed": self.counts["parsed"],
            "rejected": self.counts["rejected"],
            "failed": self.counts["failed"],
            "discovery_failures": self.discovery_failures,
            "records": {t: self.records.get(t, 0) for t in OUTPUT_FILES},
            "rejects": self.rejects,
            "failures": self.failures,
            "warnings": self.warnings,
            "coverage": coverage,
        }


class StreamSink:
    """Records as JSON lines on a stream (``extract crawl`` without ``-o``)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def record(self, record_type: str, line: str) -> None:
        self.stream.write(line + "\n")

    def aux(self, kind: str, line: str) -> None:
        pass

    def close(self, summary: dict[str, Any], layouts: dict[str, str]) -> None:
        self.stream.flush()

    def abort(self) -> None:
        self.stream.flush()


class DirectorySink:
    """The data package, built in temporary files and swapped in when the run completes."""

    def __init__(self, directory: Path, package: PackageInfo) -> None:
        self.directory = directory
        self.package = package
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob(TMP_PREFIX + "*"):
            stale.unlink(missing_ok=True)
        self._files: dict[str, tuple[str, IO[str]]] = {}
        for key, name in [*OUTPUT_FILES.items(), *AUX_FILES.items()]:
            fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX + name + ".", dir=directory)
            self._files[key] = (tmp, os.fdopen(fd, "w", encoding="utf-8", newline="\n"))

    def record(self, record_type: str, line: str) -> None:
        self._files[record_type][1].write(line + "\n")

    def aux(self, kind: str, line: str) -> None:
        self._files[kind][1].write(line + "\n")

    def close(self, summary: dict[str, Any], layouts: dict[str, str]) -> None:
        for _, fh in self._files.values():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        schemas = self.directory / "schemas"
        for record_type, name in SCHEMA_FILES.items():
            atomic_write_bytes(schemas / name, render_schema(record_type).encode("utf-8"))
        for kind, model in AUX_MODELS.items():
            schema = model.model_json_schema(mode="serialization")
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            atomic_write_bytes(schemas / f"{kind}.schema.json", text.encode("utf-8"))
        resources = []
        for key, (tmp, _) in self._files.items():
            name = OUTPUT_FILES.get(key) or AUX_FILES[key]
            os.replace(tmp, self.directory / name)
            schema_name = SCHEMA_FILES.get(key, f"{key}.schema.json")
            resources.append(Resource(Path(name).stem, name, f"schemas/{schema_name}", _DESCRIPTIONS[key]))
        text = json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
        atomic_write_bytes(self.directory / "summary.json", text.encode("utf-8"))
        atomic_write_bytes(
            self.directory / "datapackage.json",
            render(descriptor(self.directory, resources, self.package, layouts)),
        )

    def abort(self) -> None:
        for tmp, fh in self._files.values():
            try:
                fh.close()
            finally:
                Path(tmp).unlink(missing_ok=True)
