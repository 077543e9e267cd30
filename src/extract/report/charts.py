"""The report's charts as Vega-Lite specifications, built with altair.

Each function takes plain rows and returns the specification as a dict; the
data is inlined in it.  No selections or parameters are used, because altair
names those from a process-wide counter and the report must be byte-identical
from run to run.  Labels are Japanese, so the font list starts with the CJK
fonts a reader's system is likely to have.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ..series.model import Series
from .data import ItemKind, Outcome
from .tables import IssueBudget, PolicyRow

__all__ = ["budget_chart", "count_chart", "issue_budget_chart", "outcome_chart", "series_chart"]

FONT = "Noto Sans CJK JP, Noto Sans JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"
_MILLION = 1_000_000
_OUTCOME_LABELS = {Outcome.ACHIEVED: "達成", Outcome.NOT_ACHIEVED: "未達成", Outcome.UNKNOWN: "不明"}
_KIND_LABELS = {ItemKind.ISSUE: "経営課題", ItemKind.STRATEGY: "戦略", ItemKind.INITIATIVE: "具体的取組"}


def _data(rows: list[dict[str, Any]]) -> alt.Data:
    """Inline data (altair's ``Data`` constructor carries no type hints)."""
    data: alt.Data = alt.Data.from_dict({"values": rows})
    return data


def _finish(chart: alt.Chart, title: str) -> dict[str, Any]:
    spec: dict[str, Any] = (
        chart.properties(title=title, width="container", height=220)
        .configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelLimit=260)
        .to_dict()
    )
    return spec


def _label(row: PolicyRow) -> str:
    draft = "(案)" if row.policy.status.value == "draft" else ""
    return f"{row.policy.ward} {row.policy.fiscal_year}{draft}"


def _budget_lines(data: list[dict[str, Any]], line: str, title: str) -> Any:
    """Budgets in millions of yen per fiscal year, one line per value of ``line``."""
    return (
        alt.Chart(_data(data))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="年度"),
            y=alt.Y("million:Q", title="予算額(百万円)"),
            color=alt.Color(f"{line}:N", title=title),
            tooltip=[f"{line}:N", "year:O", "million:Q"],
        )
    )


def budget_chart(rows: list[PolicyRow]) -> dict[str, Any]:
    """Each ward's summable budget per fiscal year, one line per ward."""
    data = [
        {"ward": r.policy.ward, "year": r.policy.fiscal_year, "million": round(r.budget_yen / _MILLION, 1)}
        for r in rows
        if r.budget_yen is not None
    ]
    return _finish(_budget_lines(data, "ward", "区"), "区・年度別の予算額(具体的取組の合計)")


def issue_budget_chart(rows: list[IssueBudget], ward: str) -> dict[str, Any]:
    """One ward's budget per year, split by 経営課題."""
    data = [
        {
            "year": r.policy.fiscal_year,
            "issue": f"{r.issue.code or r.issue.issue_number} {r.issue.title}"[:40],
            "million": round(r.budget_yen / _MILLION, 1),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="年度"),
            y=alt.Y("million:Q", title="予算額(百万円)", stack="zero"),
            color=alt.Color("issue:N", title="経営課題"),
            tooltip=["issue:N", "year:O", "million:Q"],
        )
    )
    return _finish(chart, f"{ward}:経営課題別の予算額")


def count_chart(rows: list[PolicyRow]) -> dict[str, Any]:
    """Issues, strategies and initiatives per policy."""
    data = [
        {"policy": _label(r), "kind": _KIND_LABELS[kind], "order": n, "count": r.counts[kind]}
        for r in rows
        for n, kind in enumerate(ItemKind)
    ]
    chart = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X("policy:N", title=None, sort=None),
            xOffset=alt.XOffset("kind:N", sort=list(_KIND_LABELS.values())),
            y=alt.Y("count:Q", title="件数"),
            color=alt.Color("kind:N", title="区分", sort=list(_KIND_LABELS.values())),
            tooltip=["policy:N", "kind:N", "count:Q"],
        )
    )
    return _finish(chart, "経営課題・戦略・具体的取組の数")


def outcome_chart(rows: list[PolicyRow]) -> dict[str, Any]:
    """Indicator outcomes per policy: achieved, not achieved, unknown."""
    labels = list(_OUTCOME_LABELS.values())
    data = [
        {"policy": _label(r), "outcome": _OUTCOME_LABELS[o], "count": r.outcomes[o]}
        for r in rows
        for o in Outcome
    ]
    chart = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X("policy:N", title=None, sort=None),
            y=alt.Y("count:Q", title="指標の数", stack="zero"),
            color=alt.Color(
                "outcome:N",
                title="結果",
                sort=labels,
                scale=alt.Scale(domain=labels, range=["#2e7d32", "#c62828", "#9e9e9e"]),
            ),
            tooltip=["policy:N", "outcome:N", "count:Q"],
        )
    )
    return _finish(chart, "指標の達成状況")


def series_chart(series: list[Series], ward: str) -> dict[str, Any]:
    """The budget of each of a ward's initiative series over the years."""
    data = [
        {
            "series": f"{s.title[:30]} [{s.id.rsplit('/', 1)[-1]}]",
            "year": m.fiscal_year,
            "million": round(m.budget_yen / _MILLION, 2),
        }
        for s in series
        for m in s.members
        if m.budget_yen is not None
    ]
    return _finish(_budget_lines(data, "series", "具体的取組(系列)"), f"{ward}:具体的取組の予算の推移")
