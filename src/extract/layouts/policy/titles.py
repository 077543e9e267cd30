"""Titles and list items as the documents type them: bullets, brackets, trailing budgets.

The grammar decides whether a line is a title or a sentence, and what of it is
the title proper, with the helpers here; they only look at one string.
"""

from __future__ import annotations

import re

from ...japanese import fold
from .patterns import BULLET_CHARS

__all__ = ["clean_title", "is_paren_target", "strip_bullet", "title_like"]

_TRAILING_BUDGET_RE = re.compile(
    r"\s*(?:[(\[《【]\s*(?:[^()\[\]《》【】]*?(?:予算|決算|見込)[^()\[\]《》【】]*?|[^()\[\]《》【】]*?円[^()\[\]《》【】]*?)\s*[)\]》】]\s*)+$"
)
_ENCLOSING = {"【": "】", "「": "」", "『": "』", "<": ">", "《": "》", "[": "]", "(": ")", "〔": "〕"}
_VERB_END_RE = re.compile(r"(?:する|される|させる|[るすうくぐむぶつ]|ます|です|ない|ある|いる)$")
_PAREN_TARGET_RE = re.compile(r"[(（][^()（）]*[0-9０-９][^()（）]*[)）]\s*[。]?\s*$")


def strip_bullet(text: str) -> str:
    """Remove list markers the document typed itself (・, ●, ※ is kept).

    Items are stored without their markers so that the same item typed as a
    list item in HTML and as ``・…`` in a PDF reads the same.

    >>> strip_bullet("- ・区民が自分たちの")
    '区民が自分たちの'
    >>> strip_bullet("・ 概要")
    '概要'
    >>> strip_bullet("※ 注記")
    '※ 注記'
    """
    s = text.lstrip()
    while s and s[0] in BULLET_CHARS and s[0] != "※":
        if s[0] in "-－*＊" and len(s) > 1 and not s[1].isspace() and s[1] not in "・•":
            break
        s = s[1:].lstrip()
    return s


def clean_title(raw: str | None) -> str | None:
    """A title without enclosing brackets, a trailing budget parenthetical or separators.

    Headings wrap their titles in whatever the ward uses; the record keeps only the title.

    >>> clean_title(" 地域活動の支援(77,800千円)")
    '地域活動の支援'
    >>> clean_title("自助の取組みの推進(2年度予算額)")
    '自助の取組みの推進'
    >>> clean_title("学校教育活動支援事業(快適な学習環境を整えるための取組)")
    '学校教育活動支援事業(快適な学習環境を整えるための取組)'
    >>> clean_title("「安全・安心のまちづくり」")
    '安全・安心のまちづくり'
    >>> clean_title(": 「区民の声」を活かす") is None
    False
    >>> clean_title("   ") is None
    True
    """
    if raw is None:
        return None
    s = raw.strip()
    folded = fold(s)
    m = _TRAILING_BUDGET_RE.search(folded)
    if m and m.start() > 0:
        s = s[: m.start()].rstrip()
    s = s.strip().lstrip(":：、").strip()
    for _ in range(2):
        f = fold(s)
        if (
            len(s) >= 2
            and f[0] in _ENCLOSING
            and f[-1] == _ENCLOSING[f[0]]
            and _balanced_inner(f[1:-1], f[0])
        ):
            s = s[1:-1].strip()
    return s or None


def _balanced_inner(inner: str, opener: str) -> bool:
    closer = _ENCLOSING[opener]
    depth = 0
    for ch in inner:
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def title_like(text: str) -> bool:
    """Short, not a sentence: reads as a title rather than a description.

    Titles are noun phrases (…の推進, …まちづくり); a line ending in a verb
    (…を支援する, …を図る, …を行う) is a sentence even without its 。.  Used
    wherever a heading's title may come on the line after it.

    >>> title_like("地域包括ケアシステムの構築"), title_like("避難計画の作成を促進・支援する")
    (True, False)
    """
    t = text.strip()
    if not 0 < len(t) <= 60 or re.search(r"[。]", t[:-1]) or t.endswith(("。", "、")):
        return False
    return not _VERB_END_RE.search(t)


def is_paren_target(text: str) -> bool:
    """``…(2地域)`` / ``…(6回以上)`` / ``…(広報紙 12回)``: a quantified target in a trailing parenthetical.

    Only such a bullet, among an initiative's or reform item's actions, is also
    an indicator; other numbers in actions are descriptions.

    >>> is_paren_target("重点地域を選定する(2地域)"), is_paren_target("地域を支援する(随時)")
    (True, False)
    """
    return bool(_PAREN_TARGET_RE.search(text))
