"""Crawl throughput against a local mirror, as a ratio to a bare httpx async GET loop.

The mirror (tests/mirror.py, replicated to ``--wards`` sections per ward) is
served on 127.0.0.1 by a threaded stdlib server in a process of its own, as a
real server would be (in the benchmark's own process it would compete with the
crawler for the interpreter lock).  Each round runs these paths, in an order
that rotates from round to round:

- bare client: ``httpx.AsyncClient.get`` over the very URLs the crawl requests,
  in the same order, one after the other: the baseline (ratio 1.00);
- bare transport: the same loop one layer down, on
  ``httpx.AsyncHTTPTransport.handle_async_request`` (what the fetcher uses):
  the cost of the client's own layers, shown so the crawl's margin is explained;
- crawl: discovery from every section's top page plus a GET of every
  attachment, through the real fetcher (robots.txt, the politeness gate with a
  0 s delay, retries, deadline, bounded decoding, link discovery):
  all the network work of ``extract crawl`` without parsing documents.  Without a
  cache, as ``extract crawl`` runs by default, and with the conditional-GET cache
  in a fresh folder, as the first ``extract crawl --state DIR`` or refresh does;
- warm: the same crawl with a cache that one crawl has filled, as every later
  ``extract crawl --state DIR`` or refresh of an unchanged site runs (every
  answer a 304, every body read from the cache); its baseline is the bare
  client loop sending each URL's conditional headers (``If-None-Match``,
  ``If-Modified-Since``, as the cache has them), so it gets the same 304s.

A ratio is its baseline's time over the path's time in the same round; the
table gives the median over rounds and the spread of the middle half.  Then a
refresh of the whole mirror is run twice (parsing included, in-process) and the
second run's body bytes are reported: an unchanged mirror must cost 0.

    python bench/bench_crawl.py [--rounds N] [--wards N]

Exits 1 when the cached refresh downloaded any body, or a crawl did not request
exactly the URLs of the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extract._gc import tune_collector  # noqa: E402
from extract.dataset import load_sources_file, refresh_dataset  # noqa: E402
from extract.dataset.progress import LineProgress  # noqa: E402
from extract.net import Fetcher, FetchStats, HttpCache, NetConfig  # noqa: E402
from extract.net.crawl import CrawlSpec, discover  # noqa: E402
from mirror import WARDS, Site, build_site  # noqa: E402

LOG_PATH = "/__bench__/log"
"""Where the mirror process tells how many requests it has seen (and which, from ?from=N)."""


# --- the mirror, in a process of its own -------------------------------------------------------------


def replicate(site: Site, copies: int) -> list[str]:
    """Copy every ward section ``copies`` times under new names; returns the sections' top URLs."""
    tops = []
    for slug in WARDS:
        originals = {p: v for p, v in site.pages.items() if p.startswith(f"/{slug}/")}
        for k in range(copies):
            new = f"{slug}{k}" if k else slug
            for path, (ctype, body) in originals.items():
                site.pages[path.replace(f"/{slug}/", f"/{new}/", 1)] = (
                    ctype,
                    body.replace(f"/{slug}/".encode(), f"/{new}/".encode()),
                )
            tops.append(f"{site.origin}/{new}/")
    return tops


def serve_mirror(copies: int, latency: float) -> None:
    """Serve the replicated mirror until stdin closes; first prints {"origin", "tops"} as one JSON line.

    Every response waits ``latency`` seconds first, like a server across a network.
    """
    holder: list[Site] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle + delayed ACK add 40 ms each
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            site = holder[0]
            if self.path.startswith(LOG_PATH):
                start = int(self.path.partition("?from=")[2] or 0)
                status, headers, body = (
                    200,
                    {"Content-Type": "application/json"},
                    json.dumps(site.log[start:]),
                )
                body_bytes = body.encode()
            else:
                status, headers, body_bytes = site.respond(self.path, dict(self.headers))
                if latency:
                    time.sleep(latency)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body_bytes)))
            self.end_headers()
            self.wfile.write(body_bytes)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    origin = f"http://127.0.0.1:{server.server_port}"
    site = build_site(origin)
    tops = replicate(site, copies)
    holder.append(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"origin": origin, "tops": tops}), flush=True)
    sys.stdin.read()
    server.shutdown()


