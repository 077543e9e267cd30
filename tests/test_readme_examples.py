"""The README's analysis examples run against ``output/``, so they cannot rot.

Every ``bash``, ``sql`` and ``python`` block of the section "Analysing the
dataset" runs in order, in a folder where ``output`` is the golden dataset:
``extract`` lines through the command line, SQL in DuckDB on the exported
``output.duckdb``, Python as it is (its ``assert`` lines say what it shows).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app

ROOT = Path(__file__).resolve().parent.parent
_BLOCK_RE = re.compile(r"^```(bash|sql|python)\n(.*?)^```", re.S | re.M)


def examples() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Analysing the dataset", 1)[1].split("\n## ", 1)[0]
    return [(m.group(1), m.group(2)) for m in _BLOCK_RE.finditer(section)]


def test_the_section_has_every_kind_of_example() -> None:
    kinds = [kind for kind, _ in examples()]
    assert kinds.count("bash") == 1 and kinds.count("sql") >= 2 and kinds.count("python") >= 2


def test_the_readme_examples_run_against_the_golden_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    duckdb = pytest.importorskip("duckdb")
    os.symlink(ROOT / "output", tmp_path / "output")
    monkeypatch.chdir(tmp_path)
    results: list[list[tuple[object, ...]]] = []
    for kind, code in examples():
        if kind == "bash":
            for line in code.splitlines():
                args = shlex.split(line, comments=True)
                assert args[0] == "extract", line
                result = CliRunner().invoke(app, args[1:])
                assert result.exit_code == 0, (line, result.output)
        elif kind == "sql":
            con = duckdb.connect("output.duckdb", read_only=True)
            try:
                for statement in (s for s in code.split(";") if s.strip() and not s.strip().startswith("--")):
                    results.append(con.execute(statement).fetchall())
            finally:
                con.close()
        else:
            exec(compile(code, "README.md", "exec"), {})
    assert ("北区", 2016, 138_449_000) in results[0]
    assert results[0] == sorted(results[1])
    assert (tmp_path / "output-csv" / "budgets.csv").read_bytes().startswith(b"\xef\xbb\xbf")
