"""Where a run's record lines wait for the policy merge: one SQLite file in the staging folder.

The copies of one policy (page, 様式 PDFs, workbook) may arrive far apart in a
run, and the merge needs them side by side.  Holding every line in memory
would make a run's memory grow with the dataset; the stage keeps them on disk
instead and hands back one policy at a time, in the order policies first
appeared, so memory is bounded by the largest policy.  The file lives in the
staging folder and is deleted before the version is published (a killed run's
staging folder, file and all, is cleared by the next run).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["PolicyGroup", "PolicyStage", "StagedDoc", "StagedRecord"]

_SCHEMA = """
CREATE TABLE docs (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, policy_id TEXT NOT NULL, line TEXT NOT NULL);
CREATE TABLE recs (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, type TEXT NOT NULL, line TEXT NOT NULL);
CREATE INDEX docs_policy ON docs (policy_id, seq);
CREATE INDEX recs_doc ON recs (doc_id, seq);
"""
_BATCH = 2000
"""Rows between commits: few enough transactions to be fast, small enough to stay light."""


@dataclass(slots=True)
class StagedDoc:
    seq: int
    record: dict[str, Any]


@dataclass(slots=True)
class StagedRecord:
    doc_id: str
    record: dict[str, Any]


@dataclass(slots=True)
class PolicyGroup:
    """Every document of one policy (in arrival order) and their records by type (in arrival order)."""

    policy_id: str
    documents: list[StagedDoc]
    records: dict[str, list[StagedRecord]] = field(default_factory=dict)


class PolicyStage:
    """Record lines staged by policy; :meth:`groups` reads them back one policy at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path, isolation_level="DEFERRED")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)
        self._pending = 0

    def add(self, record_type: str, line: str, record: dict[str, Any]) -> None:
        """Stage one line (``record`` is its parsed form, for the document's policy id)."""
        if record_type == "document":
            policy = record.get("policy_id") or f"document:{record['id']}"
            self._db.execute(
                "INSERT INTO docs (doc_id, policy_id, line) VALUES (?, ?, ?)", (record["id"], policy, line)
            )
        else:
            self._db.execute(
                "INSERT INTO recs (doc_id, type, line) VALUES (?, ?, ?)",
                (record["doc_id"], record_type, line),
            )
        self._pending += 1
        if self._pending >= _BATCH:
            self._db.commit()
            self._pending = 0

    def groups(self) -> Iterator[PolicyGroup]:
        """Policies in the order their first document arrived."""
        self._db.commit()
        order = self._db.execute("SELECT policy_id FROM docs GROUP BY policy_id ORDER BY MIN(seq)").fetchall()
        for (policy_id,) in order:
            docs = [
                StagedDoc(seq, json.loads(line))
                for seq, line in self._db.execute(
                    "SELECT seq, line FROM docs WHERE policy_id = ? ORDER BY seq", (policy_id,)
                )
            ]
            group = PolicyGroup(policy_id, docs)
            for doc in docs:
                for record_type, line in self._db.execute(
                    "SELECT type, line FROM recs WHERE doc_id = ? ORDER BY seq", (doc.record["id"],)
                ):
                    group.records.setdefault(record_type, []).append(
                        StagedRecord(doc.record["id"], json.loads(line))
                    )
            yield group

    def close(self) -> None:
        """Close and delete the file (it is never part of a published version)."""
        self._db.close()
        self.path.unlink(missing_ok=True)
