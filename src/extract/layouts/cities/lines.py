"""What one line of another city's page looks like: its marker, number and text.

The cities number and mark their headings differently (``Ⅰ``, ``1.``, ``1 ``,
``(1)``, ``◆``, ``●``, a ``~…~`` subtitle, ``「…」をめざします``); :func:`read_line`
names the form once so the walk in :mod:`.common` asks for markers, never for
characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ...japanese import fold

__all__ = ["TERMINAL", "Line", "Marker", "is_prose", "read_line"]

TERMINAL = tuple("。.!?！？)）」』】>》]］")
"""How a complete line ends; a text input whose last line ends otherwise was cut."""

_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"


class Marker(StrEnum):
    """The form of a line's start, which the city's outline maps to an issue, strategy or initiative."""

    ROMAN = "roman"  # Ⅰ災害に備えたまちづくり
    NUMBER = "number"  # 1. title / 1 title / 1地域防災力の強化
    PAREN = "paren"  # (1) title
    DIAMOND = "diamond"  # ◆ title (a heading mark)
    BULLET = "bullet"  # ● title / ・ title (a list mark)
    SUBTITLE = "subtitle"  # ~住んで良し、働いて良し~
    AIM = "aim"  # 「…」をめざします / 「…」を目指して
    PLAIN = "plain"  # anything else


@dataclass(frozen=True, slots=True)
class Line:
    """A line read once: its marker, its number (when numbered) and the text after the marker."""

    marker: Marker
    text: str
    number: int | None = None


_NUMBER_RE = re.compile(
    r"^\s*(?P<num>[0-9]{1,2})\s*(?:[.．、)]\s*|\s+|(?=[^\s0-9.,年月日%％〜~\-ヶかつ本件]))(?P<rest>\S.*)$"
)
_PAREN_RE = re.compile(r"^\s*[(（]\s*(?P<num>[0-9]{1,2})\s*[)）]\s*(?P<rest>\S.*)$")
_ROMAN_RE = re.compile(rf"^\s*(?P<num>[{_ROMAN}])\s*[.．、]?\s*(?P<rest>\S.*)$")
_DIAMOND_RE = re.compile(r"^\s*[◆◇■□]\s*(?P<rest>\S.*)$")
_BULLET_RE = re.compile(r"^\s*[●○・•◎▪]\s*(?P<rest>\S.*)$")
_SUBTITLE_RE = re.compile(r"^\s*[~〜～](?P<rest>.+)[~〜～]\s*$")
_AIM_RE = re.compile(r"^\s*「(?P<rest>[^「」]+)」\s*を\s*(?:め|目)(?:ざ|指)(?:します|して)\s*[。.]?\s*$")


def read_line(text: str) -> Line:
    """The marker of ``text`` and the text after it.

    >>> read_line("Ⅱ安心・安全で快適なまちづくり")
    Line(marker=<Marker.ROMAN: 'roman'>, text='安心・安全で快適なまちづくり', number=2)
    >>> read_line("1.にぎわいと文化を育むまち").number
    1
    >>> read_line("(3)みどりの魅力あふれるまち").marker.value
    'paren'
    >>> read_line("「安全で安心して暮らせるまち」をめざします。").text
    '安全で安心して暮らせるまち'
    >>> read_line("2040年頃の横浜のありたい姿").marker.value
    'plain'
    """
    f = fold(text)
    off = len(text) - len(f)  # folding keeps lengths; kept for clarity
    for pattern, marker in (
        (_AIM_RE, Marker.AIM),
        (_SUBTITLE_RE, Marker.SUBTITLE),
        (_ROMAN_RE, Marker.ROMAN),
        (_PAREN_RE, Marker.PAREN),
        (_NUMBER_RE, Marker.NUMBER),
        (_DIAMOND_RE, Marker.DIAMOND),
        (_BULLET_RE, Marker.BULLET),
    ):
        m = pattern.match(f)
        if m is None:
            continue
        rest = text[off + m.start("rest") : off + m.end("rest")].strip()
        number = None
        if "num" in m.groupdict():
            raw = m.group("num")
            number = _ROMAN.index(raw) + 1 if raw in _ROMAN else int(raw)
        return Line(marker, rest, number)
    return Line(Marker.PLAIN, text.strip())


def is_prose(text: str) -> bool:
    """A sentence rather than a heading: it ends like one or is too long to be a title."""
    s = text.rstrip()
    return s.endswith(("。", "、")) or len(s) > 60
