"""Links in an HTML page, resolved the way a browser resolves them.

The city's CMS sets ``<base href>`` to the section folder, so ``./cmsfiles/…``
must be resolved against it, not against the page URL.  Link text is NFKC
folded so ``（PDF形式，877.40KB）`` and ``(PDF形式, 877.40KB)`` look alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..formats.encoding import decode_bytes
from .charset import declared_charset

__all__ = ["Link", "Page", "is_attachment", "read_page"]

_ATTACHMENT_TEXT_RE = re.compile(r"\((?:PDF|XLSX)形式", re.IGNORECASE)
_ATTACHMENT_SUFFIXES = (".pdf", ".xlsx")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Link:
    """A link of a page: its absolute URL (fragment dropped) and its text."""

    url: str
    text: str


@dataclass(frozen=True, slots=True)
class Page:
    """What discovery needs from a page: its title and its links, in document order."""

    title: str
    links: tuple[Link, ...]


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


@lru_cache(maxsize=8192)
def _resolve(base: str, href: str) -> str | None:
    """The absolute http(s) URL ``href`` points to from a page with this base, without its fragment.

    Memoised because every page of a site repeats the same navigation links,
    and resolving them was most of the time it took to read a page.

    >>> _resolve("https://h/kita/", "./page/1.html#top"), _resolve("https://h/kita/", "ftp://h/x")
    ('https://h/kita/page/1.html', None)
    """
    absolute = urldefrag(urljoin(base, href)).url
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def read_page(body: bytes, url: str, content_type: str | None = None) -> Page:
    """Title and absolute http(s) links of an HTML page (fragments dropped, duplicates kept once).

    Elements are looked up by tag name (``tags``), not with CSS selectors: on a
    freshly parsed tree each selector query cost about half as much as parsing
    the page, and these four queries were most of the time it took to read one.
    """
    text, _, _ = decode_bytes(body, url, declared_charset(content_type, body), lenient=True)
    tree = LexborHTMLParser(text)
    base = url
    base_href = next((h for node in tree.tags("base") if (h := node.attributes.get("href"))), None)
    if base_href:
        base = urljoin(url, base_href.strip())
    titles = [next(iter(tree.tags(tag)), None) for tag in ("title", "h1")]
    title = " ".join(_fold(node.text(deep=True)) for node in titles if node is not None)
    links: list[Link] = []
    seen: set[str] = set()
    for node in tree.tags("a"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = _resolve(base, href)
        if absolute is None or absolute in seen:
            continue
        seen.add(absolute)
        links.append(Link(absolute, _fold(node.text(deep=True, separator=""))))
    return Page(title=title, links=tuple(links))


def is_attachment(link: Link) -> bool:
    """A PDF or XLSX attachment: ``(PDF形式, …)`` / ``(XLSX形式, …)`` in its text, or the file suffix.

    >>> is_attachment(Link("https://x/a/r3_youshiki1.pdf", "様式1"))
    True
    >>> is_attachment(Link("https://x/a/file", "様式2（XLSX形式，652.01KB）"))
    True
    >>> is_attachment(Link("https://x/a/page/1.html", "令和3年度 旭区運営方針"))
    False
    """
    path = urlsplit(link.url).path.lower()
    return path.endswith(_ATTACHMENT_SUFFIXES) or bool(_ATTACHMENT_TEXT_RE.search(_fold(link.text)))
