"""The preamble: identity (title, year, issuer, date, page id, chief) and truncation.

Before the walk, a first pass over the head of the document reads what it is:
its title and fiscal year (or, for a form without a title, the year the body
mentions most), the city and ward that issued it, the date, page id and ward
chief.  It also decides whether the input was cut short (no footer, and the
last content line stops mid-sentence), so the walk can report the cut text
instead of reading half a sentence as content.
"""

from __future__ import annotations

import re
from collections import Counter

from ....eras import find_fiscal_year, parse_date
from ....japanese import fold
from ..identity import find_city_mentions, parse_title, ward_in_text
from ..kinds import Kind, Token
from ..segments import Segment
from .state import LIST_AREAS, Area, Reader

__all__ = ["current_item_name", "identify", "is_title_repeat", "mark_truncation", "report_cut"]

_TERMINAL = tuple("。.!?！？)）」』】>》]］")
_TITLE_IN_TEXT_RE = re.compile(
    r"(?P<title>(?:(?:令和|平成)\s*(?:[0-9]{1,2}|元)\s*年?度|(?:19|20)[0-9]{2}\s*年度)(?:\s*\([^()]{1,12}\))?"
    r"\s*[^\s、。「」()]{0,16}?\s*運営方針(?:\s*\((?:素)?案\))?)"
)
_SENTENCE_END_RE = re.compile(r"[。.]\s*$|[。]")
_SECTION_START = frozenset(
    {
        Kind.GOALS,
        Kind.MISSIONS,
        Kind.POLICIES,
        Kind.ISSUES_SECTION,
        Kind.ISSUE,
        Kind.REFORM_SECTION,
        Kind.REFORM_ITEM,
    }
)
_STRUCTURE = _SECTION_START | {Kind.STRATEGY, Kind.INITIATIVE, Kind.NUMBERED}
_CLOSING_LABELS = frozenset({Kind.EVALUATION, Kind.PLAN_MARK, Kind.SUMMARY_LABEL, Kind.STRATEGIES_LABEL})
_HEADINGS = frozenset({Kind.ISSUE, Kind.STRATEGY, Kind.INITIATIVE, Kind.REFORM_ITEM, Kind.BRACKET_TITLE})


def identify(r: Reader) -> None:
    """Read the document's identity from its head, before the walk.

    Takes (claims and excludes from the count) the first date, page id and
    chief line and a line that is exactly the title: they become document
    fields, and the walk skips them.
    """
    tree = r.tree
    _read_head(r)
    if tree.title is None:
        _title_from_first_lines(r)
    ident = parse_title(tree.title) if tree.title else None
    if ident:
        tree.fiscal_year = ident.fiscal_year
        tree.fiscal_year_label = ident.fiscal_year_label
        tree.status = ident.status
        tree.organization = ident.organization
    if tree.fiscal_year is None and any(t.kind in _STRUCTURE for t in r.tokens):
        _fiscal_year_from_body(r)  # a policy form without its title (a 様式 sheet)
    _resolve_issuer(r, ident.city if ident else None, ident.ward if ident else None)


def _read_head(r: Reader) -> None:
    """Date, page id, chief and title among the lines before the first section."""
    tree = r.tree
    limit = _first_section_index(r)
    for i, (seg, tok) in enumerate(zip(r.segments, r.tokens, strict=True)):
        if i >= limit:
            break
        if tok.kind is Kind.DATE and tree.updated_on is None:
            tree.updated_on = parse_date(seg.text)
            _take(r, i)
        elif tok.kind is Kind.PAGE_ID and tree.page_id is None:
            tree.page_id = tok.code
            _take(r, i)
        elif tok.kind is Kind.CHIEF and tree.ward_chief is None:
            tree.ward_chief = tok.title
            _take(r, i)
        elif tree.title is None and tok.kind in (Kind.TEXT, Kind.NOTICE, Kind.CAPTION):
            title = _title_from(seg.text)
            if title:
                tree.title = title
                tree.title_locator = seg.locator
                if title == seg.text.strip():
                    _take(r, i)


def _title_from_first_lines(r: Reader) -> None:
    """No 運営方針 title: a short line of the first six naming a year with its era is the title."""
    for i, (seg, tok) in enumerate(zip(r.segments[:6], r.tokens[:6], strict=False)):
        fy = find_fiscal_year(seg.text)
        if tok.kind is Kind.TEXT and fy and fy.explicit_era and len(seg.text) <= 60:
            r.tree.title = seg.text.strip()
            r.tree.title_locator = seg.locator
            _take(r, i)
            return


def _take(r: Reader, index: int) -> None:
    r.coverage.exclude(index)
    r.coverage.claim(index)


def _title_from(text: str) -> str | None:
    folded = fold(text)
    if "運営方針" not in folded:
        return None
    if len(text) <= 60 and find_fiscal_year(text) and not _SENTENCE_END_RE.search(folded):
        return text.strip()
    m = _TITLE_IN_TEXT_RE.search(folded)
    if m:
        return text[m.start("title") : m.end("title")].strip()
    return None


