"""What the block walk asks of lexbor nodes, asked as few times as possible.

The walk visits every node of a page's content from Python, and each question
put to a node (its tag, its children, its identity) builds a new Python object
in selectolax: on a page of a few hundred nodes those questions, not the walk's
own logic, were most of the reader's time.  So tag names are looked up by
lexbor's integer tag id (``node.tag`` builds a new string each time), the
children of a node are listed in one pass that also counts their tags (for
``nth-of-type``), and boilerplate is a set of node identities tested without a
call per element.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

__all__ = ["Boilerplate", "TagNames", "absolute", "child_locator"]

# element names that always spell the same for one lexbor tag id: plain HTML names (SVG's camel-case
# names such as clipPath share the id of their lower-case form, and names lexbor does not know get
# ids of their own document), so any other name is asked of the node every time
# fmt: off
_PLAIN_NAMES = frozenset({
    "-text", "-comment", "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b",
    "base", "bdi", "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption",
    "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i",
    "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "listing", "main", "map",
    "mark", "marquee", "math", "menu", "meta", "meter", "nav", "nobr", "noscript", "object", "ol",
    "option", "output", "p", "picture", "plaintext", "pre", "progress", "q", "rb", "rp", "rt", "rtc",
    "ruby", "s", "samp", "script", "search", "section", "select", "small", "source", "span", "strike",
    "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea",
    "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
    "xmp",
})
# fmt: on


class TagNames:
    """Tag names of one document's nodes (``-text`` for text, ``-comment``…), cached by tag id."""

    __slots__ = ("known",)

    def __init__(self) -> None:
        self.known: dict[int, str] = {}
        """Names by tag id, for the ids whose name is plain: look here first, then :meth:`name`."""

    def name(self, node: LexborNode) -> str:
        """The node's tag name, remembered by its tag id when that is safe."""
        tag = node.tag or "-"
        if tag in _PLAIN_NAMES:
            self.known[node.tag_id] = tag
        return tag

    def kids(self, node: LexborNode) -> tuple[list[tuple[LexborNode, str]], dict[str, int]]:
        """The node's children with their tags, and how many child elements have each tag."""
        known = self.known
        kids: list[tuple[LexborNode, str]] = []
        counts: dict[str, int] = {}
        child = node.child
        while child is not None:
            tag = known.get(child.tag_id) or self.name(child)
            kids.append((child, tag))
            if tag[0] not in "-!#":
                counts[tag] = counts.get(tag, 0) + 1
            child = child.next
        return kids, counts


class Boilerplate:
    """Elements to leave out, known by lexbor node identity (``mem_id``)."""

    __slots__ = ("ids",)

    def __init__(self, ids: frozenset[int]) -> None:
        self.ids = ids

    def __call__(self, node: LexborNode) -> bool:
        return node.mem_id in self.ids


def child_locator(parent: str, tag: str, later: int, counts: dict[str, int]) -> str:
    """The CSS selector of a child ``later`` from the end among the ``counts[tag]`` children of its tag.

    ``later`` is 0 for a text node or a comment, which is located by its parent.

    >>> child_locator("#mol_contents", "p", 1, {"p": 3}), child_locator("#mol_contents", "ul", 1, {"ul": 1})
    ('#mol_contents > p:nth-of-type(3)', '#mol_contents > ul')
    """
    if not later:
        return parent
    many = counts[tag]
    return f"{parent} > {tag}:nth-of-type({many - later + 1})" if many > 1 else f"{parent} > {tag}"


@lru_cache(maxsize=4096)
def absolute(base: str, href: str) -> str:
    """``urljoin(base, href)``, remembered: a page's links are joined by the walk and again as attachments."""
    return urljoin(base, href)
