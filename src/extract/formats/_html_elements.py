"""What the block walk knows of HTML elements, and the open block it collects a line in.

Which elements start a block and which flow inline (as browsers render them),
which are never text, which are headings, lists and bold; and the context an
open block-level element keeps while the walk of :mod:`._html_blocks` gathers
the inline text of its lines.
"""

from __future__ import annotations

import re

from ..blocks import BlockKind

__all__ = [
    "BLOCK",
    "BOLD_TAGS",
    "BREAK",
    "HEADINGS",
    "LISTS",
    "NOT_TEXT",
    "OWN_CONTEXT",
    "Context",
    "Piece",
    "bold_style",
    "context_for",
]

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
BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)

Piece = tuple[str, bool, "str | None"]
"""A run of inline text: the text, whether it is bold, the link it is part of."""
BREAK: Piece = ("\n", False, None)
"""A ``<br>``: told apart from a text node of one newline by identity, never by value."""


class Context:
    """An open block-level element collecting the inline text of its current line(s)."""

    __slots__ = ("breaks", "kind", "level", "list_depth", "locator", "marked", "pieces", "pre")

    def __init__(self, kind: BlockKind, level: int, locator: str, list_depth: int, pre: bool = False) -> None:
        self.kind: BlockKind = kind
        self.level = level
        self.locator = locator
        self.list_depth = list_depth
        self.pre = pre
        self.pieces: list[Piece] = []
        self.breaks = 0
        """How many of ``pieces`` are ``BREAK``."""
        self.marked = False
        """Whether a piece is bold or a link: lines without either need no per-piece look."""


def bold_style(style: str | None) -> bool:
    """Whether an inline ``style`` makes its text bold (``font-weight: bold`` or 600–900)."""
    return bool(style and BOLD_STYLE_RE.search(style))


OWN_CONTEXT = frozenset({*HEADINGS, *LISTS, "li", "pre"})
"""Elements whose context is not simply their parent's (see :func:`context_for`)."""


def context_for(tag: str, parent: Context, path: str) -> Context:
    """The context an element of :data:`OWN_CONTEXT` opens inside ``parent``.

    A heading has its level; a list deepens the list nesting its items take as
    their level; an item is a ``list_item`` one deep at least; ``pre`` keeps its
    line breaks, and so does everything inside it.
    """
    if tag in HEADINGS:
        return Context("heading", HEADINGS[tag], path, parent.list_depth)
    if tag in LISTS:
        return Context(parent.kind, parent.level, path, parent.list_depth + 1)
    if tag == "li":
        depth = max(parent.list_depth, 1)
        return Context("list_item", depth, path, depth)
    return Context(parent.kind, parent.level, path, parent.list_depth, pre=parent.pre or tag == "pre")
