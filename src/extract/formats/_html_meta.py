"""Page metadata outside the body text: title, last update, page number, URL, attachments.

On the city's CMS these have fixed places (``#sub_h1_box h1``,
``div.page_day01``, ``div.page_num01``, ``div.mol_attachfileblock``); other
sites fall back to the first ``h1``, ``og:title`` / ``<title>``, and date
``<meta>`` tags.  Links are made absolute against ``<base href>`` (the CMS sets
it to the section folder, so ``./cmsfiles/…`` must not be resolved against the
page URL), else against the canonical URL; a page with neither keeps its
links as written, since readers never know where bytes were fetched from.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..blocks import LinkedFile, PageMeta
from ..eras import parse_date
from ..japanese import clean_text, fold
from ._html_blocks import text_of
from ._html_nodes import absolute
from ._html_page import Page, within_boilerplate

__all__ = ["parse_attachment_text", "read_meta"]

_SUFFIX_RE = re.compile(
    r"\s*\(\s*(?P<fmt>[A-Za-z][A-Za-z0-9]{1,4})\s*形式\s*"
    r"(?:[,、:]\s*(?P<size>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>KB|MB|GB|キロバイト|メガバイト|バイト|B)?\s*)?\)\s*$",
    re.IGNORECASE,
)
_UNIT_BYTES = {
    "B": 1,
    "バイト": 1,
    "KB": 1024,
    "キロバイト": 1024,
    "MB": 1024**2,
    "メガバイト": 1024**2,
    "GB": 1024**3,
}
_DOCUMENT_EXTENSIONS = frozenset(
    ["pdf", "xlsx", "xls", "xlsm", "docx", "doc", "csv", "zip", "pptx", "ppt", "ods", "odt", "txt"]
)
_PAGE_ID_RE = re.compile(r"ページ番号\s*:?\s*(?P<id>[0-9]{1,10})")
_CMS_PAGE_URL_RE = re.compile(r"/page/(?P<id>[0-9]{4,10})\.html?$")
# 大阪市：<title> （…>category>category） / 大阪市北区：<title> （…）
_CMS_TITLE_RE = re.compile(
    r"^\s*大阪市[^\s:：]{0,6}\s*[:：]\s*(?P<title>.*?)\s*(?:[（(]…[^（()）]*[)）])?\s*$"
)
_DATE_META = (
    'meta[property="article:modified_time"]',
    'meta[name="last-modified"]',
    'meta[name="dcterms.modified"]',
    'meta[name="date"]',
)


def read_meta(tree: LexborHTMLParser, page: Page) -> tuple[PageMeta, str | None]:
    """The page's metadata, and the URL its relative links resolve against."""
    page_url = _page_url(tree)
    base = _attr(tree.css_first("base[href]"), "href")
    base_url = urljoin(page_url or "", base) if base else page_url
    meta = PageMeta(
        title=_title(tree, page),
        updated_on=_updated_on(tree, page),
        page_id=_page_id(tree, page, page_url),
        url=page_url,
        attachments=_attachments(tree, page, base_url),
    )
    return meta, base_url


def _attr(node: LexborNode | None, name: str) -> str | None:
    if node is None:
        return None
    value = node.attributes.get(name)
    return value.strip() if value and value.strip() else None


def _page_url(tree: LexborHTMLParser) -> str | None:
    """The canonical URL: ``<link rel=canonical>``, else ``og:url`` (absolute ones only)."""
    for node, name in (
        (tree.css_first('link[rel="canonical"]'), "href"),
        (tree.css_first('meta[property="og:url"]'), "content"),
    ):
        url = _attr(node, name)
        if url and urlsplit(url).scheme in ("http", "https"):
            return url
    return None


