"""Synchronous fetching for commands that read URLs one after another (``extract URL``, ``inspect``).

The network layer is asynchronous (:mod:`extract.net`); a command opens one
:func:`session` for its whole run, so politeness (one request at a time per
host, a pause between requests) and robots.txt hold across all its URLs, and
:func:`fetch` goes through it.  Parsers never fetch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .net import Fetched, Fetcher, HttpCache, NetConfig

__all__ = ["FetchSession", "Fetched", "fetch", "session"]


class FetchSession:
    """One :class:`Fetcher` on an event loop of its own, called synchronously."""

    def __init__(self, config: NetConfig, *, cache: HttpCache | None = None) -> None:
        self._runner = asyncio.Runner()
        self.fetcher = Fetcher(config, cache=cache)

    def allow(self, url: str) -> None:
        self.fetcher.allow(url)

    def get(self, url: str) -> Fetched:
        return self._runner.run(self.fetcher.get(url))

    def close(self) -> None:
        try:
            self._runner.run(self.fetcher.aclose())
        finally:
            self._runner.close()


_current: FetchSession | None = None


@contextmanager
def session(
    config: NetConfig, *, allow: Iterable[str] = (), cache: HttpCache | None = None
) -> Iterator[FetchSession]:
    """Make :func:`fetch` use one shared session (hosts of ``allow`` on its allow-list) until the block ends."""
    global _current
    previous = _current
    current = FetchSession(config, cache=cache)
    for url in allow:
        current.allow(url)
    _current = current
    try:
        yield current
    finally:
        _current = previous
        current.close()


def fetch(url: str) -> Fetched:
    """GET ``url`` through the current :func:`session` (or a one-off one); failures raise FetchError."""
    if _current is not None:
        return _current.get(url)
    with session(NetConfig(), allow=[url]) as one_off:
        return one_off.get(url)
