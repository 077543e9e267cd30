"""Parse isolation: a hang, a memory blow-up or a crash costs one document, not the run."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from extract.blocks import Block
from extract.cli import app
from extract.layouts.base import LayoutContext, LayoutResult
from extract.layouts.registry import load_layouts
from extract.models import OUTPUT_FILES

runner = CliRunner()
SEED = SAMPLES / "000_d74a2718fe52b5dd.txt"


class _Hostile:
    """A layout that misbehaves on documents mentioning 'TRIGGER' and parses the rest normally."""

    version = "0"
    description = "test layout"

    def __init__(self, name: str, action: str) -> None:
        self.name = name
        self.action = action

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        return 0.0

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        if any("TRIGGER" in b.text for b in blocks):
            if self.action == "hang":
                time.sleep(3600)
            elif self.action == "hog":
                hog = []
                while True:
                    hog.append(bytearray(50 * 1024 * 1024))
            elif self.action == "crash":
                os._exit(70)
        return load_layouts()["osaka-ward"].parse(blocks, context)


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    layouts = load_layouts()
    for action in ("hang", "hog", "crash"):
        monkeypatch.setitem(layouts, action, _Hostile(action, action))
    bad = tmp_path / "bad.txt"
    bad.write_text("TRIGGER\n令和4年度北区運営方針\n", encoding="utf-8")
    return bad


@pytest.mark.parametrize(
    ("action", "options", "message"),
    [
        ("hang", ["--timeout", "1"], "took longer than 1 s"),
        ("hog", ["--memory-limit", "600"], "memory"),
        ("crash", [], "died with exit code 70"),
    ],
)
def test_one_bad_document_becomes_one_failure(
    hostile: Path, tmp_path: Path, action: str, options: list[str], message: str
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, [*options, "--layout", action, "-j", "2", str(SEED), str(hostile), "-o", str(out)]
    )
    assert result.exit_code == 1, result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["parsed"], summary["failed"]) == (1, 1)
    failure = summary["failures"][0]
    assert failure["source"] == str(hostile)
    assert message in failure["message"]
    assert summary["records"]["document"] == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {hostile}: {failure['message']}"
    ]


def test_parallel_output_equals_serial_output(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert runner.invoke(app, ["--no-isolation", str(SAMPLES), "-o", str(serial)]).exit_code == 0
    assert runner.invoke(app, ["-j", "4", str(SAMPLES), "-o", str(parallel)]).exit_code == 0
    for name in [*OUTPUT_FILES.values(), "summary.json"]:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name
