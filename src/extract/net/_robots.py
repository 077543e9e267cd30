"""robots.txt per RFC 9309, parsed by protego.

Per origin, fetched once a run (RFC 9309 allows caching for 24 hours):

- 2xx: the rules apply (``extract`` is the product token matched);
- 4xx (404, 403, 401 …): "unavailable", everything is allowed (section 2.3.1.3);
- 5xx, or the server could not be reached: "unreachable", everything is
  disallowed (section 2.3.1.4), so a crawl never hammers a failing server;
  429 (after the retries) is read the same way: the server asked us to back off;
- redirects are followed (up to five hops) by the fetcher.

The first 512 KiB are parsed; the RFC asks for at least 500 KiB.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from .._logging import logger
from ._config import ROBOTS_AGENT
from ._errors import FetchError

__all__ = ["ROBOTS_MAX_BYTES", "RobotsPolicy", "RobotsVerdict", "robots_url"]

ROBOTS_MAX_BYTES = 512 * 1024


def robots_url(url: str) -> str:
    """The robots.txt URL for ``url``'s origin.

    >>> robots_url("https://www.city.osaka.lg.jp/kita/page/1.html?x=1")
    'https://www.city.osaka.lg.jp/robots.txt'
    """
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


@dataclass(frozen=True, slots=True)
class RobotsVerdict:
    """What one origin's robots.txt says, and why."""

    parser: Protego | None
    allow_all: bool
    reason: str

    def allows(self, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, ROBOTS_AGENT))

    crawl_delay: float | None = field(init=False, default=None)
    """The Crawl-delay for this tool, looked up once (every request asks)."""

    def __post_init__(self) -> None:
        delay = self.parser.crawl_delay(ROBOTS_AGENT) if self.parser is not None else None
        object.__setattr__(self, "crawl_delay", float(delay) if delay is not None else None)


RobotsFetch = Callable[[str], Awaitable[bytes]]
"""Fetches a robots.txt URL and returns its body; raises FetchError (HTTPStatusError for 4xx/5xx)."""


class RobotsPolicy:
    """Answers "may this URL be fetched?" with one robots.txt request per origin."""

    def __init__(self, fetch: RobotsFetch) -> None:
        self._fetch = fetch
        self._verdicts: dict[str, RobotsVerdict] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def verdict(self, url: str) -> RobotsVerdict:
        origin = robots_url(url)
        known = self._verdicts.get(origin)
        if known is not None:  # every request asks: no lock once the origin's file is read
            return known
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._verdicts:
                self._verdicts[origin] = await self._load(origin)
            return self._verdicts[origin]

    async def _load(self, origin: str) -> RobotsVerdict:
        try:
            body = await self._fetch(origin)
        except FetchError as exc:
            status = getattr(exc, "status", None)
            if isinstance(status, int) and 400 <= status < 500 and status != 429:
                verdict = RobotsVerdict(None, True, f"robots.txt unavailable (HTTP {status}): all allowed")
            else:
                reason = f"robots.txt could not be fetched ({exc.message}); nothing on the site is fetched"
                verdict = RobotsVerdict(None, False, reason)
        else:
            text = body.decode("utf-8", errors="replace")
            verdict = RobotsVerdict(Protego.parse(text), True, "robots.txt rules")
        logger.info("%s: %s", origin, verdict.reason)
        return verdict
