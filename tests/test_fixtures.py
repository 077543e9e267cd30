"""Every fixture pair in ``tests/fixtures/layouts/``: input and ``.expected.json``.

No test code per fixture: drop an input file in the folder, run
``python scripts/golden.py path/to/input`` to write its expectation, read it,
commit both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden_harness import FIXTURES, expected_path, fixture_inputs, render_snapshot

INPUTS = fixture_inputs(FIXTURES)


def test_there_are_fixtures() -> None:
    assert INPUTS


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name)
def test_fixture(source: Path) -> None:
    expected = expected_path(source)
    assert expected.exists(), f"no {expected.name}: run `python scripts/golden.py {source}` and review it"
    assert render_snapshot(source) == expected.read_text(encoding="utf-8")
