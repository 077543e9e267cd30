"""Checks a source's records must pass before they enter the published dataset.

A record made by a layout is already a validated model; what can still go
wrong is the line that is *published*: a float that serialises as ``NaN``
(not JSON), a line that does not read back into its own model, records whose
``doc_id`` is not the document's.  Across sources, an id already published or
the same bytes as an earlier source (one PDF linked from two pages under two
URLs) would make duplicates.  A source that fails any check is *rejected*:
none of its records are published, and ``rejects.jsonl`` says why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from ..models import RECORD_MODELS
from .run_index import key, temporary_database, writing

__all__ = ["DatasetChecks", "Rejection", "check_lines"]


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a source's records are withheld, and which record and place showed it."""

    reason: str
    record_id: str | None = None
    locator: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"reason": self.reason, "record_id": self.record_id, "locator": self.locator}


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def check_lines(lines: Mapping[str, Sequence[str]]) -> Rejection | None:
    """The first problem with one source's output lines, or None."""
    documents: list[str] = []
    doc_ids: set[str] = set()
    for record_type, rows in lines.items():
        model = RECORD_MODELS.get(record_type)
        if model is None:
            return Rejection(f"unknown record type {record_type!r}")
        for line in rows:
            try:
                data = json.loads(line, parse_constant=_no_constants)
            except ValueError as exc:
                return Rejection(f"{record_type} record is not strict JSON: {exc}")
            record_id = data.get("id") if isinstance(data, dict) else None
            locator = (data.get("source") or {}).get("locator") if isinstance(data, dict) else None
            try:
                model.model_validate(data)
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err.get("loc", ()))
                return Rejection(
                    f"{record_type} record fails validation: {where}: {err.get('msg')}", record_id, locator
                )
            if record_type == "document":
                documents.append(str(record_id))
            doc_ids.add(str(data.get("doc_id")))
    if len(documents) != 1:
        return Rejection(f"{len(documents)} document records (expected exactly one)")
    stray = doc_ids - set(documents)
    if stray:
        return Rejection(f"records point to a document that is not there: {sorted(stray)[0]}")
    return None


class DatasetChecks:
    """Duplicate ids and duplicate content across the sources of one dataset, in order.

    Memory stays flat in the number of sources: a record id that extends its
    document's id (``DOC/issue/1``, as every built-in layout makes them) can
    only collide with another source's if the document ids do, so only
    document ids and the odd id that does not extend its document's are kept,
    with the content digests, in a temporary database (:mod:`.run_index`).
    """

    def __init__(self) -> None:
        self._db = temporary_database(
            "CREATE TABLE ids (id BLOB PRIMARY KEY, url TEXT) WITHOUT ROWID;"
            "CREATE TABLE contents (sha256 TEXT PRIMARY KEY, url TEXT) WITHOUT ROWID;"
        )

    def _owner(self, record_id: str) -> str | None:
        row = self._db.execute("SELECT url FROM ids WHERE id = ?", (key(record_id),)).fetchone()
        return None if row is None else str(row[0])

    def admit(self, url: str, sha256: str | None, lines: Mapping[str, Sequence[str]]) -> Rejection | None:
        """None and remember the source, or why it duplicates an earlier one."""
        with writing():
            return self._admit(url, sha256, lines)

    def _admit(self, url: str, sha256: str | None, lines: Mapping[str, Sequence[str]]) -> Rejection | None:
        db = self._db
        if sha256 is not None:
            row = db.execute("SELECT url FROM contents WHERE sha256 = ?", (sha256,)).fetchone()
            if row is not None:
                return Rejection(f"same content as {row[0]}")
        new_ids: list[str] = []
        for rows in lines.values():
            for line in rows:
                data = json.loads(line)
                record_id, doc_id = str(data["id"]), data.get("doc_id")
                owner = self._owner(record_id)
                if owner is not None:
                    return Rejection(f"duplicate id (also from {owner})", record_id)
                if record_id == doc_id or not record_id.startswith(f"{doc_id}/"):
                    head = record_id.partition("/")[0]
                    owner = self._owner(head) if head != doc_id else None
                    if owner is not None:  # under another source's document
                        return Rejection(f"duplicate id (also from {owner})", record_id)
                    new_ids.append(record_id)
        if sha256 is not None:
            db.execute("INSERT INTO contents VALUES (?, ?)", (sha256, _text(url)))
        db.executemany("INSERT OR REPLACE INTO ids VALUES (?, ?)", [(key(i), _text(url)) for i in new_ids])
        return None


def _text(value: str) -> str:
    """``value`` as SQLite can store it: a lone surrogate (from a file name) kept as its escape."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
