"""From the document tree to validated records with stable ids.

Ids are built from what the document says (issue 1, strategy 1-1, initiative
1-1-1) under a document id made of city, ward, year and a short hash of the
source's identity, so re-running on the same input gives the same ids and a
re-fetched page keeps them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections import Counter
from dataclasses import dataclass

from ...blocks import PageMeta
from ...models import (
    Attachment,
    Budget,
    DocumentRecord,
    IndicatorRecord,
    InitiativeRecord,
    IssueRecord,
    ListItem,
    ParserInfo,
    Record,
    ReformItemRecord,
    StrategyRecord,
)
from ...sites import city_slug
from ..base import LayoutContext
from .budgets import BudgetNote
from .tree import DocTree, IndicatorNode

__all__ = ["build_records", "document_id"]


def document_id(tree: DocTree, identity: str) -> str:
    """``osaka-kita-2016-1a2b3c4d5e``: readable prefix, hash of the source identity.

    >>> document_id(DocTree(city="大阪市", ward_slug="kita", fiscal_year=2016), "000.txt")
    'osaka-kita-2016-95825307aa'
    """
    parts = [
        city_slug(tree.city),
        tree.ward_slug,
        str(tree.fiscal_year) if tree.fiscal_year else None,
    ]
    prefix = "-".join(p for p in parts if p) or "doc"
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


class _Ids:
    """Hands out ids, making repeats unique with ``~2``, ``~3``."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def __call__(self, candidate: str) -> str:
        self.seen[candidate] += 1
        n = self.seen[candidate]
        return candidate if n == 1 else f"{candidate}~{n}"


def _budget(note: BudgetNote) -> Budget:
    return Budget(
        amount_yen=note.amount_yen,
        text=note.text,
        kind=note.kind,
        fiscal_year=note.fiscal_year,
        inferred=note.inferred,
    )


def _join(parts: list[str]) -> str | None:
    text = "\n".join(p for p in parts if p)
    return text or None


@dataclass(frozen=True, slots=True)
class PageFacts:
    """The document's page-level facts, each decided once (see :func:`page_facts`)."""

    title: str | None
    updated_on: _dt.date | None
    page_id: str | None
    url: str | None
    attachments: list[Attachment]


def page_facts(meta: PageMeta, tree: DocTree) -> PageFacts:
    """Title, update date, page id, URL and attachments: the one place that decides between sources.

    The reader's metadata (the CMS page's own fields, the page's URL) wins:
    it is structured, while the grammar reads the same facts from body lines
    (``ページ番号：…``, ``更新日：…``) that a text or PDF copy is the only
    place for.  The URL comes from the reader (or the fetch) alone.
    """
    linked = [
        Attachment(title=f.title, url=f.url, format=f.format, size_bytes=f.size_bytes)
        for f in meta.attachments
    ]
    return PageFacts(
        title=meta.title or tree.title,
        updated_on=meta.updated_on or tree.updated_on,
        page_id=meta.page_id or tree.page_id,
        url=meta.url,
        attachments=linked or tree.attachments,
    )


def list_items(texts: list[str], parents: dict[int, int]) -> list[ListItem]:
    """The items of one list with their level and parent (``parents``: item index -> parent index).

    >>> [(i.level, i.parent) for i in list_items(["a", "b", "c", "d"], {1: 0, 2: 1})]
    [(1, None), (2, 0), (3, 1), (1, None)]
    """
    items: list[ListItem] = []
    for index, text in enumerate(texts):
        parent = parents.get(index)
        if parent is not None and not 0 <= parent < index:
            parent = None  # a parent is always an earlier item
        level = items[parent].level + 1 if parent is not None else 1
        items.append(ListItem(text=text, level=level, parent=parent))
    return items


