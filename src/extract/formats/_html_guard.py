"""Checks on decoded markup before it reaches the HTML parser.

Two kinds of hostile input would otherwise cost far more than they are worth:
binary junk forced through ``--format html`` (it "parses" into garbage
paragraphs), and absurdly deep nesting.  lexbor's tree builder checks the
stack of open elements on every block-level start tag, so a few megabytes of
``<div><div><div>…`` take time quadratic in the depth (minutes for 5 MB).
Browsers cap the tree depth (Blink at 512) and so does this module: opening
tags beyond :data:`MAX_DEPTH` are dropped before parsing, together with their
end tags, which keeps every character of text and only loses structure that
no real page has.  lexbor also compares every attribute of a tag with the ones
before it, so one tag with 200,000 attributes takes a minute: attributes past
:data:`MAX_ATTRIBUTES` in one tag are dropped too (they are never text).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .._exceptions import CorruptDocument

__all__ = ["MAX_ATTRIBUTES", "MAX_DEPTH", "check_not_binary", "limit_attributes", "limit_nesting"]

MAX_DEPTH = 512
MAX_ATTRIBUTES = 1000

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
"""The characters ``_CONTROL_RE`` finds, as bytes (ASCII: a UTF-8 byte of its own each)."""
_SAMPLE_CHARS = 65536
_MAX_CONTROL_SHARE = 0.01

# elements that never hold children, or whose end tag is implied by the next sibling:
# they do not deepen the tree however many of them are left open
# fmt: off
_NOT_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
    "option", "optgroup", "rb", "rt", "rp", "colgroup", "caption", "html", "head", "body",
})
# fmt: on
_OPEN_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
_COUNT_CHUNK = 4096
_TAG_RE = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>)")
# skipped whole: their content is not markup (or, for svg/math, has truly self-closing tags)
_OPAQUE = ("script", "style", "textarea", "title", "xmp", "svg", "math")
_OPAQUE_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _OPAQUE}
_ATTRIBUTE_RE = re.compile(r"""\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")


def check_not_binary(text: str, source: str, utf8: bytes | None = None) -> None:
    """Refuse text whose start is full of control characters: it is binary data, not a page.

    ``utf8``, when given, is the UTF-8 the text was decoded from without errors: each control
    character is one byte of it, so a page without any is passed over its bytes (a C loop)
    instead of a regular expression over its characters.

    >>> check_not_binary("<p>ok</p>\\n", "x")
    >>> check_not_binary("\\x00\\x01\\x02<p>", "x")
    Traceback (most recent call last):
    ...
    extract._exceptions.CorruptDocument: x: binary content (3 control characters in the first 6), not an HTML page
    """
    if utf8 is not None and len(utf8.translate(None, _CONTROL_BYTES)) == len(utf8):
        return
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(1, len(sample) * _MAX_CONTROL_SHARE) or "\x00" in sample[:512]:
        raise CorruptDocument(
            f"binary content ({controls} control characters in the first {len(sample)}), not an HTML page",
            source=source,
        )


