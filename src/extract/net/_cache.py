"""A conditional-GET cache on disk: bodies by digest, and what each URL last returned.

A nightly refresh must ask the server about every page (so it sees changes) but
download only what changed, and must be able to re-parse any page offline when
a parser version changes.  That is an archive with validators rather than an
RFC 9111 cache that serves "fresh" responses without asking, so the policy is
kept here: every lookup is revalidated with ``If-None-Match`` /
``If-Modified-Since``, every 200 is stored whatever its Cache-Control says,
and an entry is found by URL without any request.

Storage is one SQLite database (``cache.sqlite``, write-ahead log), not a file
per response: creating two files per response cost more than the request
itself on a nearby server, while a row costs tens of microseconds.  Tables::

    bodies(sha256 PRIMARY KEY, data)     the decoded body (identical attachments are stored once)
    entries(url PRIMARY KEY, sha256, size, etag, last_modified, content_type, stored_at)

New responses are held in memory and written in batches, one ``executemany``
per table and one commit (when enough rows, bytes or time have piled up, and
by :meth:`HttpCache.close`, which a fetcher calls when it closes), without
fsync: a row written alone cost about as much as a tenth of a request to a
nearby server.  A held response is served from memory like a written one.  The
entries (not the bodies) are read into memory when the database opens, so a
lookup asks the database nothing.  A
kill loses at most the batch not yet written, which only means those URLs are
fetched again in full next time; a transaction is never half-applied.  A body
is checked against its digest when read, so a damaged row is a cache miss,
never wrong data; a damaged database is set aside and the cache starts empty.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._exceptions import UsageError
from .._logging import logger

__all__ = ["CacheEntry", "HttpCache"]

DB_NAME = "cache.sqlite"
_FLUSH_ROWS = 256
"""Held entries that trigger a write."""
_FLUSH_BYTES = 8 * 1024 * 1024
"""Held body bytes that trigger a write (what the cache may keep in memory)."""
_FLUSH_AFTER = 0.5
"""Seconds a held entry may wait for its write."""

# bodies has a rowid: its rows are kilobytes, which SQLite stores better in a rowid table
# (a database made by an earlier version keeps its WITHOUT ROWID table; both read the same)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS bodies (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    url TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    stored_at TEXT
);
"""
_ENTRY_COLUMNS = "url, sha256, size, etag, last_modified, content_type, stored_at"


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What is known about the last 200 response for a URL."""

    url: str
    sha256: str
    size: int
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    stored_at: str | None = None

    def validators(self) -> dict[str, str]:
        """Request headers that make the next GET conditional."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def row(self) -> tuple[str, str, int, str | None, str | None, str | None, str | None]:
        """The values of an ``entries`` row, in ``_ENTRY_COLUMNS`` order."""
        return (
            self.url,
            self.sha256,
            self.size,
            self.etag,
            self.last_modified,
            self.content_type,
            self.stored_at,
        )


