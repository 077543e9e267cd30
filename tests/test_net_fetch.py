"""The fetcher against injected faults: each test says what happened and what was recorded.

Servers run on 127.0.0.1 (pytest-httpserver, and a raw-socket server for what
a server library cannot do); delays and timeouts are tiny, and wall-clock
assertions are lower bounds (waits that must happen) or generous upper
bounds (a stall must not hang), never speed.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract import extract_bytes
from extract.net import (
    BodyTooLarge,
    Fetched,
    Fetcher,
    HttpCache,
    HTTPStatusError,
    NetConfig,
    NotAllowed,
    RedirectRefused,
    RobotsDisallowed,
    RobotsUnavailable,
    TransientFetchError,
)
from rawserver import RawServer, closed_port

FAST = NetConfig(
    delay=0.0, connect_timeout=0.5, read_timeout=0.5, deadline=1.0, attempts=3, backoff=0.01, max_backoff=0.05
)
TEXT = "令和3年度 旭区運営方針\n【区の目標(何をめざすのか)】\n安全なまち\n".encode()


def get(
    url: str, config: NetConfig = FAST, cache: HttpCache | None = None
) -> tuple[Fetched | Exception, Fetcher]:
    async def go() -> tuple[Fetched | Exception, Fetcher]:
        async with Fetcher(config, cache=cache) as fetcher:
            fetcher.allow(url)
            try:
                return await fetcher.get(url), fetcher
            except Exception as exc:
                return exc, fetcher

    return asyncio.run(go())


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer(drip_interval=0.05, hold=2.0)
    yield server
    server.stop()


@pytest.fixture
def robots_ok(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    return httpserver


# --- network faults (raw socket) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/silent", "waiting for data timed out"),
        ("/stall-after-headers", "waiting for data timed out"),
        ("/reset", ""),
        ("/short", "broken response"),
        ("/broken-chunked", "broken response"),
    ],
)
def test_network_faults_are_retried_then_reported(raw: RawServer, path: str, message: str) -> None:
    result, fetcher = get(raw.url(path))
    assert isinstance(result, TransientFetchError), result
    assert message in result.message
    assert result.source == raw.url(path) and result.locator == "after 3 attempts"
    assert raw.connections[path] == 3  # three attempts, then it gives up
    assert fetcher.stats.retries == 2


def test_a_reset_connection_says_so(raw: RawServer) -> None:
    result, _ = get(raw.url("/reset"))
    assert isinstance(result, TransientFetchError)
    assert any(w in result.message for w in ("connection lost", "broken response", "cannot connect"))


def test_a_slow_drip_stops_at_the_deadline(raw: RawServer) -> None:
    config = NetConfig(delay=0, read_timeout=0.5, deadline=1.0, attempts=2, backoff=0.01)
    t0 = time.monotonic()
    result, _ = get(raw.url("/drip"), config)
    elapsed = time.monotonic() - t0
    assert isinstance(result, TransientFetchError) and "1 s deadline" in result.message
    assert raw.connections["/drip"] == 2
    assert 2.0 <= elapsed < 20  # two full deadlines were waited, the 68 s drip was not


def test_connection_refused_makes_robots_unreachable_so_nothing_is_fetched() -> None:
    url = f"http://127.0.0.1:{closed_port()}/kita/page/1.html"
    result, fetcher = get(url)
    assert isinstance(result, RobotsUnavailable)  # a failure with its cause, never "the site said no"
    assert "robots.txt could not be fetched" in result.message and "cannot connect" in result.message
    assert fetcher.stats.requests == 3  # robots.txt tried three times; the page never


# --- HTTP statuses, retries and Retry-After ---------------------------------------------------


def _sequence(httpserver: HTTPServer, path: str, responses: list[Response]) -> list[float]:
    times: list[float] = []

    def handler(request: Request) -> Response:
        times.append(time.monotonic())
        return responses[min(len(times), len(responses)) - 1]

    httpserver.expect_request(path).respond_with_handler(handler)
    return times


def test_5xx_is_retried_until_it_succeeds(robots_ok: HTTPServer) -> None:
    times = _sequence(robots_ok, "/p", [Response(status=503), Response(status=502), Response(TEXT)])
    result, fetcher = get(robots_ok.url_for("/p"))
    assert isinstance(result, Fetched) and result.content == TEXT
    assert len(times) == 3 and fetcher.stats.retries == 2
    assert fetcher.stats.statuses == {200: 2, 503: 1, 502: 1}  # robots.txt + the page


def test_429_waits_for_retry_after(robots_ok: HTTPServer) -> None:
    times = _sequence(robots_ok, "/p", [Response(status=429, headers={"Retry-After": "1"}), Response(TEXT)])
    result, _ = get(robots_ok.url_for("/p"))
    assert isinstance(result, Fetched)
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # backoff is 0.01 s: the wait is the server's


@pytest.mark.timeout(30)  # were the limit ignored, this would wait an hour: fail fast instead
def test_a_retry_after_too_long_is_not_waited_for(robots_ok: HTTPServer) -> None:
    times = _sequence(robots_ok, "/p", [Response(status=503, headers={"Retry-After": "3600"})])
    t0 = time.monotonic()
    result, _ = get(robots_ok.url_for("/p"))
    assert isinstance(result, TransientFetchError)
    assert "Retry-After 3600 s" in result.message and "longer than the 120 s" in result.message
    assert len(times) == 1 and time.monotonic() - t0 < 30


def test_persistent_5xx_fails_after_three_attempts(robots_ok: HTTPServer) -> None:
    times = _sequence(robots_ok, "/p", [Response(status=500)])
    result, _ = get(robots_ok.url_for("/p"))
    assert isinstance(result, TransientFetchError) and result.message == "HTTP 500"
    assert result.locator == "after 3 attempts" and len(times) == 3


def test_404_is_not_retried(robots_ok: HTTPServer) -> None:
    times = _sequence(robots_ok, "/p", [Response(status=404)])
    result, _ = get(robots_ok.url_for("/p"))
    assert isinstance(result, HTTPStatusError) and result.status == 404 and len(times) == 1


# --- bodies: content type, size cap, gzip bomb, charset ---------------------------------------


def test_content_is_sniffed_from_bytes_not_the_content_type(robots_ok: HTTPServer) -> None:
    robots_ok.expect_request("/youshiki.pdf").respond_with_data(TEXT, content_type="application/pdf")
    result, _ = get(robots_ok.url_for("/youshiki.pdf"))
    assert isinstance(result, Fetched) and result.content_type == "application/pdf"
    outcome = extract_bytes(result.content, result.url, charset=result.charset)
    assert outcome.format == "text" and outcome.error is None


def test_oversize_bodies_are_refused(robots_ok: HTTPServer) -> None:
    robots_ok.expect_request("/big").respond_with_data(b"x" * (2 * 1024 * 1024))
    config = NetConfig(delay=0, max_bytes=1024 * 1024, attempts=3, backoff=0.01)
    result, fetcher = get(robots_ok.url_for("/big"), config)
    assert isinstance(result, BodyTooLarge) and "larger than 1048576 bytes" in result.message
    assert fetcher.stats.requests == 2  # robots.txt and one try: a size error is not retried


def test_a_gzip_bomb_stops_at_the_cap_on_the_decoded_stream(robots_ok: HTTPServer) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    robots_ok.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    config = NetConfig(delay=0, max_bytes=1024 * 1024, backoff=0.01)
    result, fetcher = get(robots_ok.url_for("/bomb"), config)
    assert isinstance(result, BodyTooLarge) and "once decoded" in result.message
    robots = len("User-agent: *\nDisallow: /private/\n")
    assert 0 < fetcher.stats.body_bytes - robots <= len(bomb)  # it read compressed bytes, never 64 MiB


def test_gzip_bodies_are_decoded(robots_ok: HTTPServer) -> None:
    robots_ok.expect_request("/gz").respond_with_data(
        gzip.compress(TEXT), headers={"Content-Encoding": "gzip"}
    )
    result, _ = get(robots_ok.url_for("/gz"))
    assert isinstance(result, Fetched) and result.content == TEXT


def test_charset_comes_from_the_header(robots_ok: HTTPServer) -> None:
    body = "令和3年度 旭区運営方針".encode("cp932")
    robots_ok.expect_request("/sjis").respond_with_data(body, content_type="text/plain; charset=Shift_JIS")
    result, _ = get(robots_ok.url_for("/sjis"))
    assert isinstance(result, Fetched) and result.charset == "Shift_JIS"


# --- redirects --------------------------------------------------------------------------------


def _redirect(httpserver: HTTPServer, path: str, location: str) -> None:
    httpserver.expect_request(path).respond_with_data("", status=302, headers={"Location": location})


def test_redirects_are_followed(robots_ok: HTTPServer) -> None:
    _redirect(robots_ok, "/old", "/new")
    robots_ok.expect_request("/new").respond_with_data(TEXT)
    result, _ = get(robots_ok.url_for("/old"))
    assert isinstance(result, Fetched) and result.url.endswith("/new") and result.requested.endswith("/old")


def test_a_redirect_loop_is_refused(robots_ok: HTTPServer) -> None:
    _redirect(robots_ok, "/a", "/b")
    _redirect(robots_ok, "/b", "/a")
    result, fetcher = get(robots_ok.url_for("/a"))
    assert isinstance(result, RedirectRefused) and result.message == "redirect loop"
    assert result.locator is not None and result.locator.startswith("redirect 2:")
    assert fetcher.stats.statuses[302] == 2


def test_more_than_five_redirects_are_refused(robots_ok: HTTPServer) -> None:
    for i in range(7):
        _redirect(robots_ok, f"/r{i}", f"/r{i + 1}")
    result, fetcher = get(robots_ok.url_for("/r0"))
    assert isinstance(result, RedirectRefused) and result.message == "more than 5 redirects"
    assert fetcher.stats.statuses[302] == 6


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("https://offsite.invalid/page.html", "redirect to https://offsite.invalid:443 refused"),
        ("file:///etc/passwd", "redirect to a file: URL refused"),
    ],
)
def test_off_site_and_file_redirects_are_refused(robots_ok: HTTPServer, location: str, message: str) -> None:
    _redirect(robots_ok, "/go", location)
    result, _ = get(robots_ok.url_for("/go"))
    assert isinstance(result, RedirectRefused) and message in result.message


def test_only_http_urls_on_allowed_hosts_are_fetched() -> None:
    async def go() -> list[Exception]:
        errors: list[Exception] = []
        async with Fetcher(FAST) as fetcher:
            fetcher.allow("https://www.city.osaka.lg.jp/")
            for url in ("file:///etc/passwd", "https://evil.invalid/x"):
                try:
                    await fetcher.get(url)
                except NotAllowed as exc:
                    errors.append(exc)
        return errors

    errors = asyncio.run(go())
    assert [type(e) for e in errors] == [NotAllowed, NotAllowed]
    assert "only http and https" in str(errors[0]) and "not on the allow-list" in str(errors[1])


# --- robots.txt -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, True), (401, True), (503, False), (500, False)]
)
def test_robots_status_decides(httpserver: HTTPServer, status: int, allowed: bool) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=status)
    hits = _sequence(httpserver, "/p", [Response(TEXT)])
    result, _ = get(httpserver.url_for("/p"))
    if allowed:
        assert isinstance(result, Fetched) and len(hits) == 1
    else:
        assert isinstance(result, RobotsUnavailable) and f"HTTP {status}" in result.message
        assert hits == []  # the page was never requested


def test_robots_rules_apply(robots_ok: HTTPServer) -> None:
    hits = _sequence(robots_ok, "/private/p", [Response(TEXT)])
    result, _ = get(robots_ok.url_for("/private/p"))
    assert (
        isinstance(result, RobotsDisallowed) and result.message == "disallowed by robots.txt" and hits == []
    )


# --- cache, politeness, User-Agent ------------------------------------------------------------


def test_conditional_get_downloads_no_body_the_second_time(robots_ok: HTTPServer, tmp_path: Path) -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(TEXT, headers={"ETag": '"v1"', "Last-Modified": "Mon, 10 Jun 2024 01:00:00 GMT"})

    robots_ok.expect_request("/p").respond_with_handler(handler)
    cache = HttpCache(tmp_path)
    first, f1 = get(robots_ok.url_for("/p"), cache=cache)
    second, f2 = get(robots_ok.url_for("/p"), cache=cache)
    assert isinstance(first, Fetched) and isinstance(second, Fetched)
    assert second.content == first.content == TEXT and second.not_modified and second.transferred == 0
    assert (
        seen[1]["If-None-Match"] == '"v1"' and seen[1]["If-Modified-Since"] == "Mon, 10 Jun 2024 01:00:00 GMT"
    )
    assert f1.stats.body_bytes > 0 and f2.stats.not_modified == 1
    assert f2.stats.body_bytes == len("User-agent: *\nDisallow: /private/\n")  # robots.txt only


def test_a_304_leaves_the_connection_open_for_the_next_request(tmp_path: Path) -> None:
    """An unread 304 (or 404) used to close the connection: a refresh reconnected for every URL."""
    connections = 0

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            nonlocal connections
            connections += 1
            super().setup()

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                status, body = 404, b"not found"
            elif self.headers.get("If-None-Match") == '"v1"':
                status, body = 304, b""
            else:
                status, body = 200, TEXT
            self.send_response(status)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/p"

    async def go() -> list[Fetched]:
        async with Fetcher(FAST, cache=HttpCache(tmp_path)) as fetcher:
            fetcher.allow(url)
            return [await fetcher.get(url) for _ in range(3)]

    try:
        got = asyncio.run(go())
    finally:
        server.shutdown()
        server.server_close()
    assert [f.not_modified for f in got] == [False, True, True] and got[2].content == TEXT
    assert connections == 1  # robots.txt (404), a 200 and two 304s on one connection


def test_a_damaged_cache_body_is_fetched_again(robots_ok: HTTPServer, tmp_path: Path) -> None:
    robots_ok.expect_request("/p").respond_with_data(TEXT, headers={"ETag": '"v1"'})
    cache = HttpCache(tmp_path)
    first, _ = get(robots_ok.url_for("/p"), cache=cache)
    assert isinstance(first, Fetched)
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        digest = hashlib.sha256(TEXT).hexdigest()
        assert db.execute("UPDATE bodies SET data = ? WHERE sha256 = ?", (b"garbage", digest)).rowcount == 1
    second, _ = get(robots_ok.url_for("/p"), cache=cache)
    assert isinstance(second, Fetched) and second.content == TEXT and not second.not_modified


def test_the_cache_outlives_its_process_and_prunes_what_nothing_refers_to(tmp_path: Path) -> None:
    first = HttpCache(tmp_path)
    kept = first.store("https://h/a", b"A", etag='"a"', last_modified=None, content_type="text/html")
    first.store("https://h/b", b"B1", etag=None, last_modified="x", content_type=None)
    first.store("https://h/b", b"B2", etag=None, last_modified="y", content_type=None)  # B1 is orphaned
    first.close()
    again = HttpCache(tmp_path)
    entry = again.lookup("https://h/a")
    assert entry == kept and entry.validators() == {"If-None-Match": '"a"'}
    assert again.lookup("https://h/b") is not None and again.lookup("https://h/c") is None
    orphan = hashlib.sha256(b"B1").hexdigest()
    assert again.body(orphan) == b"B1"
    assert again.prune(keep=set()) == 1
    assert again.body(orphan) is None and again.body(kept.sha256) == b"A"
    again.close()


def test_an_unreadable_cache_database_is_set_aside(
    robots_ok: HTTPServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    robots_ok.expect_request("/p").respond_with_data(TEXT, headers={"ETag": '"v1"'})
    (tmp_path / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    got, _ = get(robots_ok.url_for("/p"), cache=HttpCache(tmp_path))
    assert isinstance(got, Fetched) and got.content == TEXT
    assert (tmp_path / "cache.sqlite.damaged").read_bytes().startswith(b"this is not")
    assert "unreadable" in caplog.text
    assert HttpCache(tmp_path).lookup(robots_ok.url_for("/p")) is not None


def test_one_request_at_a_time_per_host_with_a_pause(robots_ok: HTTPServer) -> None:
    active = 0
    peak = 0
    starts: list[float] = []
    ends: list[float] = []
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
            starts.append(time.monotonic())
        time.sleep(0.05)
        with lock:
            active -= 1
            ends.append(time.monotonic())
        return Response(TEXT)

    robots_ok.expect_request("/p").respond_with_handler(handler)
    config = NetConfig(delay=0.2, backoff=0.01)

    async def go() -> None:
        async with Fetcher(config) as fetcher:
            fetcher.allow(robots_ok.url_for("/"))
            await asyncio.gather(*(fetcher.get(robots_ok.url_for("/p")) for _ in range(4)))

    asyncio.run(go())
    assert peak == 1 and len(starts) == 4
    gaps = [starts[i + 1] - ends[i] for i in range(3)]
    assert min(gaps) >= 0.19  # the pause runs from the end of one response to the next request


def test_user_agent_names_the_tool_and_the_contact(robots_ok: HTTPServer) -> None:
    agents: list[str] = []

    def handler(request: Request) -> Response:
        agents.append(request.headers.get("User-Agent", ""))
        return Response(TEXT)

    robots_ok.expect_request("/p").respond_with_handler(handler)
    get(robots_ok.url_for("/p"), NetConfig(delay=0, contact="mailto:data@example.org"))
    assert agents[0].startswith("extract/") and "+mailto:data@example.org" in agents[0]


def test_a_robots_crawl_delay_is_honoured(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.3\n")
    times = _sequence(httpserver, "/p", [Response(TEXT)])

    async def go() -> None:
        async with Fetcher(NetConfig(delay=0)) as fetcher:
            fetcher.allow(httpserver.url_for("/"))
            await fetcher.get(httpserver.url_for("/p"))
            await fetcher.get(httpserver.url_for("/p"))

    asyncio.run(go())
    assert times[1] - times[0] >= 0.29


def test_a_redirect_to_another_port_of_the_same_host_is_refused(httpserver: HTTPServer) -> None:
    other = f"http://127.0.0.1:{closed_port()}/x"
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/p").respond_with_data("", status=302, headers={"Location": other})
    result, _ = get(httpserver.url_for("/p"))
    assert isinstance(result, RedirectRefused) and "refused (not on the allow-list)" in result.message


def test_allow_host_takes_a_port() -> None:
    from extract.net import allowed_origins, origin_of

    assert origin_of("http://127.0.0.1:8080/a") in allowed_origins(frozenset({"127.0.0.1:8080"}))
    assert origin_of("http://127.0.0.1:8081/a") not in allowed_origins(frozenset({"127.0.0.1:8080"}))
    assert origin_of("https://example.org/a") in allowed_origins(frozenset({"example.org"}))


class _FullDisk:
    """A connection whose writes fail as SQLite's do on a full disk."""

    in_transaction = True

    def execute(self, *args: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    def executemany(self, *args: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    def commit(self) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_full_disk_under_the_cache_costs_caching_not_the_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from extract.net import HttpCache

    cache = HttpCache(tmp_path / "cache")
    cache.store("http://h/a", b"a", etag=None, last_modified=None, content_type=None)
    cache._db = _FullDisk()  # type: ignore[assignment]
    cache.store("http://h/b", b"b", etag=None, last_modified=None, content_type=None)  # no exception
    cache.store("http://h/c", b"c", etag=None, last_modified=None, content_type=None)
    cache.close()
    warnings = [r.getMessage() for r in caplog.records if "cannot write" in r.getMessage()]
    assert len(warnings) == 1 and "database or disk is full" in warnings[0]
    assert str(tmp_path / "cache") in warnings[0]


def test_a_response_held_for_the_next_batch_is_served_and_a_batch_not_written_is_forgotten(
    tmp_path: Path,
) -> None:
    cache = HttpCache(tmp_path / "cache")
    entry = cache.store("http://h/a", b"A", etag='"a"', last_modified=None, content_type=None)
    assert cache.lookup("http://h/a") == entry and cache.body(entry.sha256) == b"A"  # before any write
    cache._db = _FullDisk()  # type: ignore[assignment]
    assert cache.prune(keep=set()) == 0  # writes the held batch first: the disk is full
    assert cache.lookup("http://h/a") is None  # no entry without its body
    cache.close()
