"""The report as one self-contained HTML file: overview tables, charts, one section per policy.

Everything is inline (styles, the chart library, the chart specifications),
and a Content-Security-Policy forbids every request, so the file opens
offline and cannot leak that it was opened.  The output depends only on the
dataset: no timestamps, rows in a fixed order, specifications serialised with
sorted keys.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from typing import Any

from ..series.model import Series
from .assets import vega_bundle
from .charts import budget_chart, count_chart, issue_budget_chart, outcome_chart, series_chart
from .data import Dataset, ItemKind, Outcome, Policy
from .sections import anchor, policy_section, series_section, yen
from .tables import PolicyRow, issue_budgets, item_budgets, policy_rows

__all__ = ["render_report"]

_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'"
)
_STYLE = """
body{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;margin:1.5em;
 color:#222;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.2em .45em;
 vertical-align:top}th{background:#f3f3f3}.matrix td{text-align:center;min-width:6em}
.matrix a{text-decoration:none;color:inherit;display:block}.final{background:#e8f5e9}.draft{background:#fff8e1}
.achieved{color:#2e7d32}.not_achieved{color:#c62828}.unknown{color:#777}.chart{width:100%;min-height:260px}
.src{font-size:.75em;color:#666}.budget{color:#1565c0;font-weight:bold}ul.tree li{margin:.25em 0}
section.policy{border-top:2px solid #ddd;margin-top:2em}details.series{margin:.3em 0}small{font-weight:normal}
"""
_SCRIPT = """
(function(){
  var charts = document.querySelectorAll('div.chart');
  var done = 0, failed = 0;
  document.body.dataset.charts = String(charts.length);
  var jobs = Array.prototype.map.call(charts, function(el){
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    return vegaEmbed(el, spec, {renderer: 'svg', actions: false}).then(function(){ done += 1; })
      .catch(function(e){ failed += 1; console.error('chart ' + el.id + ': ' + e); });
  });
  Promise.all(jobs).then(function(){
    document.body.dataset.rendered = String(done);
    document.body.dataset.failed = String(failed);
  });
})();
"""


class _Charts:
    """Collects chart specifications and hands out the placeholders that show them."""

    def __init__(self) -> None:
        self.specs: list[str] = []

    def add(self, spec: dict[str, Any]) -> str:
        n = len(self.specs) + 1
        text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace(
            "</", "<\\/"
        )
        self.specs.append(f'<script type="application/json" id="spec-{n}">{text}</script>')
        return f'<div class="chart" id="chart-{n}" data-spec="spec-{n}"></div>'


def _years(dataset: Dataset) -> list[int]:
    return sorted({p.fiscal_year for p in dataset.policies})


def _wards(dataset: Dataset) -> list[tuple[str, str]]:
    """(ward slug, ward name) in the dataset's order of policies (sorted by slug)."""
    return list(dict.fromkeys((p.ward_slug, p.ward) for p in dataset.policies))


def _matrix(dataset: Dataset, rows: list[PolicyRow]) -> str:
    cells: dict[tuple[str, int], list[PolicyRow]] = defaultdict(list)
    for row in rows:
        cells[(row.policy.ward_slug, row.policy.fiscal_year)].append(row)
    years = _years(dataset)
    head = "<tr><th>区</th>" + "".join(f"<th>{y}</th>" for y in years) + "</tr>"
    body = []
    for slug, ward in _wards(dataset):
        tds = []
        for year in years:
            here = cells.get((slug, year), [])
            if not here:
                tds.append("<td></td>")
                continue
            parts = []
            for row in here:
                c = row.cell
                cov = "—" if c.coverage is None else f"{c.coverage:.0%}"
                status = "案" if row.policy.status.value == "draft" else "確定"
                parts.append(
                    f'<a href="#{anchor(row.policy.id)}" class="{row.policy.status.value}">{status}<br>'
                    f"文書 {c.documents} ({escape('/'.join(c.formats))})<br>網羅 {cov}<br>"
                    f"警告 {c.warnings} · 失敗 {c.failures}</a>"
                )
            tds.append(f'<td class="{here[-1].policy.status.value}">{"".join(parts)}</td>')
        body.append(f"<tr><th>{escape(ward)}</th>{''.join(tds)}</tr>")
    return f'<table class="matrix">{head}{"".join(body)}</table>'


def _policy_table(rows: list[PolicyRow]) -> str:
    head = (
        "<tr><th>区</th><th>年度</th><th>状態</th><th>予算額</th><th>経営課題</th><th>戦略</th>"
        "<th>具体的取組</th><th>達成</th><th>未達成</th><th>不明</th></tr>"
    )
    body = []
    for r in rows:
        p = r.policy
        body.append(
            f'<tr><td><a href="#{anchor(p.id)}">{escape(p.ward)}</a></td><td>{p.fiscal_year}</td>'
            f"<td>{'案' if p.status.value == 'draft' else '確定'}</td><td>{yen(r.budget_yen)}</td>"
            + "".join(f"<td>{r.counts[k]}</td>" for k in ItemKind)
            + "".join(f"<td>{r.outcomes[o]}</td>" for o in Outcome)
            + "</tr>"
        )
    return f"<table>{head}{''.join(body)}</table>"


def _ward_section(dataset: Dataset, charts: _Charts, slug: str, ward: str, series: list[Series]) -> str:
    policies: list[Policy] = [p for p in dataset.policies if p.ward_slug == slug]
    ids = {p.id for p in policies}
    parts = [f'<section class="ward" id="ward-{escape(slug)}"><h2>{escape(ward)}</h2>']
    issue_rows = [r for r in issue_budgets(dataset) if r.policy.id in ids]
    if issue_rows:
        parts.append(charts.add(issue_budget_chart(issue_rows, ward)))
    mine = [s for s in series if s.ward_slug == slug]
    initiatives = [s for s in mine if s.kind is ItemKind.INITIATIVE and any(m.budget_yen for m in s.members)]
    if any(len(s.members) > 1 for s in initiatives):
        parts.append(charts.add(series_chart([s for s in initiatives if len(s.members) > 1], ward)))
    parts.append("<h3>年度をまたぐ系列</h3>" + series_section(dataset, mine))
    budgets = item_budgets(dataset)
    parts += [policy_section(dataset, p, budgets) for p in policies]
    parts.append("</section>")
    return "".join(parts)


def render_report(dataset: Dataset, series: list[Series], title: str) -> str:
    """The whole report for ``dataset`` with its ``series``; ``title`` names the dataset."""
    rows = policy_rows(dataset)
    charts = _Charts()
    overview = [
        "<h2>データセットの内容(区 × 年度)</h2>",
        _matrix(dataset, rows),
        "<h2>予算額</h2>",
        charts.add(budget_chart(rows)) if any(r.budget_yen for r in rows) else "<p>予算額はありません。</p>",
        "<h2>件数と指標の達成状況</h2>",
        charts.add(count_chart(rows)),
        charts.add(outcome_chart(rows)),
        _policy_table(rows),
    ]
    toc = "".join(f'<li><a href="#ward-{escape(s)}">{escape(w)}</a></li>' for s, w in _wards(dataset))
    wards = [_ward_section(dataset, charts, slug, ward, series) for slug, ward in _wards(dataset)]
    counts = (
        f"{len(dataset.policies)}件の運営方針、{len(dataset.documents)}件の文書、"
        f"{len(dataset.failures)}件の失敗、系列 {len(series)}"
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
            f'<h1>{escape(title)}</h1><p>{counts}</p><ul class="toc">{toc}</ul>',
            *overview,
            *wards,
            *charts.specs,
            f"<script>{vega_bundle()}</script><script>{_SCRIPT}</script>",
            "</body></html>\n",
        ]
    )
