"""Kill -9 at any moment, run again: the dataset equals a clean run's, no duplicate, no truncated line.

``extract refresh`` runs in a subprocess against the mirror; the server kills
it with SIGKILL when it has answered N requests (so the kill lands mid-run,
between or during fetches, parses and manifest writes), then the run is
started again and every output file is compared with an uninterrupted run's.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mirror import TEXTS, WARDS, Site
from test_crawl_refresh import OUTPUTS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _sources(site: Site, tmp_path: Path) -> Path:
    texts = "".join(f'[[source]]\nurl = "{site.origin}/texts/{name}"\n\n' for name in TEXTS)
    page = f"{site.origin}/asahi/page/{WARDS['asahi'][1]}.html"
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[network]\ndelay = 0\n\n[[source]]\nurl = "{page}"\nfollow_attachments = true\n\n{texts}'
        f'[[crawl]]\nstart = ["{site.origin}/kita/"]\n',
        encoding="utf-8",
    )
    return path


def _run(sources: Path, run_dir: Path, site: Site, kill_after: int | None = None) -> int:
    cmd = [sys.executable, "-m", "extract", "refresh", str(sources), "-q"]
    cmd += ["-o", str(run_dir / "out"), "--state", str(run_dir / "state")]
    start = len(site.log)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def kill(count: int) -> None:
        if kill_after is not None and count - start == kill_after:
            os.kill(proc.pid, signal.SIGKILL)

    site.on_request = kill
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        site.on_request = None
    if kill_after is None:
        assert proc.returncode == 0, err.decode()
    return proc.returncode


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _check_lines(outputs: dict[str, bytes]) -> None:
    ids: set[str] = set()
    for name, data in outputs.items():
        if not name.endswith(".jsonl"):
            json.loads(data)
            continue
        assert data == b"" or data.endswith(b"\n"), name
        for line in data.splitlines():
            row = json.loads(line)  # a truncated line would not parse
            if "id" in row and name != "changes.jsonl":  # a change names a record of another table
                assert row["id"] not in ids, f"duplicate {row['id']}"
                ids.add(row["id"])


def test_killed_runs_resume_to_the_clean_dataset(mirror: Site, tmp_path: Path) -> None:
    sources = _sources(mirror, tmp_path)
    _run(sources, tmp_path / "clean", mirror)
    clean = _outputs(tmp_path / "clean" / "out")
    _check_lines(clean)
    summary = json.loads(clean["summary.json"])
    assert summary["parsed"] == summary["sources"] == 10
    killed = 0
    for n in (2, 6, 11):
        run_dir = tmp_path / f"kill-{n}"
        code = _run(sources, run_dir, mirror, kill_after=n)
        killed += code == -signal.SIGKILL
        assert not (run_dir / "out" / "summary.json").exists() or code == 0
        _run(sources, run_dir, mirror)
        resumed = _outputs(run_dir / "out")
        _check_lines(resumed)
        assert resumed == clean, n
    assert killed == 3  # every run was really killed mid-way


def test_a_killed_refresh_leaves_the_previous_dataset_whole(mirror: Site, tmp_path: Path) -> None:
    sources = _sources(mirror, tmp_path)
    run_dir = tmp_path / "run"
    _run(sources, run_dir, mirror)
    before = _outputs(run_dir / "out")
    path = f"/texts/{TEXTS[0]}"
    ctype, body = mirror.pages[path]
    mirror.pages[path] = (ctype, body.replace("北区".encode(), "北区 ".encode(), 1))
    assert _run(sources, run_dir, mirror, kill_after=8) == -signal.SIGKILL
    assert _outputs(run_dir / "out") == before  # the old dataset, whole
    _run(sources, run_dir, mirror)
    after = _outputs(run_dir / "out")
    _check_lines(after)
    assert after != before and not list((run_dir / "out").glob(".extract-tmp-*"))