def build_records(tree: DocTree, context: LayoutContext, parser: ParserInfo) -> list[Record]:
    """All records of one document, in output order."""
    ids = _Ids()
    doc_id = document_id(tree, context.identity)
    facts = page_facts(context.meta, tree)
    records: list[Record] = []
    records.append(
        DocumentRecord(
            id=doc_id,
            doc_id=doc_id,
            source=context.source(tree.title_locator),
            parser=parser,
            city=tree.city,
            ward=tree.ward,
            ward_slug=tree.ward_slug,
            organization=tree.organization,
            fiscal_year=tree.fiscal_year,
            fiscal_year_label=tree.fiscal_year_label,
            status=tree.status,
            title=facts.title,
            updated_on=facts.updated_on,
            page_id=facts.page_id,
            url=facts.url,
            goals=tree.goals,
            missions=tree.missions,
            policies=tree.policies,
            goal_items=list_items(tree.goals, tree.nesting.get("goals", {})),
            mission_items=list_items(tree.missions, tree.nesting.get("missions", {})),
            policy_items=list_items(tree.policies, tree.nesting.get("policies", {})),
            ward_chief=tree.ward_chief,
            attachments=facts.attachments,
            truncated=tree.truncated,
        )
    )
    indicators: list[tuple[str, IndicatorNode]] = []
    unnumbered: Counter[str] = Counter()

    def local(kind: str, code: str | None, scope: int | None) -> str:
        if code:
            return f"{doc_id}/{kind}/{code}"
        key = f"{kind}:{scope}"
        unnumbered[key] += 1
        if scope is None:
            return f"{doc_id}/{kind}/n{unnumbered[key]}"
        return f"{doc_id}/{kind}/{scope}:{unnumbered[key]}"

    for issue in tree.issues:
        issue_id = ids(local("issue", issue.code, None))
        records.append(
            IssueRecord(
                id=issue_id,
                doc_id=doc_id,
                source=context.source(issue.locator),
                parser=parser,
                number=issue.number,
                label=issue.label,
                code=issue.code,
                title=issue.title,
                summary=_join(issue.summary),
                budgets=[_budget(b) for b in issue.budgets],
                sdgs=issue.sdgs,
            )
        )
        indicators.extend((issue_id, node) for node in issue.indicators)
    for strategy in tree.strategies:
        records.append(
            StrategyRecord(
                id=ids(local("strategy", strategy.code, strategy.issue_number)),
                doc_id=doc_id,
                source=context.source(strategy.locator),
                parser=parser,
                code=strategy.code,
                label=strategy.label,
                issue_number=strategy.issue_number,
                title=strategy.title,
                description=_join(strategy.description),
            )
        )
    for initiative in tree.initiatives:
        initiative_id = ids(local("initiative", initiative.code, initiative.issue_number))
        records.append(
            InitiativeRecord(
                id=initiative_id,
                doc_id=doc_id,
                source=context.source(initiative.locator),
                parser=parser,
                code=initiative.code,
                label=initiative.label,
                issue_number=initiative.issue_number,
                strategy_code=initiative.strategy_code,
                title=initiative.title,
                description=_join(initiative.description),
                budgets=[_budget(b) for b in initiative.budgets],
            )
        )
        indicators.extend((initiative_id, node) for node in initiative.indicators)
    reform_records: list[Record] = []
    for reform in tree.reform_items:
        reform_id = ids(local("reform", str(reform.number) if reform.number is not None else None, None))
        reform_records.append(
            ReformItemRecord(
                id=reform_id,
                doc_id=doc_id,
                source=context.source(reform.locator),
                parser=parser,
                plan=reform.plan,
                number=reform.number,
                title=reform.title,
                purpose=_join(reform.purpose),
                overview=_join(reform.overview),
                actions=reform.actions,
                results=reform.results,
                achieved=reform.achieved,
                achieved_basis=reform.achieved_basis,
                challenges=_join(reform.challenges),
            )
        )
        indicators.extend((reform_id, node) for node in reform.indicators)
    per_owner: Counter[str] = Counter()
    for owner_id, node in indicators:
        per_owner[owner_id] += 1
        records.append(
            IndicatorRecord(
                id=ids(f"{owner_id}/indicator/{per_owner[owner_id]}"),
                doc_id=doc_id,
                source=context.source(node.locator),
                parser=parser,
                owner_id=owner_id,
                kind=node.kind,
                context=node.context,
                text=node.text,
                target_text=node.target_text,
                target_value=node.target.value if node.target else None,
                unit=(node.target.unit if node.target else None)
                or (node.baseline.unit if node.baseline else None),
                target_qualifier=node.target.qualifier if node.target else None,
                target_fiscal_year=node.target_fiscal_year,
                baseline_value=node.baseline.value if node.baseline else None,
                baseline_fiscal_year=node.baseline_fiscal_year,
                actual_value=node.actual.value if node.actual else None,
                actual_text=node.actual_text,
                grade=node.grade,
                achieved=node.achieved,
                achieved_basis=node.achieved_basis,
            )
        )
    records.extend(reform_records)
    return records
