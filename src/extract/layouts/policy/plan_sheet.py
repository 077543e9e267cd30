"""The 事業・業務計画書 sheet: one 取組 per form, labels above or before their values.

Wards publish, next to the 運営方針, a planning sheet per initiative (取組番号,
事業名, 目的, 内容, 予算額(予算科目), …).  Rendered as text or read from a table,
its header row becomes a run of labels followed by the same number of values,
and the other rows alternate label and value.  This reads that form into one
initiative; it is called only when the 取組番号 and 事業名 labels are present.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...japanese import fold
from .budgets import whole_line_budgets
from .segments import Segment
from .titles import strip_bullet
from .tree import InitiativeNode

__all__ = ["read_plan_sheet"]

_LABELS = {
    "取組番号",
    "事業名",
    "作成年月日・担当",
    "項目",
    "内容",
    "事業",
    "業務概要",
    "目的",
    "(事業の背景を含む)",
    "事業・業務実施期間(回数)",
    "事業・業務対象者(人数)",
    "委託関係",
    "契約・入札方法",
}
_BUDGET_LABEL_RE = re.compile(r"^(?:予算額|事業費)(?:\([^()]*\))?$")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))


def read_plan_sheet(
    segments: Sequence[Segment], reference_year: int | None
) -> tuple[InitiativeNode, set[int]] | None:
    """The sheet's initiative and the indexes of the segments it used, or None if this is no such sheet."""
    keys = [_key(s.text) for s in segments]
    try:
        start = keys.index("取組番号")
    except ValueError:
        return None
    if "事業名" not in keys[start : start + 4]:
        return None
    used: set[int] = set()
    header = start
    while header < len(keys) and keys[header] in _LABELS:
        used.add(header)
        header += 1
    labels = keys[start:header]
    values = segments[header : header + len(labels)]
    fields = dict(zip(labels, values, strict=False))
    used.update(range(header, header + len(values)))
    number = fields.get("取組番号")
    name = fields.get("事業名")
    if name is None:
        return None
    initiative = InitiativeNode(
        code=number.text.strip() if number is not None and number.text.strip().isdigit() else None,
        issue_number=None,
        strategy_code=None,
        title=name.text.strip(),
        locator=name.locator,
    )
    # 目的 … 内容 … up to the next label: the description
    collecting = False
    for i in range(header + len(values), len(segments)):
        key = keys[i]
        if key in ("目的", "内容"):
            collecting = True
            used.add(i)
            continue
        if _BUDGET_LABEL_RE.match(key) and i + 1 < len(segments):
            figures = whole_line_budgets(f"{segments[i].text} {segments[i + 1].text}", reference_year)
            if figures and not segments[i + 1].cut:
                initiative.budgets.extend(figures)
                used.update((i, i + 1))
            collecting = False
            continue
        if key == "(事業の背景を含む)":
            used.add(i)
            continue
        if key in _LABELS:
            collecting = False
            used.add(i)
            continue
        if collecting and not segments[i].cut:
            initiative.description.append(strip_bullet(segments[i].text))
            used.add(i)
    return initiative, used
