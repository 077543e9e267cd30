"""Per-host politeness: one request at a time per host, and a pause between them.

The pause runs from the end of one response to the start of the next request
to the same host, so a slow server gets more breathing room, not less.  A
robots.txt Crawl-delay longer than the configured delay wins (up to a cap).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

__all__ = ["HostGate"]


class HostGate:
    """Serialises and spaces requests per host."""

    def __init__(self, delay: float) -> None:
        self.delay = max(0.0, delay)
        self._locks: dict[str, asyncio.Lock] = {}
        self._last_end: dict[str, float] = {}
        self._min_delay: dict[str, float] = {}

    def set_min_delay(self, host: str, seconds: float) -> None:
        """Ask for at least ``seconds`` between requests to ``host`` (a robots.txt Crawl-delay)."""
        self._min_delay[host] = max(0.0, seconds)

    def delay_for(self, host: str) -> float:
        return max(self.delay, self._min_delay.get(host, 0.0))

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold the host's only slot for one request, after waiting out the pause."""
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            last = self._last_end.get(host)
            if last is not None:
                wait = last + self.delay_for(host) - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            try:
                yield
            finally:
                self._last_end[host] = time.monotonic()