def is_title_repeat(text: str) -> bool:
    """A short line naming a 運営方針 by year: the title again (a link, an attachment caption)."""
    return bool(_TITLE_IN_TEXT_RE.search(fold(text))) and len(text) <= 80


def _first_section_index(r: Reader) -> int:
    for i, tok in enumerate(r.tokens):
        if tok.kind in _SECTION_START:
            return max(i, 12)
    return min(len(r.tokens), 40)


def _fiscal_year_from_body(r: Reader) -> None:
    counts: Counter[int] = Counter()
    labels: dict[int, str] = {}
    for seg in r.segments:
        pos = 0
        while True:
            fy = find_fiscal_year(seg.text, None, pos=pos)
            if fy is None:
                break
            pos = fy.end
            if fy.explicit_era and "年度" in fy.label:
                counts[fy.year] += 1
                labels.setdefault(fy.year, fy.label)
    if counts:
        year, _ = counts.most_common(1)[0]
        r.tree.fiscal_year = year
        r.tree.fiscal_year_label = labels[year]
        r.warn(None, f"no title: fiscal year {labels[year]} taken from the most frequent mention in the text")


def _resolve_issuer(r: Reader, title_city: str | None, title_ward: str | None) -> None:
    """City and ward: the title's, else the profile's when the evidence points to its city."""
    tree = r.tree
    profile = r.profile
    texts = [s.text for s in r.segments]
    if title_ward is None and tree.title and profile and tree.organization is None:
        title_ward = ward_in_text([tree.title], profile.wards)  # e.g. 平成30年度 大正区事業・業務計画書
        tree.organization = title_ward
    mentions = find_city_mentions(texts)
    if title_city:
        city: str | None = title_city
    elif r.url and profile and any(h in r.url for h in profile.hosts):
        city = profile.name
    else:
        others = {c: n for c, n in mentions.items() if profile is None or c != profile.name}
        own = mentions.get(profile.name, 0) if profile else 0
        if others and max(others.values()) > own:
            city = max(others, key=lambda c: (others[c], c))
        elif profile and (own or _profile_evidence(r, texts) or title_ward in profile.wards):
            city = profile.name
        else:
            city = None
    ward = title_ward
    if ward is None and tree.organization is None and profile and city == profile.name:
        ward = ward_in_text(texts, profile.wards)
        if ward:
            tree.organization = ward
            r.warn(None, f"ward {ward} taken from the body text (the title does not name it)")
    tree.city = city
    tree.ward = ward
    if ward and profile and city == profile.name:
        tree.ward_slug = profile.wards.get(ward)


def _profile_evidence(r: Reader, texts: list[str]) -> bool:
    assert r.profile is not None
    joined = "\n".join(texts[:400])
    return any(v in joined for v in r.profile.vocabulary)


def mark_truncation(r: Reader) -> None:
    """Mark the last content segment ``cut`` when the input stops mid-sentence.

    A document is complete when the reader says so, when the page footer is
    there, when it ends in a table (a form ends where its table ends), on a
    closing label, or on terminal punctuation or 以上.
    """
    if not r.segments or r.complete:
        return
    if any(t.kind is Kind.FOOTER for t in r.tokens):
        return
    last = len(r.segments) - 1
    while last >= 0 and r.tokens[last].kind is Kind.BOILERPLATE:
        last -= 1
    if last < 0:
        return
    seg, tok = r.segments[last], r.tokens[last]
    if seg.block_kind == "table_row":
        return  # a form ends where its table ends
    text = seg.text.rstrip()
    if tok.kind in _CLOSING_LABELS:
        return
    if text.endswith(_TERMINAL) or text == "以上":  # 以上 alone is how Japanese documents close
        return
    seg.cut = True
    r.tree.truncated = True


def report_cut(r: Reader, seg: Segment, tok: Token) -> None:
    """The cut segment: a warning saying what is left out (the driver excludes it from the count)."""
    where = current_item_name(r)
    if tok.kind in _HEADINGS:
        r.warn(seg.locator, f"input ends inside a heading ({seg.text!r}); the item is left out")
    elif tok.kind is Kind.TEXT or tok.kind is Kind.NOTICE:
        r.warn(seg.locator, f"input ends mid-text ({seg.text[-20:]!r}); the cut text of {where} is left out")
    else:
        r.warn(seg.locator, f"input ends mid-text ({seg.text[-20:]!r}); left out")


def current_item_name(r: Reader) -> str:
    """What the reader is in, for warnings: ``initiative 1-1-1``, ``the goals list``, …"""
    cursor = r.issues
    if r.area in LIST_AREAS:
        return f"the {r.area} list"
    if r.area is Area.REFORM and r.reform.item:
        return f"reform item {r.reform.item.number or r.reform.item.title}"
    if cursor.initiative:
        return f"initiative {cursor.initiative.code or cursor.initiative.title}"
    if cursor.strategy:
        return f"strategy {cursor.strategy.code or cursor.strategy.title}"
    if cursor.issue:
        return f"issue {cursor.issue.code or cursor.issue.title}"
    return f"the {r.area} section"
