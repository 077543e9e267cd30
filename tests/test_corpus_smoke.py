"""Every page of the real corpus parses with its ward and year (skipped without ../shared)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extract import extract_path


def _index(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "INDEX.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_corpus_file_parses_with_ward_and_year(corpus_dir: Path) -> None:
    rows = _index(corpus_dir)
    assert len(rows) == 49
    problems = []
    for row in rows:
        outcome = extract_path(corpus_dir / row["file"], identity=row["file"])
        if outcome.error is not None:
            problems.append(f"{row['file']}: {outcome.error}")
            continue
        doc = outcome.records[0]
        got = (doc.ward, doc.fiscal_year)  # type: ignore[attr-defined]
        want = (row["ward"], int(row["gregorian_fiscal_year"]))
        if got != want:
            problems.append(f"{row['file']}: {got} != {want}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("draft", ["運営方針(案)", "運営方針(素案)"])
def test_draft_flags_follow_the_index(corpus_dir: Path, draft: str) -> None:
    for row in _index(corpus_dir):
        if draft not in row["source_note"] or row["kind"] != "html-summary":
            continue
        doc = extract_path(corpus_dir / row["file"]).records[0]
        assert doc.status == "draft", row["file"]  # type: ignore[attr-defined]
