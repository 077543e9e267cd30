"""Plain text: where a line that is no heading or label goes, by the area it is in.

Every handler whose line turns out not to be structure in its place (a
date in the body, a 【…】 title outside a list, a label in the wrong area)
falls back to :func:`read_text`, so plain text has one way in.
"""

from __future__ import annotations

from ..kinds import Token
from ..segments import Segment
from ..titles import strip_bullet
from . import issue_text, reform
from .preamble import is_title_repeat
from .state import LIST_AREAS, Area, Reader

__all__ = ["on_text", "read_text"]

_NOT_CONTENT = frozenset({Area.PREAMBLE, Area.EVALUATION, Area.ATTACHMENTS})


def on_text(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes plain text: see :func:`read_text`."""
    read_text(r, seg)


def read_text(r: Reader, seg: Segment) -> None:
    """Route a plain line by area.

    Preamble, evaluation and attachment text is not content (left unclaimed,
    or excluded when it is an attachment or a repeat of the title); after the
    footer nothing is.  A title repeated inside the content starts the
    attachment block.  In a list area the line is an item of the list; in the
    issues and reform areas it goes to :mod:`.issue_text` and :mod:`.reform`.
    """
    area = r.area
    if area in _NOT_CONTENT:
        if area is Area.ATTACHMENTS or (area is Area.PREAMBLE and is_title_repeat(seg.text)):
            r.exclude()
        return
    if area is Area.FOOTER:
        r.exclude()
        return
    text = seg.text.strip()
    if area in (Area.ISSUES, Area.REFORM) and is_title_repeat(text):
        r.issues.close_parts()
        r.area = Area.ATTACHMENTS
        r.exclude()
        return
    if area in LIST_AREAS:
        item = strip_bullet(text)
        if item:
            items = r.list_for(area)
            r.nesting.place(r.tree, area.value, len(items), seg)
            items.append(item)
            r.claim()
        return
    if area is Area.REFORM:
        reform.read_reform_text(r, seg, text)
        return
    if area is Area.ISSUES:
        issue_text.read_issue_text(r, seg, text)