class HttpCache:
    """The cache folder; safe against a kill at any moment."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / DB_NAME
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._entries: dict[str, CacheEntry] = {}
        """Every entry whose body is there, by URL, read at open: a lookup asks the database nothing.

        A first crawl asks about every URL it meets, a later one about every URL
        it revalidates; a query each cost a few percent of a request to a nearby
        server.  An entry is a few hundred bytes (a site of 10,000 URLs: a few MB).
        """
        self._held_entries: dict[str, CacheEntry] = {}
        """Entries not written yet, by URL."""
        self._held_bodies: dict[str, bytes] = {}
        """Bodies not written yet, by digest."""
        self._held_bytes = 0
        self._held_since = 0.0
        self._read_only = False
        """Set when a write failed (disk full, I/O error): the run goes on without caching."""

    def _write(self, action: Callable[[], None]) -> None:
        """Run one write; a full disk or an I/O error turns the cache read-only with one warning.

        The cache only saves downloads: losing its writes costs refetches
        next run, never the run itself (the dataset's own writes report a
        full disk as the error that stops the run).
        """
        if self._read_only:
            return
        try:
            action()
        except (sqlite3.OperationalError, OSError) as exc:
            self._read_only = True
            with contextlib.suppress(sqlite3.Error):
                if self._db is not None and self._db.in_transaction:
                    self._db.rollback()
            logger.warning(
                "cache: cannot write %s (%s); responses are not cached for the rest of the run",
                self.path,
                exc,
            )

    # --- the database ------------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        """The connection, opened on first use (a cache nobody uses creates nothing)."""
        if self._db is None:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                try:
                    self._db, self._entries = _open(self.path)
                except sqlite3.OperationalError as exc:  # the disk, not the file: keep it, go on without
                    logger.warning(
                        "cache: cannot open %s (%s); the run goes on without the cache", self.path, exc
                    )
                    self._db, self._entries = _open(":memory:")
                    self._read_only = True
                except sqlite3.DatabaseError as exc:
                    if not self.path.is_file():
                        raise
                    aside = self.path.with_name(f"{DB_NAME}.damaged")
                    logger.warning("cache: %s is unreadable (%s); moved to %s", self.path, exc, aside)
                    self.path.replace(aside)
                    for suffix in ("-wal", "-shm"):
                        self.path.with_name(DB_NAME + suffix).unlink(missing_ok=True)
                    self._db, self._entries = _open(self.path)
            except (OSError, sqlite3.Error) as exc:
                raise UsageError(f"cannot open the HTTP cache: {exc}", source=str(self.path)) from None
        return self._db

    def _hold(self, entry: CacheEntry, body: bytes | None = None) -> None:
        """Keep ``entry`` (and a new ``body``) for the next batch; write the batch when it is due."""
        if self._read_only:
            return
        if not self._held_entries:
            self._held_since = time.monotonic()
        self._held_entries[entry.url] = entry
        self._entries[entry.url] = entry
        if body is not None and entry.sha256 not in self._held_bodies:
            self._held_bodies[entry.sha256] = body
            self._held_bytes += len(body)
        if (
            len(self._held_entries) >= _FLUSH_ROWS
            or self._held_bytes >= _FLUSH_BYTES
            or time.monotonic() - self._held_since >= _FLUSH_AFTER
        ):
            self._flush()

    def _flush(self) -> None:
        """Write what is held: one statement per table, one commit."""
        if not self._held_entries and not self._held_bodies:
            return
        db = self._conn()
        bodies = list(self._held_bodies.items())
        entries = [entry.row() for entry in self._held_entries.values()]
        urls = list(self._held_entries)
        self._held_entries.clear()
        self._held_bodies.clear()
        self._held_bytes = 0

        def write() -> None:
            db.executemany("INSERT OR IGNORE INTO bodies (sha256, data) VALUES (?, ?)", bodies)
            db.executemany(
                f"INSERT OR REPLACE INTO entries ({_ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", entries
            )
            db.commit()

        self._write(write)
        if self._read_only:  # not written: forget them, so nothing asks for a body that is not there
            for url in urls:
                self._entries.pop(url, None)

    def close(self) -> None:
        """Write what is held and close the database (it is opened again if the cache is used later)."""
        with self._lock:
            if self._db is not None or self._held_entries:
                self._flush()
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- the interface the fetcher uses ------------------------------------------------------------

    def lookup(self, url: str) -> CacheEntry | None:
        """The entry for ``url`` if its body is still there."""
        with self._lock:
            self._conn()
            return self._entries.get(url)

    def body(self, sha256: str) -> bytes | None:
        """The body with this digest, or None when it is missing or damaged."""
        with self._lock:
            held = self._held_bodies.get(sha256)
            if held is not None:
                return held
            db = self._conn()
            row = db.execute("SELECT data FROM bodies WHERE sha256 = ?", (sha256,)).fetchone()
            if row is None:
                return None
            data = bytes(row[0])
            if hashlib.sha256(data).hexdigest() != sha256:
                logger.warning("cache: body %s in %s is damaged; it will be fetched again", sha256, self.path)
                self._write(lambda: _delete_body(db, sha256))
                for url in [url for url, entry in self._entries.items() if entry.sha256 == sha256]:
                    del self._entries[url]  # a lookup finds an entry only with its body
                return None
        return data

    def store(
        self,
        url: str,
        body: bytes,
        *,
        etag: str | None,
        last_modified: str | None,
        content_type: str | None,
    ) -> CacheEntry:
        """Keep ``body`` as the current version of ``url``."""
        entry = CacheEntry(
            url=url,
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
            etag=etag,
            last_modified=last_modified,
            content_type=content_type,
            stored_at=_dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        )
        with self._lock:
            self._conn()
            self._hold(entry, body)
        return entry

    def revalidated(self, entry: CacheEntry, *, etag: str | None, last_modified: str | None) -> CacheEntry:
        """The entry after a 304, with any new validators the server sent."""
        if (etag or entry.etag) == entry.etag and (
            last_modified or entry.last_modified
        ) == entry.last_modified:
            return entry
        updated = dataclasses.replace(
            entry, etag=etag or entry.etag, last_modified=last_modified or entry.last_modified
        )
        with self._lock:
            self._conn()
            self._hold(updated)
        return updated

    def prune(self, keep: set[str]) -> int:
        """Delete bodies whose digest is not in ``keep`` and no entry refers to; returns how many."""
        removed = 0

        def delete() -> None:
            nonlocal removed
            removed = self._prune(keep)

        with self._lock:
            self._flush()
            self._write(delete)
        return removed

    def _prune(self, keep: set[str]) -> int:
        db = self._conn()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (sha256 TEXT PRIMARY KEY)")
        db.execute("DELETE FROM keep")
        db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
        removed = db.execute(
            "DELETE FROM bodies WHERE sha256 NOT IN (SELECT sha256 FROM keep)"
            " AND sha256 NOT IN (SELECT sha256 FROM entries)"
        ).rowcount
        db.execute("DELETE FROM keep")
        db.commit()
        if removed:
            db.execute("PRAGMA incremental_vacuum").fetchall()  # frees pages as its rows are read
        return removed


def _delete_body(db: sqlite3.Connection, sha256: str) -> None:
    db.execute("DELETE FROM bodies WHERE sha256 = ?", (sha256,))
    db.commit()


def _open(path: Path | str) -> tuple[sqlite3.Connection, dict[str, CacheEntry]]:
    """The database, and its entries whose body is there (reading them all finds a damaged file now, not mid-run)."""
    db = sqlite3.connect(path, timeout=30.0, check_same_thread=False)
    try:
        # no fsync, and set first: every statement before it would fsync (on a new database the
        # next two each did, which cost more than a whole crawl of a nearby mirror writes).  A killed
        # process loses nothing committed (the kernel has it); an OS crash or a power cut may damage
        # the file, which is then set aside at the next open
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # only takes effect on a new database
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(_SCHEMA)
        rows = db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries"
            " WHERE EXISTS (SELECT 1 FROM bodies WHERE bodies.sha256 = entries.sha256)"
        )
        return db, {row[0]: CacheEntry(*row) for row in rows}
    except BaseException:
        db.close()
        raise
