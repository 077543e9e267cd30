"""The plugin is found through its entry point and reads its fixture as expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_path
from extract.layouts.registry import load_layouts
from extract.snapshot import snapshot, snapshot_text

pytest.importorskip("extract_fukuoka_ward")

FIXTURES = Path(__file__).parent / "fixtures"


LAYOUT = "fukuoka-ward-example"


def _snapshot(source: Path) -> str:
    outcome = extract_path(source, identity=source.name, layout=LAYOUT)
    return json.dumps(snapshot(outcome), ensure_ascii=False, indent=1) + "\n"


def test_registered_through_the_entry_point() -> None:
    assert LAYOUT in load_layouts(refresh=True)


def test_the_built_in_layout_wins_and_osaka_pages_are_not_its() -> None:
    """The built-in fukuoka-ward reads these pages; the example scores below it and never takes Osaka's."""
    assert extract_path(FIXTURES / "hakata_r6.txt").layout == "fukuoka-ward"
    osaka = Path(__file__).resolve().parents[3] / "samples" / "000_d74a2718fe52b5dd.txt"
    assert extract_path(osaka).layout == "osaka-ward"


@pytest.mark.parametrize("source", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_fixture(source: Path) -> None:
    expected = source.with_name(f"{source.stem}.expected.json")
    assert _snapshot(source) == expected.read_text(encoding="utf-8")


def test_same_records_as_the_built_in_layout() -> None:
    mine = json.loads(_snapshot(FIXTURES / "hakata_r6.txt"))
    built_in = json.loads(snapshot_text(FIXTURES / "hakata_r6.txt"))
    for kind in ("issue", "initiative", "indicator"):
        assert [r["title"] if "title" in r else r["text"] for r in mine[kind]] == [
            r["title"] if "title" in r else r["text"] for r in built_in[kind]
        ]
    assert mine["document"]["goals"] == built_in["document"]["goals"]


def test_records() -> None:
    data = json.loads(_snapshot(FIXTURES / "hakata_r6.txt"))
    doc = data["document"]
    assert (doc["city"], doc["ward"], doc["fiscal_year"], doc["ward_slug"]) == (
        "福岡市",
        "博多区",
        2024,
        None,
    )
    assert [i["title"] for i in data["issue"]] == ["安全で安心して暮らせるまち", "子どもが健やかに育つまち"]
    first = data["initiative"][0]
    assert (first["title"], first["budgets"][0]["amount_yen"]) == ("地域防災力の向上", 12_345_000)
    indicator = data["indicator"][0]
    assert (indicator["target_value"], indicator["baseline_value"], indicator["baseline_fiscal_year"]) == (
        3000.0,
        2410.0,
        2023,
    )
