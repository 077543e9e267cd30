"""The state of a walk over a city page, and the tree it builds.

:mod:`.walk` reads the lines; this module holds what the reading builds on:
the lines themselves (:class:`Piece`), the document tree, the claim account,
the current area and the open issue, strategy and initiative, and the
helpers that add items to the tree the same way whichever line adds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...blocks import Block
from ...diagnostics import Diagnostic
from ..coverage import Coverage
from ..policy.budgets import split_budgets
from ..policy.titles import clean_title
from ..policy.tree import DocTree, InitiativeNode, IssueNode, ReformNode, StrategyNode
from .common import Area, CitySpec

__all__ = ["Piece", "WalkState", "pieces_of"]

_MARK_RE = re.compile(r"\s*[「【(]\s*(?:新規|拡充|継続|重点)\s*[」】)]\s*$")


@dataclass(frozen=True, slots=True)
class Piece:
    """A line the walk reads: a block, or one of the lines a flattened block is cut into."""

    locator: str
    text: str
    list_level: int


def pieces_of(spec: CitySpec, blocks: Sequence[Block]) -> list[Piece]:
    """The lines of the page: blocks, cut where the city's pages flatten several lines into one."""
    out: list[Piece] = []
    for block in blocks:
        texts = spec.split(block.text) if spec.split else [block.text]
        level = max(block.level, 1) if block.kind == "list_item" else 0
        out.extend(Piece(block.locator, t, level) for t in texts if t.strip())
    return out


class WalkState:
    """The state of one page's walk: the tree, the account, the area and the open items."""

    def __init__(self, spec: CitySpec, pieces: list[Piece], url: str | None) -> None:
        self.spec = spec
        self.pieces = [(p.locator, p.text) for p in pieces]
        self.levels = [p.list_level for p in pieces]
        """0 for a paragraph, else the list item's level (the reader took its number or bullet)."""
        self.url = url
        self.tree = DocTree(city=spec.profile.name)
        self.coverage = Coverage(self.pieces)
        self.warnings: list[Diagnostic] = []
        self.area = Area.PREAMBLE
        self.index = 0
        self.issue: IssueNode | None = None
        self.strategy: StrategyNode | None = None
        self.initiative: InitiativeNode | None = None
        self.reform: ReformNode | None = None
        self.parent: int | None = None
        """The list item sentences below it are children of (a bulleted policy and its text)."""
        self.open_sentence = False
        """The previous line ended mid-sentence (``…推進は、``): a numbered line now continues it."""
        self.summary = False
        self.footer = False
        """The page's footer (問合せ先) has been passed: nothing after it is content."""

    # ------------------------------------------------------------ helpers

    def claim(self) -> None:
        """The current line is read."""
        self.coverage.claim(self.index)

    def list_for(self, area: Area) -> list[str]:
        """The document's list an area fills (goals, missions, else policies)."""
        return {Area.GOALS: self.tree.goals, Area.MISSIONS: self.tree.missions}.get(area, self.tree.policies)

    def add_item(self, area: Area, text: str, *, child: bool = False) -> None:
        """An item of a list of the document; ``child``: nested under the open parent item."""
        items = self.list_for(area)
        if text in items:
            return
        if child and self.parent is not None:
            self.tree.nesting.setdefault(area.value, {})[len(items)] = self.parent
        items.append(text)

    def add_issue(self, title: str, number: int | None, locator: str) -> None:
        """A new issue, or the listed issue a later heading with the same number details."""
        for existing in self.tree.issues:
            if number is not None and existing.number == number:
                self.issue, self.strategy, self.initiative = existing, None, None
                return
        if any(i.title == title for i in self.tree.issues):
            return
        position = number if number is not None else len(self.tree.issues) + 1
        self.issue = IssueNode(
            number=position, code=str(number) if number is not None else None, title=title, locator=locator
        )
        self.tree.issues.append(self.issue)
        self.strategy = self.initiative = None
        self.summary = False

    def add_strategy(self, title: str, number: int | None, locator: str) -> None:
        """A new strategy under the open issue, numbered after it when the line has a number."""
        issue_number = self.issue.number if self.issue else None
        code = f"{issue_number}-{number}" if issue_number is not None and number is not None else None
        self.strategy = StrategyNode(code=code, issue_number=issue_number, title=title, locator=locator)
        self.tree.strategies.append(self.strategy)
        self.initiative = None

    def add_initiative(self, raw: str, number: int | None, locator: str, label: str | None = None) -> None:
        """A new initiative under the open strategy, its budgets read off the end of the line."""
        title, budgets, _ = split_budgets(_MARK_RE.sub("", raw), self.tree.fiscal_year, where="end")
        issue_number = self.issue.number if self.issue else None
        strategy_code = self.strategy.code if self.strategy else None
        code = f"{strategy_code}-{number}" if strategy_code and number is not None else None
        self.initiative = InitiativeNode(
            code=code,
            issue_number=issue_number,
            strategy_code=strategy_code,
            title=clean_title(_MARK_RE.sub("", title)) or title,
            locator=locator,
            label=label,
        )
        self.initiative.budgets.extend(budgets)
        self.tree.initiatives.append(self.initiative)
