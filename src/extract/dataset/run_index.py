"""What a run remembers about each document until it ends, kept on disk so memory stays flat.

A dataset run must remember a little about every document it has seen: the
document ids and content digests the duplicate checks compare against, which
page links which attachment, where each document's lines wait for the policy
merge, and each document's coverage for the summary (sorted, at the end).
Held in dicts and lists that is a few KiB a document, so a run's memory grew
with the collection.  Each of those keepers uses a private temporary SQLite
database instead (the standard library's ``sqlite3``; ``connect("")`` makes a
database file that SQLite deletes when it is closed), with a small page cache
that spills to the file, so the main process's memory no longer depends on
how many documents a run holds.

A disk too full for these files is a :class:`~extract.WriteFailed` naming the
temporary folder, like every other write the run cannot make.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._exceptions import WriteFailed
from ..names import shown

__all__ = ["CoverageLog", "key", "temporary_database", "writing"]

_CACHE_KIB = 512
"""Each database's page cache: enough for the indexes' upper levels, the rest is read from the file."""


def temporary_database(schema: str) -> sqlite3.Connection:
    """A private on-disk database, deleted when it is closed, with ``schema`` (SQL statements) created.

    Nothing needs to survive the process (a killed run starts over), so there is
    no journal and no syncing; every statement runs in one transaction that is
    never committed, and the connection reads its own writes.
    """
    with writing():
        db = sqlite3.connect("")
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        db.executescript(schema)
    return db


def key(text: str) -> bytes:
    r"""``text`` as a key that any string can be (a file name may hold lone surrogates) and that sorts as str does.

    UTF-8 keeps code point order under bytewise comparison, and ``surrogatepass``
    encodes the surrogates at their code points too.

    >>> sorted(["b", "\udcff", "a\U0001f600", "ａ"]) == sorted(["b", "\udcff", "a\U0001f600", "ａ"], key=key)
    True
    """
    return text.encode("utf-8", "surrogatepass")


@contextmanager
def writing() -> Iterator[None]:
    """Turn a full disk under the temporary files (SQLite's or our own) into :class:`WriteFailed`."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        if isinstance(exc, WriteFailed):
            raise
        where = shown(tempfile.gettempdir())
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise WriteFailed(f"cannot write the run's temporary files: {reason}", source=where) from None


class CoverageLog:
    """Each parsed document's coverage entry, read back sorted for the summary.

    The order is the summary's: least covered first (documents without a
    coverage figure last), then by source, then in arrival order (what a stable
    sort of the arrival order gives).  Each entry is stored as the JSON it was
    given (ASCII-escaped), so it is read back with the same types and characters.
    """

    def __init__(self) -> None:
        self._db = temporary_database(
            "CREATE TABLE coverage (rank REAL, source BLOB, seq INTEGER PRIMARY KEY, entry TEXT)"
        )
        self._count = 0

    def append(self, entry: dict[str, Any]) -> None:
        """Add one document's entry (``source`` and ``coverage``, which may be None, among its keys)."""
        coverage = entry["coverage"]
        rank = 2.0 if coverage is None else float(coverage)
        with writing():
            self._db.execute(
                "INSERT INTO coverage VALUES (?, ?, ?, ?)",
                (rank, key(entry["source"]), self._count, json.dumps(entry)),
            )
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with writing():
            rows = self._db.execute("SELECT entry FROM coverage ORDER BY rank, source, seq")
            for (entry,) in rows:
                yield json.loads(entry)
