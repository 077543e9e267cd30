"""Fetching for ``extract``: polite, cached, retried HTTP, and link discovery.

Parsers never fetch.  Commands that read URLs build one :class:`Fetcher` per
run from a :class:`NetConfig` and hand the bytes to the pipeline.
"""

from __future__ import annotations

from ._cache import CacheEntry, HttpCache
from ._config import ROBOTS_AGENT, NetConfig, allowed_origins, host_of, origin_of
from ._errors import (
    BodyTooLarge,
    FetchError,
    HTTPStatusError,
    NotAllowed,
    RedirectRefused,
    RobotsDisallowed,
    RobotsUnavailable,
    TransientFetchError,
)
from .fetcher import Fetched, Fetcher, FetchStats

__all__ = [
    "ROBOTS_AGENT",
    "BodyTooLarge",
    "CacheEntry",
    "FetchError",
    "FetchStats",
    "Fetched",
    "Fetcher",
    "HTTPStatusError",
    "HttpCache",
    "NetConfig",
    "NotAllowed",
    "RedirectRefused",
    "RobotsDisallowed",
    "RobotsUnavailable",
    "TransientFetchError",
    "allowed_origins",
    "host_of",
    "origin_of",
]
