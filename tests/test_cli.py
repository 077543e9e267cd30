"""The command line, run in-process: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from extract.cli import app
from extract.models import OUTPUT_FILES
from helpers import tree_bytes

runner = CliRunner()
SEED = SAMPLES / "000_d74a2718fe52b5dd.txt"


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_file_to_stdout() -> None:
    result = runner.invoke(app, [str(SEED)])
    assert result.exit_code == 0, result.stderr
    rows = lines(result.stdout)
    assert rows[0]["type"] == "document"
    assert {r["type"] for r in rows} == {"document", "issue", "strategy", "initiative", "reform_item"}
    assert all(list(r)[:3] == ["type", "id", "doc_id"] and list(r)[-2:] == ["source", "parser"] for r in rows)
    assert result.stderr == ""


def test_directory_to_dataset_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, [str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    for name in OUTPUT_FILES.values():
        assert (out / name).is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["failed"] == 0 and summary["sources"] == summary["parsed"] >= 5
    assert summary["records"]["document"] == summary["sources"]
    docs = lines((out / "documents.jsonl").read_text(encoding="utf-8"))
    assert len(docs) == summary["sources"]
    assert not list(out.glob(".extract-tmp-*"))


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    runner.invoke(app, [str(SAMPLES), "-o", str(a)])
    runner.invoke(app, [str(SAMPLES), "-o", str(b)])
    for name in [*OUTPUT_FILES.values(), "summary.json"]:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_stdin() -> None:
    result = runner.invoke(app, ["-"], input=SEED.read_bytes())
    assert result.exit_code == 0
    rows = lines(result.stdout)
    assert rows[0]["source"]["uri"] == "-" and rows[0]["ward"] == "北区"


def test_a_bad_document_does_not_lose_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"\x00\x01\x02 not a pdf at all \xff\xfe" * 10)
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, [str(SEED), str(bad), str(missing)])
    assert result.exit_code == 1
    assert lines(result.stdout)[0]["ward"] == "北区"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any(str(bad) in e for e in errors) and any(str(missing) in e for e in errors)
    assert "Traceback" not in result.stderr


def test_failures_are_in_the_summary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x00\x82\x00" * 50)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(SEED), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["failed"] == 1 and summary["parsed"] == 1
    assert summary["failures"][0]["source"] == str(bad)
    assert len(lines((out / "documents.jsonl").read_text(encoding="utf-8"))) == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--format", "docx", "x.txt"],
        ["--layout", "no-such-layout", "x.txt"],
        ["-", "-"],
        ["--no-such-option", "x.txt"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in (result.stdout + result.stderr)


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, [str(tmp_path)])
    assert result.exit_code == 2
    assert "no input documents" in result.stderr


def test_format_override(tmp_path: Path) -> None:
    page = tmp_path / "page.dat"
    page.write_bytes(SEED.read_bytes())
    result = runner.invoke(app, ["--format", "text", str(page)])
    assert result.exit_code == 0
    assert lines(result.stdout)[0]["source"]["format"] == "text"


def test_killed_run_keeps_the_previous_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, [str(SAMPLES), "-o", str(out)]).exit_code == 0
    before = tree_bytes(out)

    import extract.cli.run as cli

    calls = {"n": 0}
    real = cli._report

    def dying(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "_report", dying)
    runner.invoke(app, [str(SAMPLES), "-o", str(out)])
    after = tree_bytes(out)
    assert after == before


def test_schema_command() -> None:
    result = runner.invoke(app, ["schema", "initiative"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "budgets" in schema["properties"]
    assert runner.invoke(app, ["schema", "bogus"]).exit_code == 2
    everything = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert set(everything) == set(OUTPUT_FILES)


def test_layouts_command() -> None:
    result = runner.invoke(app, ["layouts"])
    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "osaka-ward" in names and "generic" in names


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("extract ")


def test_inspect_shows_scores_blocks_records_and_unclaimed_text(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "令和4年度北区運営方針\n基本理念「人にやさしいまち」\n【区の目標(何をめざすのか)】\n安全なまち\n"
        "重点的に取り組む主な経営課題\n【経営課題1】 防災\n備える必要がある。\n探している情報が見つからない\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["inspect", str(page)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "format   text" in out
    assert "osaka-ward" in out and "generic" in out
    assert "line 4" in out  # the block stream with its locators
    assert " ✗ " in out.split("\nrecords")[0].split("\nblocks")[1]  # the unclaimed block is marked
    assert "unclaimed text" in out
    unclaimed_section = out.split("unclaimed text", 1)[1]
    assert "基本理念「人にやさしいまち」" in unclaimed_section
    assert "安全なまち" not in unclaimed_section.split("warnings")[0]


def test_inspect_json_is_complete() -> None:
    result = runner.invoke(app, ["inspect", "--json", str(SEED)])
    data = json.loads(result.stdout)
    assert data["format"] == "text" and data["layout"] == "osaka-ward"
    assert data["candidates"][0]["name"] == "osaka-ward"
    assert data["blocks"][0]["locator"] == "line 1"
    assert data["records"][0]["type"] == "document"
    assert 0.9 < data["coverage"] <= 1.0


def test_forced_layout_and_low_coverage_warning(tmp_path: Path) -> None:
    page = tmp_path / "notes.txt"
    page.write_text("会議のお知らせ\n日時は未定です。\n場所も未定です。\n", encoding="utf-8")
    result = runner.invoke(app, ["--layout", "generic", str(page)])
    assert result.exit_code == 0
    assert lines(result.stdout)[0]["parser"]["name"] == "generic"
    assert "no policy layout was recognised" in result.stderr
    assert "low coverage" in result.stderr


def test_min_coverage_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--min-coverage", "1.0", str(SAMPLES / "001_6f05623d10d2c3a2.txt")])
    assert result.exit_code == 0
    assert "low coverage" in result.stderr
    assert runner.invoke(app, ["--min-coverage", "2", str(SEED)]).exit_code == 2


def test_builtin_layouts_are_entry_points() -> None:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="extract.layouts")}
    assert {"osaka-ward", "generic"} <= names


def test_batch_run_names_the_least_covered(tmp_path: Path) -> None:
    result = runner.invoke(app, [str(SAMPLES), "-o", str(tmp_path / "o")])
    assert "least covered: " in result.stderr
