"""Titles in one form before they are compared: width, brackets, punctuation and numbering removed.

The same initiative is written 「地域活動の活性化支援」 one year and 地域活動の
活性化支援（継続） or ①地域活動の活性化支援 the next; none of that says it
is a different item, so it must not cost similarity.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_code", "normalise_title"]

_NOISE = re.compile(r"[\s\u3000「」『』【】〔〕［］\[\]()（）〈〉《》<>・、。,.:：;；!！?？~〜ー―‐\-\"'“”’]")
_LEADING = re.compile(r"^(?:[0-9]+(?:-[0-9]+)*|[①-⑳]|[ア-ン][.．)]?)\s*")
_TRAILING = re.compile(
    r"(?:\((?:継続|新規|拡充|重点)\)|（(?:継続|新規|拡充|重点)）|【(?:継続|新規|拡充|重点)】)$"
)


def normalise_title(title: str) -> str:
    """The title's comparable form.

    >>> normalise_title("①「地域活動の活性化支援」（継続）")
    '地域活動の活性化支援'
    >>> normalise_title("ＩＣＴ活用 の推進")
    'ICT活用の推進'
    """
    text = unicodedata.normalize("NFKC", title).strip()
    text = _TRAILING.sub("", text)
    text = _LEADING.sub("", text)
    return _NOISE.sub("", text)


def normalise_code(code: str | None) -> str | None:
    """A code without width differences or spaces: ``１－１`` and ``1-1`` are one code.

    >>> normalise_code("１－１ ")
    '1-1'
    """
    if code is None:
        return None
    return unicodedata.normalize("NFKC", code).replace("－", "-").replace("−", "-").strip() or None
