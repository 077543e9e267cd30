"""A plan as a page of the city's CMS: the template of ``samples/004_…html`` around generated content.

The template (XHTML head with ``<base href>`` and ``og:url``, header,
breadcrumbs, side column, footer) is the reconstructed 旭区 page's, with the
ward, section folder, page number, date and title replaced; ``#mol_contents``
is written from the plan in the markup the city's pages of that year use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from .plan import Issue, Plan, sdg_name, short_label

__all__ = ["Link", "render_page"]

_TEMPLATE = "004_b1ed0f419b735238.html"
_ANCHOR = '<a class="mol_anchor_name" name="index_anchor_{n}"><img src="images/clearspacer.gif" alt="" width="1" height="1" /></a>'

Link = tuple[str, str, int]
"""(link text, file name, size in bytes) of an attachment."""


def _template(root: Path) -> tuple[str, str]:
    page = (root / "samples" / _TEMPLATE).read_text(encoding="utf-8")
    start = page.index('<div id="mol_contents"')
    end = page.index('\n\n</div>\n<div id="page_right_box">')
    return page[:start], page[end:]


def _date(day: object) -> str:
    import datetime as dt

    assert isinstance(day, dt.date)
    return f"{day.year}年{day.month}月{day.day}日"


def _era_date(plan: Plan, month: int, day: int, next_year: bool = False) -> str:
    year = plan.year + (1 if next_year else 0)
    label = short_label(year).removesuffix("年度")
    era = "平成" if year <= 2018 else "令和"
    return f"{era}{label}年{month}月{day}日"


def _personalise(part: str, plan: Plan) -> str:
    part = part.replace("令和3年度 旭区運営方針", escape(plan.title))
    part = re.sub(r'(<meta property="og:description" content=")[^"]*', rf"\g<1>{escape(plan.title)}", part)
    part = part.replace("0000533715", f"{plan.page_id:010d}").replace("533715", str(plan.page_id))
    part = part.replace("2021年10月8日", _date(plan.updated))
    return part.replace("旭区", plan.ward).replace("/asahi/", f"/{plan.slug}/")


class _Body:
    """Writes ``#mol_contents``: headings in the CMS's boxes, text in ``mol_textblock`` divs."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors = 0

    def heading(self, level: int, text: str) -> None:
        self.parts.append(_ANCHOR.format(n=self.anchors))
        self.anchors += 1
        self.parts.append(f'<div class="sub_h{level}_box"><h{level}>{escape(text)}</h{level}></div>')

    def block(self, html: str) -> None:
        self.parts.append(f'<div class="mol_textblock">{html}</div>')

    def html(self) -> str:
        return '<div id="mol_contents" class="mol_contents">' + "".join(self.parts) + "</div>"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _strong(text: str) -> str:
    return f"<p><strong>{escape(text)}</strong></p>"


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _progress(plan: Plan) -> str:
    mid = f"運営方針の進捗管理(中間)を実施しました。その結果について、様式2・3の「中間振り返り」欄に反映しています。({_era_date(plan, 10, 7)})"
    if plan.style == "r5":
        mid = "運営方針の進捗管理を実施しました。その結果について、「アウトカム指標の達成状況(定量評価)」及び「自己評価」に反映しています。"
    return _p(mid) + _p(
        "運営方針の進捗管理を実施しました。その結果について、「自己評価」欄に反映しています。"
    )


def _issues_h(plan: Plan, issue: Issue) -> str:
    out = [_p(issue.summary)]
    for s in issue.strategies:
        out += [_strong(f"【戦略{s.code} {s.title}】"), _p(s.description)]
    for s in issue.strategies:
        for i in s.initiatives:
            budget = "-" if i.budget_k is None else f"{i.budget_k:,}千円"
            out += [_strong(f"【具体的取組{i.code} {i.title}】"), _p(i.description)]
            out += [_p(f"[{plan.short}予算額 {budget}]"), "<p>&nbsp;</p>"]
    return "".join(out)


def _issues_r2(plan: Plan, issue: Issue) -> str:
    out = [_p(issue.summary)]
    for s in issue.strategies:
        out.append(
            f"<p><strong>{escape(f'【戦略{s.code}】 {s.title}')}</strong><br />{escape(s.description)}</p>"
        )
        for i in s.initiatives:
            budget = "-" if i.budget_k is None else f"{i.budget_k:,}千円"
            out.append(
                f"<p>{escape(f'【具体的取組{i.code}】 {i.title}  《{budget}》')}<br />{escape(i.description)}</p>"
            )
    return "".join(out)


def _issues_r3(plan: Plan, issue: Issue) -> str:
    out = [_p(issue.summary), _strong("主な戦略")]
    for s in issue.strategies:
        out += [_p(f"【{s.code} {s.title}】"), _p(s.description)]
    out.append(_strong(f"主な具体的取組({plan.label}予算額)"))
    for s in issue.strategies:
        for i in s.initiatives:
            budget = "-" if i.budget_k is None else f"{i.budget_k:,}千円"
            out += [_p(f"【{i.code} {i.title}】({budget})"), _p(i.description)]
    return "".join(out)


