"""Assembling the dataset from source results, in source order.

:class:`Dataset` admits each source's result (running the cross-source
checks), links attachments to their pages, counts it, and hands lines to a
sink: :class:`PackageSink` stages the data package in a
:class:`~extract.publish.DatasetFolder` (documents as they come, items in a
policy stage for the merge at the end, see :mod:`.policies`), which publishes
it in one step at the end; :class:`StreamSink` prints records as JSON lines.
Every source is counted exactly once, so ``sources == parsed + rejected + failed``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from .._exceptions import ExtractError, WriteFailed
from .._version import __version__
from ..models import OUTPUT_FILES
from ..names import shown
from ..publish import DatasetFolder, ShrinkGuard
from ..schema import SCHEMA_FILES, render_schema
from .changes import changes_between
from .datapackage import Resource, descriptor, render
from .lines import AUX_MODELS, FailureLine, RejectLine, SourceLine, line_of
from .linking import ParentLinks
from .policies import merge_policy
from .policy_stage import PolicyStage
from .run_index import CoverageLog
from .sourcesfile import PackageInfo
from .state import SourceState
from .summary_file import WarningLog, read_totals, write_summary
from .tables import DERIVED_FILES, DERIVED_MODELS
from .validate import DatasetChecks

__all__ = ["AUX_FILES", "Dataset", "PackageSink", "Sink", "StreamSink"]

AUX_FILES = {"source": "sources.jsonl", "reject": "rejects.jsonl", "failure": "failures.jsonl"}
_DESCRIPTIONS = {
    "document": "One line per policy document (page, 様式 PDF, XLSX workbook).",
    "issue": "経営課題 (management issues).",
    "strategy": "戦略 (strategies) under the issues.",
    "initiative": "具体的取組 (initiatives) with their budgets.",
    "indicator": "Targets and indicators with their values and achievement.",
    "reform_item": "市政改革プラン items (様式3).",
    "policy": "One line per policy (ward or bureau, fiscal year, draft or final): its documents and "
    "which one each record type is taken from.",
    "budget": "Every budget figure of the issues and initiatives, one per line, with the in_total flag.",
    "change": "Records added, removed and changed since the previously published version.",
    "source": "Every source fetched: URL, digest, validators, status and the parser that read it.",
    "reject": "Sources whose records failed a check, and why (their records are not published).",
    "failure": "Sources, and crawl index pages, that could not be fetched or parsed.",
}


class Sink(Protocol):
    """Where a dataset's lines go: a package folder, or a stream of records."""

    def record(self, record_type: str, line: str) -> None: ...
    def aux(self, kind: str, line: str) -> None: ...
    def close(self, summary: dict[str, Any], layouts: dict[str, str]) -> None:
        """Finish the output; a package adds what it derived to ``summary`` before writing it."""

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
        self.warnings = WarningLog()
        """Every warning of the run, kept on disk (it grows with the documents)."""
        self.coverage = CoverageLog()
        """Each parsed document's coverage, kept on disk and read back sorted."""
        self.discovery_failures = 0
        self.stale = 0
        self.stale_sources: list[dict[str, Any]] = []
        self.removed: list[dict[str, Any]] = []
        self.parsers: dict[str, str] = {}
        """The layouts whose records are in the dataset, with their versions (the package's generator)."""
        self.links = ParentLinks()
        self._final: dict[str, Any] | None = None

    def add(self, state: SourceState, extra_warnings: Iterable[str] = ()) -> str:
        """Publish (or withhold) one source; returns its final status."""
        status, reject = state.status, state.reject
        if status == "parsed":
            problem = self.checks.admit(state.url, state.sha256, state.records)
            if problem is not None:
                status, reject = "rejected", problem.as_dict()
        published = 0
        if status == "parsed":
            if state.parser:
                self.parsers[state.parser["name"]] = state.parser.get("version", "")
            lines = self.links.link(state.url, state.parent, state.kind, state.records)
            for record_type in OUTPUT_FILES:
                for record in lines.get(record_type, []):
                    self.sink.record(record_type, record)
                    published += 1
                self.records[record_type] += len(lines.get(record_type, []))
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
            self.stale_sources.append({"source": state.url, "reason": message})
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
        """A crawl's start or index page that could not be read: a failure of stage ``discover``."""
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

    def add_removed(self, url: str, reason: str) -> None:
        """A source the previous dataset had and the site no longer has (404/410, or no longer linked)."""
        self.removed.append({"source": url, "reason": reason})

    @property
    def sources(self) -> int:
        return sum(self.counts.values())

    def close(self) -> None:
        """Hand the summary to the sink, which completes it (merged tables, changes) and publishes."""
        summary = self.summary()
        self.sink.close(summary, self.parsers)
        self._final = summary

    def summary(self) -> dict[str, Any]:
        """Deterministic: counts, rejects, failures, warnings and coverage (least covered first), no timestamps."""
        if self._final is not None:
            return self._final
        return {
            "tool": "extract",
            "version": __version__,
            "sources": self.sources,
            "parsed": self.counts["parsed"],
            "rejected": self.counts["rejected"],
            "failed": self.counts["failed"],
            "discovery_failures": self.discovery_failures,
            "records": {t: self.records.get(t, 0) for t in OUTPUT_FILES},
            "stale": len(self.stale_sources),
            "removed": len(self.removed),
            "rejects": self.rejects,
            "failures": self.failures,
            "stale_sources": self.stale_sources,
            "removed_sources": self.removed,
            "warnings": self.warnings,
            "coverage": self.coverage,
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


class PackageSink:
    """The data package, staged in a :class:`DatasetFolder` and published in one step at the end.

    Document lines are written as they come; item lines wait in a
    :class:`PolicyStage` (work files in the staging folder) until ``close`` merges each policy's copies
    (:mod:`.policies`) into the item tables, ``policies.jsonl`` and
    ``budgets.jsonl``.  ``close`` then compares the result with the published
    version (``changes.jsonl``), writes the schemas, ``summary.json`` and
    ``datapackage.json``, asks the shrink guard, and publishes; the folder
    itself (lock, staging, versions) is the caller's to open and release.
    """

    def __init__(self, folder: DatasetFolder, package: PackageInfo, guard: ShrinkGuard | None = None) -> None:
        self.folder = folder
        self.package = package
        self.guard = guard
        self._files: dict[str, IO[str]] = {
            key: folder.open_lines(name)
            for key, name in [("document", OUTPUT_FILES["document"]), *AUX_FILES.items()]
        }
        self._stage = PolicyStage(folder, OUTPUT_FILES["document"])
        self._published: dict[str, Any] | None = None
        """The published version's counts, read when closing (None when nothing is published)."""

    def record(self, record_type: str, line: str) -> None:
        data = json.loads(line)
        if record_type == "document":
            self._files["document"].write(line + "\n")
            self._stage.document(line, data)
        else:
            self._stage.add(record_type, line, data["doc_id"])

    def aux(self, kind: str, line: str) -> None:
        self._files[kind].write(line + "\n")

    def _merge(self, summary: dict[str, Any]) -> dict[str, int]:
        """Every policy merged into the item tables, ``policies.jsonl`` and ``budgets.jsonl``; line counts."""
        self.folder.flush()
        names = {t: n for t, n in OUTPUT_FILES.items() if t != "document"}
        out = {t: self.folder.open_lines(n) for t, n in names.items()}
        policies = self.folder.open_lines(DERIVED_FILES["policy"])
        budgets = self.folder.open_lines(DERIVED_FILES["budget"])
        counts = dict.fromkeys([*names, "policy", "budget"], 0)
        for group in self._stage.groups():
            merged = merge_policy(group)
            for record_type, lines in merged.lines.items():
                for line in lines:
                    out[record_type].write(line + "\n")
                counts[record_type] += len(lines)
            policies.write(line_of(merged.policy) + "\n")
            counts["policy"] += 1
            for budget in merged.budgets:
                budgets.write(line_of(budget) + "\n")
            counts["budget"] += len(merged.budgets)
            summary["warnings"].extend(merged.warnings)
        self._stage.close()
        return counts

    def _changes(self) -> int:
        """``changes.jsonl``: what differs from the published version (nothing when there is none)."""
        fh = self.folder.open_lines(DERIVED_FILES["change"])
        n = 0
        if self._published is None:
            return 0
        try:
            for change in changes_between(self.folder.target, self.folder.staging, work_dir=self.folder.side):
                fh.write(line_of(change) + "\n")
                n += 1
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, WriteFailed):
                raise
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            where = shown(str(self.folder.target / DERIVED_FILES["change"]))
            raise WriteFailed(f"cannot write: {reason}", source=where) from None
        return n

    def close(self, summary: dict[str, Any], layouts: dict[str, str]) -> None:
        counts = self._merge(summary)
        summary["tables"] = {t: counts[t] for t in [*OUTPUT_FILES, "policy", "budget"] if t in counts}
        summary["tables"] = {"document": summary["records"].get("document", 0), **summary["tables"]}
        self._published = read_totals(self.folder.target / "summary.json")
        if self.guard is not None:
            self.guard.check(self._published, summary)
        self.folder.flush()
        summary["changes"] = self._changes()
        self.folder.flush()
        for record_type, name in SCHEMA_FILES.items():
            self.folder.write_bytes(f"schemas/{name}", render_schema(record_type).encode("utf-8"))
        for kind, model in [*AUX_MODELS.items(), *DERIVED_MODELS.items()]:
            schema = model.model_json_schema(mode="serialization")
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            self.folder.write_bytes(f"schemas/{kind}.schema.json", text.encode("utf-8"))
        resources = []
        files = [*OUTPUT_FILES.items(), *DERIVED_FILES.items(), *AUX_FILES.items()]
        for key, name in files:
            schema_name = SCHEMA_FILES.get(key, f"{key}.schema.json")
            resources.append(Resource(Path(name).stem, name, f"schemas/{schema_name}", _DESCRIPTIONS[key]))
        write_summary(summary, self.folder.open_lines("summary.json"))
        self.folder.write_bytes(
            "datapackage.json", render(descriptor(self.folder.staging, resources, self.package, layouts))
        )
        self.folder.publish()

    def abort(self) -> None:
        """Nothing to do: the folder drops its staging files when it is released unpublished."""