class Mirror:
    """The mirror process, seen from the benchmark."""

    def __init__(self, process: subprocess.Popen[str], origin: str, tops: list[str]) -> None:
        self.process = process
        self.origin = origin
        self.tops = tops

    def requested_since(self, start: int) -> list[str]:
        """The URLs requested after the first ``start`` requests (the log request itself excluded)."""
        paths: list[str] = httpx.get(f"{self.origin}{LOG_PATH}?from={start}").json()
        return [self.origin + p for p in paths]

    def count(self) -> int:
        return len(httpx.get(f"{self.origin}{LOG_PATH}").json())


@contextmanager
def mirror_process(copies: int, latency: float) -> Iterator[Mirror]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve-mirror", str(copies), "--latency", str(latency)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    try:
        info = json.loads(process.stdout.readline())
        yield Mirror(process, info["origin"], info["tops"])
    finally:
        process.stdin.close()
        process.wait(timeout=30)


# --- the paths -----------------------------------------------------------------------------------


async def crawl(tops: list[str], cache_dir: Path | None) -> FetchStats:
    """Discovery plus every attachment, as ``extract crawl`` fetches them; returns what it cost."""
    config = NetConfig(delay=0.0)
    async with Fetcher(config, cache=HttpCache(cache_dir) if cache_dir else None) as fetcher:
        result = await discover(fetcher, CrawlSpec(start=tuple(tops)))
        for found in result.found:
            if found.kind == "attachment":
                await fetcher.get(found.url)
        return fetcher.stats


async def bare_client(urls: list[str], headers: dict[str, dict[str, str]] | None = None) -> None:
    """The baseline; with ``headers``, each URL's request carries its own (the conditional ones)."""
    async with httpx.AsyncClient() as client:
        for url in urls:
            response = await client.get(url, headers=headers[url] if headers else None)
            response.read()


def conditional_headers(cache_dir: Path, urls: list[str]) -> dict[str, dict[str, str]]:
    """The validators the cache in ``cache_dir`` holds for each URL: what a warm crawl sends."""
    cache = HttpCache(cache_dir)
    try:
        found = {url: cache.lookup(url) for url in urls}
    finally:
        cache.close()
    missing = [url for url, entry in found.items() if entry is None]
    if missing:
        raise SystemExit(f"error: the warm cache has no entry for {missing[0]}")
    return {url: entry.validators() for url, entry in found.items() if entry is not None}


async def bare_transport(urls: list[str]) -> None:
    timeout = httpx.Timeout(10.0).as_dict()
    async with httpx.AsyncHTTPTransport() as transport:
        for url in urls:
            response = await transport.handle_async_request(
                httpx.Request("GET", url, extensions={"timeout": timeout})
            )
            await response.aread()
            await response.aclose()


Run = Callable[[int], Coroutine[object, object, object]]
"""One path of a round, given the round's number."""


def timed(path: Run, round_: int) -> tuple[float, object]:
    """Seconds the path took, and what it returned."""
    t0 = time.perf_counter()
    result = asyncio.run(path(round_))
    return time.perf_counter() - t0, result


