"""The fetcher: every request a run makes goes through here.

Layers, outermost first: URL policy (http/https, host allow-list) → robots.txt
→ conditional-GET cache → retries (tenacity) → per-host politeness → one
exchange (timeouts, deadline, decoded size cap).  Redirects are followed here,
hop by hop, so each hop passes the same checks.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from .._logging import logger
from ._cache import CacheEntry, HttpCache
from ._client import Exchange, HttpClient
from ._config import NetConfig, allowed_origins, origin_of
from ._errors import (
    FetchError,
    HTTPStatusError,
    NotAllowed,
    RedirectRefused,
    RobotsDisallowed,
    RobotsUnavailable,
    TransientFetchError,
)
from ._politeness import HostGate
from ._retry import RetryPolicy, parse_retry_after
from ._robots import ROBOTS_MAX_BYTES, RobotsPolicy
from .charset import declared_charset

__all__ = ["FetchStats", "Fetched", "Fetcher"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A document's bytes and what the server said about them."""

    url: str
    """The URL the body came from, after redirects."""
    content: bytes
    content_type: str | None
    charset: str | None
    requested: str = ""
    """The URL asked for (before redirects); defaults to ``url``."""
    sha256: str = ""
    """Digest of ``content``; computed when not given."""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    """True when the server answered 304 and the body is the cached copy."""
    transferred: int = 0
    """Body bytes that crossed the network for this document (0 when not modified)."""

    def __post_init__(self) -> None:
        if not self.requested:
            object.__setattr__(self, "requested", self.url)
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.content).hexdigest())


@dataclass(slots=True)
class FetchStats:
    """What a run cost the servers; reported on stderr, never written into the dataset."""

    requests: int = 0
    body_bytes: int = 0
    not_modified: int = 0
    retries: int = 0
    statuses: Counter[int] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "body_bytes": self.body_bytes,
            "not_modified": self.not_modified,
            "retries": self.retries,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


