"""Discovering 運営方針 pages from ward index and category pages.

The rule, breadth first from each start URL up to ``depth`` links away:

- only links on the start URL's host and inside its section (the first path
  segment: ``/kita/`` for ``https://www.city.osaka.lg.jp/kita/``) are followed;
- a link whose text matches ``documents`` (運営方針 by default) is fetched; the
  page it leads to is a *document* unless its URL is an index page
  (``/category/``, a folder, ``index.html``), which is searched in turn;
- an index-page link whose text matches ``navigation`` (区政, 運営, 方針, 計画,
  施策 …) is searched too: that is how a ward's top page leads, through
  区政情報, to the category listing every year's 運営方針;
- a fetched page whose title matches ``documents`` is a document too;
- links robots.txt disallows are skipped (not failures);
- a document's PDF/XLSX attachments are the links whose text says
  ``(PDF形式, …)`` / ``(XLSX形式, …)`` or whose path ends in .pdf/.xlsx.

Results come in discovery order, which depends only on the pages, never on
timing, so two crawls of the same site list the same documents in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from .._logging import logger
from ..formats.detect import sniff_format
from ..sites import OSAKA
from ._config import origin_of
from ._errors import FetchError, RobotsDisallowed
from .fetcher import Fetched, Fetcher
from .links import Link, Page, is_attachment, read_page

__all__ = [
    "DEFAULT_DEPTH",
    "DOCUMENT_PATTERN",
    "NAVIGATION_PATTERN",
    "CrawlResult",
    "CrawlSpec",
    "Found",
    "discover",
    "osaka_start_urls",
]

DEFAULT_DEPTH = 4
DOCUMENT_PATTERN = "運営方針"
NAVIGATION_PATTERN = "区政|運営|方針|計画|施策|予算"


def osaka_start_urls() -> list[str]:
    """The top pages of Osaka City's 24 wards, in the city's ward order.

    >>> osaka_start_urls()[:2]
    ['https://www.city.osaka.lg.jp/kita/', 'https://www.city.osaka.lg.jp/miyakojima/']
    >>> len(osaka_start_urls())
    24
    """
    return OSAKA.ward_top_pages()


@dataclass(frozen=True, slots=True)
class CrawlSpec:
    """Where to start and how far to go."""

    start: tuple[str, ...]
    depth: int = DEFAULT_DEPTH
    follow_attachments: bool = True
    documents: str = DOCUMENT_PATTERN
    navigation: str = NAVIGATION_PATTERN


@dataclass(slots=True)
class Found:
    """A document page or an attachment, with the response when discovery already fetched it."""

    url: str
    kind: Literal["page", "attachment"]
    depth: int
    parent: str | None = None
    text: str = ""
    """The link text (or the page title) it was found by."""
    fetched: Fetched | None = None
    error: FetchError | None = None
    via: str | None = None
    """The page whose link led here (a page's index page; an attachment's page)."""


@dataclass(slots=True)
class CrawlResult:
    """What one crawl found, what it read in full, and what it could not read."""

    found: list[Found] = field(default_factory=list)
    """Documents in discovery order, each followed by its attachments."""
    index_pages: list[str] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    """Every page fetched and read whole this run: a link missing from one of them is really gone."""
    failures: list[FetchError] = field(default_factory=list)
    """Index pages that could not be fetched or read (documents keep their own error)."""


@dataclass(frozen=True, slots=True)
class _Link:
    """A link to visit: where it goes, its text, whether its text named a document, where it was."""

    url: str
    text: str
    as_document: bool
    via: str | None


def _section(url: str) -> str:
    """The folder a crawl from ``url`` stays in: its first path segment.

    >>> _section("https://www.city.osaka.lg.jp/kita/"), _section("https://h/kita/category/1.html")
    ('/kita/', '/kita/')
    >>> _section("https://h/index.html"), _section("https://h")
    ('/', '/')
    """
    path = urlsplit(url).path or "/"
    segments = [p for p in path.split("/") if p]
    if not segments or (len(segments) == 1 and not path.endswith("/")):
        return "/"
    return f"/{segments[0]}/"


def _is_index(url: str) -> bool:
    path = urlsplit(url).path
    return "/category/" in path or path.endswith(("/", "/index.html", "/index.htm")) or not path


class _Crawl:
    def __init__(self, fetcher: Fetcher, spec: CrawlSpec) -> None:
        self.fetcher = fetcher
        self.spec = spec
        self.documents = re.compile(spec.documents)
        self.navigation = re.compile(spec.navigation)
        self.result = CrawlResult()
        self.seen: set[str] = set()
        self.scopes: dict[str, tuple[str, ...]] = {}  # origin → the sections crawled on it
        for u in spec.start:
            sections = self.scopes.get(origin_of(u), ())
            if _section(u) not in sections:
                self.scopes[origin_of(u)] = (*sections, _section(u))

    def in_scope(self, url: str) -> bool:
        sections = self.scopes.get(origin_of(url))
        return sections is not None and (urlsplit(url).path or "/").startswith(sections)

    async def run(self) -> CrawlResult:
        level: list[_Link] = []
        for url in self.spec.start:
            if url not in self.seen:
                self.seen.add(url)
                level.append(_Link(url, "", False, None))
        for depth in range(self.spec.depth + 1):
            following: list[_Link] = []
            for link in level:
                following.extend(await self.visit(link, depth))
            level = following
            if not level:
                break
        return self.result

    async def visit(self, link: _Link, depth: int) -> list[_Link]:
        url, text, as_document = link.url, link.text, link.as_document
        index = _is_index(url) or depth == 0
        try:
            fetched = await self.fetcher.get(url)
        except RobotsDisallowed as exc:  # the site asked crawlers to stay away: not a failure
            logger.info("%s: skipped: %s", url, exc.message)
            return []
        except FetchError as exc:
            if as_document and not index:
                self.result.found.append(Found(url, "page", depth, text=text, error=exc, via=link.via))
            else:
                self.result.failures.append(exc)
            return []
        page = self._page(fetched)
        title = page.title if page else ""
        is_document = not index and (as_document or bool(self.documents.search(title)))
        if is_document:
            self.result.found.append(
                Found(url, "page", depth, text=text or title, fetched=fetched, via=link.via)
            )
            if page is not None and self.spec.follow_attachments:
                self._attachments(url, page.links, depth)
        elif index:
            self.result.index_pages.append(url)
        if page is not None:
            self.result.read.add(url)
        if page is None or depth >= self.spec.depth:
            return []
        return list(self._next(page.links, index, url))

    def _page(self, fetched: Fetched) -> Page | None:
        try:
            if sniff_format(fetched.content, fetched.url) != "html":
                return None
            return read_page(fetched.content, fetched.url, fetched.content_type)
        except Exception:  # undecodable or hostile markup only ends discovery below this page
            return None

    def _attachments(self, parent: str, links: Iterable[Link], depth: int) -> None:
        for link in links:  # only what a run would fetch: the page's own origin
            if is_attachment(link) and link.url not in self.seen and origin_of(link.url) == origin_of(parent):
                self.seen.add(link.url)
                self.result.found.append(
                    Found(link.url, "attachment", depth + 1, parent=parent, text=link.text, via=parent)
                )

    def _next(self, links: Iterable[Link], from_index: bool, via: str) -> Iterable[_Link]:
        for link in links:
            if link.url in self.seen or not self.in_scope(link.url) or is_attachment(link):
                continue
            if self.documents.search(link.text):
                self.seen.add(link.url)
                yield _Link(link.url, link.text, True, via)
            elif from_index and _is_index(link.url) and self.navigation.search(link.text):
                self.seen.add(link.url)
                yield _Link(link.url, link.text, False, via)


async def discover(fetcher: Fetcher, spec: CrawlSpec) -> CrawlResult:
    """Every document (and attachment) reachable under ``spec``; start hosts are allowed on ``fetcher``."""
    for url in spec.start:
        fetcher.allow(url)
    return await _Crawl(fetcher, spec).run()
