"""A conditional-GET cache on disk: bodies by digest, one small JSON entry per URL.

A nightly refresh must ask the server about every page (so it sees changes) but
download only what changed, and must be able to re-parse any page offline when
a parser version changes.  That is an archive with validators rather than an
RFC 9111 cache that serves "fresh" responses without asking, so the policy is
kept here: every lookup is revalidated with ``If-None-Match`` /
``If-Modified-Since``, every 200 is stored whatever its Cache-Control says,
and an entry is found by URL without any request.

Layout (all JSON, never pickle)::

    bodies/ab/ab12…    the decoded body, named by its sha256 (identical attachments are stored once)
    entries/cd/cd34….json   {"url", "sha256", "size", "etag", "last_modified", "content_type", "stored_at"}

Both are written to a temporary name and renamed, the body first, so a kill
leaves either the previous entry or the new one; a body is checked against its
digest when read, so a damaged file is a cache miss, never wrong data.  Files
are written by one background thread, in order, so creating them overlaps the
next request; reads see writes still in the queue, and :meth:`HttpCache.flush`
(called when a fetcher closes) waits for the queue.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from .._logging import logger

__all__ = ["CacheEntry", "HttpCache"]


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


def _write_atomic(path: Path, data: bytes, made: set[Path]) -> None:
    # no fsync: a cache may lose its newest files in a power cut; the digest check turns that into a miss
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class HttpCache:
    """The cache folder; safe against a kill at any moment."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._bodies = root / "bodies"
        self._entries = root / "entries"
        self._made: set[Path] = set()
        self._pending: dict[Path, bytes] = {}
        self._lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract-cache")
        self._last: Future[None] | None = None

    def _write(self, path: Path, data: bytes) -> None:
        """Queue a file write; until it is done, reads are served from memory."""
        with self._lock:
            self._pending[path] = data

        def job() -> None:
            try:
                _write_atomic(path, data, self._made)
            finally:
                with self._lock:
                    if self._pending.get(path) is data:
                        del self._pending[path]

        self._last = self._writer.submit(job)

    def _read(self, path: Path) -> bytes:
        with self._lock:
            data = self._pending.get(path)
        return data if data is not None else path.read_bytes()

    def _exists(self, path: Path) -> bool:
        with self._lock:
            if path in self._pending:
                return True
        return path.is_file()

    def flush(self) -> None:
        """Wait until every queued file is on disk (errors surface here)."""
        last = self._last
        if last is not None:
            last.result()
            self._last = None

    def _entry_path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self._entries / key[:2] / f"{key}.json"

    def _body_path(self, sha256: str) -> Path:
        return self._bodies / sha256[:2] / sha256

    def lookup(self, url: str) -> CacheEntry | None:
        """The entry for ``url`` if its body is still there."""
        try:
            data = json.loads(self._read(self._entry_path(url)))
            entry = CacheEntry(**data)
        except (OSError, ValueError, TypeError):
            return None
        if entry.url != url or not self._exists(self._body_path(entry.sha256)):
            return None
        return entry

    def body(self, sha256: str) -> bytes | None:
        """The body with this digest, or None when it is missing or damaged."""
        try:
            data = self._read(self._body_path(sha256))
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha256:
            logger.warning("cache: %s is damaged; it will be fetched again", self._body_path(sha256))
            self._body_path(sha256).unlink(missing_ok=True)
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
        sha = hashlib.sha256(body).hexdigest()
        path = self._body_path(sha)
        if not self._exists(path):
            self._write(path, body)
        entry = CacheEntry(
            url=url,
            sha256=sha,
            size=len(body),
            etag=etag,
            last_modified=last_modified,
            content_type=content_type,
            stored_at=_dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        )
        self._put(entry)
        return entry

    def revalidated(self, entry: CacheEntry, *, etag: str | None, last_modified: str | None) -> CacheEntry:
        """The entry after a 304, with any new validators the server sent."""
        if (etag or entry.etag) == entry.etag and (
            last_modified or entry.last_modified
        ) == entry.last_modified:
            return entry
        updated = CacheEntry(
            **{
                **asdict(entry),
                "etag": etag or entry.etag,
                "last_modified": last_modified or entry.last_modified,
            }
        )
        self._put(updated)
        return updated

    def _put(self, entry: CacheEntry) -> None:
        data = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True).encode("utf-8")
        self._write(self._entry_path(entry.url), data)

    def prune(self, keep: set[str]) -> int:
        """Delete bodies whose digest is not in ``keep`` and no entry refers to; returns how many."""
        self.flush()
        referenced = set(keep)
        for path in self._entries.glob("*/*.json"):
            try:
                referenced.add(json.loads(path.read_bytes())["sha256"])
            except (OSError, ValueError, KeyError):
                continue
        removed = 0
        for path in self._bodies.glob("*/*"):
            if path.name.startswith(".tmp-") or path.name not in referenced:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
