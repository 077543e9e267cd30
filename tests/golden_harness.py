"""Shared by the fixture test and ``scripts/golden.py``: where expectations live and how they look."""

from __future__ import annotations

from pathlib import Path

from extract.snapshot import snapshot_text
from extract.sources import DOCUMENT_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "layouts"
CORPUS = ROOT.parent / "shared" / "corpus" / "osaka-dev"
CORPUS_EXPECTED = ROOT / "tests" / "corpus_expected"


def fixture_inputs(folder: Path) -> list[Path]:
    """Input files of a fixture folder (everything with a document suffix)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


def expected_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.expected.json")


def corpus_pairs() -> list[tuple[Path, Path]]:
    return [(p, CORPUS_EXPECTED / f"{p.stem}.json") for p in sorted(CORPUS.glob("*.txt"))]


render_snapshot = snapshot_text
