"""The tables a dataset folder derives from the records: policies, budgets, changes.

The record tables hold what documents say; these hold what a researcher asks
next: which documents make one policy (``policies.jsonl``), every budget figure
as one row with the flag that makes a sum right (``budgets.jsonl``), and what
changed since the version published before (``changes.jsonl``).  Each is a
model, so its JSON Schema goes into the package beside the others and its key
order is fixed.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Revision
from ..vocab import OwnerType, Role

__all__ = [
    "DERIVED_FILES",
    "DERIVED_MODELS",
    "BudgetLine",
    "ChangeLine",
    "FieldChange",
    "PolicyDocument",
    "PolicyLine",
]


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyDocument(_Line):
    """One document of a policy."""

    doc_id: str
    role: Role
    format: str
    uri: str
    parent_id: str | None = Field(description="The page the document is attached to, when known.")


class PolicyLine(_Line):
    """One policy (a ward's or bureau's 運営方針 for one fiscal year, draft or final) and its documents."""

    policy_id: str = Field(description="city-issuer-year-status, e.g. 'osaka-kita-2016-final'.")
    city: str | None
    ward: str | None
    ward_slug: str | None
    organization: str | None
    fiscal_year: int | None
    fiscal_year_label: str | None
    status: Literal["draft", "final"]
    title: str | None
    updated_on: _dt.date | None
    page_id: str | None
    url: str | None
    revisions: list[Revision] = Field(description="The revisions the policy's documents state.")
    documents: list[PolicyDocument] = Field(description="Every document of the policy, preferred first.")
    taken_from: dict[str, str | None] = Field(
        description="For each record type, the document whose records (and values) the tables hold; "
        "items found only in other documents come from those."
    )
    records: dict[str, int] = Field(description="Records of each type in the tables, each item once.")


class BudgetLine(_Line):
    """One budget figure of an issue or initiative."""

    id: str = Field(description="'<owner_id>/budget/<n>'.")
    policy_id: str | None
    owner_id: str
    owner_type: OwnerType
    fiscal_year: int | None = Field(description="The year the figure belongs to.")
    kind: str | None = Field(description="予算額, 区CM予算額, 決算額, ... as labelled.")
    amount_yen: int | None = Field(description="Null when written as '-' (no budget).")
    text: str
    inferred: bool
    in_total: bool = Field(
        description="True for the one figure per owner that sums to its budget for the policy's fiscal "
        "year: the first 予算額 of that year, else the first figure of that year of any kind. "
        "SUM(amount_yen) WHERE in_total never counts one owner twice."
    )


class FieldChange(_Line):
    field: str
    old: Any
    new: Any


class ChangeLine(_Line):
    """A record added, removed or changed since the previous version, by its stable id."""

    table: str = Field(description="The file, e.g. 'initiatives'.")
    id: str
    change: Literal["added", "removed", "changed"]
    fields: list[FieldChange] = Field(description="For a changed record: each field that differs.")


DERIVED_MODELS: dict[str, type[_Line]] = {"policy": PolicyLine, "budget": BudgetLine, "change": ChangeLine}
DERIVED_FILES = {"policy": "policies.jsonl", "budget": "budgets.jsonl", "change": "changes.jsonl"}
