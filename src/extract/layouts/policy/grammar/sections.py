"""Section labels and page furniture: the lines that say which area the text is in.

区の目標, 区の使命, 区長の方針 and 重点的に取り組む経営課題 open their areas;
自己評価 opens the evaluation (or, inside a 様式3 item, its evaluation part);
attachment links and the page footer close the content.  Template noise,
notices and captions are taken out of the count so that coverage measures
policy text only.
"""

from __future__ import annotations

from ....japanese import parse_number
from ....models import Attachment
from ..kinds import Token
from ..segments import Segment
from ..titles import strip_bullet
from ..tree import ReformPhase
from . import reform
from .preamble import is_title_repeat
from .state import Area, IssuePart, Reader
from .text import read_text

__all__ = [
    "on_attachment",
    "on_boilerplate",
    "on_caption",
    "on_chief",
    "on_date",
    "on_evaluation",
    "on_footer",
    "on_goals",
    "on_issues_section",
    "on_missions",
    "on_notice",
    "on_page_id",
    "on_plan_mark",
    "on_policies",
]

_FURNITURE_AREAS = frozenset({Area.PREAMBLE, Area.FOOTER, Area.ATTACHMENTS, Area.EVALUATION})
_CAPTION_NOISE_AREAS = frozenset({Area.ATTACHMENTS, Area.FOOTER, Area.PREAMBLE})
_CLOSED_BY_ATTACHMENT = frozenset({Area.ISSUES, Area.REFORM, Area.PREAMBLE, Area.EVALUATION})


def on_boilerplate(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes template noise (skip links, the Adobe notice, share buttons): excluded from the count."""
    r.exclude()


def on_footer(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 探している情報が見つからない / 問合せ先: the content has ended; everything after is furniture."""
    r.area = Area.FOOTER
    r.exclude()


def on_date(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes a date line after the preamble's: a date in the body is plain text there."""
    read_text(r, seg)


def on_page_id(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes a page-id line after the preamble's: plain text where it stands."""
    read_text(r, seg)


def on_chief(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes (区長:name): the ward chief, if the preamble did not already have one."""
    if r.tree.ward_chief is None:
        r.tree.ward_chief = tok.title
    r.claim()


def on_notice(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes status notes (進捗管理を実施しました, を公表します): furniture outside the content, text inside it."""
    if r.area in _FURNITURE_AREAS:
        r.exclude()  # status notes and page furniture, not policy content
        return
    read_text(r, seg)


def on_caption(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes captions (改定履歴, 【様式2】…, image captions): never content.

    A caption that repeats the title inside the content starts the attachment
    block; outside the content it is excluded, inside it is left unclaimed.
    """
    if r.area in (Area.REFORM, Area.ISSUES) and is_title_repeat(seg.text):
        r.issues.close_parts()
        r.area = Area.ATTACHMENTS
    if r.area in _CAPTION_NOISE_AREAS:
        r.exclude()


def on_attachment(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes ``title (PDF形式, 123KB)``: an attachment of the document, and the end of the content."""
    size = _size_bytes(tok.extra.get("size"), tok.extra.get("unit"))
    r.tree.attachments.append(
        Attachment(title=tok.title or seg.text, url=None, format=tok.extra.get("format"), size_bytes=size)
    )
    r.issues.close_parts()
    if r.area in _CLOSED_BY_ATTACHMENT:
        r.area = Area.ATTACHMENTS
    r.claim()


def on_goals(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 区の目標: opens the goals list, unless inside a 様式3 item (where it is the item's text)."""
    if r.area is Area.REFORM and r.reform.item is not None:
        read_text(r, seg)
        return
    _list_section(r, Area.GOALS, tok)


def on_missions(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 区の使命: opens the missions list."""
    _list_section(r, Area.MISSIONS, tok)


def on_policies(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 区長の方針 / 運営の基本的な考え方: opens the policies list."""
    _list_section(r, Area.POLICIES, tok)


def _list_section(r: Reader, area: Area, tok: Token) -> None:
    r.enter_section(area)
    if tok.rest:
        item = strip_bullet(tok.rest.strip())
        if item:
            r.list_for(area).append(item)


def on_issues_section(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 重点的に取り組む経営課題: opens the issues area, with no issue open yet."""
    r.enter_section(Area.ISSUES)
    r.issues.issue = None
    r.issues.part = IssuePart.SUMMARY


def on_evaluation(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes 自己評価 and the like: the evaluation part of a 様式3 item, else the evaluation area.

    The evaluation area repeats the content in summary form, so its text is not read.
    """
    if r.area is Area.REFORM and r.reform.item is not None:
        reform.enter_phase(r, ReformPhase.MIDTERM if "中間" in seg.text else ReformPhase.EVALUATION)
        r.claim()
        return
    r.issues.close_parts()
    r.area = Area.EVALUATION
    r.claim()


def on_plan_mark(r: Reader, seg: Segment, tok: Token) -> None:
    """Takes ◆計画: back to the plan part of a 様式3 item (elsewhere only a mark)."""
    if r.area is Area.REFORM and r.reform.item is not None:
        reform.enter_phase(r, ReformPhase.PLAN)
    r.claim()


def _size_bytes(size: str | None, unit: str | None) -> int | None:
    if not size or not unit:
        return None
    value = parse_number(size)
    if value is None:
        return None
    factor = {"KB": 1024, "キロバイト": 1024, "MB": 1024**2, "メガバイト": 1024**2, "GB": 1024**3}.get(
        unit.upper() if unit.isascii() else unit, 1
    )
    return round(value * factor)