def spread(values: list[float]) -> str:
    """Median, and the range of the middle half."""
    if len(values) < 4:
        return f"{statistics.median(values):.2f}"
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"{statistics.median(values):.2f} ({q1:.2f}–{q3:.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--wards", type=int, default=8, help="copies of each of the mirror's 3 wards")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds the mirror waits before each response (default 0)"
    )
    parser.add_argument("--serve-mirror", type=int, metavar="COPIES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_mirror is not None:
        serve_mirror(args.serve_mirror, args.latency)
        return 0

    tune_collector()  # the collector settings the command line runs with (both sides of every ratio get them)
    with ExitStack() as stack:
        mirror = stack.enter_context(mirror_process(args.wards, args.latency))
        start = mirror.count()
        asyncio.run(crawl(mirror.tops, None))  # warm-up, and the URL list of every later crawl
        urls = mirror.requested_since(start)

        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-crawl-")))
        warm = tmp / "warm"
        asyncio.run(crawl(mirror.tops, warm))  # fills the cache every warm crawl revalidates
        validators = conditional_headers(warm, urls)
        client, conditional = "bare httpx.AsyncClient GET loop", "bare client loop, conditional GETs (304s)"
        paths: dict[str, Run] = {
            client: lambda r: bare_client(urls),
            "bare httpx transport GET loop": lambda r: bare_transport(urls),
            "crawl, no cache": lambda r: crawl(mirror.tops, None),
            "crawl, conditional-GET cache (cold)": lambda r: crawl(mirror.tops, tmp / f"cache-{r}"),
            conditional: lambda r: bare_client(urls, validators),
            "crawl, conditional-GET cache (warm)": lambda r: crawl(mirror.tops, warm),
        }
        baseline = {name: conditional if "warm" in name or name == conditional else client for name in paths}
        names = list(paths)
        times: dict[str, list[float]] = {name: [] for name in names}
        ok = True
        for r in range(args.rounds):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                before = mirror.count()
                secs, result = timed(paths[name], r)
                times[name].append(secs)
                if mirror.requested_since(before) != urls:
                    print(f"error: {name} did not request the baseline's {len(urls)} URLs", file=sys.stderr)
                    ok = False
                if "warm" in name and not (
                    isinstance(result, FetchStats)
                    and result.not_modified == len(urls)
                    and not result.body_bytes
                ):
                    print(f"error: {name} was not answered 304 for every URL: {result}", file=sys.stderr)
                    ok = False

        print(
            f"mirror: {len(mirror.tops)} ward sections, {len(urls)} requests per crawl, {args.rounds} rounds"
        )
        print("| path | requests/s (median) | ratio to its baseline | baseline |")
        print("|---|---:|---:|---|")
        for name in names:
            ratios = [b / t for b, t in zip(times[baseline[name]], times[name], strict=True)]
            rate = len(urls) / statistics.median(times[name])
            print(f"| {name} | {rate:.0f} | {spread(ratios)} | {baseline[name]} |")

        ok = refresh_twice(mirror.tops) and ok
    return 0 if ok else 1


def refresh_twice(tops: list[str]) -> bool:
    """A refresh of the mirror, then the same again: the second must download no body."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.toml"
        starts = ", ".join(f'"{u}"' for u in tops)
        sources.write_text(f"[network]\ndelay = 0\n\n[[crawl]]\nstart = [{starts}]\n", encoding="utf-8")
        loaded = load_sources_file(sources)
        reports = []
        for _ in range(2):
            t0 = time.perf_counter()
            report = refresh_dataset(
                loaded,
                base_dir=Path(tmp),
                net=loaded.net_config(NetConfig()),
                progress=LineProgress(sys.stderr, quiet=True),
                output=Path(tmp) / "out",
                state=Path(tmp) / "state",
            )
            reports.append((report, time.perf_counter() - t0))
        for label, (report, secs) in zip(("first", "cached"), reports, strict=True):
            s = report.stats
            print(
                f"refresh ({label}): {report.summary['sources']} sources, {s.requests} requests, "
                f"{s.not_modified} not modified, {s.body_bytes} body bytes, {report.parsed} parsed, "
                f"{report.reused} reused, {secs:.2f} s"
            )
    return reports[1][0].stats.body_bytes == 0


if __name__ == "__main__":
    raise SystemExit(main())
