"""Where a page's content is, and which of its elements are template furniture.

Pages of Osaka City's CMS (www.city.osaka.lg.jp, recognised by its
``#mol_contents`` element, which a saved copy keeps even without a URL) put the
title in ``#sub_h1_box h1`` and the body in ``#mol_contents``, a flat sequence
of blocks; the contact block (このページの作成者・問合せ先) follows outside it.
Everything else is template: skip-link images, header, breadcrumbs, the side
column, the footer, and inside the body the anchor spacers, the CC BY and
Adobe Reader notices and the 別ウィンドウで開く icons.

Other sites get a generic rule: the first of the usual main-content
containers (``main``, ``[role=main]``, ``#contents``, …) or the body, without
navigation, asides, footers and breadcrumbs, preceded by the page's ``h1``
when that sits outside the container.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ._html_nodes import Boilerplate

__all__ = ["Page", "css_path", "locate_content", "within_boilerplate"]

CMS_BOILERPLATE = (
    "#header, #pankuzu, #foot_pankuzu, #page_right_box, #footer, "
    "a.mol_anchor_name, ul.mol_ccbytop, dl.mol_adobe, dl.mol_filesup, span.window"
)
GENERIC_BOILERPLATE = (
    "nav, aside, footer, body > header, [role=navigation], [role=banner], [role=contentinfo], "
    "[role=complementary], [role=search], [hidden], [aria-hidden=true], "
    "#header, #footer, #pankuzu, #topicpath, .topicpath, #breadcrumb, #breadcrumbs, .breadcrumb, "
    ".breadcrumbs, #sidebar, .sidebar, #side, #skip, .skip"
)
MAIN_CANDIDATES = (
    "main",
    "[role=main]",
    "#tmp_contents",
    "#main_body",
    "#contents",
    "#content",
    "#main",
    "article",
)
_SIMPLE_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(slots=True)
class Page:
    """The parts of a page that hold its content, in reading order, and the boilerplate test."""

    cms: bool
    regions: list[tuple[LexborNode, str]]
    """``(element, locator)`` pairs: the title heading, the body, the contact block."""
    content: LexborNode
    skip: Boilerplate


def locate_content(tree: LexborHTMLParser) -> Page:
    """The content regions of ``tree`` under the CMS rule or, failing that, the generic one."""
    body = tree.css_first("#mol_contents")
    if body is not None:
        return _cms_page(tree, body)
    return _generic_page(tree)


def _skipper(tree: LexborHTMLParser, selector: str) -> Boilerplate:
    return Boilerplate(frozenset(node.mem_id for node in tree.css(selector)))


def _cms_page(tree: LexborHTMLParser, body: LexborNode) -> Page:
    skip = _skipper(tree, CMS_BOILERPLATE)
    regions: list[tuple[LexborNode, str]] = []
    title = tree.css_first("#sub_h1_box h1") or _first_outside(tree.css("h1"), body)
    if title is not None:
        regions.append((title, css_path(title)))
    regions.append((body, css_path(body)))
    contacts = [
        c for c in tree.css("div.mol_con") if not _inside(c, body) and not within_boilerplate(c, skip)
    ]
    regions.extend((c, css_path(c)) for c in contacts)
    return Page(cms=True, regions=regions, content=body, skip=skip)


def _generic_page(tree: LexborHTMLParser) -> Page:
    skip = _skipper(tree, GENERIC_BOILERPLATE)
    root: LexborNode | None = None
    for selector in MAIN_CANDIDATES:
        found = [n for n in tree.css(selector) if not within_boilerplate(n, skip)]
        if found and (selector != "article" or len(found) == 1) and found[0].text(strip=True):
            root = found[0]
            break
    if root is None:
        root = tree.body or tree.root
    regions: list[tuple[LexborNode, str]] = []
    if root is not None:
        title = _first_outside([h for h in tree.css("h1") if not within_boilerplate(h, skip)], root)
        if title is not None and root.css_first("h1") is None:
            regions.append((title, css_path(title)))
        regions.append((root, css_path(root)))
    assert root is not None, "lexbor always builds a document root"
    return Page(cms=False, regions=regions, content=root, skip=skip)


def within_boilerplate(node: LexborNode, skip: Callable[[LexborNode], bool]) -> bool:
    """True when ``node`` or one of its ancestors is template furniture."""
    current: LexborNode | None = node
    while current is not None:
        if skip(current):
            return True
        current = current.parent
    return False


def _inside(node: LexborNode, ancestor: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False


def _first_outside(nodes: list[LexborNode], container: LexborNode) -> LexborNode | None:
    for node in nodes:
        if not _inside(node, container):
            return node
    return None


def css_path(node: LexborNode) -> str:
    """A selector that finds ``node``: from the nearest ancestor with a plain id, else from ``body``.

    ``#mol_contents``, ``#sub_h1_box > h1``, ``body > div:nth-of-type(2) > main``.
    """
    steps: list[str] = []
    current: LexborNode | None = node
    while current is not None and current.is_element_node:
        tag = current.tag or ""
        node_id = current.attributes.get("id")
        if node_id and _SIMPLE_ID_RE.match(node_id):
            steps.append(f"#{node_id}")
            break
        if tag in ("body", "html"):
            steps.append(tag)
            break
        steps.append(_step_among_siblings(current))
        current = current.parent
    return " > ".join(reversed(steps))


def _step_among_siblings(node: LexborNode) -> str:
    tag = node.tag or ""
    parent = node.parent
    if parent is None:
        return tag
    index = count = 0
    child = parent.child
    while child is not None:
        if child.is_element_node and child.tag == tag:
            count += 1
            if child.mem_id == node.mem_id:
                index = count
        child = child.next
    return f"{tag}:nth-of-type({index})" if count > 1 else tag
