"""Classification: which :class:`~.kinds.Kind` a line is, by an ordered rule table.

A line can fit several patterns (``【経営課題1】 …`` is an issue heading and a
bracketed title; ``◆自己評価`` is an evaluation label and a marked line), so the
outcome depends on which rule is asked first.  That order is :data:`RULES`:
one :class:`Rule` per pattern, first match wins, and each rule says why it
sits where it does.  ``tests/test_classify_rules.py`` pins both the order and
a table of lines whose kind depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...japanese import fold
from . import patterns as p
from .kinds import Kind, Token
from .titles import strip_bullet

__all__ = ["RULES", "Line", "Rule", "classify", "matching_rules"]


@dataclass(frozen=True, slots=True)
class Line:
    """One segment as the rules see it: the original, its folded form, and the form without bullets."""

    text: str
    folded: str
    stripped: str
    """``folded`` without the leading list markers; most patterns match this."""
    offset: int
    """Where ``stripped`` starts in ``text`` (folding keeps lengths)."""

    @classmethod
    def of(cls, text: str) -> Line:
        """Fold ``text`` once and strip its bullets once, for every rule to share."""
        folded = fold(text)
        stripped = strip_bullet(folded)
        return cls(text, folded, stripped, len(folded) - len(stripped))

    def cut(self, m: re.Match[str], group: str) -> str | None:
        """The original-text span of ``group`` of a match on :attr:`stripped`."""
        if m.group(group) is None:
            return None
        return self.text[self.offset + m.start(group) : self.offset + m.end(group)]

    def cut_folded(self, m: re.Match[str], group: str) -> str:
        """The original-text span of ``group`` of a match on :attr:`folded`."""
        return self.text[m.start(group) : m.end(group)]


Reader = Callable[[Line], Token | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the table: its name, the kinds it yields, and why it sits where it does."""

    name: str
    kinds: tuple[Kind, ...]
    read: Reader
    why: str


# ----------------------------------------------------------------- readers


def _whole_line(pattern: re.Pattern[str], kind: Kind, *, folded: bool = False) -> Reader:
    """A reader for a pattern that yields a bare token (the whole line is the thing)."""

    def read(line: Line) -> Token | None:
        return Token(kind, line.text) if pattern.match(line.folded if folded else line.stripped) else None

    return read


def _label(pattern: re.Pattern[str], kind: Kind) -> Reader:
    """A reader for a section or sub-section label; the token keeps the label as typed."""

    def read(line: Line) -> Token | None:
        if pattern.match(line.stripped):
            return Token(kind, line.text, label=line.text[line.offset :].strip())
        return None

    return read


def _page_id(line: Line) -> Token | None:
    m = p.PAGE_ID_RE.match(line.folded)
    return Token(Kind.PAGE_ID, line.text, code=m.group("id")) if m else None


def _chief(line: Line) -> Token | None:
    m = p.CHIEF_RE.match(line.folded)
    return Token(Kind.CHIEF, line.text, title=line.cut_folded(m, "name")) if m else None


_MARKED_SECTIONS = ((p.GOALS_RE, Kind.GOALS), (p.MISSIONS_RE, Kind.MISSIONS), (p.POLICIES_RE, Kind.POLICIES))


def _marked_section(line: Line) -> Token | None:
    """``◆区の目標 text``: a marked section label with its content on the same line."""
    m = p.MARKED_LABEL_RE.match(line.folded)
    if m is None:
        return None
    for pattern, kind in _MARKED_SECTIONS:
        if pattern.match(m.group("label")):
            label = line.cut_folded(m, "label")
            return Token(kind, line.text, label=label, rest=line.cut_folded(m, "rest"))
    return None


def _status_year(line: Line) -> Token | None:
    m = p.STATUS_YEAR_RE.match(line.stripped)
    return Token(Kind.STATUS_YEAR, line.text, label=line.cut(m, "fy")) if m else None


def _initiatives_label(line: Line) -> Token | None:
    m = p.INITIATIVES_LABEL_RE.match(line.stripped)
    return Token(Kind.INITIATIVES_LABEL, line.text, label=line.cut(m, "budget_label")) if m else None


