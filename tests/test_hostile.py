"""Hostile and malformed inputs through the real isolated path: each is parsed or one clear failure.

Every case runs through ``extract DIR -o OUT`` in a child process, with worker
processes under a small memory cap and a time limit, as a batch: the run must
finish, name every source once, report each failure as one line naming its
source (never an internal error or a traceback), print nothing else, and no
worker may have grown past the cap.  Cases that should parse do, with their
warnings; cases that cannot be read fail with the message that says why.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hostile_inputs import (
    damaged_samples,
    hostile_html,
    hostile_pdfs,
    hostile_text,
    hostile_xlsx,
    reference_cycle,
    write_cases,
)

MEMORY_MB = 384
TIMEOUT_S = 60

_RUNNER = """
import json, resource, sys
from extract.cli import main
sys.argv = ["extract", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
# ru_maxrss of waited-for descendants (the workers): KiB on Linux, bytes on macOS
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"exit": code, "peak_mib": peak / (1024 * 1024 if sys.platform == "darwin" else 1024)}))
"""

# file name -> (outcome, what its failure message or one of its warnings must say)
PARSED = "parsed"
FAILED = "failed"
EXPECTED: dict[str, tuple[str, str | None]] = {
    "circular-xref-self.pdf": (FAILED, "referring to each other in a loop"),
    "circular-xref-pair.pdf": (FAILED, "referring to each other in a loop"),
    "page-tree-cycle.pdf": (PARSED, None),
    "self-drawing-form.pdf": (PARSED, "pdfminer: Refusing to execute circular reference"),
    "nested-arrays.pdf": (PARSED, None),
    "nested-dictionaries.pdf": (PARSED, None),
    "decompression-bomb.pdf": (FAILED, "memory limit"),
    "bad-checksum-stream.pdf": (PARSED, "pdfminer: Data-loss while decompressing corrupted data"),
    "too-many-pages.pdf": (FAILED, "PDF has 2500 pages; more than 2000 are not read"),
    "billion-laughs.xlsx": (FAILED, "uses forbidden XML"),
    "external-entity.xlsx": (FAILED, "uses forbidden XML"),
    "zip-bomb.xlsx": (FAILED, "refused as a zip bomb"),
    "lying-member-size.xlsx": (FAILED, "damaged XLSX"),
    "huge-merge.xlsx": (FAILED, "merges more than 200000 cells"),
    "huge-dimension.xlsx": (PARSED, None),
    "impossible-reference.xlsx": (FAILED, "impossible cell reference"),
    "deep-xml.xlsx": (PARSED, None),
    "nested-divs-10mb.html": (PARSED, "nested more than 512 levels deep"),
    "nested-tables.html": (PARSED, "nested more than 512 levels deep"),
    "unclosed-formatting.html": (PARSED, "nested more than 512 levels deep"),
    "nested-lists.html": (PARSED, "nested more than 512 levels deep"),
    "misnested-formatting.html": (PARSED, None),
    "huge-text-node.html": (PARSED, None),
    "many-attributes.html": (PARSED, "1 tag(s) with more than 1000 attributes"),
    "one-long-line.txt": (PARSED, None),
    "mixed-encodings.txt": (PARSED, "undecodable byte sequence(s) replaced (read as cp932)"),
    "control-characters.txt": (FAILED, "binary content that is not PDF, XLSX or text"),
    "million-empty-lines.txt": (PARSED, None),
}


def run_batch(
    tmp_path: Path, cases: dict[str, bytes], *options: str
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """``extract`` over ``cases`` in a child process: (summary.json, the runner's report, stderr)."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    write_cases(inputs, cases)
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(inputs), "-o", str(out), "-q", *options],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return summary, report, done.stderr


def check_run(
    summary: dict[str, Any], report: dict[str, Any], stderr: str, names: list[str], root: Path
) -> None:
    """What holds for every batch: it finished, each source is parsed or failed once, clearly."""
    sources = {str(root / "in" / name): name for name in names}
    assert report["exit"] in (0, 1), stderr
    assert summary["sources"] == len(names)
    assert summary["parsed"] + summary["failed"] == len(names)
    failed = [f["source"] for f in summary["failures"]]
    assert len(failed) == len(set(failed)) and set(failed) <= set(sources)
    for failure in summary["failures"]:
        message = failure["message"]
        assert "internal error" not in message and "Traceback" not in message and "\n" not in message, failure
        assert not message.startswith("parsing failed in its worker process"), failure
    lines = stderr.splitlines()
    assert len(lines) == len(failed), stderr  # -q: one line per failure, nothing from the libraries
    assert {line.split(": ", 2)[1] for line in lines} == set(failed)
    assert all(line.startswith("error: ") and ": " in line[7:] for line in lines), stderr
    assert report["peak_mib"] < MEMORY_MB, report  # no worker grew past the address-space cap


def _outcomes(summary: dict[str, Any]) -> tuple[dict[str, str], dict[str, list[str]]]:
    failures = {Path(f["source"]).name: f["message"] for f in summary["failures"]}
    warnings: dict[str, list[str]] = {}
    for w in summary["warnings"]:
        warnings.setdefault(Path(w["source"]).name, []).append(w["message"])
    return failures, warnings


