"""The benchmark's corpus generator: the same seed gives the same files, and every document parses.

Needs reportlab (``pip install -e '.[fixtures]'``); skipped without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from extract.pipeline import ParseOptions
from extract.sources import expand_inputs
from extract.workers import Job, run_jobs

pytest.importorskip("reportlab")


def _generate(monkeypatch: pytest.MonkeyPatch, where: Path) -> Path:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import make_corpus

    monkeypatch.setattr(make_corpus, "WORK", where)
    return make_corpus.ensure_corpus(seed=3, wards=2, years=3, jobs=1).path


def test_the_corpus_is_deterministic_and_every_document_parses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = _generate(monkeypatch, tmp_path / "a")
    second = _generate(monkeypatch, tmp_path / "b")
    manifest = json.loads((first / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["files"] == json.loads((second / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
    pages = [f for f in manifest["files"] if f.endswith(".html")]
    pdfs = [f for f in manifest["files"] if f.endswith(".pdf")]
    assert len(pages) == 6 and len(pdfs) >= 4 * len(pages)
    for name, entry in manifest["files"].items():
        assert (first / name).stat().st_size == entry["bytes"]
    outcomes = list(run_jobs(map(Job, expand_inputs([str(first)])), ParseOptions(), limits=None))
    assert len(outcomes) == len(manifest["files"])
    assert [o.uri for o in outcomes if o.error is not None] == []
    assert all(o.layout == "osaka-ward" and o.records for o in outcomes)
