"""The real corpus against expected outputs that were checked by reading them.

``tests/corpus_expected/<file>.json`` holds, for each page of
``../shared/corpus/osaka-dev``, the document fields and every item with its
code, title, text, budgets and values, plus the warnings (the cut item of a
truncated page among them).  Regenerate with
``python scripts/golden.py`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden_harness import CORPUS, CORPUS_EXPECTED, render_snapshot

EXPECTED = CORPUS_EXPECTED
CASES = sorted(p.stem for p in EXPECTED.glob("*.json"))


def test_every_corpus_page_has_an_expected_output(corpus_dir: Path) -> None:
    assert sorted(p.stem for p in corpus_dir.glob("*.txt")) == CASES


@pytest.mark.parametrize("stem", CASES)
def test_corpus_page(stem: str) -> None:
    path = CORPUS / f"{stem}.txt"
    if not path.is_file():
        pytest.skip("../shared/corpus/osaka-dev is not available")
    expected = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    assert json.loads(render_snapshot(path)) == expected
