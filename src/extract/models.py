"""The public data contract: one Pydantic model per JSON Lines record type.

Field names here are what researchers load into pandas or DuckDB, so they only
ever grow: new fields may be added, existing names keep their meaning.  Every
record carries ``type``, a stable ``id``, its ``doc_id``, where it came from
(``source``) and which parser produced it (``parser``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .vocab import (
    IndicatorKind,
    Measure,
    OwnerType,
    RevisionKind,
    Role,
    indicator_kind,
    measure_of,
    owner_type_of,
)

__all__ = [
    "RECORD_MODELS",
    "Attachment",
    "Budget",
    "DocumentRecord",
    "IndicatorRecord",
    "InitiativeRecord",
    "IssueRecord",
    "ListItem",
    "ParserInfo",
    "Record",
    "ReformItemRecord",
    "Revision",
    "Source",
    "StrategyRecord",
]

Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """Where a record came from: the input, its digest, the reader, and the place inside it."""

    uri: Text = Field(description="Path, URL or '-' (stdin) as given to extract.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Digest of the raw input bytes.")
    format: Literal["text", "html", "pdf", "xlsx"]
    locator: str | None = Field(
        default=None, description="Place inside the source: 'line 12', 'page 3', '様式2!B4', 'html block 7'."
    )


class ParserInfo(_Model):
    """The layout parser that produced the record; its version changes when its output can change."""

    name: Text
    version: Text


class Budget(_Model):
    """A money figure attached to an issue or initiative."""

    amount_yen: int | None = Field(description="Amount in yen; null when written as '-' (no budget).")
    text: Text = Field(description="The figure as written, e.g. '28年度予算額 66,753千円'.")
    kind: str | None = Field(description="予算額, 決算額, 区CM予算額, 算定見込額, ... as labelled.")
    fiscal_year: int | None = Field(description="Gregorian start year of the 年度 the figure belongs to.")
    inferred: bool = Field(
        default=False,
        description="True when kind/fiscal_year come from the document's convention, not from a label.",
    )


class Attachment(_Model):
    """A file linked from a page (様式 PDFs, the XLSX)."""

    title: Text
    url: str | None = None
    format: str | None = Field(default=None, description="PDF, XLSX, ... as stated in the link text.")
    size_bytes: int | None = None


class ListItem(_Model):
    """One item of a document's goals, missions or policies, with its place in the list's nesting."""

    text: Text
    level: int = Field(ge=1, description="1 for a top-level item, 2 for an item under one, and so on.")
    parent: int | None = Field(
        description="Index in the same list of the item this one is under; null at the top level."
    )


class Revision(_Model):
    """A revision the page itself states: 運営方針の進捗管理(中間)を実施しました… (平成28年10月7日)."""

    date: _dt.date | None = Field(description="The date written with it; null when none is.")
    revised: RevisionKind = Field(
        description="What was revised: 中間振り返り (the mid-year review), 自己評価 (the self-evaluation), "
        "or other (an update line such as 令和4年6月10日更新)."
    )
    text: Text = Field(description="The line as written.")
    locator: str | None = Field(default=None, description="Where the line is in the source.")


class Record(_Model):
    """Fields shared by every line of output."""

    type: str
    id: Text
    doc_id: Text
    policy_id: str | None = Field(
        default=None,
        description="The policy the record belongs to: city, ward or bureau, fiscal year, draft or final "
        "('osaka-kita-2016-final'); every document of one policy (page, 様式 PDFs, workbook) shares it.",
    )
    source: Source
    parser: ParserInfo


class ItemRecord(Record):
    """A record inside a policy (issue, strategy, initiative, indicator, reform item)."""

    sources: list[Source] = Field(
        default_factory=list,
        description="In a dataset folder: every document of the policy the item was found in, with its "
        "locator, the one its values are taken from (``source``) first; empty in one document's output.",
    )


class DocumentRecord(Record):
    """One policy document (a page, a 様式 PDF, an XLSX workbook)."""

    type: Literal["document"] = "document"
    city: str | None = Field(description="City name, e.g. '大阪市'.")
    ward: str | None = Field(description="Ward name as written, e.g. '北区'; null for bureaus and unknowns.")
    ward_slug: str | None = Field(
        description="The ward's romaji section on www.city.osaka.lg.jp, e.g. 'kita'."
    )
    organization: str | None = Field(
        default=None, description="The issuing body when it is not a ward (a 局 or 室), or the ward."
    )
    fiscal_year: int | None = Field(description="Gregorian start year of the 年度 (令和元年度 -> 2019).")
    fiscal_year_label: str | None = Field(description="The 年度 as written in the title, e.g. '平成28年度'.")
    status: Literal["draft", "final"]
    title: str | None
    updated_on: _dt.date | None = Field(description="The page's last-updated date.")
    page_id: str | None = Field(description="The CMS page number (ページ番号).")
    url: str | None = Field(default=None, description="Canonical URL of the page when known.")
    goals: list[str] = Field(description="区の目標 items.")
    missions: list[str] = Field(description="区の使命 items.")
    policies: list[str] = Field(description="区長の方針 (basic approach) items.")
    goal_items: list[ListItem] = Field(
        default_factory=list, description="goals as items with their nesting (level, parent)."
    )
    mission_items: list[ListItem] = Field(
        default_factory=list, description="missions as items with their nesting (level, parent)."
    )
    policy_items: list[ListItem] = Field(
        default_factory=list, description="policies as items with their nesting (level, parent)."
    )
    ward_chief: str | None = Field(description="Name of the ward chief when stated, e.g. '(区長:高野 賢)'.")
    attachments: list[Attachment]
    truncated: bool = Field(
        default=False, description="True when the input stops mid-text; cut items were left out."
    )
    role: Role = Field(
        default=Role.OTHER,
        description="What the document is within its policy: page, 様式1, 様式2, 様式3, workbook (the XLSX "
        "with every form), other (several forms in one file, or none recognised).",
    )
    parent_id: str | None = Field(
        default=None,
        description="For an attachment: the id of the page that links to it (from the fetch or from the "
        "page's attachment list).",
    )
    revisions: list[Revision] = Field(
        default_factory=list, description="Revisions the document states, in the order written."
    )


class IssueRecord(ItemRecord):
    """A 経営課題 (management issue)."""

    type: Literal["issue"] = "issue"
    number: int | None = Field(description="The issue's number (経営課題1 -> 1).")
    label: str | None = Field(
        default=None, description="The heading's own word when it is not the usual one (e.g. 重点取組, 施策)."
    )
    code: str | None = Field(
        description="The number as written when it is compound, e.g. '1-(1)'; else = number."
    )
    title: str | None
    summary: str | None = Field(description="Overview / 課題認識 text.")
    budgets: list[Budget]
    sdgs: list[int] = Field(default_factory=list, description="SDG goal numbers listed for the issue.")


class StrategyRecord(ItemRecord):
    """A 戦略 (strategy) under an issue."""

    type: Literal["strategy"] = "strategy"
    code: str | None = Field(description="'1-1'; null when the document does not number strategies.")
    label: str | None = Field(
        default=None, description="The heading's own word when it is not the usual one (e.g. 重点取組, 施策)."
    )
    issue_number: int | None
    title: str | None
    description: str | None


class InitiativeRecord(ItemRecord):
    """A 具体的取組 (concrete initiative) under a strategy."""

    type: Literal["initiative"] = "initiative"
    code: str | None = Field(description="'1-1-1'; null when unnumbered.")
    label: str | None = Field(
        default=None, description="The heading's own word when it is not the usual one (e.g. 重点取組, 施策)."
    )
    issue_number: int | None
    strategy_code: str | None
    title: str | None
    description: str | None
    budgets: list[Budget]


class IndicatorRecord(ItemRecord):
    """A target or indicator (目標, アウトカム指標, 業績目標, プロセス指標) with its values."""

    type: Literal["indicator"] = "indicator"
    owner_id: Text = Field(description="id of the issue, initiative or reform item the indicator measures.")
    owner_type: OwnerType | None = Field(
        default=None, description="The owner's record type (issue, initiative, reform_item), from owner_id."
    )
    kind: IndicatorKind = Field(
        description="目標 / アウトカム指標 / 業績目標 (outcome targets), プロセス指標 (a process indicator), "
        "活動量 (a planned activity quantity listed under 取組内容: 1回, 12回)."
    )
    measure: Measure | None = Field(
        default=None,
        description="The kind's family: outcome, process or activity (count targets with "
        "measure = 'outcome').",
    )
    context: str | None = Field(
        default=None, description="The heading the indicator was listed under when it is not the main one."
    )
    text: Text = Field(description="What is measured, as written.")
    target_text: str | None = Field(default=None, description="The target as written.")
    target_value: float | None
    unit: str | None
    target_qualifier: str | None = Field(default=None, description="以上 / 以下 / 未満 when written.")
    target_fiscal_year: int | None
    baseline_value: float | None
    baseline_fiscal_year: int | None
    actual_value: float | None
    actual_text: str | None = Field(default=None, description="The result as written.")
    grade: str | None = Field(description="Achievement grade (A/B/C...) when given.")
    achieved: bool | None
    achieved_basis: Literal["stated", "grade", "computed"] | None = Field(
        default=None,
        description="How 'achieved' was decided: stated in the text, from the grade, or computed from values.",
    )

    @model_validator(mode="before")
    @classmethod
    def _classify(cls, data: object) -> object:
        """Kind, family and owner type follow from what the layout wrote, whichever layout it was."""
        if isinstance(data, dict) and "kind" in data:
            label = data["kind"]
            kind = indicator_kind(str(label) if label is not None else None, data.get("context"))
            data = {**data, "kind": kind, "measure": measure_of(kind)}
            owner = data.get("owner_id")
            if isinstance(owner, str):
                data["owner_type"] = owner_type_of(owner)
        return data


class ReformItemRecord(ItemRecord):
    """An item of the 市政改革プラン / 市政改革の基本方針 section (様式3)."""

    type: Literal["reform_item"] = "reform_item"
    plan: str | None = Field(description="The plan's name, e.g. '市政改革プラン3.0'.")
    number: int | None
    title: str | None
    purpose: str | None = Field(description="(趣旨・目的)")
    overview: str | None = Field(description="(取組の概要) or the item's description.")
    actions: list[str] = Field(description="Planned actions ((取組内容) / bullets).")
    results: list[str] = Field(description="Actions reported done ((取組実績)).")
    achieved: bool | None
    achieved_basis: Literal["stated", "grade", "computed"] | None = Field(
        default=None, description="How 'achieved' was decided (see indicator.achieved_basis)."
    )
    challenges: str | None = Field(description="課題と改善策")


RECORD_MODELS: dict[str, type[Record]] = {
    "document": DocumentRecord,
    "issue": IssueRecord,
    "strategy": StrategyRecord,
    "initiative": InitiativeRecord,
    "indicator": IndicatorRecord,
    "reform_item": ReformItemRecord,
}
"""Record type -> model, in output order."""

OUTPUT_FILES: dict[str, str] = {
    "document": "documents.jsonl",
    "issue": "issues.jsonl",
    "strategy": "strategies.jsonl",
    "initiative": "initiatives.jsonl",
    "indicator": "indicators.jsonl",
    "reform_item": "reform_items.jsonl",
}
