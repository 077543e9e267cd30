"""Where a run's item lines wait for the policy merge: work files in the staging folder.

The copies of one policy (page, 様式 PDFs, workbook) may arrive far apart in a
run, and the merge needs them side by side.  Holding every line in memory
would make a run's memory grow with the dataset; the stage appends each
type's lines to a work file instead and keeps, per document, only where its
lines of each type start and how long they are (a source's lines of one type
are written together), and that in a temporary database (:mod:`.run_index`),
not in memory.  :meth:`PolicyStage.groups` then reads back one policy
at a time, in the order policies first appeared, so memory is bounded by the
largest policy.  The work files are written through the dataset folder (a
full disk names the dataset file the lines were for) and deleted before the
version is published; a killed run's staging folder goes with them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from ..models import OUTPUT_FILES
from ..publish import DatasetFolder
from .run_index import key, temporary_database, writing

__all__ = ["STAGE_DIR", "PolicyGroup", "PolicyStage", "StagedDoc", "StagedRecord"]

STAGE_DIR = ".policy-stage"
"""The work folder inside the staging folder."""


@dataclass(slots=True)
class StagedDoc:
    seq: int
    record: dict[str, Any]


@dataclass(slots=True)
class StagedRecord:
    """One staged item line of document ``doc_id``, parsed when it is read (the line is far smaller)."""

    doc_id: str
    line: str

    @property
    def record(self) -> dict[str, Any]:
        """The line's record, parsed anew on each use: hold on to it only as long as needed."""
        data: dict[str, Any] = json.loads(self.line)
        return data


@dataclass(slots=True)
class PolicyGroup:
    """Every document of one policy (in arrival order) and their records by type (in arrival order).

    The stage's groups read a type's records from the work files each time
    it is asked for, as lines, so the merge, which takes one type at a time,
    holds at most one type of one policy as objects, never the whole policy.
    """

    policy_id: str
    documents: list[StagedDoc]
    records: Mapping[str, Sequence[StagedRecord]] = field(default_factory=dict)


class _StagedRecords(Mapping[str, Sequence[StagedRecord]]):
    """One policy's records by type, read from the work files on each lookup (not kept)."""

    def __init__(self, entries: list[_Entry], readers: dict[str, IO[bytes]]) -> None:
        self._entries = entries
        self._readers = readers
        self._types = list(dict.fromkeys(t for e in entries for t in e.items))

    def __getitem__(self, record_type: str) -> list[StagedRecord]:
        if record_type not in self._types:
            raise KeyError(record_type)
        staged = []
        for e in self._entries:
            span = e.items.get(record_type)
            if span is not None:
                for line in _read(self._readers[record_type], span).splitlines():
                    staged.append(StagedRecord(e.doc_id, line))
        return staged

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)


@dataclass(slots=True)
class _Entry:
    """Where one document's lines are: (offset, length) in bytes, per file."""

    seq: int
    doc_id: str
    document: tuple[int, int]
    items: dict[str, tuple[int, int]] = field(default_factory=dict)


_SCHEMA = (
    "CREATE TABLE policies (policy_id BLOB PRIMARY KEY, rank INTEGER UNIQUE) WITHOUT ROWID;"
    "CREATE TABLE entries (rank INTEGER, seq INTEGER, doc_id TEXT, doc_start INTEGER, doc_length INTEGER,"
    " items TEXT, PRIMARY KEY (rank, seq)) WITHOUT ROWID;"
)
"""A policy's rank is the order of its first document; ``items`` is JSON: ``[[type, start, length], ...]``."""


