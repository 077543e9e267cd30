"""The published dataset survives anything: second runs, kills in the publish step, full disks,
odd file names, Ctrl-C, outages and shrinking sites.  Each test names the promise it checks."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from extract.cli import app
from extract.publish import DatasetFolder, side_folder
from helpers import tree_bytes
from mirror import TEXTS, Site
from rawserver import closed_port
from test_crawl_refresh import basic_sources, lines, refresh, write_sources

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and file names")
runner = CliRunner()
ONE = SAMPLES / "002_e3f0c9fdb4967de5.txt"


def _extract(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], capture_output=True, text=True, timeout=120, **kwargs
    )


def _published(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "out"
    assert runner.invoke(app, [str(ONE), "-o", str(out), "--no-isolation"]).exit_code == 0
    return out, tree_bytes(out)


def _records(tree: dict[str, bytes]) -> dict[str, bytes]:
    """A dataset's files but the ones that describe it against the version before."""
    return {n: d for n, d in tree.items() if n not in ("changes.jsonl", "datapackage.json", "summary.json")}


def _one_line_each(stderr: str) -> None:
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert line.startswith(
            ("error: ", "warning: ", "rejected: ", "stale: ", "removed: ", "interrupted: ")
        ) or (" sources " in line or "least covered" in line or "nothing was published" in line), line


# --- one writer, locked --------------------------------------------------------------------------


def test_a_second_run_on_a_locked_folder_refuses_and_touches_nothing(tmp_path: Path) -> None:
    out, before = _published(tmp_path)
    with DatasetFolder(out) as running:
        staged = running.open_lines("documents.jsonl")
        staged.write("{}\n")
        result = runner.invoke(app, [str(SAMPLES), "-o", str(out), "--no-isolation"])
        assert result.exit_code == 5
        assert "another extract run is writing this folder" in result.stderr
        assert running.path("documents.jsonl").exists()  # the running run's files were left alone
        assert tree_bytes(out) == before
    assert tree_bytes(out) == before  # released unpublished: nothing changed