# where the pdfium engine differs from pdfplumber's: it rebuilds a broken cross-reference table by
# scanning the file's objects (as PDF viewers do) and reads the page, and pdfminer's own warnings
# (about what its interpreter refuses or repairs) are not there to give
PDFIUM_EXPECTED: dict[str, tuple[str, str | None]] = {
    "circular-xref-self.pdf": (PARSED, None),
    "circular-xref-pair.pdf": (PARSED, None),
    "self-drawing-form.pdf": (PARSED, None),
    "bad-checksum-stream.pdf": (PARSED, None),
}


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_hostile_inputs_are_parsed_or_fail_clearly(tmp_path: Path, engine: str) -> None:
    cases = {**hostile_pdfs(), **hostile_xlsx(), **hostile_html(), **hostile_text()}
    assert set(cases) == set(EXPECTED)
    summary, report, stderr = run_batch(
        tmp_path,
        cases,
        "--memory-limit",
        str(MEMORY_MB),
        "--timeout",
        str(TIMEOUT_S),
        "-j",
        "2",
        "--pdf-engine",
        engine,
    )
    check_run(summary, report, stderr, list(cases), tmp_path)
    failures, warnings = _outcomes(summary)
    expected = {**EXPECTED, **(PDFIUM_EXPECTED if engine == "pdfium" else {})}
    for name, (outcome, says) in expected.items():
        if outcome == FAILED:
            assert name in failures, (name, warnings.get(name))
            assert says is not None and says in failures[name], (name, failures[name])
        else:
            assert name not in failures, (name, failures[name])
            if says is not None:
                assert any(says in w for w in warnings.get(name, [])), (name, warnings.get(name))
    assert "took longer than" not in " ".join(failures.values())  # nothing here should hang


def test_damaged_samples_are_parsed_or_fail_clearly(tmp_path: Path) -> None:
    """Every sample cut short and bit-flipped: text and HTML still parse (with a warning), the rest may fail."""
    cases = damaged_samples()
    summary, report, stderr = run_batch(
        tmp_path, cases, "--memory-limit", str(MEMORY_MB), "--timeout", str(TIMEOUT_S), "-j", "2"
    )
    check_run(summary, report, stderr, list(cases), tmp_path)
    failures, warnings = _outcomes(summary)
    for name in cases:
        if name in failures:
            assert name.endswith((".pdf", ".xlsx")), (name, failures[name])  # text and HTML always read
            kind = "PDF" if name.endswith(".pdf") else "XLSX"
            assert kind in failures[name], (name, failures[name])
    # a cut text or page keeps its complete part; a flipped byte is replaced, with a warning
    assert any("ends inside a UTF-8 character" in w for w in warnings["004_b1ed0f419b735238.cut5.txt"])
    assert any("undecodable byte sequence" in w for w in warnings["000_d74a2718fe52b5dd.flip0.txt"])


@pytest.mark.parametrize(
    ("engine", "failure"),
    [
        # pdfminer follows a reference cycle without end: the time limit makes it one failure
        ("pdfplumber", "parsing took longer than 3 s and was stopped"),
        # pdfium breaks the cycle itself and finds no text to read
        ("pdfium", "the PDF has no text layer (scanned images?); nothing to read"),
    ],
)
def test_a_pdf_that_loops_forever_is_stopped(tmp_path: Path, engine: str, failure: str) -> None:
    """A reference cycle costs one document, whichever engine reads it."""
    cases = {"reference-cycle.pdf": reference_cycle(), "fine.txt": "令和3年度 旭区運営方針\n".encode()}
    summary, report, stderr = run_batch(tmp_path, cases, "--timeout", "3", "-j", "2", "--pdf-engine", engine)
    check_run(summary, report, stderr, list(cases), tmp_path)
    failures, _ = _outcomes(summary)
    assert failures == {"reference-cycle.pdf": failure}


@pytest.mark.parametrize(
    ("module", "name", "data", "fmt"),
    [
        ("pdfplumber", "open", b"%PDF-1.4\n%%EOF\n", "pdf"),
        ("pypdfium2", "PdfDocument", b"%PDF-1.4\n%%EOF\n", "pdf"),
        ("extract.formats.html", "LexborHTMLParser", b"<html><body><p>x</p></body></html>", "html"),
        ("openpyxl", "load_workbook", b"", "xlsx"),
        ("extract.formats.text", "lines_to_blocks", "令和3年度 旭区運営方針".encode(), "text"),
    ],
)
def test_running_out_of_memory_is_reported_as_such(
    monkeypatch: pytest.MonkeyPatch, module: str, name: str, data: bytes, fmt: str
) -> None:
    """A reader must not file a MemoryError under 'damaged': it is the memory limit speaking."""
    import importlib

    from extract import extract_bytes

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    if fmt == "xlsx":
        from test_format_xlsx import WORKBOOK

        data = WORKBOOK.read_bytes()
    monkeypatch.setattr(importlib.import_module(module), name, exhausted)
    engine = "pdfplumber" if module == "pdfplumber" else None
    outcome = extract_bytes(data, f"x.{fmt}", fmt=fmt, pdf_engine=engine)  # type: ignore[arg-type]
    assert outcome.error is not None
    assert str(outcome.error) == f"x.{fmt}: ran out of memory while parsing (over the memory limit)"
