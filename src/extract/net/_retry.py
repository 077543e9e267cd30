"""Retries with exponential backoff and jitter (tenacity), honouring Retry-After.

Only :class:`TransientFetchError` is retried: connection errors, timeouts, cut
bodies, 429 and 5xx.  The wait before a retry is the larger of the backoff and
the server's Retry-After; a Retry-After above ``max_retry_after`` is not waited
for at all (the request fails at once and says why), so one overloaded server
cannot stall a nightly run for hours.
"""

from __future__ import annotations

import datetime as _dt
import email.utils

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)
from tenacity.stop import stop_base

from .._logging import logger
from ._config import NetConfig
from ._errors import TransientFetchError

__all__ = ["RetryPolicy", "parse_retry_after"]


def parse_retry_after(value: str | None, *, now: _dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date).

    >>> parse_retry_after("7")
    7.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=_dt.datetime(2015, 10, 21, 7, 28, tzinfo=_dt.UTC))
    10.0
    >>> parse_retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    now = now or _dt.datetime.now(_dt.UTC)
    return max(0.0, (when - now).total_seconds())


class _RetryAfterTooLong(stop_base):
    """Stop when the server asks for a longer wait than we are willing to give."""

    def __init__(self, limit: float) -> None:
        self.limit = limit

    def __call__(self, retry_state: RetryCallState) -> bool:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        after = getattr(exc, "retry_after", None)
        return after is not None and after > self.limit


class _Wait:
    def __init__(self, config: NetConfig) -> None:
        self._backoff = wait_exponential(multiplier=config.backoff, max=config.max_backoff) + wait_random(
            0, config.backoff
        )

    def __call__(self, retry_state: RetryCallState) -> float:
        wait = float(self._backoff(retry_state))
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        after = getattr(exc, "retry_after", None)
        return max(wait, after) if after is not None else wait


def _log_retry(retry_state: RetryCallState) -> None:
    exc = retry_state.outcome.exception() if retry_state.outcome else None
    wait = retry_state.next_action.sleep if retry_state.next_action else 0.0
    logger.info("retrying in %.2f s after attempt %d: %s", wait, retry_state.attempt_number, exc)


class RetryPolicy:
    """The retry strategies for one run, built once: tenacity's strategies keep no state between calls."""

    def __init__(self, config: NetConfig) -> None:
        self._stop = stop_after_attempt(max(1, config.attempts)) | _RetryAfterTooLong(config.max_retry_after)
        self._wait = _Wait(config)
        self._retry = retry_if_exception_type(TransientFetchError)

    def controller(self) -> AsyncRetrying:
        """A fresh controller for one request (it holds that request's attempt count)."""
        return AsyncRetrying(
            stop=self._stop, wait=self._wait, retry=self._retry, before_sleep=_log_retry, reraise=True
        )
