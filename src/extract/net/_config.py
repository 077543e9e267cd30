"""Network settings shared by every command that fetches.

One frozen object so that a crawl, a refresh and ``extract URL`` apply the
same limits; the defaults are the polite ones the city's server gets, tests
and benchmarks pass tiny values instead of patching sleeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from .._version import __version__

__all__ = ["ROBOTS_AGENT", "NetConfig", "allowed_origins", "host_of", "origin_of"]

ROBOTS_AGENT = "extract"
"""The product token robots.txt rules are matched against (RFC 9309 section 2.2.1)."""


@dataclass(frozen=True, slots=True)
class NetConfig:
    """Limits, retries and politeness for one run."""

    contact: str | None = None
    """How the site's operators can reach whoever runs the crawl (an e-mail or URL), put in the User-Agent."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    """Longest silence allowed while waiting for bytes."""
    deadline: float = 120.0
    """Longest one response may take from request to last byte, so a slow drip cannot hold a run."""
    max_bytes: int = 50 * 1024 * 1024
    """Cap on a body *after* content decoding (a gzip bomb stops here)."""
    max_redirects: int = 5
    attempts: int = 3
    """Tries per request, the first included."""
    backoff: float = 1.0
    """Wait before the first retry; it doubles with each retry, plus up to as much again of jitter."""
    max_backoff: float = 30.0
    max_retry_after: float = 120.0
    """A Retry-After longer than this is not waited for: the request fails instead."""
    delay: float = 1.0
    """Seconds between the end of one request to a host and the start of the next."""
    max_crawl_delay: float = 30.0
    """A robots.txt Crawl-delay is honoured up to this many seconds."""
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    """Hosts that may be fetched besides the origins of the URLs a run starts from: ``host`` (on the
    default ports, 80 and 443) or ``host:port`` (that port only)."""

    @property
    def user_agent(self) -> str:
        """``extract/VERSION (+contact)``: names the tool, and whom to write to when it misbehaves."""
        contact = f"; +{self.contact}" if self.contact else ""
        return f"{ROBOTS_AGENT}/{__version__} (policy-document dataset builder{contact})"


@lru_cache(maxsize=4096)
def host_of(url: str) -> str:
    """The lower-cased host of ``url`` (no port), '' when it has none.

    Memoised: a crawl asks it about the same URLs at every layer.

    >>> host_of("https://WWW.City.Osaka.lg.jp:443/kita/")
    'www.city.osaka.lg.jp'
    """
    return (urlsplit(url).hostname or "").lower()


_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=4096)
def origin_of(url: str) -> str:
    """``scheme://host:port`` of ``url``, the port always written: what the allow-list compares.

    Two URLs on one host but different ports are different servers (RFC 6454).

    >>> origin_of("https://WWW.City.Osaka.lg.jp/kita/"), origin_of("http://127.0.0.1:8080/x")
    ('https://www.city.osaka.lg.jp:443', 'http://127.0.0.1:8080')
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    except ValueError:  # a port that is not a number
        port = -1
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def allowed_origins(entries: frozenset[str]) -> set[str]:
    """The origins ``--allow-host`` entries stand for: ``host`` on 80/443, ``host:port`` on that port.

    >>> sorted(allowed_origins(frozenset({"example.org", "127.0.0.1:8080"})))
    ['http://127.0.0.1:8080', 'http://example.org:80', 'https://127.0.0.1:8080', 'https://example.org:443']
    """
    origins: set[str] = set()
    for entry in entries:
        parts = urlsplit("//" + entry.strip().lower())
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        try:
            port = parts.port
        except ValueError:
            continue
        for scheme, default in _DEFAULT_PORTS.items():
            origins.add(f"{scheme}://{host}:{port or default}")
    return origins
