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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from ..blocks import Block, BlockKind
from ..japanese import clean_text

__all__ = ["BlockWalker", "Locator", "text_of"]

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


class Locator:
    """A CSS selector built lazily: most elements never emit a block, so their paths are never spelt out."""

    __slots__ = ("_text", "count", "index", "parent", "tag")

    def __init__(self, parent: Locator | None, tag: str, index: int = 1, count: int = 1) -> None:
        self.parent = parent
        self.tag = tag
        self.index = index
        self.count = count
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            steps = []
            node: Locator | None = self
            while node is not None and node._text is None:
                steps.append(f"{node.tag}:nth-of-type({node.index})" if node.count > 1 else node.tag)
                node = node.parent
            if node is not None:
                steps.append(node._text or "")
            self._text = " > ".join(reversed(steps))
        return self._text

    @classmethod
    def root(cls, text: str) -> Locator:
        """A locator given in full (the region's own selector)."""
        loc = cls(None, text)
        loc._text = text
        return loc


def _children(node: LexborNode, path: Locator) -> list[tuple[LexborNode, str, Locator]]:
    """The node's children with their tags (``-text`` for text) and locators (text shares the parent's)."""
    kids: list[LexborNode] = []
    child = node.child
    while child is not None:
        kids.append(child)
        child = child.next
    tags = [c.tag or "-" for c in kids]
    counts: dict[str, int] = {}
    for tag in tags:
        counts[tag] = counts.get(tag, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for kid, tag in zip(kids, tags, strict=True):
        if tag[0] in "-!#":
            out.append((kid, tag, path))
            continue
        seen[tag] = seen.get(tag, 0) + 1
        out.append((kid, tag, Locator(path, tag, seen[tag], counts[tag])))
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
    locator: Locator
    list_depth: int
    pre: bool = False
    pieces: list[_Piece] = field(default_factory=list)


@dataclass(slots=True)
class _Close:
    context: _Context


def _is_bold(node: LexborNode, tag: str) -> bool:
    if tag in BOLD_TAGS:
        return True
    style = node.attributes.get("style")
    return bool(style and _BOLD_STYLE_RE.search(style))


_Work = tuple[LexborNode, str, Locator, bool, "str | None"] | _Close


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
        for node, text in roots:
            locator = Locator.root(text)
            start = [(node, node.tag or "-", locator)]
            out.extend(self._walk(start, _Context("paragraph", 0, locator, 0), 0))
        return out

    # ------------------------------------------------------------------ the walk

    def _walk(
        self, start: list[tuple[LexborNode, str, Locator]], root: _Context, table_depth: int
    ) -> list[Block]:
        out: list[Block] = []
        contexts = [root]
        work: list[_Work] = [(node, tag, path, False, None) for node, tag, path in reversed(start)]
        while work:
            item = work.pop()
            if isinstance(item, _Close):
                self._flush(item.context, out)
                contexts.pop()
                continue
            node, tag, path, bold, href = item
            top = contexts[-1]
            if tag == "-text":
                self._text(top, node.text_content or "", bold, href)
                continue
            if tag[0] in "-!#" or tag in NOT_TEXT or self.skip(node):
                continue
            if tag == "br":
                top.pieces.append(_BREAK)
                continue
            children = _children(node, path)
            if tag not in BLOCK:
                bold = bold or _is_bold(node, tag)
                if tag == "a":
                    href = self._href(node) or href
                work.extend((c, t, p, bold, href) for c, t, p in reversed(children))
                continue
            self._flush(top, out)
            if tag == "table" and not _is_layout_table(node, children):
                out.extend(self._table(children, table_depth))
                continue
            context = self._context_for(tag, top, path)
            contexts.append(context)
            work.append(_Close(context))
            work.extend((c, t, p, bold, href) for c, t, p in reversed(children))
        self._flush(root, out)
        return out

    @staticmethod
    def _text(context: _Context, text: str, bold: bool, href: str | None) -> None:
        if context.pre and "\n" in text:
            for i, line in enumerate(text.split("\n")):
                if i:
                    context.pieces.append(_BREAK)
                context.pieces.append(_Piece(line, bold, href))
        else:
            context.pieces.append(_Piece(text, bold, href))

    @staticmethod
    def _context_for(tag: str, parent: _Context, path: Locator) -> _Context:
        if tag in HEADINGS:
            return _Context("heading", HEADINGS[tag], path, parent.list_depth)
        if tag in LISTS:
            return _Context(parent.kind, parent.level, path, parent.list_depth + 1)
        if tag == "li":
            depth = max(parent.list_depth, 1)
            return _Context("list_item", depth, path, depth)
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
        return Block(kind, text, str(context.locator), level=level, href=href)

    def _href(self, node: LexborNode) -> str | None:
        raw = (node.attributes.get("href") or "").strip()
        if not raw or raw.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        return urljoin(self.base_url, raw) if self.base_url else raw

    # ------------------------------------------------------------------ tables

    def _table(self, children: list[tuple[LexborNode, str, Locator]], depth: int) -> list[Block]:
        out: list[Block] = []
        for child, tag, path in children:
            if tag == "caption" and not self.skip(child):
                out.extend(self._walk([(child, tag, path)], _Context("paragraph", 0, path, 0), depth))
        for row, row_path in _rows(children):
            if self.skip(row):
                continue
            cells = [
                self._cell_text(cell, cell_path, depth)
                for cell, tag, cell_path in _children(row, row_path)
                if tag in ("td", "th") and not self.skip(cell)
            ]
            if any(cells):
                shown = " | ".join(c.replace("\n", " ") for c in cells if c)
                out.append(Block("table_row", shown, str(row_path), cells=tuple(cells)))
        return out

    def _cell_text(self, cell: LexborNode, path: Locator, depth: int) -> str:
        if depth >= MAX_TABLE_NESTING:
            return clean_text(cell.text(deep=True, separator=" "))
        blocks = self._walk(_children(cell, path), _Context("paragraph", 0, path, 0), depth + 1)
        lines = [" ".join(c for c in b.cells if c) if b.kind == "table_row" else b.text for b in blocks]
        return "\n".join(line for line in lines if line)


def _rows(table_children: list[tuple[LexborNode, str, Locator]]) -> Iterator[tuple[LexborNode, Locator]]:
    """A table's own rows (not those of nested tables), in document order, with locators."""
    for child, tag, path in table_children:
        if tag == "tr":
            yield child, path
        elif tag in ("thead", "tbody", "tfoot"):
            for row, row_tag, row_path in _children(child, path):
                if row_tag == "tr":
                    yield row, row_path


def _is_layout_table(table: LexborNode, children: list[tuple[LexborNode, str, Locator]]) -> bool:
    """A table used to lay out a page (one column, or headings in its cells), not data."""
    widest = 0
    for row, row_path in _rows(children):
        widest = max(widest, sum(1 for _, tag, _ in _children(row, row_path) if tag in ("td", "th")))
        if widest > 1:
            break
    return widest <= 1 or table.css_first("h1, h2, h3, h4, h5, h6") is not None


def text_of(node: LexborNode, skip: Skip) -> str:
    """The cleaned inline text of ``node`` (link texts, captions), boilerplate left out."""
    blocks = BlockWalker(skip, None).blocks([(node, "")])
    return clean_text(" ".join(b.text for b in blocks))