def test_wait_waits_for_the_other_run(tmp_path: Path) -> None:
    out, _ = _published(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import time
                from pathlib import Path
                from extract.publish import DatasetFolder
                with DatasetFolder(Path({str(out)!r})):
                    print("held", flush=True)
                    time.sleep(1.5)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    t0 = time.monotonic()
    done = _extract(str(SAMPLES / "000_d74a2718fe52b5dd.txt"), "-o", str(out), "--wait", "--no-isolation")
    holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - t0 >= 0.5
    assert len(lines(out / "documents.jsonl")) == 1


def test_two_refreshes_with_one_state_folder_and_two_outputs(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    from extract.dataset.state import StateStore

    with StateStore(tmp_path / "state").locked():
        result = refresh(sources)
    assert result.exit_code == 5 and "another extract run is using this state folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_other_files_in_the_folder_are_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes.txt").write_text("mine", encoding="utf-8")
    (home / "notes" / "a.txt").write_text("also mine", encoding="utf-8")
    for _ in range(2):  # into a folder that is not a dataset yet, then over the dataset
        result = runner.invoke(app, [str(ONE), "-o", str(home), "--no-isolation"])
        assert result.exit_code == 0, result.stderr
        assert (home / "notes.txt").read_text(encoding="utf-8") == "mine"
        assert (home / "notes" / "a.txt").read_text(encoding="utf-8") == "also mine"
        assert len(lines(home / "documents.jsonl")) == 1


def test_versions_are_kept_beside_the_dataset(tmp_path: Path) -> None:
    out, first = _published(tmp_path)
    for _ in range(4):
        assert runner.invoke(app, [str(ONE), "-o", str(out), "--no-isolation"]).exit_code == 0
    kept = sorted(p.name for p in side_folder(out).iterdir() if p.name.startswith("v"))
    assert kept == ["v000002", "v000003", "v000004"]  # the newest three replaced versions
    assert tree_bytes(side_folder(out) / "v000004") == first == tree_bytes(out)


# --- one atomic step ------------------------------------------------------------------------------

_SLOW_SWITCH = """
import sys, time
import extract.publish.folder as folder
real = folder.exchange
def slow(a, b):
    print("switching", flush=True)
    time.sleep(30)
    return real(a, b)
folder.exchange = slow
from extract.cli import main
sys.argv = ["extract", *sys.argv[1:]]
main()
"""


def test_a_kill_inside_the_publish_step_leaves_the_old_version_whole(tmp_path: Path) -> None:
    out, before = _published(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_SWITCH, str(SAMPLES), "-o", str(out), "--no-isolation", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "switching"  # every file staged and flushed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert tree_bytes(out) == before
    again = _extract(str(SAMPLES), "-o", str(out), "--no-isolation", "-q")
    assert again.returncode == 0, again.stderr
    assert len(lines(out / "documents.jsonl")) == 12
    assert not (side_folder(out) / "staging").exists()


# --- full disk ------------------------------------------------------------------------------------


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_is_one_line_exit_4_and_the_old_version_stays(tmp_path: Path) -> None:
    out, before = _published(tmp_path)
    done = _extract(
        str(SAMPLES), "-o", str(out), "--no-isolation", "-q", preexec_fn=lambda: _limit_file_size(60_000)
    )
    assert done.returncode == 4, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "cannot write: File too large" in errors[0]
    assert f"{out}/indicators.jsonl" in errors[0]  # the dataset file, not a temporary name
    assert "Traceback" not in done.stderr
    assert tree_bytes(out) == before
    assert not (side_folder(out) / "staging").exists()  # every staged file removed


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small file system needs root")
def test_no_space_left_on_a_real_small_file_system(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)], check=False
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "out"
        assert runner.invoke(app, [str(ONE), "-o", str(out), "--no-isolation"]).exit_code == 0
        before = tree_bytes(out)
        done = _extract(str(SAMPLES), "-o", str(out), "--no-isolation", "-q")
        assert done.returncode == 4, done.stderr
        assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
        assert tree_bytes(out) == before
        assert not (side_folder(out) / "staging").exists()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)  # lazy: a file may still be open there


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small file system needs root")
def test_a_full_temporary_folder_is_one_line_and_exit_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's temporary files (warnings, its per-document index) live in TMPDIR: full, it is exit 4."""
    import tempfile

    disk = tmp_path / "tmp"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(disk)], check=False).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out, before = _published(tmp_path)
        with (disk / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"x" * 4096)
        # a full TMPDIR fails tempfile's probe, which would fall back to /tmp: name the folder directly
        monkeypatch.setattr(tempfile, "tempdir", str(disk))
        done = runner.invoke(app, [str(SAMPLES), "-o", str(out), "--no-isolation", "-q"])
        assert done.exit_code == 4, done.output
        errors = [line for line in done.output.splitlines() if line.startswith("error: ")]
        assert errors == [f"error: {disk}: cannot write the run's temporary files: No space left on device"]
        assert tree_bytes(out) == before
        assert not (side_folder(out) / "staging").exists()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)  # lazy: a file may still be open there


# --- names ----------------------------------------------------------------------------------------


def test_any_file_name_is_read_and_shown_escaped_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = [b"bad-\xff.txt", b"two\nerror: forged.txt"]
    for name in odd:
        (folder / os.fsdecode(name)).write_bytes(
            ONE.read_bytes() if b"bad" in name else b"%PDF-1.4 cut short"
        )
    out = tmp_path / "out"
    done = _extract(str(folder), "-o", str(out), "--no-isolation")
    assert done.returncode == 1  # the second file is not a policy document
    _one_line_each(done.stderr)
    assert "two\\nerror: forged.txt: truncated PDF" in done.stderr
    uris = [s["url"] for s in lines(out / "sources.jsonl")]
    assert uris == [f"{folder}/bad-\\xff.txt", f"{folder}/two\\nerror: forged.txt"]


def test_links_out_of_a_folder_are_skipped_unless_asked(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "policy.txt").write_bytes(ONE.read_bytes())
    outside = tmp_path / "secret.txt"
    outside.write_text("password", encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside)
    result = runner.invoke(app, [str(folder), "--no-isolation"])
    assert result.exit_code == 0
    assert f"warning: {folder}/leak.txt: skipped: a link to {outside}, outside {folder}" in result.stderr
    assert "password" not in result.stdout
    followed = runner.invoke(app, [str(folder), "--follow-links", "--no-isolation"])
    assert "skipped" not in followed.stderr and f'"uri":"{folder}/leak.txt"' in followed.stdout