class PolicyStage:
    """Item lines staged by document; :meth:`groups` reads them back one policy at a time.

    Where each document's lines are is kept in a temporary database
    (:mod:`.run_index`), except for the document being staged.
    """

    def __init__(self, folder: DatasetFolder, documents: str) -> None:
        self.folder = folder
        self.documents = documents
        """The documents file (relative), where document lines are written as they come."""
        self._files: dict[str, IO[str]] = {}
        self._sizes: dict[str, int] = {}
        self._doc_size = 0
        self._db = temporary_database(_SCHEMA)
        self._policies = 0
        self._current: tuple[int, _Entry] | None = None
        self._count = 0

    def document(self, line: str, record: dict[str, Any]) -> None:
        """A document line has been written to the documents file: note where."""
        self._note_current()
        size = len(line.encode("utf-8")) + 1
        policy = key(record.get("policy_id") or f"document:{record['id']}")
        entry = _Entry(self._count, record["id"], (self._doc_size, size))
        self._count += 1
        self._doc_size += size
        with writing():
            found = self._db.execute("SELECT rank FROM policies WHERE policy_id = ?", (policy,)).fetchone()
            if found is None:
                found = (self._policies,)
                self._db.execute("INSERT INTO policies VALUES (?, ?)", (policy, self._policies))
                self._policies += 1
        self._current = (int(found[0]), entry)

    def _note_current(self) -> None:
        """The document being staged is complete: keep where its lines are in the database."""
        if self._current is None:
            return
        rank, e = self._current
        items = json.dumps([[t, start, length] for t, (start, length) in e.items.items()])
        with writing():
            self._db.execute(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)", (rank, e.seq, e.doc_id, *e.document, items)
            )
        self._current = None

    def add(self, record_type: str, line: str, doc_id: str) -> None:
        """Stage one item line of the current document."""
        if self._current is None or self._current[1].doc_id != doc_id:
            return  # the dataset checks guarantee a document first; nothing else can be placed
        entry = self._current[1]
        fh = self._files.get(record_type)
        if fh is None:
            name = OUTPUT_FILES[record_type]
            fh = self._files[record_type] = self.folder.open_lines(f"{STAGE_DIR}/{name}", shown_as=name)
            self._sizes[record_type] = 0
        data = line + "\n"
        size = len(data.encode("utf-8"))
        start, length = entry.items.get(record_type, (self._sizes[record_type], 0))
        entry.items[record_type] = (start, length + size)
        self._sizes[record_type] += size
        fh.write(data)

    def _entries(self) -> Iterator[tuple[str, list[_Entry]]]:
        """Each policy's entries, policies in the order their first document arrived."""
        self._note_current()
        with writing():
            policies = self._db.execute("SELECT policy_id, rank FROM policies ORDER BY rank")
            for policy_id, rank in policies:
                rows = self._db.execute(
                    "SELECT seq, doc_id, doc_start, doc_length, items FROM entries WHERE rank = ? ORDER BY seq",
                    (rank,),
                ).fetchall()
                entries = [
                    _Entry(seq, doc_id, (start, length), {t: (a, n) for t, a, n in json.loads(items)})
                    for seq, doc_id, start, length, items in rows
                ]
                yield bytes(policy_id).decode("utf-8", "surrogatepass"), entries

    def groups(self) -> Iterator[PolicyGroup]:
        """Policies in the order their first document arrived (call once the files are flushed)."""
        readers: dict[str, IO[bytes]] = {
            t: self.folder.path(f"{STAGE_DIR}/{OUTPUT_FILES[t]}").open("rb") for t in self._files
        }
        try:
            with self.folder.path(self.documents).open("rb") as docs_fh:
                for policy_id, entries in self._entries():
                    docs = [StagedDoc(e.seq, json.loads(_read(docs_fh, e.document))) for e in entries]
                    yield PolicyGroup(policy_id, docs, _StagedRecords(entries, readers))
        finally:
            for fh in readers.values():
                fh.close()

    def close(self) -> None:
        """Delete the work files (they are never part of a published version)."""
        self._db.close()
        shutil.rmtree(self.folder.path(STAGE_DIR), ignore_errors=True)


def _read(fh: IO[bytes], span: tuple[int, int]) -> str:
    fh.seek(span[0])
    return fh.read(span[1]).decode("utf-8")