def _netloc(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Fetcher:
    """Polite, cached, retried GETs for one run (use ``async with``)."""

    def __init__(
        self,
        config: NetConfig | None = None,
        *,
        cache: HttpCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config or NetConfig()
        self.cache = cache
        self.stats = FetchStats()
        self._client = HttpClient(self.config, transport, on_bytes=self._count_bytes)
        self._gate = HostGate(self.config.delay)
        self._retries = RetryPolicy(self.config)
        self._robots = RobotsPolicy(self._fetch_robots)
        self._allowed: set[str] = allowed_origins(self.config.allowed_hosts)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()
        if self.cache is not None:
            self.cache.close()

    def _count_bytes(self, n: int) -> None:
        self.stats.body_bytes += n

    def allow(self, url: str) -> None:
        """Add ``url``'s origin (scheme, host, port) to the allow-list (a run's own URLs always are)."""
        if urlsplit(url).hostname:
            self._allowed.add(origin_of(url))

    def check(self, url: str) -> None:
        """Raise :class:`NotAllowed` unless ``url`` may be fetched at all."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise NotAllowed(f"only http and https URLs are fetched, not {scheme or 'this'}:", source=url)
        if origin_of(url) not in self._allowed:
            raise NotAllowed(f"{origin_of(url)} is not on the allow-list", source=url)

    async def get(self, url: str) -> Fetched:
        """The body at ``url``: revalidated against the cache, retried, paced, redirects checked."""
        self.check(url)
        return await self._get(url, robots_file=False)

    def cached(self, url: str) -> Fetched | None:
        """The cached copy of ``url`` without any request (for offline re-parsing)."""
        if self.cache is None:
            return None
        entry = self.cache.lookup(url)
        body = self.cache.body(entry.sha256) if entry else None
        if entry is None or body is None:
            return None
        return self._fetched(url, url, body, entry, not_modified=True, transferred=0)

    async def _get(self, url: str, *, robots_file: bool) -> Fetched:
        """Follow ``url`` to a body; a robots.txt is not itself checked against robots.txt."""
        use_cache = self.cache is not None
        current = url
        seen = {url}
        hops = 0
        while True:
            if not robots_file:
                await self._check_robots(url, current)
            entry = self.cache.lookup(current) if (use_cache and self.cache) else None
            ex = await self._request(current, entry.validators() if entry else {}, robots_file=robots_file)
            if ex.status in _REDIRECTS:
                hops += 1
                current = self._follow(url, current, ex, hops, seen)
                continue
            if ex.status == 304 and entry is not None and self.cache is not None:
                body = self.cache.body(entry.sha256)
                if body is None:  # damaged cache file: ask again without validators
                    ex = await self._request(current, {}, robots_file=robots_file)
                else:
                    self.stats.not_modified += 1
                    entry = self.cache.revalidated(
                        entry, etag=ex.headers.get("etag"), last_modified=ex.headers.get("last-modified")
                    )
                    return self._fetched(url, current, body, entry, not_modified=True, transferred=0)
            if 200 <= ex.status < 300 and ex.body is not None:
                return self._store(url, current, ex, use_cache=use_cache)
            if 400 <= ex.status < 500:
                raise HTTPStatusError(ex.status, source=url)
            raise FetchError(f"unexpected HTTP {ex.status}", source=url)

    def _follow(self, url: str, current: str, ex: Exchange, hops: int, seen: set[str]) -> str:
        location = ex.headers.get("location")
        if not location:
            raise FetchError(f"HTTP {ex.status} redirect without a Location", source=url)
        target: str = urldefrag(urljoin(current, location.strip())).url
        where = f"redirect {hops}: {target}"
        if hops > self.config.max_redirects:
            raise RedirectRefused(
                f"more than {self.config.max_redirects} redirects", source=url, locator=where
            )
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise RedirectRefused(f"redirect to a {scheme}: URL refused", source=url, locator=where)
        if origin_of(target) not in self._allowed:
            raise RedirectRefused(
                f"redirect to {origin_of(target)} refused (not on the allow-list)",
                source=url,
                locator=where,
            )
        if target in seen:
            raise RedirectRefused("redirect loop", source=url, locator=where)
        seen.add(target)
        logger.info("%s: redirected to %s", url, target)
        return target

    async def _check_robots(self, url: str, current: str) -> None:
        verdict = await self._robots.verdict(current)
        delay = verdict.crawl_delay
        if delay is not None:
            self._gate.set_min_delay(_netloc(current), min(delay, self.config.max_crawl_delay))
        if not verdict.allows(current):
            where = current if current != url else None
            if verdict.parser is None:
                raise RobotsUnavailable(verdict.reason, source=url, locator=where)
            raise RobotsDisallowed("disallowed by robots.txt", source=url, locator=where)

    async def _fetch_robots(self, robots_url: str) -> bytes:
        fetched = await self._get(robots_url, robots_file=True)
        return fetched.content

    async def _request(self, url: str, headers: dict[str, str], *, robots_file: bool) -> Exchange:
        """One request with retries; raises for what retrying could not fix.

        The first attempt runs outside tenacity's controller, which costs about
        as much CPU as the fetcher's other layers together and is only needed
        once an attempt has failed: then the controller starts with that
        failure as its first attempt, so its stop, wait and logging see exactly
        what they would have seen had it run the attempt itself.
        """
        cap = ROBOTS_MAX_BYTES if robots_file else None
        host = _netloc(url)
        try:
            return await self._attempt(url, host, headers, cap, robots_file)
        except TransientFetchError as exc:
            failed: TransientFetchError | None = exc
        controller = self._retries.controller()
        try:
            async for attempt in controller:
                with attempt:
                    if failed is not None:
                        first, failed = failed, None
                        raise first
                    self.stats.retries += 1
                    return await self._attempt(url, host, headers, cap, robots_file)
        except TransientFetchError as exc:
            tries = controller.statistics.get("attempt_number", 1)
            if exc.retry_after is not None and exc.retry_after > self.config.max_retry_after:
                exc.message = (
                    f"{exc.message}: longer than the {self.config.max_retry_after:g} s this run waits"
                )
            exc.locator = exc.locator or (f"after {tries} attempts" if tries > 1 else None)
            raise
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def _attempt(
        self, url: str, host: str, headers: dict[str, str], cap: int | None, robots_file: bool
    ) -> Exchange:
        """One attempt: a 429 or a 5xx becomes :class:`TransientFetchError`, to be retried."""
        async with self._gate.slot(host):
            self.stats.requests += 1
            ex = await self._client.exchange(url, headers, max_bytes=cap, truncate=robots_file)
        self.stats.statuses[ex.status] += 1
        if ex.status == 429 or ex.status >= 500:
            after = parse_retry_after(ex.headers.get("retry-after"))
            note = f" (Retry-After {after:g} s)" if after is not None else ""
            raise TransientFetchError(
                f"HTTP {ex.status}{note}", source=url, retry_after=after, status=ex.status
            )
        return ex

    def _store(self, url: str, current: str, ex: Exchange, *, use_cache: bool) -> Fetched:
        assert ex.body is not None
        etag = ex.headers.get("etag")
        last_modified = ex.headers.get("last-modified")
        content_type = ex.headers.get("content-type")
        if use_cache and self.cache is not None:
            entry = self.cache.store(
                current, ex.body, etag=etag, last_modified=last_modified, content_type=content_type
            )
            return self._fetched(url, current, ex.body, entry, not_modified=False, transferred=ex.transferred)
        return Fetched(
            url=current,
            requested=url,
            content=ex.body,
            content_type=content_type,
            charset=declared_charset(content_type, ex.body),
            sha256=hashlib.sha256(ex.body).hexdigest(),
            etag=etag,
            last_modified=last_modified,
            transferred=ex.transferred,
        )

    @staticmethod
    def _fetched(
        url: str, current: str, body: bytes, entry: CacheEntry, *, not_modified: bool, transferred: int
    ) -> Fetched:
        return Fetched(
            url=current,
            requested=url,
            content=body,
            content_type=entry.content_type,
            charset=declared_charset(entry.content_type, body),
            sha256=entry.sha256,
            etag=entry.etag,
            last_modified=entry.last_modified,
            not_modified=not_modified,
            transferred=transferred,
        )
