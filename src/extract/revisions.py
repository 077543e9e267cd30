"""Revisions a document states about itself, read from its blocks whatever the format.

Ward pages announce each review of the policy in a line of their own
(``運営方針の進捗管理(中間)を実施しました。…「中間振り返り」欄に反映しています。(平成28年10月7日)``,
then the same for the 自己評価) and date their latest version in an update
line (``令和3年度 旭区運営方針(令和4年6月10日更新)``).  These lines belong to
no section, so the layout grammar does not read them; this module reads them
from the same block stream every reader produces (text, HTML, PDF, XLSX), so
a page and its printout give the same revisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .blocks import Block
from .eras import parse_date
from .japanese import fold
from .models import Revision
from .vocab import RevisionKind

__all__ = ["find_revisions", "revision_of"]

_REVIEW_RE = re.compile(r"進捗管理.{0,12}?実施しました")
_UPDATE_RE = re.compile(
    r"(?:(?:19|20)[0-9]{2}|(?:平成|令和)\s*(?:[0-9]{1,2}|元))\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*更新"
)
_MAX_CHARS = 200
"""A revision line is one sentence or two; a longer paragraph only mentions the words."""


def revision_of(text: str) -> RevisionKind | None:
    """What a line says was revised, or None when it is not a revision line.

    >>> revision_of("運営方針の進捗管理(中間)を実施しました。その結果について、様式2・3の「中間振り返り」欄に反映しています。(平成28年10月7日)").value
    '中間振り返り'
    >>> revision_of("運営方針の進捗管理(振り返り)を実施しました。その結果について、「自己評価」欄に反映しています。").value
    '自己評価'
    >>> revision_of("令和3年度 旭区運営方針(令和4年6月10日更新)").value
    'other'
    >>> revision_of("更新日：2017年6月8日") is None
    True
    """
    if len(text) > _MAX_CHARS:
        return None
    folded = fold(text)
    if _REVIEW_RE.search(folded):
        if "中間振り返り" in folded or "(中間)" in folded:
            return RevisionKind.MIDTERM
        if "自己評価" in folded or "(振り返り)" in folded:
            return RevisionKind.SELF_EVALUATION
        return RevisionKind.OTHER
    if _UPDATE_RE.search(folded):
        return RevisionKind.OTHER
    return None


def _texts(blocks: Iterable[Block]) -> Iterator[tuple[str, str]]:
    for block in blocks:
        if block.kind == "table_row":
            for n, cell in enumerate(block.cells, 1):
                for line in cell.split("\n"):
                    yield line, f"{block.locator} cell {n}"
        else:
            yield block.text, block.locator


def find_revisions(blocks: Iterable[Block]) -> list[Revision]:
    """Every revision line in ``blocks``, in document order; a line repeated (a print header) once."""
    found: list[Revision] = []
    seen: set[tuple[str, RevisionKind]] = set()
    for text, locator in _texts(blocks):
        kind = revision_of(text)
        if kind is None:
            continue
        key = (text.strip(), kind)
        if key in seen:
            continue
        seen.add(key)
        found.append(Revision(date=parse_date(text), revised=kind, text=text.strip(), locator=locator))
    return found
