"""What a producer's line breaker could not have done: the evidence that a short line was wrapped.

A line that ends a few characters before the right edge of its box is
usually the end of a paragraph, but not always: a line breaker never puts a
closing bracket, ``、`` or ``。``, small kana or ``・`` at the start of a line
(行頭禁則), and never breaks inside a Latin word or number, so when the next
line starts with such a unit (``上) ・``, ``100%)``, ``備、``) that would not have
fitted in the space left, the break was forced and the paragraph goes on.
LibreOffice and Chromium wrap this way and leave ragged right edges of up to
four or five characters in table cells; reportlab's fixtures never do.
"""

from __future__ import annotations

from ._glyphs import is_wide

__all__ = ["NO_LINE_START", "first_unit_length", "first_unit_width"]

NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〕〉》ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?%"
)
"""Characters a Japanese line may not start with (JIS X 4051's 行頭禁則, as office suites apply it)."""

_NARROW = 0.5
"""Width of a half-width character, in glyph sizes (proportional Latin is about that on average)."""


def first_unit_length(text: str) -> int:
    """Length of the first piece of ``text`` a line breaker must keep together.

    That is its first character (a whole Latin word or number when it starts
    with one) with the characters after it that may not start a line,
    a space before one of them included.

    >>> [first_unit_length(t) for t in ("上) ・地域", "100%) ・地域", "備、支援を", "【経営課題】")]
    [4, 7, 2, 1]
    """
    s = text
    if not s:
        return 0
    end = 1
    if s[0].isascii() and s[0].isalnum():
        while end < len(s) and s[end].isascii() and not s[end].isspace():
            end += 1
    while end < len(s):
        if s[end] in NO_LINE_START:
            end += 1
        elif s[end] == " " and end + 1 < len(s) and s[end + 1] in NO_LINE_START:
            end += 2
        else:
            break
    return end


def first_unit_width(text: str, size: float) -> float:
    """Estimated width of :func:`first_unit_length`'s piece in points, for text without glyph boxes.

    >>> first_unit_width("上) ・地域", 10.0)
    30.0
    >>> first_unit_width("備、支援を", 10.0)
    20.0
    """
    s = text.lstrip()
    return sum(size if is_wide(c) else _NARROW * size for c in s[: first_unit_length(s)])
