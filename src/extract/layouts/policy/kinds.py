"""What a line of a 運営方針 can be: the :class:`Kind` enum and the :class:`Token`.

Every ward and every year labels the same things differently (【区の目標…】,
bare 区の目標…, ‹区の目標…>, 【目標(何をめざすのか)】, 【経営課題1】 title,
経営課題1【title】, ≪経営課題1≫, 【1-1 title】, <1-1 title>, …); all of them
come out of :func:`~.classify.classify` as the same kind, so the grammar reads
kinds and never the variants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Kind", "Token"]


class Kind(StrEnum):
    """What a segment of text is."""

    TEXT = "text"
    BOILERPLATE = "boilerplate"  # template noise: skip links, Adobe notice, share buttons
    FOOTER = "footer"  # 探している情報が見つからない / 問合せ先: the content has ended
    DATE = "date"
    PAGE_ID = "page_id"
    CHIEF = "chief"
    NOTICE = "notice"  # 運営方針の進捗管理を実施しました… (status notes above the content)
    GOALS = "goals"
    MISSIONS = "missions"
    POLICIES = "policies"
    ISSUES_SECTION = "issues_section"
    ISSUE = "issue"
    STRATEGY = "strategy"
    INITIATIVE = "initiative"
    SUMMARY_LABEL = "summary_label"
    STRATEGIES_LABEL = "strategies_label"
    INITIATIVES_LABEL = "initiatives_label"
    OUTCOME_LABEL = "outcome_label"
    OUTCOME_STATUS_LABEL = "outcome_status_label"
    STATUS_YEAR = "status_year"  # <令和5年度実績と達成状況>
    STATUS_PREVIOUS = "status_previous"  # <前年度実績>
    SDGS = "sdgs"
    REFORM_SECTION = "reform_section"
    REFORM_ITEM = "reform_item"
    REFORM_HEADER = "reform_header"  # 主な取組項目 | 取組内容 (様式3 table header)
    EVALUATION = "evaluation"  # ◆自己評価, 1年間の取組成果…, 今後の方針
    PLAN_MARK = "plan_mark"  # ◆計画 / 計画
    ATTACHMENT = "attachment"
    CAPTION = "caption"  # attachment-block captions, 改定履歴, image captions
    BRACKET_TITLE = "bracket_title"  # 【…】 alone: a titled item in lists
    NUMBERED = "numbered"  # 【重点取組1 title】: another vocabulary's numbered heading


@dataclass(frozen=True, slots=True)
class Token:
    """A classified segment; fields are filled according to ``kind``.

    ``title``, ``rest`` and ``label`` are cut out of the original text (not the
    folded copy the patterns match), so they keep the document's characters.
    """

    kind: Kind
    text: str
    number: int | None = None
    code: str | None = None
    title: str | None = None
    rest: str | None = None
    label: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
