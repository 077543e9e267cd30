"""The accuracy gate: no figure of ``scripts/accuracy.py`` may drop below its committed floor,
and the floor itself only rises (compared with the committed ``tests/accuracy_floor.json``).

The real pages are read from ``../shared/corpus`` and the test skips when it is absent; the
expectations of the other cities' pages (``tests/corpus_expected_other/``) were written by
reading each page.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from accuracy_harness import FLOOR_FILE, OTHER_EXPECTED, ROOT, below_floor, pages, score_all


def _floor() -> dict[str, dict[str, dict[str, float]]]:
    data: dict[str, dict[str, dict[str, float]]] = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    return data


def test_no_figure_is_below_its_floor() -> None:
    if not pages():
        pytest.skip("../shared/corpus is not available")
    assert below_floor(score_all().figures(), _floor()) == []


def test_the_floor_is_never_lowered() -> None:
    try:
        committed = subprocess.run(
            ["git", "show", f"HEAD:{FLOOR_FILE.relative_to(ROOT).as_posix()}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no committed floor to compare with (not a git checkout, or a new floor)")
    lowered = below_floor(_floor(), json.loads(committed))
    assert lowered == [], "the floor may only rise: " + "; ".join(lowered)


def test_every_other_city_page_has_an_expectation() -> None:
    corpus = ROOT.parent / "shared" / "corpus" / "other-cities-dev"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/other-cities-dev is not available")
    assert sorted(p.stem for p in corpus.glob("*.txt")) == sorted(
        p.stem for p in OTHER_EXPECTED.glob("*.json")
    )


@pytest.mark.parametrize("stem", sorted(p.stem for p in OTHER_EXPECTED.glob("*.json")))
def test_other_city_page_is_read_by_its_city_layout(stem: str) -> None:
    """Each real page of another city goes to that city's layout (the bureau to Osaka's), never
    to another city's."""
    page = next((p for p in pages() if p.path.stem == stem), None)
    if page is None:
        pytest.skip("../shared/corpus/other-cities-dev is not available")
    from extract import extract_bytes

    outcome = extract_bytes(page.path.read_bytes(), str(page.path), page.path.name, url=page.url)
    expected = "osaka-ward" if page.city == "osaka-bureau" else f"{page.city}-ward"
    assert outcome.layout == expected
    # and without the URL, from the text alone
    outcome = extract_bytes(page.path.read_bytes(), str(page.path), page.path.name)
    assert outcome.layout == expected
