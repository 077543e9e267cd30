"""Fukuoka City ward 区政運営方針 pages, as an ``extract`` layout plugin.

These pages number their sections ``1 区の目指す姿``, ``2 区政運営の基本方針``,
``3 重点施策``; under 重点施策 each ``(1) …`` is an issue, each ``ア …【予算額 …】``
an initiative with its budget, and ``成果指標:…`` its indicator.  Nothing of the
Osaka grammar applies, so the layout reads the blocks itself and hands a
:class:`DocTree` to ``build_records``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.layouts.toolkit import (
    Block,
    DocTree,
    IndicatorNode,
    InitiativeNode,
    IssueNode,
    LayoutContext,
    LayoutResult,
    build_records,
    fold,
    parse_date,
    parse_target,
    parse_title,
    parser_info,
    split_budgets,
)

__all__ = ["FukuokaWardLayout"]

_SECTION_RE = re.compile(r"^([1-9])\s+(?P<name>\S.*)$")
_ISSUE_RE = re.compile(r"^\((?P<num>[0-9]{1,2})\)\s*(?P<title>\S.*)$")
_ITEM_RE = re.compile(r"^(?P<letter>[アイウエオカキクケコサシスセソ])\s+(?P<title>\S.*)$")
_LABELLED_RE = re.compile(r"^(?P<label>現状と課題|成果指標)\s*:\s*(?P<text>.+)$")


class FukuokaWardLayout:
    """区政運営方針 of Fukuoka City's wards."""

    name = "fukuoka-ward"
    version = "0.1.0"
    description = "Fukuoka City ward 区政運営方針 (example plugin)"

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        head = "\n".join(fold(b.text) for b in blocks[:5])
        if "区政運営方針" in head and "福岡市" in head:
            return 0.9
        return 0.0

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        tree = DocTree()
        if blocks:
            ident = parse_title(blocks[0].text.replace(" 区政運営方針", "区政運営方針"))
            tree.title, tree.title_locator = blocks[0].text, blocks[0].locator
            tree.fiscal_year, tree.fiscal_year_label, tree.status = (
                ident.fiscal_year,
                ident.fiscal_year_label,
                ident.status,
            )
        tree.city = "福岡市"
        section = ""
        claimed = 0
        total = 0
        unclaimed: list[tuple[str, str]] = []
        issue: IssueNode | None = None
        item: InitiativeNode | None = None
        for block in blocks[1:]:
            text = block.text
            f = fold(text)
            total += len(text)
            used = True
            if tree.updated_on is None and (date := parse_date(text)) and len(text) < 16:
                tree.updated_on = date
            elif "福岡市" in f and "区役所" in f and tree.ward is None:
                ward = re.search(r"福岡市(\S+?区)", f)
                tree.ward = tree.organization = ward.group(1) if ward else None
            elif m := _SECTION_RE.match(f):
                section = m.group("name")
                issue = item = None
            elif section == "区の目指す姿":
                tree.goals.append(text)
            elif section == "区政運営の基本方針":
                tree.policies.append(re.sub(r"^\([0-9]+\)\s*", "", text))
            elif section == "重点施策" and (m := _ISSUE_RE.match(f)):
                issue = IssueNode(
                    number=int(m.group("num")),
                    code=m.group("num"),
                    title=m.group("title"),
                    locator=block.locator,
                )
                tree.issues.append(issue)
                item = None
            elif issue is not None and (m := _ITEM_RE.match(f)):
                title, budgets, _ = split_budgets(text[m.start("title") :], tree.fiscal_year, where="end")
                item = InitiativeNode(
                    code=None,
                    issue_number=issue.number,
                    strategy_code=None,
                    title=title,
                    locator=block.locator,
                )
                item.budgets.extend(budgets)
                tree.initiatives.append(item)
            elif issue is not None and (m := _LABELLED_RE.match(text)):
                if m.group("label") == "現状と課題":
                    issue.summary.append(m.group("text"))
                elif item is not None and (target := parse_target(m.group("text"), tree.fiscal_year)):
                    item.indicators.append(
                        IndicatorNode(
                            kind="成果指標",
                            text=target.text,
                            locator=block.locator,
                            target_text=target.target_text,
                            target=target.target,
                            target_fiscal_year=target.target_fiscal_year,
                            baseline=target.baseline,
                            baseline_fiscal_year=target.baseline_fiscal_year,
                        )
                    )
            elif item is not None:
                item.description.append(text)
            else:
                used = False
                unclaimed.append((block.locator, text))
            claimed += len(text) if used else 0
        records = build_records(tree, context, parser_info(self))
        return LayoutResult(records=records, claimed_chars=claimed, total_chars=total, unclaimed=unclaimed)
