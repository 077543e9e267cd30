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
element go straight onto the work stack, last first (comments and elements
that are never text only counted for ``nth-of-type``, never stacked), an
element's locator is spelt out only when the walk reaches it (its siblings
are all counted by then, and those of its ancestors still open are the only
ones alive, so memory follows the depth, not the page), an open element's
context is its own end marker, a block element holding one text and nothing
else (most of them: ``<p>text</p>``, ``<li><a>text</a></li>``) becomes its
block at once, without a context, and a line with no bold piece and no link is
emitted without looking at its pieces one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from selectolax.lexbor import LexborNode

from ..blocks import Block, BlockKind
from ..japanese import clean_text
from ._html_elements import (
    BLOCK,
    BOLD_TAGS,
    BREAK,
    HEADINGS,
    NOT_TEXT,
    OWN_CONTEXT,
    Context,
    Piece,
    bold_style,
    context_for,
)
from ._html_nodes import Boilerplate, TagNames, absolute
from ._html_nodes import child_locator as _locator

__all__ = ["BlockWalker", "Boilerplate", "text_of"]

MAX_TABLE_NESTING = 6
"""Tables inside table cells deeper than this are read as plain text (bounds the reader's own recursion)."""

_Kid = tuple[LexborNode, str, int]
"""A child node, its tag (``-text`` for text) and how many children of its tag, itself included,
follow it (0 for text and comments, which share their parent's locator): with the parent's
locator and tag counts, that is its locator (:func:`._html_nodes.child_locator`), spelt out only when needed,
so that a row of 70,000 cells deep in a page does not hold 70,000 long selectors at once."""
_Item = tuple[LexborNode, str, str, bool, "str | None", int, dict[str, int]]
"""Work: a node, its tag, a locator, whether it is inside bold, the link it is inside, and how its
locator is made: when the count is 0 the locator is the node's own (a text node's is its parent's);
otherwise it is its parent's, the node being that many from the end among the siblings of its tag
whose counts are given (its own locator is only spelt out when the walk reaches it, once all its
siblings are counted)."""
_NO_COUNTS: dict[str, int] = {}


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
        for node, locator in roots:
            start = [(node, node.tag or "-", 0)]
            out.extend(self._walk(locator, start, _NO_COUNTS, Context("paragraph", 0, locator, 0), 0))
        return out

    # ------------------------------------------------------------------ the walk

    def _children(self, node: LexborNode) -> tuple[list[_Kid], dict[str, int]]:
        """The node's children with their tags and places (see :data:`_Kid`), and its tag counts."""
        kids, counts = self.names.kids(node)
        seen: dict[str, int] = {}
        out: list[_Kid] = []
        for kid, tag in kids:
            if tag[0] in "-!#":
                out.append((kid, tag, 0))
                continue
            seen[tag] = seen.get(tag, 0) + 1
            out.append((kid, tag, counts[tag] - seen[tag] + 1))
        return out, counts

    def _walk(
        self, parent: str, start: list[_Kid], counts: dict[str, int], root: Context, table_depth: int
    ) -> list[Block]:
        """Blocks of the ``start`` nodes, children of the element ``parent`` locates (``counts``: its tag counts)."""
        out: list[Block] = []
        contexts = [root]
        top = root
        ids = self.skip.ids
        names = self.names.known
        # comments and elements that are never text are left out here, so the loop below, which
        # never stacks them, need not look for them again
        work: list[_Item | Context] = [
            (node, tag, parent, False, None, later, counts)
            for node, tag, later in reversed(start)
            if tag == "-text" or (tag[0] not in "-!#" and tag not in NOT_TEXT)
        ]
        pop, push = work.pop, work.append
        while work:
            item = pop()
            if type(item) is Context:  # the end of its element
                if item.pieces:
                    self._flush(item, out)
                contexts.pop()
                top = contexts[-1]
                continue
            node, tag, path, bold, href, back, counts = item  # type: ignore[misc]  # not a Context
            if tag == "-text":
                text = node.text_content or ""
                if not top.pieces and text.isspace():
                    continue  # whitespace opening a line is stripped from it (the source's indentation)
                if top.pre and "\n" in text:
                    for i, line in enumerate(text.split("\n")):
                        if i:
                            top.pieces.append(BREAK)
                            top.breaks += 1
                        top.pieces.append((line, bold, href))
                else:
                    top.pieces.append((text, bold, href))
                if bold or href:
                    top.marked = True
                continue
            if node.mem_id in ids:
                continue
            if tag == "br":
                top.pieces.append(BREAK)
                top.breaks += 1
                continue
            if back:  # its locator, now that its parent's children are all counted (_locator, inlined)
                many = counts[tag]
                path = f"{path} > {tag}:nth-of-type({many - back + 1})" if many > 1 else f"{path} > {tag}"
            if tag not in BLOCK:
                bold, href = self._inline(node, tag, bold, href)
            else:
                if top.pieces:
                    self._flush(top, out)
                if tag == "table":
                    table_kids, table_counts = self._children(node)
                    if not self._is_layout_table(node, table_kids):
                        out.extend(self._table(path, table_kids, table_counts, table_depth))
                        continue
                first = node.child
                if first is None:
                    continue  # its context would collect nothing
                if first.next is None and not top.pre and tag != "pre":
                    line = self._only_line(first, bold, href)
                    if line is not None:
                        if line:
                            self._one_line_block(tag, top, path, line, out)
                        continue
                if tag in OWN_CONTEXT:
                    top = context_for(tag, top, path)
                else:
                    top = Context(top.kind, top.level, path, top.list_depth, top.pre)
                contexts.append(top)
                push(top)
            # the children stacked in one pass from the last, so that they come off the stack in
            # order; each element counts how many of its tag follow it (its index among them is
            # known once the pass is done); comments and non-text elements are only counted
            siblings: dict[str, int] = {}
            child = node.last_child
            while child is not None:
                kid_tag = names.get(child.tag_id) or self.names.name(child)
                if kid_tag == "-text":
                    push((child, kid_tag, path, bold, href, 0, siblings))
                elif kid_tag[0] not in "-!#":
                    later = siblings[kid_tag] = siblings.get(kid_tag, 0) + 1
                    if kid_tag not in NOT_TEXT:
                        push((child, kid_tag, path, bold, href, later, siblings))
                child = child.prev
        if root.pieces:
            self._flush(root, out)
        return out

    def _only_line(self, child: LexborNode | None, bold: bool, href: str | None) -> Piece | tuple[()] | None:
        """The one text of a block element holding nothing else, or ``None`` when it holds more.

        ``child`` is the element's first child.

        Most block elements (``<p>text</p>``, ``<li><a href=…>text</a></li>``) hold one text
        node, directly or through inline elements that each hold only the next: their block
        is made here, without a context of their own, as the walk would make it. ``()`` means
        the chain ends without text (in boilerplate, or at an element that is not text).
        """
        known = self.names.known
        ids = self.skip.ids
        while child is not None and child.next is None:
            tag = known.get(child.tag_id) or self.names.name(child)
            if tag == "-text":
                text = child.text_content or ""
                return () if text.isspace() else (text, bold, href)
            if tag[0] in "-!#" or tag in NOT_TEXT or child.mem_id in ids:
                return ()
            if tag == "br" or tag in BLOCK:
                return None
            bold, href = self._inline(child, tag, bold, href)
            child = child.child
        return None

    def _inline(self, node: LexborNode, tag: str, bold: bool, href: str | None) -> tuple[bool, str | None]:
        """Whether the text inside inline element ``node`` is bold, and the link it is part of."""
        if tag == "a":
            attributes = node.attributes
            return bold or bold_style(attributes.get("style")), self._href(attributes.get("href")) or href
        if not bold:
            bold = tag in BOLD_TAGS or bold_style(node.attributes.get("style"))
        return bold, href

    def _one_line_block(self, tag: str, parent: Context, path: str, piece: Piece, out: list[Block]) -> None:
        """The block of an element whose only text is ``piece`` (see :meth:`_only_line`)."""
        text, bold, href = piece
        if tag in HEADINGS:
            kind: BlockKind = "heading"
            level = HEADINGS[tag]
        elif tag == "li":
            kind, level = "list_item", max(parent.list_depth, 1)
        else:
            kind, level = parent.kind, parent.level
        cleaned = clean_text(text)
        if not cleaned:
            return
        inked = (bold or href) and text.strip()
        if kind == "heading":
            self.last_heading = level
        elif kind == "paragraph" and inked and bold:
            kind, level = "heading", min(self.last_heading + 1, 6)
        out.append(Block(kind, cleaned, path, level, (), href if inked else None))

    def _flush(self, context: Context, out: list[Block]) -> None:
        """Emit the context's collected lines as blocks (one per ``<br>``-separated line)."""
        pieces = context.pieces
        if not context.breaks:
            block = self._line_block(context, pieces)
            if block is not None:
                out.append(block)
        else:
            line: list[Piece] = []
            for piece in [*pieces, BREAK]:
                if piece is not BREAK:
                    line.append(piece)
                    continue
                block = self._line_block(context, line)
                if block is not None:
                    out.append(block)
                line = []
        context.pieces = []
        context.breaks = 0
        context.marked = False

    def _line_block(self, context: Context, line: list[Piece]) -> Block | None:
        text = clean_text(line[0][0] if len(line) == 1 else "".join([p[0] for p in line]))
        if not text:
            return None
        kind, level = context.kind, context.level
        href = None
        inked: list[Piece] = []
        if context.marked:  # otherwise no piece is bold (so not all are) and none has a link
            inked = [p for p in line if p[0].strip()]
            hrefs = {p[2] for p in inked}
            href = hrefs.pop() if len(hrefs) == 1 else None
        if kind == "heading":
            self.last_heading = level
        elif kind == "paragraph" and inked and all(p[1] for p in inked):
            kind, level = "heading", min(self.last_heading + 1, 6)
        return Block(kind, text, context.locator, level, (), href)

    def _href(self, value: str | None) -> str | None:
        raw = (value or "").strip()
        if not raw or raw.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        return absolute(self.base_url, raw) if self.base_url else raw

    # ------------------------------------------------------------------ tables

    def _table(self, path: str, kids: list[_Kid], counts: dict[str, int], depth: int) -> list[Block]:
        out: list[Block] = []
        for child, tag, later in kids:
            if tag == "caption" and not self.skip(child):
                caption = _locator(path, tag, later, counts)
                start = [(child, tag, 0)]
                out.extend(self._walk(caption, start, _NO_COUNTS, Context("paragraph", 0, caption, 0), depth))
        for row, row_path in self._rows(kids, counts, path):
            if self.skip(row):
                continue
            cell_kids, cell_counts = self._children(row)
            cells = [
                self._cell_text(cell, _locator(row_path, tag, later, cell_counts), depth)
                for cell, tag, later in cell_kids
                if tag in ("td", "th") and not self.skip(cell)
            ]
            if any(cells):
                shown = " | ".join(c.replace("\n", " ") for c in cells if c)
                out.append(Block("table_row", shown, row_path, cells=tuple(cells)))
        return out

    def _cell_text(self, cell: LexborNode, path: str, depth: int) -> str:
        if depth >= MAX_TABLE_NESTING:
            return clean_text(cell.text(deep=True, separator=" "))
        kids, counts = self._children(cell)
        blocks = self._walk(path, kids, counts, Context("paragraph", 0, path, 0), depth + 1)
        lines = [" ".join(c for c in b.cells if c) if b.kind == "table_row" else b.text for b in blocks]
        return "\n".join(line for line in lines if line)

    def _rows(
        self, kids: list[_Kid], counts: dict[str, int], path: str | None
    ) -> Iterator[tuple[LexborNode, str]]:
        """A table's own rows (not those of nested tables), in document order, with locators.

        Each row's locator is spelt out as it is reached (``""`` for all when ``path`` is ``None``).
        """
        for child, tag, later in kids:
            if tag == "tr":
                yield child, "" if path is None else _locator(path, tag, later, counts)
            elif tag in ("thead", "tbody", "tfoot"):
                section = None if path is None else _locator(path, tag, later, counts)
                row_kids, row_counts = self._children(child)
                for row, row_tag, row_later in row_kids:
                    if row_tag == "tr":
                        yield (
                            row,
                            "" if section is None else _locator(section, row_tag, row_later, row_counts),
                        )

    def _is_layout_table(self, table: LexborNode, kids: list[_Kid]) -> bool:
        """A table used to lay out a page (one column, or headings in its cells), not data."""
        widest = 0
        for row, _ in self._rows(kids, _NO_COUNTS, None):
            widest = max(widest, sum(1 for _, tag in self.names.kids(row)[0] if tag in ("td", "th")))
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
