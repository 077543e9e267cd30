"""Fetching the next few URLs while the current one is being worked on.

A crawl alternates between waiting for a server and working on what it sent
(reading links, parsing, writing the cache).  Done strictly in turn, the server
idles while the crawler works and the crawler idles while the server works.
:class:`Ahead` starts the requests for the next few URLs of a known order as
soon as they are known, so the next response is on its way while the current
one is handled.  Politeness is untouched: every request still goes through the
fetcher's per-host gate, so a host still gets one request at a time with the
configured pause between them, in the order the URLs were asked for.  Results
are taken in the caller's order, so what a crawl finds never depends on timing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .fetcher import Fetched, Fetcher

__all__ = ["Ahead"]


class Ahead:
    """Up to ``window`` GETs started before their turn (use ``async with``)."""

    def __init__(self, fetcher: Fetcher, window: int) -> None:
        self.fetcher = fetcher
        self.window = max(0, window)
        self._tasks: dict[str, asyncio.Task[Fetched]] = {}

    async def __aenter__(self) -> Ahead:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def prefetch(self, upcoming: Iterable[str]) -> None:
        """Start GETs for the first of ``upcoming`` (in order) until ``window`` are waiting to be taken."""
        if len(self._tasks) >= self.window:
            return
        for url in upcoming:
            if url not in self._tasks:
                self._tasks[url] = asyncio.create_task(self.fetcher.get(url))
                if len(self._tasks) >= self.window:
                    return

    async def get(self, url: str) -> Fetched:
        """The response for ``url``: the prefetched one, or fetched now.  Raises FetchError like ``Fetcher.get``."""
        task = self._tasks.pop(url, None)
        if task is None:
            return await self.fetcher.get(url)
        return await task

    async def aclose(self) -> None:
        """Cancel what was fetched ahead and not taken (a crawl stopped early)."""
        tasks, self._tasks = list(self._tasks.values()), {}
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # their failures are nobody's now
