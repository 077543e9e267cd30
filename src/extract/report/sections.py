"""The report's per-policy and per-series sections, as HTML fragments.

Every item links to where it was read (the source URL, or the policy's page
when the source is a local file) and names the locator, so a reader can check
any figure against the document.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ..series.model import Series
from .data import Dataset, Indicator, Item, ItemKind, Outcome, Policy, Source

__all__ = ["anchor", "policy_section", "series_section", "yen"]

_OUTCOME = {Outcome.ACHIEVED: "達成", Outcome.NOT_ACHIEVED: "未達成", Outcome.UNKNOWN: "不明"}


def anchor(policy_id: str) -> str:
    return "policy-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in policy_id)


def yen(amount: int | None) -> str:
    """An amount as the documents write it, in thousands of yen.

    >>> yen(66753000), yen(None)
    ('66,753千円', '—')
    """
    return "—" if amount is None else f"{amount // 1000:,}千円"


def _href(source: Source, page: str | None) -> str | None:
    if source.uri.startswith(("http://", "https://")):
        return source.uri
    return page


def source_link(source: Source, page: str | None) -> str:
    where = escape(source.locator or source.uri)
    href = _href(source, page)
    label = f"{escape(source.uri)} · {where}" if source.locator else where
    if href is None:
        return f'<span class="src">{label}</span>'
    return f'<a class="src" href="{escape(href)}">{label}</a>'


def _list(title: str, values: tuple[str, ...]) -> str:
    if not values:
        return ""
    items = "".join(f"<li>{escape(v)}</li>" for v in values)
    return f"<h4>{escape(title)}</h4><ul>{items}</ul>"


def _indicators(indicators: list[Indicator], page: str | None) -> str:
    if not indicators:
        return ""
    rows = []
    for ind in indicators:
        rows.append(
            "<tr>"
            f"<td>{escape(ind.kind or '')}</td><td>{escape(ind.text)}</td>"
            f"<td>{escape(ind.target_text or '')}</td><td>{escape(ind.actual_text or '')}</td>"
            f'<td class="{ind.outcome.value}">{_OUTCOME[ind.outcome]}</td>'
            f"<td>{source_link(ind.source, page)}</td></tr>"
        )
    head = "<tr><th>区分</th><th>指標</th><th>目標</th><th>実績</th><th>結果</th><th>出典</th></tr>"
    return f'<table class="indicators">{head}{"".join(rows)}</table>'


def _item(item: Item, budget: int | None, page: str | None, indicators: list[Indicator], inner: str) -> str:
    code = f"<b>{escape(item.code)}</b> " if item.code else ""
    money = f' <span class="budget">{yen(budget)}</span>' if budget is not None else ""
    return (
        f'<li class="{item.kind.value}">{code}{escape(item.title)}{money} {source_link(item.source, page)}'
        f"{_indicators(indicators, page)}{inner}</li>"
    )


def policy_section(dataset: Dataset, policy: Policy, budgets: dict[str, int]) -> str:
    """One policy: its 目標/使命/方針, the issue → strategy → initiative tree, the indicators."""
    doc = dataset.documents.get(policy.primary_id)
    page = doc.url if doc else None
    by_owner: dict[str, list[Indicator]] = defaultdict(list)
    for ind in dataset.indicators:
        if ind.policy_id == policy.id:
            by_owner[ind.owner_id].append(ind)
    items = dataset.items_of(policy.id)
    strategies = [i for i in items if i.kind is ItemKind.STRATEGY]
    initiatives = [i for i in items if i.kind is ItemKind.INITIATIVE]
    placed: set[str] = set()
    tree = []
    for issue in (i for i in items if i.kind is ItemKind.ISSUE):
        inner = []
        for strategy in (s for s in strategies if s.issue_number == issue.issue_number):
            leaves = [
                _item(i, budgets.get(i.id), page, by_owner.pop(i.id, []), "")
                for i in initiatives
                if i.issue_number == issue.issue_number and i.strategy_code == strategy.code
            ]
            placed.update(
                i.id
                for i in initiatives
                if i.issue_number == issue.issue_number and i.strategy_code == strategy.code
            )
            inner.append(
                _item(strategy, None, page, by_owner.pop(strategy.id, []), f"<ul>{''.join(leaves)}</ul>")
            )
        loose = [i for i in initiatives if i.issue_number == issue.issue_number and i.id not in placed]
        placed.update(i.id for i in loose)
        inner += [_item(i, budgets.get(i.id), page, by_owner.pop(i.id, []), "") for i in loose]
        tree.append(
            _item(
                issue, budgets.get(issue.id), page, by_owner.pop(issue.id, []), f"<ul>{''.join(inner)}</ul>"
            )
        )
    rest = [ind for owner in sorted(by_owner) for ind in by_owner[owner]]
    status = "案" if policy.status.value == "draft" else "確定"
    title = escape(doc.title if doc and doc.title else f"{policy.ward} {policy.fiscal_year}")
    link = f' <a href="{escape(page)}">ページ</a>' if page else ""
    parts = [
        f'<section class="policy" id="{anchor(policy.id)}">',
        f"<h3>{title} <small>({status}, {len(policy.document_ids)}件の文書){link}</small></h3>",
        _list("区の目標", doc.goals if doc else ()),
        _list("区の使命", doc.missions if doc else ()),
        _list("区長の方針", doc.policies if doc else ()),
        f'<h4>経営課題・戦略・具体的取組</h4><ul class="tree">{"".join(tree)}</ul>',
    ]
    if rest:
        parts.append(f"<h4>その他の指標(市政改革プランなど)</h4>{_indicators(rest, page)}")
    parts.append("</section>")
    return "".join(parts)


def series_section(dataset: Dataset, series: list[Series]) -> str:
    """The series of one ward that span more than one year: each year's title, code, budget and targets."""
    targets: dict[str, list[Indicator]] = defaultdict(list)
    for ind in dataset.indicators:
        targets[ind.owner_id].append(ind)
    blocks = []
    for one in series:
        if len(one.members) < 2:
            continue
        rows = []
        for m in one.members:
            goals = "<br>".join(
                escape(f"{i.text} {i.target_text or ''} → {i.actual_text or '—'} ({_OUTCOME[i.outcome]})")
                for i in targets.get(m.record_id, [])
            )
            score = "" if m.similarity is None else f"{m.similarity:.2f}"
            rows.append(
                f"<tr><td>{m.fiscal_year}</td><td>{escape(m.code or '')}</td><td>{escape(m.title)}</td>"
                f"<td>{yen(m.budget_yen)}</td><td>{goals}</td><td>{score}</td></tr>"
            )
        head = (
            "<tr><th>年度</th><th>番号</th><th>名称</th><th>予算</th><th>目標と実績</th><th>類似度</th></tr>"
        )
        kind = {"issue": "経営課題", "strategy": "戦略", "initiative": "具体的取組"}[one.kind.value]
        blocks.append(
            f'<details class="series" id="{escape(one.id)}"><summary>{kind}:{escape(one.title)} '
            f"({one.years[0]}–{one.years[-1]}, {len(one.members)}年)</summary>"
            f"<table>{head}{''.join(rows)}</table></details>"
        )
    return "".join(blocks) if blocks else "<p>複数年にわたる系列はありません。</p>"
