"""Checks on decoded markup before it reaches the HTML parser.

Two kinds of hostile input would otherwise cost far more than they are worth:
binary junk forced through ``--format html`` (it "parses" into garbage
paragraphs), and absurdly deep nesting.  lexbor's tree builder checks the
stack of open elements on every block-level start tag, so a few megabytes of
``<div><div><div>…`` take time quadratic in the depth (minutes for 5 MB).
Browsers cap the tree depth (Blink at 512) and so does this module: opening
tags beyond :data:`MAX_DEPTH` are dropped before parsing, together with their
end tags, which keeps every character of text and only loses structure that
no real page has.
"""

from __future__ import annotations

import re
from collections import Counter

from .._exceptions import CorruptDocument

__all__ = ["MAX_DEPTH", "check_not_binary", "limit_nesting"]

MAX_DEPTH = 512

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
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
_TAG_RE = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>)")
# skipped whole: their content is not markup (or, for svg/math, has truly self-closing tags)
_OPAQUE = ("script", "style", "textarea", "title", "xmp", "svg", "math")
_OPAQUE_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _OPAQUE}


def check_not_binary(text: str, source: str) -> None:
    """Refuse text whose start is full of control characters: it is binary data, not a page.

    >>> check_not_binary("<p>ok</p>\\n", "x")
    >>> check_not_binary("\\x00\\x01\\x02<p>", "x")
    Traceback (most recent call last):
    ...
    extract._exceptions.CorruptDocument: x: binary content (3 control characters in the first 6), not an HTML page
    """
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

    >>> limit_nesting("<div><div><div>x</div></div></div>", max_depth=2)
    ('<div><div>x</div></div>', 1)
    >>> page = "<p>a<p>b<ul><li>c</ul>"
    >>> limit_nesting(page, max_depth=2)[0] is page
    True
    """
    opening = _OPEN_TAG_RE.findall(markup)
    if sum(1 for name in opening if name.lower() not in _NOT_NESTING) <= max_depth:
        return markup, 0  # not enough nesting elements to go that deep: an ordinary page
    stack: list[str] = []
    excess: Counter[str] = Counter()
    cuts: list[tuple[int, int]] = []
    pos = 0
    while (m := _TAG_RE.search(markup, pos)) is not None:
        pos = m.end()
        if m.group(1):  # a comment: skip to its end
            end = markup.find("-->", pos)
            pos = len(markup) if end < 0 else end + 3
            continue
        closing, name = m.group(2), m.group(3).lower()
        if name in _OPAQUE_END and not closing:
            found = _OPAQUE_END[name].search(markup, pos)
            pos = found.end() if found else len(markup)
            continue
        if name in _NOT_NESTING:
            continue
        if not closing:
            if len(stack) >= max_depth:
                excess[name] += 1
                cuts.append((m.start(), m.end()))
            else:
                stack.append(name)
        elif excess[name]:
            excess[name] -= 1
            cuts.append((m.start(), m.end()))
        elif name in stack[-64:]:  # an end tag closes its element and whatever was left open inside it
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    if not cuts:
        return markup, 0
    parts = []
    prev = 0
    for start, end in cuts:
        parts.append(markup[prev:start])
        prev = end
    parts.append(markup[prev:])
    return "".join(parts), sum(1 for start, end in cuts if markup[start + 1] != "/")
