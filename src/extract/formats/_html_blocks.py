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

The walk is written for speed: it runs once per node of every page, so the
questions it puts to lexbor go through :mod:`._html_nodes`, the children of an
element go straight onto the work stack (comments and elements that are never
text only counted for ``nth-of-type``, never stacked), an open element's
context is its own end marker, and a line with no bold piece and no link is
emitted without looking at its pieces one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from selectolax.lexbor import LexborNode

from ..blocks import Block, BlockKind
from ..japanese import clean_text
from ._html_nodes import Boilerplate, Locator, TagNames, absolute

__all__ = ["BlockWalker", "Boilerplate", "Locator", "text_of"]

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

_Child = tuple[LexborNode, str, Locator]
"""A child node, its tag (``-text`` for text) and its locator (text shares its parent's)."""
_Item = tuple[LexborNode, str, Locator, bool, "str | None"]
"""Work: a node, its tag, its locator, whether it is inside bold, the link it is inside."""
_Piece = tuple[str, bool, "str | None"]
"""A run of inline text: the text, whether it is bold, the link it is part of."""
_BREAK: _Piece = ("\n", False, None)
"""A ``<br>``: told apart from a text node of one newline by identity, never by value."""


class _Context:
    """An open block-level element collecting the inline text of its current line(s)."""

    __slots__ = ("breaks", "kind", "level", "list_depth", "locator", "marked", "pieces", "pre")

    def __init__(
        self, kind: BlockKind, level: int, locator: Locator, list_depth: int, pre: bool = False
    ) -> None:
        self.kind: BlockKind = kind
        self.level = level
        self.locator = locator
        self.list_depth = list_depth
        self.pre = pre
        self.pieces: list[_Piece] = []
        self.breaks = 0
        """How many of ``pieces`` are ``_BREAK``."""
        self.marked = False
        """Whether a piece is bold or a link: lines without either need no per-piece look."""


def _bold_style(style: str | None) -> bool:
    return bool(style and _BOLD_STYLE_RE.search(style))


_OWN_CONTEXT = frozenset({*HEADINGS, *LISTS, "li", "pre"})
"""Elements whose context is not simply their parent's (see :func:`_context_for`)."""


def _context_for(tag: str, parent: _Context, path: Locator) -> _Context:
    if tag in HEADINGS:
        return _Context("heading", HEADINGS[tag], path, parent.list_depth)
    if tag in LISTS:
        return _Context(parent.kind, parent.level, path, parent.list_depth + 1)
    if tag == "li":
        depth = max(parent.list_depth, 1)
        return _Context("list_item", depth, path, depth)
    return _Context(parent.kind, parent.level, path, parent.list_depth, pre=parent.pre or tag == "pre")


