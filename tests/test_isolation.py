"""Parse isolation: a hang, a memory blow-up or a crash costs one document, not the run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from extract.cli import app
from extract.models import OUTPUT_FILES

runner = CliRunner()
SEED = SAMPLES / "000_d74a2718fe52b5dd.txt"


PLUGIN = Path(__file__).resolve().parent / "hostile_plugin"


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A document that sets off the misbehaving layouts, and the environment that installs them."""
    bad = tmp_path / "bad.txt"
    bad.write_text("TRIGGER\n令和4年度北区運営方針\n", encoding="utf-8")
    path = os.pathsep.join(p for p in (str(PLUGIN), os.environ.get("PYTHONPATH")) if p)
    return bad, {**os.environ, "PYTHONPATH": path}


@pytest.mark.parametrize(
    ("action", "options", "message"),
    [
        ("hang", ["--timeout", "10"], "took longer than 10 s"),
        ("hog", ["--memory-limit", "600"], "memory"),
        ("crash", [], "died with exit code 70"),
    ],
)
def test_one_bad_document_becomes_one_failure(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path, action: str, options: list[str], message: str
) -> None:
    bad, env = hostile
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "extract",
            *options,
            "--layout",
            action,
            "-j",
            "2",
            str(SEED),
            str(bad),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["parsed"], summary["failed"]) == (1, 1)
    failure = summary["failures"][0]
    assert failure["source"] == str(bad)
    assert message in failure["message"]
    assert summary["records"]["document"] == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {bad}: {failure['message']}"
    ]


def test_parallel_output_equals_serial_output(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert runner.invoke(app, ["--no-isolation", str(SAMPLES), "-o", str(serial)]).exit_code == 0
    assert runner.invoke(app, ["-j", "4", str(SAMPLES), "-o", str(parallel)]).exit_code == 0
    for name in [*OUTPUT_FILES.values(), "summary.json"]:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def _grandchildren() -> list[int]:
    """The processes two levels below this one: the workers, which the fork server starts."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    return [g for c in children.get(os.getpid(), []) for g in children.get(c, [])]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_killed_between_documents_cost_no_document() -> None:
    """A worker that dies while idle (killed, or by the OOM killer) breaks the pool; new workers take over."""
    import signal
    import time

    from extract.pipeline import ParseOptions
    from extract.sources import SourceRef
    from extract.workers import Job, Limits, run_jobs

    killed: list[int] = []

    def jobs() -> Iterator[Job]:
        for n in range(6):
            if n == 3:
                time.sleep(3)  # the first three are parsed and the worker waits for more
                for pid in _grandchildren():
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                time.sleep(1)
            yield Job(SourceRef(uri=f"{SEED}#{n}", identity=f"{SEED}#{n}", path=SEED))

    outcomes = list(run_jobs(jobs(), ParseOptions(), workers=1, limits=Limits()))
    assert killed
    assert [o.error for o in outcomes] == [None] * 6
    assert all(o.records for o in outcomes)


def test_workers_ask_numpy_for_one_blas_thread() -> None:
    """openpyxl imports numpy; its BLAS reserves a buffer per core, which a many-core machine's cap cannot hold."""
    code = (
        "import os; from extract.workers import _init_worker; _init_worker(None); "
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert done.stdout.split() == ["1", "1"]


def test_a_workers_collection_between_documents_skips_what_survived_the_last_one() -> None:
    """Survivors are frozen out of later collections; a document's cycles are freed at once, and a
    cycle frozen while alive is freed by the periodic full collection."""
    code = """
import gc, json, weakref
from extract._gc import FULL_COLLECTION_EVERY, collect_between_documents, tune_collector
tune_collector()
class Node: pass
def cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a
kept = cycle()  # alive when the collection runs: frozen with the other survivors
cache = [{"line": n} for n in range(1000)]  # what a parser's cache keeps between documents
kept_ref = weakref.ref(kept)
collect_between_documents()
left_in_generations = len(gc.get_objects())
garbage = weakref.ref(cycle())  # a document's garbage, in a reference cycle
collect_between_documents()
freed_at_once = garbage() is None
del kept  # now garbage, but frozen: only the periodic full collection sees it
collect_between_documents()
still_frozen = kept_ref() is not None
for _ in range(FULL_COLLECTION_EVERY):
    collect_between_documents()
print(json.dumps([left_in_generations < 50, freed_at_once, still_frozen, kept_ref() is None]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout) == [True, True, True, True]