# --- Ctrl-C ---------------------------------------------------------------------------------------


def test_ctrl_c_during_refresh_is_exit_130_and_publishes_nothing(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = tree_bytes(tmp_path / "out")
    mirror.pages[f"/texts/{TEXTS[0]}"] = ("text/plain", ONE.read_bytes() + b"\n")  # a change to parse
    mirror.on_request = lambda count: time.sleep(0.3)
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", "refresh", str(sources), "--delay", "0"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # the first source is done: the run is under way
    assert first.startswith("[1/"), first
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    err = first + rest
    mirror.on_request = None
    assert proc.returncode == 130, err
    assert "interrupted: nothing was published" in err and "Traceback" not in err
    assert tree_bytes(tmp_path / "out") == before
    assert refresh(sources).exit_code == 0  # the next run resumes


# --- outages --------------------------------------------------------------------------------------


def test_an_unreachable_site_is_a_failure_not_an_empty_site() -> None:
    result = runner.invoke(
        app, ["crawl", f"http://127.0.0.1:{closed_port()}/kita/", "--list", "--attempts", "1"]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "robots.txt could not be fetched" in result.stderr and "cannot connect" in result.stderr


def test_an_extract_of_an_unreachable_url_names_the_real_cause(tmp_path: Path) -> None:
    result = runner.invoke(app, [f"http://127.0.0.1:{closed_port()}/", "--attempts", "1", "--no-isolation"])
    assert result.exit_code == 1
    assert "cannot connect" in result.stderr and "disallowed" not in result.stderr


def _crawl_sources(site: Site, tmp_path: Path) -> Path:
    return write_sources(
        tmp_path,
        f'[refresh]\noutput = "out"\nstate = "state"\n\n[network]\ndelay = 0\nattempts = 1\nbackoff = 0.01\n\n'
        f'[[crawl]]\nstart = ["{site.origin}/asahi/", "{site.origin}/kita/"]\n',
    )


def test_a_refresh_during_an_outage_keeps_every_published_source(mirror: Site, tmp_path: Path) -> None:
    sources = _crawl_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = tree_bytes(tmp_path / "out")
    published = json.loads(before["summary.json"])
    assert published["parsed"] > 2
    everything = list(mirror.pages)
    for path in everything:
        mirror.faults[path] = 503  # the server is down
    result = refresh(sources)
    assert result.exit_code == 1
    assert "robots.txt could not be fetched (HTTP 503" in result.stderr
    after = tree_bytes(tmp_path / "out")
    summary = json.loads(after["summary.json"])
    assert summary["parsed"] == published["parsed"] and summary["stale"] == published["parsed"]
    for name in ("documents.jsonl", "issues.jsonl", "initiatives.jsonl", "indicators.jsonl"):
        assert after[name] == before[name]
    failures = lines(tmp_path / "out" / "failures.jsonl")
    assert {f["stage"] for f in failures} == {"discover"}


def test_a_page_no_longer_linked_from_a_page_read_in_full_is_removed(mirror: Site, tmp_path: Path) -> None:
    sources = _crawl_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    pages = [s["url"] for s in lines(tmp_path / "out" / "sources.jsonl") if s["kind"] == "page"]
    kita = next(u for u in pages if "/kita/" in u)
    link = kita[len(mirror.origin) :].encode()
    indexes = [p for p, (_, body) in mirror.pages.items() if "/category/" in p and link in body]
    assert indexes
    for index in indexes:  # the ward's index pages no longer list it
        content_type, body = mirror.pages[index]
        mirror.pages[index] = (
            content_type,
            body.replace(link, b"/other/moved.html"),
        )  # out of the crawl's section
    result = refresh(sources, "--allow-shrink")
    assert result.exit_code == 0, result.stderr
    assert f"removed: {kita}: no longer linked from {mirror.origin}/kita/category/" in result.stderr
    assert kita not in [s["url"] for s in lines(tmp_path / "out" / "sources.jsonl")]


def test_the_shrink_guard_keeps_the_published_dataset(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = tree_bytes(tmp_path / "out")
    for name in TEXTS:
        del mirror.pages[f"/texts/{name}"]  # the site says three of nine sources are gone
    result = refresh(sources, "--max-shrink", "0.2")
    assert result.exit_code == 3
    assert "not published: 6 sources instead of 9 (-33%)" in result.stderr
    assert tree_bytes(tmp_path / "out") == before
    allowed = refresh(sources, "--max-shrink", "0.2", "--allow-shrink")
    assert allowed.exit_code == 0, allowed.stderr
    assert json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["parsed"] == 6


# --- scope ----------------------------------------------------------------------------------------


def test_crawl_lists_only_what_a_run_would_fetch(mirror: Site) -> None:
    from mirror import WARDS

    page = f"/asahi/page/{WARDS['asahi'][1]}.html"
    content_type, body = mirror.pages[page]
    other = f"http://127.0.0.1:{closed_port()}/asahi/cmsfiles/elsewhere.pdf"
    link = f'<a href="{other}">様式1（PDF形式, 120.5KB）</a>'.encode()
    mirror.pages[page] = (content_type, body.replace(b"</body>", link + b"</body>"))
    result = runner.invoke(
        app, ["crawl", f"{mirror.origin}/asahi/", "--list", "--delay", "0", "--attempts", "1"]
    )
    assert result.exit_code == 0, result.stderr
    listed = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert any(u.endswith(".pdf") for u in listed) and other not in listed


def test_a_full_disk_under_the_state_folder_is_one_line_and_exit_4(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = tree_bytes(tmp_path / "out")
    for name in TEXTS:  # every source changed: every manifest is written again
        ctype, body = mirror.pages[f"/texts/{name}"]
        mirror.pages[f"/texts/{name}"] = (ctype, body + "\n（追記）\n".encode())
    done = subprocess.run(
        [sys.executable, "-m", "extract", "refresh", str(sources), "--no-isolation", "-q", "--delay", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        preexec_fn=lambda: _limit_file_size(4096),
    )
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "cannot write: File too large" in errors[0], done.stderr
    assert tree_bytes(tmp_path / "out") == before
    assert not list((tmp_path / "state").rglob(".extract-tmp-*"))  # no temporary file left


# --- systems without an atomic exchange ------------------------------------------------------------


def test_without_an_exchange_two_renames_publish_and_a_kill_between_them_is_finished_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.publish.folder as folder_module

    monkeypatch.setattr(folder_module, "exchange", lambda a, b: False)
    out, first = _published(tmp_path)
    assert (
        runner.invoke(
            app, [str(SAMPLES / "000_d74a2718fe52b5dd.txt"), "-o", str(out), "--no-isolation"]
        ).exit_code
        == 0
    )
    second = tree_bytes(out)
    assert second != first and tree_bytes(side_folder(out) / "v000001") == first

    real_rename = os.rename
    calls = {"n": 0}

    def dying_rename(src: Any, dst: Any) -> None:
        calls["n"] += 1
        real_rename(src, dst)
        if calls["n"] == 1 and Path(dst).name.startswith("v"):  # the old version moved away, then a kill
            raise KeyboardInterrupt

    monkeypatch.setattr(folder_module.os, "rename", dying_rename)
    result = runner.invoke(app, [str(ONE), "-o", str(out), "--no-isolation"])
    assert result.exit_code == 130
    assert not out.exists()  # the window two renames leave open...
    monkeypatch.setattr(folder_module.os, "rename", real_rename)
    with DatasetFolder(out):  # ...which the next run closes before anything else
        # the staged version, whole: ONE's records again (its changes are against the version it replaced)
        assert _records(tree_bytes(out)) == _records(first)
    assert not (side_folder(out) / "publishing.json").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_and_exit_4() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "extract", str(ONE), "--no-isolation"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 4
    assert done.stderr.strip() == "error: stdout: cannot write: No space left on device"


def test_a_closed_pipe_ends_quietly_with_0() -> None:
    done = subprocess.run(
        f"{sys.executable} -m extract {SAMPLES} --no-isolation -q | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        executable="/bin/bash",
    )
    assert done.stdout.startswith('{"type":')
    assert "error" not in done.stderr and "Traceback" not in done.stderr
    status = subprocess.run(
        [
            "/bin/bash",
            "-c",
            f"{sys.executable} -m extract {SAMPLES} --no-isolation -q | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}",
        ],
        capture_output=True,
        timeout=120,
    )
    assert status.returncode == 0
