"""Fukuoka City 区役所 運営方針 pages, as an ``extract`` layout plugin written from the toolkit alone.

A real page opens with a sentence naming the year (``令和4年度の「運営方針」を定め
ました``), then the ward's まちづくりの目標 as a slogan with a ``~…~`` subtitle (the
goal), announces its 取組みの方向性, and lists each direction as ``「…」をめざします``
(an issue) with ``◆`` items (initiatives, marked 「新規」 when new, with
``【予算額 …】`` budgets that ``split_budgets`` cuts off the title), their
explanations and ``成果指標:…`` lines (indicators, through ``parse_indicator``).
The built-in ``fukuoka-ward`` layout reads the same pages; this plugin shows how
a layout is written outside the package, so it scores below the built-in one
and runs with ``--layout fukuoka-ward-example``.
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
    find_fiscal_year,
    fold,
    layout_result,
    parse_indicator,
    parser_info,
    split_budgets,
)

if TOOLKIT_VERSION_INFO[0] != 1:  # written against toolkit 1.0; any 1.x keeps its names
    raise ImportError(f"extract-fukuoka-ward needs layout toolkit 1.x, found {TOOLKIT_VERSION_INFO}")

__all__ = ["FukuokaWardLayout"]

_INTRO_RE = re.compile(r"^(?P<ward>\S{1,4}区)役所では、.*「運営方針」を定めました")
_SUBTITLE_RE = re.compile(r"^[~〜](?P<text>.+)[~〜]$")
_AIM_RE = re.compile(r"^「(?P<title>[^「」]+)」をめざします。?$")
_ITEM_RE = re.compile(r"^◆\s*(?P<title>\S.*)$")
_NEW_RE = re.compile(r"「新規」")
_INDICATOR_RE = re.compile(r"^成果指標\s*:\s*(?P<text>.+)$")


class FukuokaWardLayout:
    """区役所 運営方針 of Fukuoka City's wards (example plugin)."""

    name = "fukuoka-ward-example"
    version = "0.3.0"  # 0.3.0: rebuilt on the real pages' structure
    description = (
        "Fukuoka City ward office 運営方針 (example plugin; the built-in fukuoka-ward reads them too)"
    )

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        head = fold(blocks[0].text) if blocks else ""
        return 0.5 if _INTRO_RE.match(head) and "福岡市" in head else 0.0

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        tree = DocTree(city="福岡市")
        coverage = Coverage.of_blocks(blocks)
        issue: IssueNode | None = None
        item: InitiativeNode | None = None
        for index, block in enumerate(blocks):
            text = block.text.strip()
            f = fold(text)
            used = True
            if (m := _INTRO_RE.match(f)) and tree.ward is None:
                tree.ward = tree.organization = m.group("ward")
                if fy := find_fiscal_year(text):
                    tree.fiscal_year, tree.fiscal_year_label = fy.year, fy.label
            elif (
                issue is None
                and not tree.goals
                and index + 1 < len(blocks)
                and _SUBTITLE_RE.match(fold(blocks[index + 1].text.strip()))
            ):
                tree.goals.append(text)
            elif _SUBTITLE_RE.match(f) and tree.goals and issue is None:
                tree.nesting.setdefault("goals", {})[len(tree.goals)] = 0
                tree.goals.append(text)
            elif m := _AIM_RE.match(f):
                issue = IssueNode(
                    number=len(tree.issues) + 1, code=None, title=m.group("title"), locator=block.locator
                )
                tree.issues.append(issue)
                item = None
            elif issue is not None and (m := _ITEM_RE.match(f)):
                raw = _NEW_RE.sub("", text[m.start("title") :])
                title, budgets, _ = split_budgets(raw, tree.fiscal_year, where="end")
                item = InitiativeNode(
                    code=None,
                    issue_number=issue.number,
                    strategy_code=None,
                    title=title,
                    locator=block.locator,
                )
                item.budgets.extend(budgets)
                tree.initiatives.append(item)
            elif item is not None and (m := _INDICATOR_RE.match(f)):
                node = parse_indicator("成果指標", text[m.start("text") :], block.locator, tree.fiscal_year)
                if node is not None:
                    item.indicators.append(node)
            elif item is not None and f != "以上":
                item.description.append(text)
            else:
                used = False
            if used:
                coverage.claim(index)
        return layout_result(tree, context, parser_info(self), coverage)
