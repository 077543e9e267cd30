"""Fetching one URL with httpx: timeouts, a size cap, http(s) only.

Parsers never fetch; the CLI and the crawler call this module and hand the
bytes to the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ._exceptions import FetchError
from ._version import __version__

__all__ = ["DEFAULT_USER_AGENT", "Fetched", "fetch"]

DEFAULT_USER_AGENT = f"extract/{__version__} (+policy-document dataset builder)"
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body with what the headers said about it."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None


def fetch(
    url: str, *, timeout: float = 30.0, max_bytes: int = MAX_BYTES, user_agent: str = DEFAULT_USER_AGENT
) -> Fetched:
    """GET ``url`` and return its body; any failure is a :class:`FetchError` naming the URL."""
    if not url.startswith(("http://", "https://")):
        raise FetchError("only http and https URLs can be fetched", source=url)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=5,
                timeout=httpx.Timeout(timeout, connect=10.0),
                headers={"User-Agent": user_agent},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}", source=url)
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(f"response larger than {max_bytes} bytes", source=url)
                chunks.append(chunk)
            content_type = response.headers.get("content-type")
            return Fetched(
                url=str(response.url),
                content=b"".join(chunks),
                content_type=content_type,
                charset=response.charset_encoding,
            )
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}", source=url) from None
