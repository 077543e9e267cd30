"""One HTTP exchange: a GET with timeouts, an overall deadline and a capped, decoded body.

Requests go straight to an httpx transport (connection pool, HTTP/1.1, TLS,
timeouts) rather than through ``httpx.AsyncClient``, whose extra layers a crawl
does not want: redirects are followed by the fetcher itself so that every hop
is checked (scheme, host allow-list, robots.txt, loop) and paced like any other
request; there is no auth; and no cookies are kept, so every request for a URL
is the same request and what a crawl sees never depends on what the site set
earlier.  Skipping those layers also makes a request about a fifth cheaper in
CPU (see ``bench/README.md``).

Network trouble becomes :class:`TransientFetchError` (retried), everything else
a plain :class:`FetchError`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ._body import SUPPORTED_ENCODINGS, read_body
from ._config import NetConfig
from ._errors import FetchError, TransientFetchError

__all__ = ["Exchange", "HttpClient"]

_DRAIN_MAX = 64 * 1024
"""The largest unwanted body (an error page, a redirect's) read only to keep the connection."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """A response: its status and headers, and for a 2xx its decoded body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes | None
    transferred: int
    """Body bytes received from the network (compressed size); 0 for a 304."""


class HttpClient:
    """An httpx client configured from :class:`NetConfig`; one per run."""

    def __init__(
        self,
        config: NetConfig,
        transport: httpx.AsyncBaseTransport | None = None,
        on_bytes: Callable[[int], None] | None = None,
    ) -> None:
        self.config = config
        self._on_bytes = on_bytes
        self._headers = {
            "User-Agent": config.user_agent,
            "Accept": "*/*",
            "Accept-Encoding": SUPPORTED_ENCODINGS,
        }
        self._timeout = httpx.Timeout(
            connect=config.connect_timeout,
            read=config.read_timeout,
            write=config.read_timeout,
            pool=config.deadline,
        ).as_dict()
        self._transport = transport or httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16)
        )

    async def exchange(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        *,
        max_bytes: int | None = None,
        truncate: bool = False,
    ) -> Exchange:
        """GET ``url`` once; the body is read only for 2xx answers."""
        cap = self.config.max_bytes if max_bytes is None else max_bytes
        try:
            request = httpx.Request(
                "GET",
                url,
                headers={**self._headers, **headers} if headers else self._headers,
                extensions={"timeout": self._timeout},
            )
            async with asyncio.timeout(self.config.deadline):
                response = await self._transport.handle_async_request(request)
                response.request = request
                try:
                    body = None
                    if 200 <= response.status_code < 300:
                        body = await read_body(
                            response.aiter_raw(),
                            content_encoding=response.headers.get("content-encoding"),
                            max_bytes=cap,
                            source=url,
                            truncate=truncate,
                        )
                    else:
                        await _drain(response)
                finally:  # counted even when the body is refused or cut
                    await response.aclose()
                    if self._on_bytes is not None:
                        self._on_bytes(response.num_bytes_downloaded)
                return Exchange(
                    url=url,
                    status=response.status_code,
                    headers=response.headers,
                    body=body,
                    transferred=response.num_bytes_downloaded,
                )
        except TimeoutError:
            raise TransientFetchError(
                f"no complete response within the {self.config.deadline:g} s deadline", source=url
            ) from None
        except httpx.TimeoutException as exc:
            raise TransientFetchError(f"{_timeout_kind(exc)} timed out", source=url) from None
        except httpx.TransportError as exc:
            raise TransientFetchError(_describe(exc), source=url) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(_describe(exc), source=url) from None

    async def aclose(self) -> None:
        await self._transport.aclose()


async def _drain(response: httpx.Response) -> None:
    """Read and drop the body of a response nobody reads (a 304, a redirect, an error page).

    httpcore keeps a connection for the next request only when the response was
    read to its end: a 304 left unread closed the connection, so a refresh of an
    unchanged site opened a new one (TCP, and TLS on https) for every request.
    A body over ``_DRAIN_MAX`` bytes is not worth reading; the connection is
    then closed, as before.  Failing to read it is not the request's failure.
    """
    received = 0
    with contextlib.suppress(httpx.HTTPError):
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > _DRAIN_MAX:
                return


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connecting"
    if isinstance(exc, httpx.ReadTimeout):
        return "waiting for data"
    if isinstance(exc, httpx.PoolTimeout):
        return "waiting for a connection"
    return "sending the request"


def _describe(exc: httpx.HTTPError | httpx.InvalidURL) -> str:
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc}" if str(exc) else "cannot connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"broken response: {exc}" if str(exc) else "broken response"
    if isinstance(exc, httpx.ReadError):
        return f"connection lost while reading: {exc}" if str(exc) else "connection lost while reading"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
