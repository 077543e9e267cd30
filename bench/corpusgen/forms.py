"""The 様式 forms of a plan, as text renderings the PDF generator draws.

The format is the one of the samples' text renderings (``samples/001_…txt``,
``samples/003_…txt``): one line per paragraph, a table row as TAB-separated
cells, a cell's paragraphs as ``<p>…</p>``.  ``scripts/make_pdf_fixtures.py``
reads that through the text reader and draws it as ruled 様式 tables, so each
form's PDF holds exactly this text.

A page links 様式1 (the overview), 様式2 (the 経営課題 tables, one file per
two issues, as long forms are split) and 様式3 (the reform items), about four
PDFs a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import Indicator, Issue, Plan, ReformItem, short_label

__all__ = ["Form", "forms_of"]


@dataclass(frozen=True, slots=True)
class Form:
    name: str
    """File name without suffix: ``r3_youshiki2-1``."""
    title: str
    """The link text on the page."""
    text: str


def _prefix(plan: Plan) -> str:
    era = "h" if plan.year <= 2018 else "r"
    return f"{era}{plan.year - (1988 if era == 'h' else 2018)}"


def _budget(plan: Plan, amount_k: int | None) -> str:
    figure = "-" if amount_k is None else f"{amount_k:,}千円"
    return f"({plan.short}予算額 {figure})"


def _target(plan: Plan, ind: Indicator) -> str:
    prev = short_label(plan.year - 2)
    return (
        f"・{ind.measure.text} 【{plan.short}】 {ind.number(ind.target, ind.measure.unit)}"
        f" ({prev}{ind.number(ind.baseline, ind.measure.unit)})"
    )


def overview_form(plan: Plan) -> Form:
    lines = [plan.title, f"(区長:{plan.chief})", "◆計画", "区の目標(何をめざすのか)"]
    lines += [f"- ・{g}" for g in plan.goals] if len(plan.goals) > 1 else plan.goals
    lines += ["区の使命(どのような役割を担うのか)", *(f"- ・{m}" for m in plan.missions)]
    lines += [f"{plan.label} 区運営の基本的な考え方(区長の方針)", *plan.policies]
    lines += ["重点的に取り組む主な経営課題(様式2)", "経営課題\t主な戦略"]
    for issue in plan.issues:
        strategies = " ".join(f"【{s.code} {s.title}】" for s in issue.strategies)
        lines.append(f"【経営課題{issue.number} {issue.title}】\t{strategies}")
    return Form(f"{_prefix(plan)}_youshiki1", "様式1 施策の選択と集中の全体像(概要)", "\n\n".join(lines))


def _issue_rows(plan: Plan, issue: Issue) -> list[str]:
    strategies = " ".join(f"【{s.code} {s.title}】 {s.description}" for s in issue.strategies)
    rows = [
        "経営課題の概要\t主な戦略",
        f"【経営課題{issue.number} {issue.title}】 {issue.summary}\t{strategies}",
        f"主な具体的取組({plan.short}予算額)\t",
    ]
    for strategy in issue.strategies:
        rows += [
            f"【{i.code} {i.title}】{_budget(plan, i.budget_k)} {i.description}\t"
            for i in strategy.initiatives
        ]
    ind = issue.indicator
    rows += [
        "",
        f"目標\t{_target(plan, ind)}",
        "中間振り返り\t取組内容の実施見込み\t( ) ( )実施見込み ( )実施できない見込み\t課題と改善策 左記が「 」の場合は必須",
    ]
    if ind.actual is not None:
        reached = ":目標達成 目標未達成" if ind.grade == "A" else "目標達成 :目標未達成"
        rows += [
            "自己評価\t当年度の取組実績及び目標の達成状況\t課題と改善策",
            f"<p>(目標の達成状況) ・{ind.measure.text} {ind.number(ind.actual, ind.measure.unit)}</p>"
            f" <p>{reached}</p>\t<p>{issue.summary}</p>",
        ]
    return rows


def issue_forms(plan: Plan) -> list[Form]:
    forms = []
    chunks = [plan.issues[k : k + 2] for k in range(0, len(plan.issues), 2)]
    for part, chunk in enumerate(chunks, start=1):
        numbers = "・".join(str(i.number) for i in chunk)
        lines = [plan.title, "(様式2) 重点的に取り組む主な経営課題"]
        for issue in chunk:
            lines.append("\n".join(_issue_rows(plan, issue)))
        forms.append(
            Form(
                f"{_prefix(plan)}_youshiki2-{part}",
                f"様式2 重点的に取り組む主な経営課題(経営課題{numbers})",
                "\n\n".join(lines),
            )
        )
    return forms


def _reform_block(plan: Plan, item: ReformItem) -> list[str]:
    ind = item.indicator
    actions = " ".join(f"・{a}" for a in item.actions)
    lines = [
        f"取組項目 {item.number}",
        f"【{item.title}】",
        "取組の方針・目標内容\t当年度の取組内容\n"
        f"<p>(趣旨・目的) {item.overview}</p> <p>(目標) {_target(plan, ind)}</p>\t<p>(取組内容) {actions}</p>",
        "中間振り返り\t取組内容の実施見込み\t( ) ( )実施見込み ( )実施できない見込み\t課題と改善策 左記が「 」の場合は必須\n"
        "\t目標の達成見込み\t:達成見込み :達成できない見込み\t",
    ]
    if ind.actual is not None:
        reached = ":目標達成 目標未達成" if ind.grade == "A" else "目標達成 :目標未達成"
        status = f"・{ind.measure.text} {ind.number(ind.actual, ind.measure.unit)}"
        lines.append(
            "自己評価\t当年度の取組実績及び目標の達成状況\t課題と改善策 左記が「 」の場合は必須\n"
            f"<p>(取組実績) {actions}</p> <p>(目標の達成状況) {status}</p> <p>{reached}</p>\t<p>{item.overview}</p>\t"
        )
    return lines


def reform_form(plan: Plan) -> Form:
    lines = [plan.title, f"「{plan.reform_plan}」に基づく取組等(様式3)"]
    for item in plan.reforms:
        lines += _reform_block(plan, item)
    return Form(
        f"{_prefix(plan)}_youshiki3", f"様式3 「{plan.reform_plan}」に基づく取組等", "\n\n".join(lines)
    )


def forms_of(plan: Plan) -> list[Form]:
    """Every 様式 of the plan, in the order the page links them."""
    return [overview_form(plan), *issue_forms(plan), reform_form(plan)]
