"""From a parsed HTML subtree to the block stream the layouts read.

The conventions are the text reader's, so one grammar reads both formats:

- ``h1``–``h6`` are ``heading`` blocks with their ``level``; a paragraph whose
  text is all bold (``<p><strong>【区の目標】</strong></p>``) is a heading one
  level below the last real heading, because the CMS's editors often make
  section labels that way;
- ``p``, ``div`` and other block elements give ``paragraph`` blocks, one per
  ``<br>``-separated line (text renderings of the pages break lines there);
- ``li`` gives ``list_item`` blocks without any bullet glyph, ``level`` being
  the list nesting depth (1 for a top-level list);
- a data table gives one ``table_row`` per ``tr`` with its ``cells``, a cell's
  paragraphs joined by ``"\\n"``; a table used for page layout (one column, or
  headings inside) is read like a ``div``;
- a block whose text is one link carries the link's absolute ``href``.

Text is cleaned with :func:`extract.japanese.clean_text`.  Images, scripts,
styles and form controls are not text and are skipped, as is every element
the caller marks as boilerplate.

Each block's locator is a CSS selector of the element it came from (e.g.
``#mol_contents > div:nth-of-type(12) > p:nth-of-type(2)``): pasted into a
browser's ``document.querySelector`` it finds the block on the page.  The tree
is walked with an explicit stack, never by recursion, so nesting depth costs
memory, not the interpreter's stack.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from ..blocks import Block, BlockKind
from ..japanese import clean_text

__all__ = ["BlockWalker", "css_step", "text_of"]

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# elements that start a new block; everything else (known or not) flows inline, as browsers render it
# fmt: off
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main",
    "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
})
# fmt: on
# fmt: off
NOT_TEXT = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "img", "picture", "video", "audio", "source", "track", "map", "area", "input", "button", "select",
    "textarea", "option", "datalist", "head", "title", "meta", "link", "base", "rp", "rt",
})
# fmt: on
LISTS = frozenset({"ul", "ol", "menu"})
BOLD_TAGS = frozenset({"b", "strong"})
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
MAX_TABLE_NESTING = 6
"""Tables inside table cells deeper than this are read as plain text (bounds the reader's own recursion)."""

Skip = Callable[[LexborNode], bool]


def css_step(node: LexborNode, index: int, count: int) -> str:
    """One step of a locator: ``p``, or ``p:nth-of-type(2)`` when the parent has several ``p``."""
    tag = node.tag or "?"
    return f"{tag}:nth-of-type({index})" if count > 1 else tag


def _children_with_steps(node: LexborNode, path: str) -> list[tuple[LexborNode, str]]:
    """The node's children, each element with its locator (text nodes share the parent's)."""
    children: list[LexborNode] = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    counts = Counter(c.tag for c in children if c.is_element_node)
    seen: Counter[str | None] = Counter()
    out = []
    for c in children:
        if c.is_element_node:
            seen[c.tag] += 1
            out.append((c, f"{path} > {css_step(c, seen[c.tag], counts[c.tag])}"))
        else:
            out.append((c, path))
    return out


@dataclass(slots=True)
class _Piece:
    text: str
    bold: bool
    href: str | None


_BREAK = _Piece("\n", False, None)


@dataclass(slots=True)
class _Context:
    """An open block-level element collecting the inline text of its current line(s)."""

    kind: BlockKind
    level: int
    locator: str
    list_depth: int
    pre: bool = False
    pieces: list[_Piece] = field(default_factory=list)


@dataclass(slots=True)
class _Close:
    context: _Context


def _is_bold(node: LexborNode) -> bool:
    if node.tag in BOLD_TAGS:
        return True
    style = node.attributes.get("style")
    return bool(style and _BOLD_STYLE_RE.search(style))


class BlockWalker:
    """Walks subtrees of one page into blocks; ``skip`` says which elements are boilerplate."""

    def __init__(self, skip: Skip, base_url: str | None) -> None:
        self.skip = skip
        self.base_url = base_url
        self.last_heading = 1

    # ------------------------------------------------------------------ public

    def blocks(self, roots: Iterable[tuple[LexborNode, str]]) -> list[Block]:
        """Blocks of each ``(element, locator)`` in turn."""
        out: list[Block] = []
        for node, locator in roots:
            out.extend(self._walk([(node, locator)], _Context("paragraph", 0, locator, 0), 0))
        return out

    # ------------------------------------------------------------------ the walk

    def _walk(self, start: list[tuple[LexborNode, str]], root: _Context, table_depth: int) -> list[Block]:
        out: list[Block] = []
        contexts = [root]
        work: list[tuple[LexborNode, str, bool, str | None] | _Close] = [
            (node, path, False, None) for node, path in reversed(start)
        ]
        while work:
            item = work.pop()
            if isinstance(item, _Close):
                self._flush(item.context, out)
                contexts.pop()
                continue
            node, path, bold, href = item
            top = contexts[-1]
            if node.is_text_node:
                text = node.text_content or ""
                if top.pre and "\n" in text:
                    for i, line in enumerate(text.split("\n")):
                        if i:
                            top.pieces.append(_BREAK)
                        top.pieces.append(_Piece(line, bold, href))
                else:
                    top.pieces.append(_Piece(text, bold, href))
                continue
            tag = node.tag or ""
            if not node.is_element_node or tag in NOT_TEXT or self.skip(node):
                continue
            if tag == "br":
                top.pieces.append(_BREAK)
                continue
            children = _children_with_steps(node, path)
            if tag not in BLOCK:
                bold = bold or _is_bold(node)
                if tag == "a":
                    href = self._href(node) or href
                work.extend((c, p, bold, href) for c, p in reversed(children))
                continue
            self._flush(top, out)
            if tag == "table" and not self._is_layout_table(node):
                out.extend(self._table(node, path, table_depth))
                continue
            context = self._context_for(tag, top, path)
            contexts.append(context)
            work.append(_Close(context))
            work.extend((c, p, bold, href) for c, p in reversed(children))
        self._flush(root, out)
        return out

    def _context_for(self, tag: str, parent: _Context, path: str) -> _Context:
        if tag in HEADINGS:
            return _Context("heading", HEADINGS[tag], path, parent.list_depth)
        if tag in LISTS:
            return _Context(parent.kind, parent.level, path, parent.list_depth + 1)
        if tag == "li":
            return _Context("list_item", max(parent.list_depth, 1), path, max(parent.list_depth, 1))
        return _Context(parent.kind, parent.level, path, parent.list_depth, pre=parent.pre or tag == "pre")

    def _flush(self, context: _Context, out: list[Block]) -> None:
        """Emit the context's collected lines as blocks (one per ``<br>``-separated line)."""
        if not context.pieces:
            return
        line: list[_Piece] = []
        for piece in [*context.pieces, _BREAK]:
            if piece is not _BREAK:
                line.append(piece)
                continue
            block = self._line_block(context, line)
            if block is not None:
                out.append(block)
            line = []
        context.pieces.clear()

    def _line_block(self, context: _Context, line: list[_Piece]) -> Block | None:
        text = clean_text("".join(p.text for p in line))
        if not text:
            return None
        inked = [p for p in line if p.text.strip()]
        hrefs = {p.href for p in inked}
        href = hrefs.pop() if len(hrefs) == 1 else None
        kind, level = context.kind, context.level
        if kind == "heading":
            self.last_heading = level
        elif kind == "paragraph" and all(p.bold for p in inked):
            kind, level = "heading", min(self.last_heading + 1, 6)
        return Block(kind, text, context.locator, level=level, href=href)

    def _href(self, node: LexborNode) -> str | None:
        raw = (node.attributes.get("href") or "").strip()
        if not raw or raw.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        return urljoin(self.base_url, raw) if self.base_url else raw

    # ------------------------------------------------------------------ tables

    def _is_layout_table(self, table: LexborNode) -> bool:
        """A table used to lay out a page (one column, or headings in its cells), not data."""
        widest = 0
        for row in _rows(table):
            widest = max(widest, sum(1 for c in _element_children(row) if c.tag in ("td", "th")))
        return widest <= 1 or table.css_first("h1, h2, h3, h4, h5, h6") is not None

    def _table(self, table: LexborNode, path: str, depth: int) -> list[Block]:
        out: list[Block] = []
        for child, child_path in _children_with_steps(table, path):
            if child.tag == "caption" and not self.skip(child):
                out.extend(self._walk([(child, child_path)], _Context("paragraph", 0, child_path, 0), depth))
        for row, row_path in _row_paths(table, path):
            if self.skip(row):
                continue
            cells = [
                self._cell_text(cell, cell_path, depth)
                for cell, cell_path in _children_with_steps(row, row_path)
                if cell.tag in ("td", "th") and not self.skip(cell)
            ]
            if any(cells):
                shown = " | ".join(c.replace("\n", " ") for c in cells if c)
                out.append(Block("table_row", shown, row_path, cells=tuple(cells)))
        return out

    def _cell_text(self, cell: LexborNode, path: str, depth: int) -> str:
        if depth >= MAX_TABLE_NESTING:
            return clean_text(cell.text(deep=True, separator=" "))
        blocks = self._walk(_children_with_steps(cell, path), _Context("paragraph", 0, path, 0), depth + 1)
        lines = [" ".join(c for c in b.cells if c) if b.kind == "table_row" else b.text for b in blocks]
        return "\n".join(line for line in lines if line)


def _element_children(node: LexborNode) -> Iterable[LexborNode]:
    child = node.child
    while child is not None:
        if child.is_element_node:
            yield child
        child = child.next


def _rows(table: LexborNode) -> Iterable[LexborNode]:
    for row, _ in _row_paths(table, ""):
        yield row


def _row_paths(table: LexborNode, path: str) -> Iterable[tuple[LexborNode, str]]:
    """The table's own rows (not those of nested tables), in document order, with locators."""
    for child, child_path in _children_with_steps(table, path):
        if child.tag == "tr":
            yield child, child_path
        elif child.tag in ("thead", "tbody", "tfoot"):
            for row, row_path in _children_with_steps(child, child_path):
                if row.tag == "tr":
                    yield row, row_path


def text_of(node: LexborNode, skip: Skip) -> str:
    """The cleaned inline text of ``node`` (link texts, captions), boilerplate left out."""
    walker = BlockWalker(skip, None)
    blocks = walker.blocks([(node, "")])
    return clean_text(" ".join(b.text for b in blocks))