def _first_match(patterns: Sequence[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        m = pattern.match(text)
        if m:
            return m
    return None


def _rest(line: Line, m: re.Match[str]) -> str | None:
    return line.cut(m, "rest") if "rest" in m.groupdict() else None


def _code(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _issue(line: Line) -> Token | None:
    m = _first_match(p.ISSUE_RES, line.stripped)
    if m is None:
        return None
    number = int(m.group("num"))
    sub = m.group("sub")
    code = f"{number}{_code(sub)}" if sub else str(number)
    return Token(
        Kind.ISSUE, line.text, number=number, code=code, title=line.cut(m, "title"), rest=_rest(line, m)
    )


def _coded(patterns: Sequence[re.Pattern[str]], kind: Kind) -> Reader:
    """A reader for numbered strategy (1-1) and initiative (1-1-1) headings."""

    def read(line: Line) -> Token | None:
        m = _first_match(patterns, line.stripped)
        if m is None:
            return None
        code = _code(m.group("code"))
        return Token(kind, line.text, code=code, title=line.cut(m, "title"), rest=_rest(line, m))

    return read


def _initiative_unnumbered(line: Line) -> Token | None:
    m = _first_match(p.INITIATIVE_UNNUMBERED_RES, line.stripped)
    if m is None:
        return None
    return Token(
        Kind.INITIATIVE,
        line.text,
        title=line.cut(m, "title"),
        rest=line.cut(m, "rest"),
        label=line.cut(m, "budget_label"),
    )


def _strategy_unnumbered(line: Line) -> Token | None:
    m = _first_match(p.STRATEGY_UNNUMBERED_RES, line.stripped)
    return (
        Token(Kind.STRATEGY, line.text, title=line.cut(m, "title"), rest=line.cut(m, "rest")) if m else None
    )


def _reform_section(line: Line) -> Token | None:
    m = p.REFORM_SECTION_RE.match(line.stripped)
    return Token(Kind.REFORM_SECTION, line.text, title=line.cut(m, "plan")) if m else None


def _reform_item(line: Line) -> Token | None:
    m = p.REFORM_ITEM_RE.match(line.stripped)
    if m is None:
        return None
    return Token(Kind.REFORM_ITEM, line.text, number=int(m.group("num")), title=line.cut(m, "title"))


def _sdgs(line: Line) -> Token | None:
    m = p.SDGS_RE.match(line.stripped)
    if m and "SDG" in line.stripped.upper()[:12]:
        return Token(Kind.SDGS, line.text, rest=line.cut(m, "rest"))
    return None


def _attachment(line: Line) -> Token | None:
    m = p.ATTACHMENT_RE.match(line.stripped)
    if m is None:
        return None
    extra = {"format": m.group("fmt").upper(), "size": m.group("size"), "unit": m.group("unit")}
    return Token(Kind.ATTACHMENT, line.text, title=line.cut(m, "title"), extra=extra)


def _notice(line: Line) -> Token | None:
    if p.NOTICE_RE.match(line.stripped) and len(line.stripped) < 400:
        return Token(Kind.NOTICE, line.text)
    return None


def _caption(line: Line) -> Token | None:
    if p.CAPTION_RE.match(line.stripped) and len(line.stripped) <= 60:
        return Token(Kind.CAPTION, line.text)
    return None


def _numbered(line: Line) -> Token | None:
    m = p.NUMBERED_RE.match(line.stripped)
    if m is None or any(w in m.group("word") for w in p.NOT_NUMBERED_WORDS):
        return None
    return Token(
        Kind.NUMBERED,
        line.text,
        code=_code(m.group("code")),
        title=line.cut(m, "title"),
        rest=line.cut(m, "rest"),
        label=line.cut(m, "word"),
    )


def _bracket_title(line: Line) -> Token | None:
    m = p.BRACKET_TITLE_RE.match(line.stripped)
    return (
        Token(Kind.BRACKET_TITLE, line.text, title=line.cut(m, "title"), rest=line.cut(m, "rest"))
        if m
        else None
    )


# ----------------------------------------------------------------- the table

_PAGE = "page furniture first: it is never content, whatever later rule its words could fit"
_LABEL = "a whole-line label: before the headings and 【…】 titles its bracketed form also fits"
_OWN = "the own vocabulary's heading: before numbered and bracket_title, which its 【…】 form also fits"

RULES: tuple[Rule, ...] = (
    Rule(
        "boilerplate",
        (Kind.BOILERPLATE,),
        _whole_line(p.BOILERPLATE_RE, Kind.BOILERPLATE, folded=True),
        _PAGE,
    ),
    Rule("footer", (Kind.FOOTER,), _whole_line(p.FOOTER_RE, Kind.FOOTER, folded=True), _PAGE),
    Rule("date", (Kind.DATE,), _whole_line(p.DATE_RE, Kind.DATE, folded=True), _PAGE),
    Rule("page_id", (Kind.PAGE_ID,), _page_id, _PAGE),
    Rule("chief", (Kind.CHIEF,), _chief, _PAGE),
    Rule("goals", (Kind.GOALS,), _label(p.GOALS_RE, Kind.GOALS), _LABEL),
    Rule("missions", (Kind.MISSIONS,), _label(p.MISSIONS_RE, Kind.MISSIONS), _LABEL),
    Rule("policies", (Kind.POLICIES,), _label(p.POLICIES_RE, Kind.POLICIES), _LABEL),
    Rule("issues_section", (Kind.ISSUES_SECTION,), _label(p.ISSUES_SECTION_RE, Kind.ISSUES_SECTION), _LABEL),
    Rule(
        "outcome_status_label",
        (Kind.OUTCOME_STATUS_LABEL,),
        _label(p.OUTCOME_STATUS_RE, Kind.OUTCOME_STATUS_LABEL),
        _LABEL,
    ),
    Rule("outcome_label", (Kind.OUTCOME_LABEL,), _label(p.OUTCOME_LABEL_RE, Kind.OUTCOME_LABEL), _LABEL),
    Rule("summary_label", (Kind.SUMMARY_LABEL,), _label(p.SUMMARY_LABEL_RE, Kind.SUMMARY_LABEL), _LABEL),
    Rule(
        "strategies_label",
        (Kind.STRATEGIES_LABEL,),
        _label(p.STRATEGIES_LABEL_RE, Kind.STRATEGIES_LABEL),
        _LABEL,
    ),
    Rule(
        "status_previous", (Kind.STATUS_PREVIOUS,), _label(p.STATUS_PREVIOUS_RE, Kind.STATUS_PREVIOUS), _LABEL
    ),
    Rule("evaluation", (Kind.EVALUATION,), _label(p.EVALUATION_RE, Kind.EVALUATION), _LABEL),
    Rule("plan_mark", (Kind.PLAN_MARK,), _label(p.PLAN_MARK_RE, Kind.PLAN_MARK), _LABEL),
    Rule("reform_header", (Kind.REFORM_HEADER,), _label(p.REFORM_HEADER_RE, Kind.REFORM_HEADER), _LABEL),
    Rule(
        "marked_section",
        (Kind.GOALS, Kind.MISSIONS, Kind.POLICIES),
        _marked_section,
        "◆区の目標 text: a label with its content, after the whole-line labels it is built from",
    ),
    Rule(
        "status_year",
        (Kind.STATUS_YEAR,),
        _status_year,
        "【平成30年度実績】 is the results label, not a 【…】 title",
    ),
    Rule(
        "initiatives_label",
        (Kind.INITIATIVES_LABEL,),
        _initiatives_label,
        "【主な具体的取組(4年度予算額)】 alone is the column label, not an unnumbered initiative",
    ),
    Rule("issue", (Kind.ISSUE,), _issue, _OWN),
    Rule("initiative", (Kind.INITIATIVE,), _coded(p.INITIATIVE_RES, Kind.INITIATIVE), _OWN),
    Rule("strategy", (Kind.STRATEGY,), _coded(p.STRATEGY_RES, Kind.STRATEGY), _OWN),
    Rule(
        "initiative_unnumbered",
        (Kind.INITIATIVE,),
        _initiative_unnumbered,
        "【主な具体的取組(…予算額) title】: after the label it extends, before bracket_title",
    ),
    Rule(
        "strategy_unnumbered",
        (Kind.STRATEGY,),
        _strategy_unnumbered,
        "【主な戦略 title】: after the label it extends, before bracket_title",
    ),
    Rule("reform_section", (Kind.REFORM_SECTION,), _reform_section, _LABEL),
    Rule("reform_item", (Kind.REFORM_ITEM,), _reform_item, _OWN),
    Rule("sdgs", (Kind.SDGS,), _sdgs, "a SDGs goals line, before the sentence-like kinds below"),
    Rule(
        "attachment",
        (Kind.ATTACHMENT,),
        _attachment,
        "様式2 …(PDF形式, 1.05MB) is a link, although its name reads as a caption",
    ),
    Rule("notice", (Kind.NOTICE,), _notice, "status notes are sentences: after every heading and label"),
    Rule(
        "caption",
        (Kind.CAPTION,),
        _caption,
        "【様式2】 … names a form or an image: before the 【…】 title it also fits",
    ),
    Rule(
        "numbered",
        (Kind.NUMBERED,),
        _numbered,
        "another vocabulary's 【施策1-1 title】: after the own headings, before plain 【…】 titles",
    ),
    Rule("bracket_title", (Kind.BRACKET_TITLE,), _bracket_title, "the loosest heading form, asked last"),
)
"""The rules in the order they are asked; the first that reads the line decides its kind."""


@lru_cache(maxsize=1 << 15)
def classify(text: str) -> Token:
    """Classify one segment of text: the first rule of :data:`RULES` that reads it, else plain text.

    Cached: layout detection and parsing classify the same segments several times.

    >>> classify("【経営課題1】 子育て層が住みたい").title
    '子育て層が住みたい'
    >>> t = classify("【戦略2-2  地域防災】 ")
    >>> (t.kind.value, t.code, t.title)
    ('strategy', '2-2', '地域防災')
    >>> t = classify("【具体的取組2-3-1コミュニティソーシャルワーカー(CSW)の配置】")
    >>> (t.code, t.title)
    ('2-3-1', 'コミュニティソーシャルワーカー(CSW)の配置')
    >>> classify("‹区の目標(何をめざすのか)>").kind.value
    'goals'
    >>> classify("経営課題1-(1)地域コミュニティの活性化").code
    '1-(1)'
    """
    line = Line.of(text)
    for rule in RULES:
        token = rule.read(line)
        if token is not None:
            return token
    return Token(Kind.TEXT, text)


def matching_rules(text: str) -> list[str]:
    """The names of every rule that would read ``text``, in table order.

    For seeing why a line got its kind: the first name is the rule that decided.

    >>> matching_rules("【経営課題1】 子育て")
    ['issue', 'numbered', 'bracket_title']
    """
    line = Line.of(text)
    return [rule.name for rule in RULES if rule.read(line) is not None]
