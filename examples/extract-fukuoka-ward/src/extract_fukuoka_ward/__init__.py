"""Fukuoka City ward 区政運営方針 pages, as an ``extract`` layout plugin.

These pages number their sections ``1 区の目指す姿``, ``2 区政運営の基本方針``,
``3 重点施策``; under 重点施策 each ``(1) …`` is an issue, each ``ア …【予算額 …】``
an initiative with its budget, and ``成果指標:…`` its indicator.  Nothing of the
Osaka grammar applies, so the layout reads the blocks itself: it fills a
:class:`DocTree` with the toolkit's readers (title, budgets, indicators),
claims each block it uses on a :class:`Coverage`, and returns
``layout_result``, which builds the records and reports the coverage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.layouts.toolkit import (
    TOOLKIT_VERSION_INFO,
    Block,
    Coverage,
    DocTree,
    InitiativeNode,
    IssueNode,
    LayoutContext,
    LayoutResult,
    fold,
    layout_result,
    parse_date,
    parse_indicator,
    parser_info,
    read_title,
    split_budgets,
)

if TOOLKIT_VERSION_INFO[0] != 1:  # written against toolkit 1.0; any 1.x keeps its names
    raise ImportError(f"extract-fukuoka-ward needs layout toolkit 1.x, found {TOOLKIT_VERSION_INFO}")

__all__ = ["FukuokaWardLayout"]

_SECTION_RE = re.compile(r"^([1-9])\s+(?P<name>\S.*)$")
_ISSUE_RE = re.compile(r"^\((?P<num>[0-9]{1,2})\)\s*(?P<title>\S.*)$")
_ITEM_RE = re.compile(r"^(?P<letter>[アイウエオカキクケコサシスセソ])\s+(?P<title>\S.*)$")
_LABELLED_RE = re.compile(r"^(?P<label>現状と課題|成果指標)\s*:\s*(?P<text>.+)$")


class FukuokaWardLayout:
    """区政運営方針 of Fukuoka City's wards."""

    name = "fukuoka-ward-example"
    version = "0.2.0"  # 0.2.0: the title block counts as claimed in the coverage
    description = "Fukuoka City ward 区政運営方針 (example plugin)"

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        head = "\n".join(fold(b.text) for b in blocks[:5])
        if "区政運営方針" in head and "福岡市" in head:
            return 0.9
        return 0.0

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        tree = DocTree()
        coverage = Coverage.of_blocks(blocks)
        if blocks:
            read_title(
                tree,
                blocks[0].text,
                blocks[0].locator,
                parse_as=blocks[0].text.replace(" 区政運営方針", "区政運営方針"),
            )
            coverage.claim(0)
        tree.city = "福岡市"
        section = ""
        issue: IssueNode | None = None
        item: InitiativeNode | None = None
        for index, block in enumerate(blocks[1:], start=1):
            text = block.text
            f = fold(text)
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
                elif item is not None and (
                    indicator := parse_indicator("成果指標", m.group("text"), block.locator, tree.fiscal_year)
                ):
                    item.indicators.append(indicator)
            elif item is not None:
                item.description.append(text)
            else:
                used = False
            if used:
                coverage.claim(index)
        return layout_result(tree, context, parser_info(self), coverage)
