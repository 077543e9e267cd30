"""The grammar's structure: every kind has a handler, areas are enums, modules stay small."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import extract.layouts.policy as policy_package
from extract.layouts.policy.grammar import HANDLERS, Grammar
from extract.layouts.policy.grammar.driver import check_handlers
from extract.layouts.policy.grammar.reform_form import ReformField, ReformLabel, split_reform_labels
from extract.layouts.policy.grammar.state import LIST_AREAS, Area, IssuePart, Reader
from extract.layouts.policy.kinds import Kind
from extract.layouts.policy.segments import Segment


def test_every_kind_has_a_handler() -> None:
    assert set(HANDLERS) == set(Kind)


def test_an_incomplete_table_is_refused() -> None:
    table = {k: h for k, h in HANDLERS.items() if k is not Kind.SDGS}
    with pytest.raises(TypeError, match="SDGS"):
        check_handlers(table)


def test_handlers_say_which_lines_they_take() -> None:
    for kind, handler in HANDLERS.items():
        doc = inspect.getdoc(handler)
        assert doc and doc.startswith("Takes"), f"{kind}: {handler.__qualname__} has no 'Takes …' docstring"


def _segments(*lines: str) -> list[Segment]:
    return [
        Segment(text=t, locator=f"line {i + 1}", bullet=False, block_kind="paragraph", block_index=i)
        for i, t in enumerate(lines)
    ]


def _read(*lines: str) -> Reader:
    grammar = Grammar(_segments(*lines), None, complete=True)
    grammar.run()
    return grammar.reader


def test_areas_and_parts_are_enums() -> None:
    reader = _read("令和4年度北区運営方針", "【区の目標(何をめざすのか)】", "安心して住めるまち")
    assert reader.area is Area.GOALS
    assert reader.tree.goals == ["安心して住めるまち"]
    reader = _read(
        "令和4年度北区運営方針",
        "重点的に取り組む経営課題",
        "【経営課題1】 防災",
        "アウトカム指標",
        "訓練参加者数 100人",
    )
    assert reader.area is Area.ISSUES
    assert reader.issues.part is IssuePart.OUTCOME
    assert [i.text for i in reader.tree.issues[0].indicators] == ["訓練参加者数"]
    with pytest.raises(AttributeError):
        Area.GOLAS  # type: ignore[attr-defined]  # noqa: B018  (a typo is an error, not a silent miss)


def test_list_areas_each_have_their_list() -> None:
    reader = _read("令和4年度北区運営方針")
    assert {area: id(reader.list_for(area)) for area in LIST_AREAS} == {
        Area.GOALS: id(reader.tree.goals),
        Area.MISSIONS: id(reader.tree.missions),
        Area.POLICIES: id(reader.tree.policies),
    }
    with pytest.raises(KeyError):
        reader.list_for(Area.ISSUES)


def test_reform_state_is_typed() -> None:
    reader = _read(
        "令和4年度北区運営方針",
        "「市政改革プラン3.0」に基づく取組等",
        "【取組項目1】 収納率の向上",
        "(趣旨・目的) 財源を確保する。 (目標) 収納率 90%",
    )
    assert reader.area is Area.REFORM
    assert reader.reform.field is ReformField.TARGET
    item = reader.tree.reform_items[0]
    assert (item.purpose, [i.text for i in item.indicators]) == (["財源を確保する。"], ["収納率"])
    assert split_reform_labels("<区独自の目標> 参加者 50人") == [
        (ReformLabel.OTHER_TARGET_NAME, "区独自の目標"),
        (ReformLabel.OTHER_TARGET, "参加者 50人"),
    ]


def test_no_policy_module_is_over_400_lines() -> None:
    root = Path(policy_package.__file__).parent
    sizes = {
        str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines()) for p in root.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > 400} == {}
