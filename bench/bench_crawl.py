"""Crawl throughput against a local mirror, as a ratio to a bare httpx async GET loop.

The mirror (tests/mirror.py, replicated to ``--wards`` sections) is served by
a threaded stdlib server on 127.0.0.1.  Each round runs, alternately:

- crawl: discovery from every ward's top page plus a GET of every attachment,
  through the real fetcher (robots.txt, politeness gate with no delay,
  retries, conditional-GET cache in a fresh folder, bounded decoding, link
  discovery): all the network work of ``extract crawl``, without parsing;
- bare: ``httpx.AsyncClient.get`` over the very URLs the crawl requested, in
  the same order, one after the other.

Then a refresh of the whole mirror is run twice (parsing included, in-process)
and the second run's body bytes are reported: an unchanged mirror must cost 0.

    python bench/bench_crawl.py [--rounds N] [--wards N]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extract.dataset import load_sources_file, refresh_dataset  # noqa: E402
from extract.dataset.progress import LineProgress  # noqa: E402
from extract.net import Fetcher, HttpCache, NetConfig  # noqa: E402
from extract.net.crawl import CrawlSpec, discover  # noqa: E402
from mirror import WARDS, Site, build_site  # noqa: E402


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


def serve(site_holder: list[Site]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle + delayed ACK add 40 ms each
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            status, headers, body = site_holder[0].respond(self.path, dict(self.headers))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def crawl(tops: list[str], cache_dir: Path | None) -> int:
    config = NetConfig(delay=0.0)
    async with Fetcher(config, cache=HttpCache(cache_dir) if cache_dir else None) as fetcher:
        result = await discover(fetcher, CrawlSpec(start=tuple(tops)))
        for found in result.found:
            if found.kind == "attachment":
                await fetcher.get(found.url)
        return fetcher.stats.requests


async def bare(urls: list[str]) -> None:
    async with httpx.AsyncClient() as client:
        for url in urls:
            response = await client.get(url)
            response.read()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--wards", type=int, default=8, help="copies of each of the mirror's 3 wards")
    args = parser.parse_args()

    holder: list[Site] = []
    server = serve(holder)
    origin = f"http://127.0.0.1:{server.server_port}"
    site = build_site(origin)
    tops = replicate(site, args.wards)
    holder.append(site)

    crawl_times, nocache_times, bare_times = [], [], []
    urls: list[str] = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        asyncio.run(crawl(tops, None))
        nocache_times.append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as tmp:
            start = len(site.log)
            t0 = time.perf_counter()
            requests = asyncio.run(crawl(tops, Path(tmp)))
            crawl_times.append(time.perf_counter() - t0)
            urls = [origin + p for p in site.log[start:]]
            assert len(urls) == requests
        t0 = time.perf_counter()
        asyncio.run(bare(urls))
        bare_times.append(time.perf_counter() - t0)

    c, b = statistics.median(crawl_times), statistics.median(bare_times)
    n = statistics.median(nocache_times)
    print(f"mirror: {len(tops)} ward sections, {len(urls)} requests per crawl, {args.rounds} rounds")
    print("| path | requests/s | ratio to bare |")
    print("|---|---:|---:|")
    print(f"| bare httpx async GET loop | {len(urls) / b:.0f} | 1.00 |")
    print(
        f"| crawl, no cache (discovery + attachments, robots, politeness 0 s) | {len(urls) / n:.0f} | {b / n:.2f} |"
    )
    print(f"| crawl with the conditional-GET cache (cold) | {len(urls) / c:.0f} | {b / c:.2f} |")

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
    server.shutdown()
    return 0 if reports[1][0].stats.body_bytes == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
