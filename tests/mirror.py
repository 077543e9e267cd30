"""A small mirror of www.city.osaka.lg.jp built from the samples, for network tests and the benchmark.

Three wards, each with a top page → 区政情報 category → 運営方針 category →
the year's page (the HTML samples, with their ``<base href>`` pointed at the
mirror), plus noise links a crawler must not follow.  旭区's page links five
attachments (様式 PDFs and an XLSX) that are really the text samples, served
as ``application/pdf``: their format must come from the bytes.  ``/texts/``
serves the text samples as plain sources (UTF-8 with a BOM).  Every response has an ETag and a
Last-Modified and honours conditional requests, like the city's server.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
LAST_MODIFIED = "Mon, 10 Jun 2024 01:00:00 GMT"

WARDS = {
    "asahi": ("旭区", "0000533715", "004_b1ed0f419b735238.html", "令和3年度 旭区運営方針"),
    "higashisumiyoshi": ("東住吉区", "0000501795", "002_e3f0c9fdb4967de5.html", "令和2年度 東住吉区運営方針"),
    "kita": ("北区", "0000350991", "000_d74a2718fe52b5dd.html", "平成28年度北区運営方針"),
}
ASAHI_ATTACHMENTS = {
    "r3_youshiki1.pdf": "001_6f05623d10d2c3a2.txt",
    "r3_youshiki2.pdf": "003_4529f3860fd45dd0.txt",
    "r3_youshiki3.pdf": "000_d74a2718fe52b5dd.txt",
    "r3_youshiki5.pdf": "002_e3f0c9fdb4967de5.txt",
    "r3_youshiki1-3_5.xlsx": "004_b1ed0f419b735238.txt",
}
TEXTS = ["000_d74a2718fe52b5dd.txt", "001_6f05623d10d2c3a2.txt", "002_e3f0c9fdb4967de5.txt"]


def _index(title: str, links: list[tuple[str, str]]) -> bytes:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>大阪市：{title}</title></head>'
        f"<body><h1>{title}</h1><ul>{items}</ul></body></html>"
    ).encode()


@dataclass
class Site:
    """Paths → (content type, body); ``origin`` is filled in once the server's port is known."""

    origin: str
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)
    faults: dict[str, int] = field(default_factory=dict)
    """Paths answered with this status instead of their page (an outage of one page)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_request: Callable[[int], None] | None = None
    """Called with the number of requests so far (the kill-and-resume test kills a run from here)."""

    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self.requests[path] += 1
            self.log.append(path)
            count = len(self.log)
        if self.on_request is not None:
            self.on_request(count)
        if path in self.faults:
            return self.faults[path], {"Content-Type": "text/html"}, b"<html><body>failure</body></html>"
        if path not in self.pages:
            return 404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>"
        content_type, body = self.pages[path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        common = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if headers.get("If-None-Match") == etag:
            return 304, common, b""
        return 200, {**common, "Content-Type": content_type}, body

    def page_urls(self) -> list[str]:
        return [self.origin + p for p in sorted(self.pages)]


def build_site(origin: str) -> Site:
    """The mirror, with every absolute link to the city's site rewritten to ``origin``."""
    site = Site(origin)
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /*/private/\n")
    for slug, (ward, page_id, sample, title) in WARDS.items():
        html = (SAMPLES / sample).read_text(encoding="utf-8").replace("https://www.city.osaka.lg.jp", origin)
        site.pages[f"/{slug}/page/{page_id}.html"] = ("text/html; charset=utf-8", html.encode())
        for category in sorted(set(re.findall(rf"{re.escape(origin)}(/{slug}/category/[^\"]+\.html)", html))):
            # the page's breadcrumbs lead to the categories listing it
            site.pages[category] = (
                "text/html; charset=utf-8",
                _index("区の運営方針", [(f"/{slug}/page/{page_id}.html", title)]),
            )
        site.pages[f"/{slug}/"] = (
            "text/html; charset=utf-8",
            _index(
                f"{ward}役所",
                [
                    (f"/{slug}/category/1-0.html", "区政情報"),
                    (f"/{slug}/category/2-0.html", "イベント・講座"),
                    (f"/{slug}/page/0000000001.html", "お知らせ"),
                    ("/other/category/1-0.html", "区政情報 (他の部署)"),
                    ("https://offsite.invalid/unei.html", "運営方針 (外部)"),
                    (f"/{slug}/private/x.html", "運営方針 (非公開)"),
                ],
            ),
        )
        site.pages[f"/{slug}/category/1-0.html"] = (
            "text/html; charset=utf-8",
            _index(
                "区政情報",
                [(f"/{slug}/category/1-1.html", "区の運営方針"), (f"/{slug}/category/1-2.html", "区政会議")],
            ),
        )
        site.pages[f"/{slug}/category/1-1.html"] = (
            "text/html; charset=utf-8",
            _index("区の運営方針", [(f"/{slug}/page/{page_id}.html", title)]),
        )
        site.pages[f"/{slug}/category/1-2.html"] = ("text/html; charset=utf-8", _index("区政会議", []))
        site.pages[f"/{slug}/category/2-0.html"] = ("text/html; charset=utf-8", _index("イベント", []))
        site.pages[f"/{slug}/page/0000000001.html"] = ("text/html; charset=utf-8", _index("お知らせ", []))
    for name, sample in ASAHI_ATTACHMENTS.items():
        path = f"/asahi/cmsfiles/contents/0000533/533715/{name}"
        site.pages[path] = ("application/pdf", (SAMPLES / sample).read_bytes())
    for name in TEXTS:
        # with a byte-order mark: not the same bytes as the attachments made of the same samples
        site.pages[f"/texts/{name}"] = ("text/plain", codecs.BOM_UTF8 + (SAMPLES / name).read_bytes())
    return site
