"""A dataset folder read into typed rows: what the report and the series linker look at.

The report and the linker read a published dataset folder, never the parser's
models, so that they work on any dataset the tool has written (and on one that
was copied elsewhere) and keep working while the record models change.

A dataset may already carry the research tables (``policies.jsonl``,
``budgets.jsonl``, ``policy_id`` on every record); then they are used as they
are.  Older datasets lack them, and :mod:`.fallback` derives the same rows
from the nested records; that module is the only place that knows how, so it
can be removed once every dataset has the tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "Budget",
    "Dataset",
    "DatasetError",
    "Document",
    "Indicator",
    "Item",
    "ItemKind",
    "Outcome",
    "Policy",
    "Source",
    "Status",
    "load_dataset",
]


class DatasetError(Exception):
    """The folder is not a dataset (no ``summary.json``) or a file in it does not read."""


class Status(StrEnum):
    """Whether a policy is the published one or a draft ((案)/(素案))."""

    FINAL = "final"
    DRAFT = "draft"


class ItemKind(StrEnum):
    """The three levels of a policy's plan, top down."""

    ISSUE = "issue"
    STRATEGY = "strategy"
    INITIATIVE = "initiative"


class Outcome(StrEnum):
    """What an indicator's result says about its target."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read: the input's URI and the place in it."""

    uri: str
    locator: str | None
    format: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    policy_id: str
    city: str
    ward: str
    ward_slug: str
    fiscal_year: int
    status: Status
    title: str | None
    url: str | None
    role: str | None
    source: Source
    goals: tuple[str, ...]
    missions: tuple[str, ...]
    policies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Policy:
    """One ward's policy for one fiscal year (draft or final), whatever copies of it were read."""

    id: str
    city: str
    ward: str
    ward_slug: str
    fiscal_year: int
    status: Status
    document_ids: tuple[str, ...]
    primary_id: str
    """The copy whose texts (目標, 使命, 方針, title, URL) the report shows."""


@dataclass(frozen=True, slots=True)
class Item:
    """An issue (経営課題), strategy (戦略) or initiative (具体的取組)."""

    id: str
    kind: ItemKind
    policy_id: str
    doc_id: str
    code: str | None
    issue_number: int | None
    strategy_code: str | None
    title: str
    text: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class Budget:
    id: str
    policy_id: str
    owner_id: str
    owner_type: str
    fiscal_year: int | None
    kind: str | None
    amount_yen: int | None
    text: str
    inferred: bool
    in_total: bool
    """True for the one amount per owner that adds up to a total without double counting."""


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    policy_id: str
    owner_id: str
    kind: str | None
    measure: str | None
    text: str
    target_text: str | None
    actual_text: str | None
    unit: str | None
    target_fiscal_year: int | None
    outcome: Outcome
    source: Source


@dataclass(slots=True)
class Dataset:
    """Every row of one dataset folder, in file order; policies sorted by ward, year and status."""

    path: Path
    documents: dict[str, Document]
    policies: list[Policy]
    items: list[Item]
    budgets: list[Budget]
    indicators: list[Indicator]
    coverage: dict[str, float] = field(default_factory=dict)
    """Coverage per source URI."""
    warnings: dict[str, int] = field(default_factory=dict)
    """Warnings per source URI."""
    failures: list[dict[str, Any]] = field(default_factory=list)

    def items_of(self, policy_id: str, kind: ItemKind | None = None) -> list[Item]:
        return [i for i in self.items if i.policy_id == policy_id and (kind is None or i.kind is kind)]

    def policy(self, policy_id: str) -> Policy:
        return next(p for p in self.policies if p.id == policy_id)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file, or nothing when it does not exist."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DatasetError(f"{path}: line {number}: {exc.msg}") from exc


def source_of(row: dict[str, Any]) -> Source:
    src = row.get("source") or {}
    return Source(
        uri=str(src.get("uri") or ""), locator=src.get("locator"), format=str(src.get("format") or "")
    )


def policy_key(doc: dict[str, Any]) -> str:
    """The policy a document belongs to: city and ward from its id, then year and status.

    >>> policy_key({"id": "osaka-kita-2016-485f8b05aa", "fiscal_year": 2016, "status": "final"})
    'osaka-kita-2016-final'
    """
    prefix = str(doc["id"]).rsplit("-", 2)[0]
    return f"{prefix}-{doc['fiscal_year']}-{doc.get('status') or 'final'}"


def outcome_of(achieved: object) -> Outcome:
    if achieved is True:
        return Outcome.ACHIEVED
    if achieved is False:
        return Outcome.NOT_ACHIEVED
    return Outcome.UNKNOWN


def _document(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"],
        policy_id=row.get("policy_id") or policy_key(row),
        city=row.get("city") or "",
        ward=row.get("ward") or row.get("organization") or "",
        ward_slug=row.get("ward_slug") or "",
        fiscal_year=int(row["fiscal_year"]),
        status=Status(row.get("status") or "final"),
        title=row.get("title"),
        url=row.get("url"),
        role=row.get("role"),
        source=source_of(row),
        goals=tuple(row.get("goals") or ()),
        missions=tuple(row.get("missions") or ()),
        policies=tuple(row.get("policies") or ()),
    )


