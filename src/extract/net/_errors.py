"""Why a fetch failed, as :class:`FetchError` subclasses the retry policy can tell apart.

Every error names its URL (``source``); ``locator`` says where in the exchange
it happened (``attempt 3``, ``redirect 2``, ``byte 52428801``) when that helps.
"""

from __future__ import annotations

from .._exceptions import FetchError

__all__ = [
    "BodyTooLarge",
    "FetchError",
    "HTTPStatusError",
    "NotAllowed",
    "RedirectRefused",
    "RobotsDisallowed",
    "RobotsUnavailable",
    "TransientFetchError",
]


class TransientFetchError(FetchError):
    """A failure worth retrying: connection trouble, a timeout, a cut body, 429 or 5xx."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        locator: str | None = None,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, source=source, locator=locator)
        self.retry_after = retry_after
        self.status = status


class HTTPStatusError(FetchError):
    """The server answered with a status that will not change by asking again (404, 410, 403...)."""

    def __init__(self, status: int, *, source: str | None = None) -> None:
        super().__init__(f"HTTP {status}", source=source)
        self.status = status


class NotAllowed(FetchError):
    """The URL is outside what the run may fetch: not http(s), or a host not on the allow-list."""


class RedirectRefused(NotAllowed):
    """A redirect broke the policy: too many hops, a loop, another scheme or an unlisted host."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL: the site asked crawlers to stay away (a skip, not a failure)."""


class RobotsUnavailable(FetchError):
    """robots.txt could not be fetched (server down, 5xx): nothing on the site is fetched (RFC 9309).

    Unlike :class:`RobotsDisallowed` this is a failure: the message carries the real cause
    (a refused connection, a timeout, HTTP 503), so an outage never looks like an empty site.
    """


class BodyTooLarge(FetchError):
    """The decoded body passed the size cap."""
