"""``extract samples/ -o output/`` reproduces the committed golden dataset byte for byte.

The files in ``output/`` were reviewed by reading them.  When a change alters
them on purpose, regenerate with ``python scripts/regenerate_golden.py`` and
review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from extract.cli import app
from extract.models import OUTPUT_FILES

GOLDEN_FILES = [*OUTPUT_FILES.values(), "summary.json"]


def test_samples_reproduce_the_golden_dataset(in_root: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["samples", "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.stderr
    golden = sorted(p.relative_to(in_root / "output").as_posix() for p in (in_root / "output").rglob("*"))
    fresh = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert fresh == golden, "a fresh run writes other files than output/ holds"
    assert set(GOLDEN_FILES) <= set(golden)
    for name in (n for n in golden if (tmp_path / n).is_file()):
        expected = (in_root / "output" / name).read_text(encoding="utf-8").splitlines()
        actual = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        assert actual == expected, (
            f"output/{name} differs from a fresh run (see scripts/regenerate_golden.py)"
        )