def _item(row: dict[str, Any], kind: ItemKind, policy_id: str) -> Item:
    text = row.get("summary") if kind is ItemKind.ISSUE else row.get("description")
    return Item(
        id=row["id"],
        kind=kind,
        policy_id=policy_id,
        doc_id=row["doc_id"],
        code=row.get("code"),
        issue_number=row.get("issue_number") if kind is not ItemKind.ISSUE else row.get("number"),
        strategy_code=row.get("strategy_code"),
        title=row.get("title") or "",
        text=text,
        source=source_of(row),
    )


def _indicator(row: dict[str, Any], policy_id: str) -> Indicator:
    return Indicator(
        id=row["id"],
        policy_id=policy_id,
        owner_id=row.get("owner_id") or "",
        kind=row.get("kind"),
        measure=row.get("measure"),
        text=row.get("text") or "",
        target_text=row.get("target_text"),
        actual_text=row.get("actual_text"),
        unit=row.get("unit"),
        target_fiscal_year=row.get("target_fiscal_year"),
        outcome=outcome_of(row.get("achieved")),
        source=source_of(row),
    )


def _budget(row: dict[str, Any]) -> Budget:
    return Budget(
        id=row["id"],
        policy_id=row["policy_id"],
        owner_id=row["owner_id"],
        owner_type=row.get("owner_type") or "",
        fiscal_year=row.get("fiscal_year"),
        kind=row.get("kind"),
        amount_yen=row.get("amount_yen"),
        text=row.get("text") or "",
        inferred=bool(row.get("inferred")),
        in_total=bool(row.get("in_total")),
    )


def _policy(row: dict[str, Any], documents: dict[str, Document]) -> Policy:
    ids = tuple(d["doc_id"] for d in row.get("documents") or () if d["doc_id"] in documents)
    return Policy(
        id=row.get("policy_id") or row["id"],
        city=row.get("city") or "",
        ward=row.get("ward") or row.get("organization") or "",
        ward_slug=row.get("ward_slug") or "",
        fiscal_year=int(row["fiscal_year"]),
        status=Status(row.get("status") or "final"),
        document_ids=ids,
        primary_id=(row.get("taken_from") or {}).get("document") or (ids[0] if ids else ""),
    )


def _summary(path: Path, dataset: Dataset) -> None:
    summary = json.loads((path / "summary.json").read_text(encoding="utf-8"))
    for entry in summary.get("coverage") or ():
        dataset.coverage[str(entry.get("source"))] = float(entry.get("coverage") or 0.0)
    for warning in summary.get("warnings") or ():
        uri = str(warning.get("source"))
        dataset.warnings[uri] = dataset.warnings.get(uri, 0) + 1
    dataset.failures = list(summary.get("failures") or ())


def load_dataset(path: Path) -> Dataset:
    """Read the dataset folder at ``path``; raises :class:`DatasetError` when it is not one."""
    from . import fallback

    if not (path / "summary.json").is_file():
        raise DatasetError(f"{path}: not a dataset folder (no summary.json)")
    try:
        documents = {d.id: d for d in map(_document, read_jsonl(path / "documents.jsonl"))}
        policy_rows = list(read_jsonl(path / "policies.jsonl"))
        if policy_rows:
            policies = [_policy(row, documents) for row in policy_rows]
        else:
            policies = fallback.policies(documents)
        kept = fallback.kept_documents(policies) if not policy_rows else set(documents)
        pid = {d.id: d.policy_id for d in documents.values()}
        items: list[Item] = []
        raw_items: dict[str, dict[str, Any]] = {}
        for name, kind in (
            ("issues", ItemKind.ISSUE),
            ("strategies", ItemKind.STRATEGY),
            ("initiatives", ItemKind.INITIATIVE),
        ):
            for row in read_jsonl(path / f"{name}.jsonl"):
                if row["doc_id"] in kept:
                    items.append(_item(row, kind, row.get("policy_id") or pid[row["doc_id"]]))
                    raw_items[row["id"]] = row
        indicators = [
            _indicator(row, row.get("policy_id") or pid[row["doc_id"]])
            for row in read_jsonl(path / "indicators.jsonl")
            if row["doc_id"] in kept
        ]
        budget_rows = list(read_jsonl(path / "budgets.jsonl"))
        budgets = [_budget(row) for row in budget_rows] if budget_rows else fallback.budgets(items, raw_items)
        dataset = Dataset(path, documents, sorted(policies, key=_policy_order), items, budgets, indicators)
        _summary(path, dataset)
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise DatasetError(f"{path}: {exc}") from exc
    return dataset


def _policy_order(policy: Policy) -> tuple[str, str, int, str]:
    return (policy.city, policy.ward_slug, policy.fiscal_year, policy.status.value)