class BlockWalker:
    """Walks subtrees of one page into blocks; ``skip`` says which elements are boilerplate."""

    def __init__(self, skip: Boilerplate, base_url: str | None) -> None:
        self.skip = skip
        self.base_url = base_url
        self.last_heading = 1
        self.names = TagNames()

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

    def _children(self, node: LexborNode, path: Locator) -> list[_Child]:
        """The node's children with their tags and locators (``nth-of-type`` among same-tag siblings)."""
        kids, counts = self.names.kids(node)
        if not counts:
            return [(kid, tag, path) for kid, tag in kids]
        seen: dict[str, int] = {}
        out: list[_Child] = []
        for kid, tag in kids:
            if tag[0] in "-!#":
                out.append((kid, tag, path))
                continue
            index = seen[tag] = seen.get(tag, 0) + 1
            out.append((kid, tag, Locator(path, tag, index, counts)))
        return out

    def _walk(self, start: list[_Child], root: _Context, table_depth: int) -> list[Block]:
        out: list[Block] = []
        contexts = [root]
        top = root
        ids = self.skip.ids
        names = self.names.known
        work: list[_Item | _Context] = [(node, tag, path, False, None) for node, tag, path in reversed(start)]
        pop, push = work.pop, work.append
        while work:
            item = pop()
            if type(item) is _Context:  # the end of its element
                if item.pieces:
                    self._flush(item, out)
                contexts.pop()
                top = contexts[-1]
                continue
            node, tag, path, bold, href = item  # type: ignore[misc]  # not a _Context: the test above
            if tag == "-text":
                text = node.text_content or ""
                if not top.pieces and text.isspace():
                    continue  # whitespace opening a line is stripped from it (the source's indentation)
                if top.pre and "\n" in text:
                    for i, line in enumerate(text.split("\n")):
                        if i:
                            top.pieces.append(_BREAK)
                            top.breaks += 1
                        top.pieces.append((line, bold, href))
                else:
                    top.pieces.append((text, bold, href))
                if bold or href:
                    top.marked = True
                continue
            if tag[0] in "-!#" or tag in NOT_TEXT or node.mem_id in ids:
                continue
            if tag == "br":
                top.pieces.append(_BREAK)
                top.breaks += 1
                continue
            if tag not in BLOCK:
                if tag == "a":
                    attributes = node.attributes
                    bold = bold or _bold_style(attributes.get("style"))
                    href = self._href(attributes.get("href")) or href
                elif not bold:
                    bold = tag in BOLD_TAGS or _bold_style(node.attributes.get("style"))
            else:
                if top.pieces:
                    self._flush(top, out)
                if tag == "table":
                    children = self._children(node, path)
                    if not self._is_layout_table(node, children):
                        out.extend(self._table(children, table_depth))
                        continue
                if node.child is None:
                    continue  # its context would collect nothing
                if tag in _OWN_CONTEXT:
                    top = _context_for(tag, top, path)
                else:
                    top = _Context(top.kind, top.level, path, top.list_depth, top.pre)
                contexts.append(top)
                push(top)
            # the children in one pass, then stacked last first; comments and non-text elements
            # are only counted for nth-of-type
            counts: dict[str, int] = {}
            batch: list[_Item | _Context] = []
            child = node.child
            while child is not None:
                kid_tag = names.get(child.tag_id)
                if kid_tag is None:
                    kid_tag = self.names.name(child)
                if kid_tag == "-text":
                    batch.append((child, kid_tag, path, bold, href))
                elif kid_tag[0] not in "-!#":
                    index = counts[kid_tag] = counts.get(kid_tag, 0) + 1
                    if kid_tag not in NOT_TEXT:
                        batch.append((child, kid_tag, Locator(path, kid_tag, index, counts), bold, href))
                child = child.next
            batch.reverse()
            work += batch
        if root.pieces:
            self._flush(root, out)
        return out

    def _flush(self, context: _Context, out: list[Block]) -> None:
        """Emit the context's collected lines as blocks (one per ``<br>``-separated line)."""
        pieces = context.pieces
        if not context.breaks:
            block = self._line_block(context, pieces)
            if block is not None:
                out.append(block)
        else:
            line: list[_Piece] = []
            for piece in [*pieces, _BREAK]:
                if piece is not _BREAK:
                    line.append(piece)
                    continue
                block = self._line_block(context, line)
                if block is not None:
                    out.append(block)
                line = []
        context.pieces = []
        context.breaks = 0
        context.marked = False

    def _line_block(self, context: _Context, line: list[_Piece]) -> Block | None:
        text = clean_text(line[0][0] if len(line) == 1 else "".join([p[0] for p in line]))
        if not text:
            return None
        kind, level = context.kind, context.level
        href = None
        inked: list[_Piece] = []
        if context.marked:  # otherwise no piece is bold (so not all are) and none has a link
            inked = [p for p in line if p[0].strip()]
            hrefs = {p[2] for p in inked}
            href = hrefs.pop() if len(hrefs) == 1 else None
        if kind == "heading":
            self.last_heading = level
        elif kind == "paragraph" and inked and all(p[1] for p in inked):
            kind, level = "heading", min(self.last_heading + 1, 6)
        return Block(kind, text, str(context.locator), level, (), href)

    def _href(self, value: str | None) -> str | None:
        raw = (value or "").strip()
        if not raw or raw.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        return absolute(self.base_url, raw) if self.base_url else raw

    # ------------------------------------------------------------------ tables

    def _table(self, children: list[_Child], depth: int) -> list[Block]:
        out: list[Block] = []
        for child, tag, path in children:
            if tag == "caption" and not self.skip(child):
                out.extend(self._walk([(child, tag, path)], _Context("paragraph", 0, path, 0), depth))
        for row, row_path in self._rows(children):
            if self.skip(row):
                continue
            cells = [
                self._cell_text(cell, cell_path, depth)
                for cell, tag, cell_path in self._children(row, row_path)
                if tag in ("td", "th") and not self.skip(cell)
            ]
            if any(cells):
                shown = " | ".join(c.replace("\n", " ") for c in cells if c)
                out.append(Block("table_row", shown, str(row_path), cells=tuple(cells)))
        return out

    def _cell_text(self, cell: LexborNode, path: Locator, depth: int) -> str:
        if depth >= MAX_TABLE_NESTING:
            return clean_text(cell.text(deep=True, separator=" "))
        blocks = self._walk(self._children(cell, path), _Context("paragraph", 0, path, 0), depth + 1)
        lines = [" ".join(c for c in b.cells if c) if b.kind == "table_row" else b.text for b in blocks]
        return "\n".join(line for line in lines if line)

    def _rows(self, table_children: list[_Child]) -> Iterator[tuple[LexborNode, Locator]]:
        """A table's own rows (not those of nested tables), in document order, with locators."""
        for child, tag, path in table_children:
            if tag == "tr":
                yield child, path
            elif tag in ("thead", "tbody", "tfoot"):
                for row, row_tag, row_path in self._children(child, path):
                    if row_tag == "tr":
                        yield row, row_path

    def _is_layout_table(self, table: LexborNode, children: list[_Child]) -> bool:
        """A table used to lay out a page (one column, or headings in its cells), not data."""
        widest = 0
        for row, row_path in self._rows(children):
            widest = max(widest, sum(1 for _, tag, _ in self._children(row, row_path) if tag in ("td", "th")))
            if widest > 1:
                break
        return widest <= 1 or table.css_first("h1, h2, h3, h4, h5, h6") is not None


def text_of(node: LexborNode, skip: Boilerplate) -> str:
    """The cleaned inline text of ``node`` (link texts, captions), boilerplate left out.

    A subtree of text and inline elements only (a link's, nearly always) is one line of
    one block, so its text is gathered directly; anything else goes through the walk.
    """
    names = TagNames()
    texts: list[str] = []
    stack = [(node, node.tag or "-")]
    while stack:
        current, tag = stack.pop()
        if tag == "-text":
            texts.append(current.text_content or "")
            continue
        if tag[0] in "-!#" or tag in NOT_TEXT or current.mem_id in skip.ids:
            if current is node:
                break  # the walk decides what an unreadable root gives
            continue
        if tag == "br" or tag in BLOCK:
            break
        stack.extend(reversed(names.kids(current)[0]))
    else:
        return clean_text(clean_text("".join(texts)))
    blocks = BlockWalker(skip, None).blocks([(node, "")])
    return clean_text(" ".join(b.text for b in blocks))