def _issues_r5(plan: Plan, issue: Issue) -> str:
    ind = issue.indicator
    unit = ind.measure.unit
    out = [_strong("課題認識"), _p(issue.summary), _strong("主な戦略(課題解決の方策)")]
    out.append(_ul([f"{s.title}" for s in issue.strategies]))
    out += [_strong("アウトカム指標"), _ul([f"{ind.measure.text} {ind.number(ind.target, unit)}以上"])]
    if ind.actual is not None:
        out += [_strong("アウトカム指標の達成状況(定量評価)"), _p(f"<{plan.label}実績と達成状況>")]
        out.append(_ul([f"{ind.measure.text} {ind.number(ind.actual, unit)}:{ind.grade}"]))
    out.append(_p(f"関連するSDGs {issue.sdg}{sdg_name(issue.sdg)}"))
    return "".join(out)


def _sections(plan: Plan, body: _Body) -> None:
    label = plan.label
    if plan.style == "h":
        body.heading(2, f"{label}{plan.ward}運営方針")
        body.block(
            _strong("【区の目標(何をめざすのか)】")
            + _ul(plan.goals)
            + "<p>&nbsp;</p>"
            + _strong("【区の使命(どのような役割を担うのか)】")
            + _ul(plan.missions)
            + "<p>&nbsp;</p>"
            + _strong(f"【{label} 区運営の基本的な考え方(区長の方針)】")
            + _ul(plan.policies)
        )
        return
    if plan.style == "r5":
        names = ("【目標(何をめざすのか)】", "【使命(どのような役割を担うのか)】")
        chief = f"【{label} 所属運営の基本的な考え方(区長の方針)】"
    elif plan.style == "r2":
        names = ("【区の目標(何をめざすのか)】", "【区の使命(どのような役割を担うのか)】")
        chief = f"【{label} 区運営の基本的な考え方(区長の方針)】"
    else:
        names = ("区の目標(何をめざすのか)", "区の使命(どのような役割を担うのか)")
        chief = f"{label} 区運営の基本的な考え方(区長の方針)"
    body.heading(2, names[0])
    body.block("".join(_p(g) for g in plan.goals))
    body.heading(2, names[1])
    body.block("".join(_p(m) for m in plan.missions))
    body.heading(2, chief)
    body.block(_ul(plan.policies) if plan.style != "r3" else "".join(_p(p) for p in plan.policies))


def _issue_heading(plan: Plan, issue: Issue) -> str:
    if plan.style == "h":
        return f"経営課題{issue.number} {issue.title}"
    if plan.style == "r2":
        return f"【経営課題{issue.number}】 {issue.title}"
    if plan.style == "r3":
        return f"【経営課題{issue.number} {issue.title}】"
    return f"【経営課題{issue.number}】{issue.title}({plan.short}予算額{issue.budget_m}百万円)"


_ISSUE_WRITERS = {"h": _issues_h, "r2": _issues_r2, "r3": _issues_r3, "r5": _issues_r5}


def _reforms(plan: Plan, body: _Body) -> None:
    name = f"「{plan.reform_plan}」に基づく取組等"
    if plan.style == "h":
        body.heading(2, f"2 {name}(様式3)")
        body.block("".join(_strong(f"【{r.title}】") + _p(r.overview) + _ul(r.actions) for r in plan.reforms))
        return
    body.heading(2, name)
    for item in plan.reforms:
        if plan.style == "r3":
            body.heading(3, item.title)
            body.block(_p(item.overview))
        else:
            body.heading(3, f"【取組項目{item.number}】{item.title}")
            body.block(_ul(item.actions))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.2f}MB" if n >= 1024 * 1024 else f"{n / 1024:.2f}KB"


def _attachments(plan: Plan, links: list[Link]) -> Iterator[str]:
    folder = f"./cmsfiles/contents/{plan.page_id // 1000:07d}/{plan.page_id}"
    yield '<div class="mol_attachfileblock"><p class="mol_attachfileblock_title"><strong>様式1から様式3</strong></p><ul>'
    for title, name, size in links:
        yield (
            f'<li><a href="{folder}/{escape(name)}"><img src="images/pdf.gif" alt="" width="22" height="24" class="icon" />'
            f"{escape(title)}(PDF形式, {_size(size)})</a></li>"
        )
    yield "</ul></div>"


def render_page(root: Path, plan: Plan, links: list[Link]) -> bytes:
    """The page of ``plan`` linking ``links``, as UTF-8 bytes."""
    head, tail = _template(root)
    body = _Body()
    if plan.year < 2025:
        body.block(_progress(plan))
    _sections(plan, body)
    body.heading(2, "重点的に取り組む主な経営課題" if plan.style != "r5" else "重点的に取り組む経営課題")
    for issue in plan.issues:
        body.heading(3, _issue_heading(plan, issue))
        body.block(_ISSUE_WRITERS[plan.style](plan, issue))
    _reforms(plan, body)
    body.heading(2, f"{plan.title}({_era_date(plan, 6, 10, next_year=True)}更新)")
    body.parts.append("".join(_attachments(plan, links)))
    body.heading(2, "策定経過")
    page = _personalise(head, plan) + body.html() + _personalise(tail, plan)
    return page.encode("utf-8")