def _title(tree: LexborHTMLParser, page: Page) -> str | None:
    h1 = tree.css_first("#sub_h1_box h1") if page.cms else None
    if h1 is None:
        h1 = next((h for h in tree.css("h1") if not within_boilerplate(h, page.skip)), None)
    if h1 is not None:
        text = clean_text(h1.text(deep=True, separator=""))
        if text:
            return text
    og = _attr(tree.css_first('meta[property="og:title"]'), "content")
    if og:
        return clean_text(og)
    title = tree.css_first("title")
    if title is None:
        return None
    text = clean_text(title.text())
    if page.cms and (m := _CMS_TITLE_RE.match(text)):
        text = m.group("title")
    return text or None


def _updated_on(tree: LexborHTMLParser, page: Page) -> _dt.date | None:
    day = tree.css_first("div.page_day01")
    if day is not None:
        found = parse_date(clean_text(day.text()))
        if found:
            return found
    for selector in _DATE_META:
        value = _attr(tree.css_first(selector), "content")
        if value:
            try:
                return _dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _page_id(tree: LexborHTMLParser, page: Page, page_url: str | None) -> str | None:
    number = tree.css_first("div.page_num01")
    if number is not None:
        m = _PAGE_ID_RE.search(fold(clean_text(number.text())))
        if m:
            return m.group("id")
    if page.cms and page_url and (m := _CMS_PAGE_URL_RE.search(urlsplit(page_url).path)):
        return str(int(m.group("id")))
    return None


def _attachments(tree: LexborHTMLParser, page: Page, base_url: str | None) -> list[LinkedFile]:
    if page.cms:
        links = [a for block in tree.css("div.mol_attachfileblock") for a in block.css("a[href]")]
    else:
        links = page.content.css("a[href]")
    out: list[LinkedFile] = []
    seen: set[tuple[str | None, str]] = set()
    for link in links:
        if within_boilerplate(link, page.skip):
            continue
        href = _attr(link, "href")
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = absolute(base_url, href) if base_url else href
        attachment = parse_attachment_text(text_of(link, page.skip), url)
        if attachment is None or (not page.cms and attachment.size_bytes is None and not _is_document(url)):
            continue
        key = (attachment.url, attachment.title)
        if key not in seen:
            seen.add(key)
            out.append(attachment)
    return out


def _is_document(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return "." in path.rsplit("/", 1)[-1] and path.rsplit(".", 1)[-1] in _DOCUMENT_EXTENSIONS


def parse_attachment_text(text: str, url: str | None) -> LinkedFile | None:
    """An attachment from a link text such as ``様式2 …(PDF形式, 1.05MB)`` (1 KB = 1024 bytes).

    >>> a = parse_attachment_text("様式2 重点的に取り組む主な経営課題(PDF形式, 1.05MB)", "https://x/y.pdf")
    >>> (a.title, a.format, a.size_bytes)
    ('様式2 重点的に取り組む主な経営課題', 'PDF', 1101005)
    >>> parse_attachment_text("資料（XLSX形式，11.82KB）", None).size_bytes
    12104
    >>> parse_attachment_text("plan.pdf", "https://x/plan.pdf").format
    'PDF'
    """
    text = clean_text(text)
    m = _SUFFIX_RE.search(fold(text))
    fmt: str | None = None
    size: int | None = None
    if m:
        title = text[: m.start()].strip()
        fmt = m.group("fmt").upper()
        size = _size_bytes(m.group("size"), m.group("unit"))
    else:
        title = text
    if url and not fmt and _is_document(url):
        fmt = urlsplit(url).path.rsplit(".", 1)[-1].upper()
    if not title and url:
        title = urlsplit(url).path.rsplit("/", 1)[-1]
    if not title:
        return None
    return LinkedFile(title=title, url=url, format=fmt, size_bytes=size)


def _size_bytes(size: str | None, unit: str | None) -> int | None:
    if not size:
        return None
    try:
        value = Decimal(size.replace(",", ""))
    except InvalidOperation:
        return None
    factor = _UNIT_BYTES.get(unit.upper() if unit and unit.isascii() else (unit or "B"), 1)
    return round(value * factor)