def limit_nesting(markup: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """``markup`` with opening tags nested deeper than ``max_depth`` removed; returns ``(markup, dropped)``.

    Ordinary pages come back unchanged (the same object) with ``dropped == 0``.
    Memory stays proportional to the markup whatever its shape: nothing is
    kept per tag but the open elements up to ``max_depth`` and the text
    between cuts (adjacent cuts are one).

    >>> limit_nesting("<div><div><div>x</div></div></div>", max_depth=2)
    ('<div><div>x</div></div>', 1)
    >>> page = "<p>a<p>b<ul><li>c</ul>"
    >>> limit_nesting(page, max_depth=2)[0] is page
    True
    """
    if markup.count("<") - markup.count("</") - markup.count("<!") <= max_depth:
        return markup, 0  # not even that many "<" could open an element (each count is one C loop)
    if _nesting_tags(markup, max_depth) <= max_depth:
        return markup, 0  # not enough nesting elements to go that deep: an ordinary page
    stack: list[str] = []
    excess: Counter[str] = Counter()
    kept = _Kept(markup)
    dropped = 0
    pos = 0
    while (m := _TAG_RE.search(markup, pos)) is not None:
        pos = m.end()
        if m.group(1):  # a comment: skip to its end
            end = markup.find("-->", pos)
            pos = len(markup) if end < 0 else end + 3
            continue
        closing, name = m.group(2), m.group(3).lower()
        if name in _OPAQUE_END and not closing:
            found_end = _OPAQUE_END[name].search(markup, pos)
            pos = found_end.end() if found_end else len(markup)
            continue
        if name in _NOT_NESTING:
            continue
        if not closing:
            if len(stack) >= max_depth:
                excess[name] += 1
                kept.cut(m.start(), m.end())
                dropped += 1
            else:
                stack.append(name)
        elif excess[name]:
            excess[name] -= 1
            kept.cut(m.start(), m.end())
        elif name in stack[-64:]:  # an end tag closes its element and whatever was left open inside it
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    if not dropped and not kept.cuts:
        return markup, 0
    return kept.text(), dropped


def _nesting_tags(markup: str, max_depth: int) -> int:
    """How many opening tags of nesting elements ``markup`` has, counting stopped past ``max_depth``.

    The names are found and counted in C a few kilobytes at a time (a page has few distinct
    names), so memory stays small whatever the page holds; a chunk ends where a tag starts.
    """
    nesting = pos = 0
    while pos < len(markup) and nesting <= max_depth:
        end = markup.find("<", pos + _COUNT_CHUNK)
        end = len(markup) if end < 0 else end
        names = Counter(_OPEN_TAG_RE.findall(markup, pos, end))
        nesting += sum(n for name, n in names.items() if name.lower() not in _NOT_NESTING)
        pos = end
    return nesting


class _Kept:
    """The markup minus cut spans, assembled as it goes so that memory follows the text kept."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.parts: list[str] = []
        self.start = 0
        """Where the text not yet copied begins."""
        self.cuts = 0

    def cut(self, start: int, end: int) -> None:
        if start > self.start:
            self.parts.append(self.markup[self.start : start])
            if len(self.parts) >= 4096:
                self.parts = ["".join(self.parts)]
        self.start = end
        self.cuts += 1

    def text(self) -> str:
        return "".join([*self.parts, self.markup[self.start :]])


def limit_attributes(markup: str, limit: int = MAX_ATTRIBUTES) -> tuple[str, int]:
    """``markup`` with the attributes past ``limit`` in any one tag removed; returns ``(markup, tags)``.

    Ordinary pages come back unchanged (the same object) with ``tags == 0``.

    >>> limit_attributes('<p a=1 b="2" c>text</p>', limit=2)
    ('<p a=1 b="2">text</p>', 1)
    >>> page = '<p class="x">text</p>'
    >>> limit_attributes(page)[0] is page
    True
    """
    trimmed = 0

    def trim(tag: re.Match[str]) -> str:
        nonlocal trimmed
        text = tag.group(0)
        attributes = list(_ATTRIBUTE_RE.finditer(text, tag.end(1) - tag.start()))
        if len(attributes) <= limit:
            return text
        trimmed += 1
        return text[: attributes[limit - 1].end()] + text[attributes[-1].end() :]

    if not _long_stretch(markup, 2 * limit):
        return markup, 0  # no stretch between two ">" is long enough to hold such a tag
    out = _long_tag_re(limit).sub(trim, markup)
    return (out, trimmed) if trimmed else (markup, 0)


def _long_stretch(markup: str, length: int) -> bool:
    """Whether ``markup`` may hold more than ``length`` characters in a row without a ``">"``.

    A stretch that long covers one of the windows of ``length // 2 + 1`` characters laid end
    to end from the start, so a page with a ``">"`` in every window has none: a few C searches
    instead of splitting the page at every ``">"``.  (True is only a maybe: the caller's own
    search decides.)

    >>> _long_stretch("<p>" + "x" * 50 + "</p>", 40), _long_stretch("<p>x</p>" * 20, 40)
    (True, False)
    """
    window = length // 2 + 1
    return len(markup) > length and any(
        markup.find(">", start, start + window) < 0 for start in range(0, len(markup), window)
    )


@cache
def _long_tag_re(limit: int) -> re.Pattern[str]:
    """A start tag long enough to hold more than ``limit`` attributes (each takes two characters at least)."""
    return re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)(?=\s)[^<>]{" + str(2 * limit) + ",}>")
