"""The refresh state: one JSON manifest per source, written atomically after each source.

A manifest says what was fetched (URL, final URL, ETag / Last-Modified, sha256,
size) and what came of it (status, format, the parser that ran and its
version, the run fingerprint, the records as output lines, warnings, the
attachments found).  The next run compares: same bytes and same fingerprint
→ the stored records are reused without parsing.

Writing one small file per source (never pickle, never one big file) means a
kill loses at most the source being processed, and a rerun picks up from the
files that are there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout

from .._exceptions import DatasetLocked
from .._logging import logger
from .._version import __version__
from ..output import atomic_write_bytes

__all__ = ["MANIFEST_VERSION", "SourceState", "StateStore", "fingerprint"]

MANIFEST_VERSION = 1
Status = Literal["parsed", "rejected", "failed"]


def fingerprint(layouts: dict[str, str], options: dict[str, Any]) -> str:
    """What decides a parse besides the bytes: tool version, every layout's version, the options.

    A change of any of them (a layout bumped its version, a new layout was
    installed, extract was upgraded) re-parses every source from the cache.
    """
    data = {"tool": __version__, "layouts": dict(sorted(layouts.items())), "options": options}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(slots=True)
class SourceState:
    """The manifest of one source."""

    url: str
    kind: str = "source"
    parent: str | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    format: str | None = None
    parser: dict[str, str] | None = None
    fingerprint: str | None = None
    status: Status = "failed"
    attachments: list[str] = field(default_factory=list)
    records: dict[str, list[str]] = field(default_factory=dict)
    """Output lines by record type, exactly as they go into the dataset."""
    warnings: list[dict[str, str | None]] = field(default_factory=list)
    coverage: float | None = None
    error: dict[str, str | None] | None = None
    """For a failed source: ``stage`` (fetch/parse), ``error`` (class), ``message``, ``locator``."""
    reject: dict[str, str | None] | None = None
    """For a rejected source: ``reason``, ``record_id``, ``locator``."""
    manifest_version: int = MANIFEST_VERSION

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> SourceState:
        raw = json.loads(data)
        if raw.get("manifest_version") != MANIFEST_VERSION:
            raise ValueError("manifest version")
        return cls(**raw)


class StateStore:
    """The state folder: ``sources/<key>.json`` manifests, the HTTP cache beside them, and a lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sources = root / "sources"
        self.cache_dir = root / "http-cache"

    def _path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.sources / f"{key}.json"

    def load(self, url: str) -> SourceState | None:
        """The manifest of ``url`` from an earlier run, if it is there and readable."""
        try:
            state = SourceState.from_json(self._path(url).read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            logger.warning("state: %s: unreadable manifest (%s); the source is processed afresh", url, exc)
            return None
        return state if state.url == url else None

    def save(self, state: SourceState) -> None:
        atomic_write_bytes(self._path(state.url), state.to_json())

    def all_states(self) -> Iterator[SourceState]:
        for path in sorted(self.sources.glob("*.json")):
            try:
                yield SourceState.from_json(path.read_bytes())
            except (OSError, ValueError, TypeError):
                continue

    def delete(self, url: str) -> None:
        """Forget ``url`` (the site removed it): its cached body goes with the next prune."""
        self._path(url).unlink(missing_ok=True)

    @contextmanager
    def locked(self, *, wait: bool = False) -> Iterator[None]:
        """Hold the folder for one run; a second run on the same state stops at once (or waits).

        ``flock`` (through filelock) is released by the kernel when the holder
        dies, so a killed run never leaves a stale lock behind.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.root / "lock")
        try:
            lock.acquire(timeout=-1 if wait else 0)
        except Timeout:
            raise DatasetLocked(
                "another extract run is using this state folder (use --wait to wait for it)",
                source=str(self.root),
            ) from None
        try:
            yield
        finally:
            lock.release()
