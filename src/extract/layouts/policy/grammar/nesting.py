"""Nesting of list items: a goal, mission or policy with its own sub-items keeps them under it.

Documents nest in two ways: the reader's own list levels (a nested ``<ul>``,
``level`` 2 and deeper) and a change of bullet (``•`` items with ``・`` items
below them, ``●`` with ``-``).  :class:`ListNesting` keeps, per list, the
bullets seen at each depth: a bullet already on the stack returns to its
depth, a new one goes one deeper, under the item before it.  A line without
a bullet, and a sub-heading, start again at the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import BULLET_CHARS
from ..segments import Segment
from ..tree import DocTree

__all__ = ["ListNesting", "bullet_of"]

_READER_BULLET = "list"
"""The marker of a list item whose bullet the reader took off (an HTML ``<li>``, a ``•`` line)."""


def bullet_of(seg: Segment) -> str | None:
    """The bullet a segment's item is typed with: its first character, the reader's, or None."""
    text = seg.text.lstrip()
    if text and text[0] in BULLET_CHARS and text[0] != "※":
        return "・" if text[0] in "・•·" and seg.bullet else text[0]
    return _READER_BULLET if seg.bullet else None


@dataclass(slots=True)
class _Stack:
    markers: list[str] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    """The index of the last item at each depth."""


@dataclass(slots=True)
class ListNesting:
    """The bullets and the open items of each list (goals, missions, policies)."""

    stacks: dict[str, _Stack] = field(default_factory=dict)

    def reset(self, name: str) -> None:
        """A sub-heading or a plain line: the next item starts at the top."""
        self.stacks.pop(name, None)

    def place(self, tree: DocTree, name: str, index: int, seg: Segment) -> None:
        """Record where item ``index`` of list ``name`` sits; it is under the item before it when its
        reader level is deeper or its bullet is new below a bulleted item."""
        stack = self.stacks.setdefault(name, _Stack())
        marker = bullet_of(seg)
        if seg.level > 1 and stack.items:
            depth = min(seg.level - 1, len(stack.items))
        elif marker is None:
            stack = self.stacks[name] = _Stack()
            depth = 0
        elif marker in stack.markers:
            depth = stack.markers.index(marker)
        else:
            depth = len(stack.markers)
        del stack.markers[depth:]
        del stack.items[depth:]
        if depth > 0:
            tree.nesting.setdefault(name, {})[index] = stack.items[depth - 1]
        if marker is not None or seg.level > 1:
            stack.markers.append(marker or _READER_BULLET)
            stack.items.append(index)
