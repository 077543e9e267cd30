"""The plugin toolkit: versioned, complete, and its bookkeeping helpers; the registry's entry points."""

from __future__ import annotations

import re

import pytest

from extract import UsageError
from extract.blocks import Block
from extract.layouts import registry, toolkit
from extract.layouts.toolkit import Coverage, DocTree, parse_indicator, read_title
from extract.sites import SITES


def test_version_constants_agree() -> None:
    assert re.fullmatch(r"[0-9]+\.[0-9]+", toolkit.TOOLKIT_VERSION)
    assert toolkit.__version__ == toolkit.TOOLKIT_VERSION
    assert tuple(int(n) for n in toolkit.TOOLKIT_VERSION.split(".")) == toolkit.TOOLKIT_VERSION_INFO


def test_every_exported_name_exists() -> None:
    assert all(hasattr(toolkit, name) for name in toolkit.__all__)
    assert len(toolkit.__all__) == len(set(toolkit.__all__))


def test_coverage_counts_claimed_and_skips_excluded() -> None:
    blocks = [
        Block(kind="paragraph", text="題名", locator="line 1"),
        Block(kind="paragraph", text="本文です", locator="line 2"),
        Block(kind="paragraph", text="残り", locator="line 3"),
        Block(kind="paragraph", text="ページの先頭です", locator="line 4"),
    ]
    coverage = Coverage.of_blocks(blocks)
    coverage.claim(0)
    coverage.claim(1)
    coverage.exclude(3)
    totals = coverage.totals()
    assert (totals.claimed_chars, totals.total_chars, totals.unclaimed) == (6, 8, [("line 3", "残り")])
    result = coverage.result([])
    assert (result.claimed_chars, result.total_chars, result.unclaimed) == (6, 8, [("line 3", "残り")])


def test_shared_works_a_helper_out_once_per_document_and_blocks() -> None:
    blocks = [Block(kind="paragraph", text="区の目標", locator="line 1")]
    calls: list[int] = []

    def count(seen: object) -> int:
        calls.append(1)
        return len(calls)

    context = toolkit.LayoutContext(uri="x", sha256="0" * 64, format="text", identity="x")
    assert [context.shared(count, blocks) for _ in range(3)] == [1, 1, 1]
    assert context.shared(count, blocks[:]) == 2  # another sequence: worked out anew
    again = toolkit.LayoutContext(uri="x", sha256="0" * 64, format="text", identity="x")
    assert again.shared(count, blocks) == 3  # another document
    assert context == again  # the memo is not part of what a context is


def test_read_title_and_parse_indicator() -> None:
    tree = DocTree()
    read_title(tree, "令和6年度 博多区 区政運営方針", "line 1", parse_as="令和6年度 博多区区政運営方針")
    assert (tree.title, tree.fiscal_year, tree.status) == ("令和6年度 博多区 区政運営方針", 2024, "final")
    node = parse_indicator(
        "成果指標", "参加者数 【6年度】 3,000人 (5年度2,410人)", "line 9", tree.fiscal_year
    )
    assert node is not None
    assert (node.kind, node.text, node.target_fiscal_year, node.baseline_fiscal_year) == (
        "成果指標",
        "参加者数",
        2024,
        2023,
    )


def test_builtins_come_from_entry_points() -> None:
    layouts = registry.load_layouts(refresh=True)
    own = {"osaka-ward", "generic", *(f"{site.slug}-ward" for site in SITES if site.slug != "osaka")}
    assert set(list(layouts)[: len(own)]) == own  # the project's own, before plugins
    assert not hasattr(registry, "_builtins")


def test_no_entry_points_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "entry_points", lambda group: [])
    with pytest.raises(UsageError, match=r"pip install -e \."):
        registry.load_layouts(refresh=True)
    monkeypatch.undo()
    registry.load_layouts(refresh=True)
