"""The report in a real browser: every chart drawn, no console error, no request leaving the file.

Runs Debian's chromium headless (``.ci/run`` installs it; skipped when it is
absent).  Chromium's own background traffic (update checks and the like) has
no page origin in the network log and is told apart from the page's requests.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from extract.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")


def _chromium(tmp_path: Path, profile: str, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / profile}",
        "--virtual-time-budget=15000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _page_requests(netlog: Path, report: str) -> list[str]:
    """URLs the page asked for (anything but the report itself); the browser's own requests have no origin."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] != start or "url" not in params or params.get("initiator") == "not an origin":
            continue
        if params["url"] != report:
            urls.append(str(params["url"]))
    return urls


def test_the_report_renders_offline_in_chromium(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(ROOT / "output"), "-o", str(report)])
    assert result.exit_code == 0, result.output
    url = report.as_uri()
    netlog = tmp_path / "net.json"
    run = _chromium(
        tmp_path, "p1", "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}", "--dump-dom", url
    )
    dom = run.stdout
    charts = re.search(r'data-charts="(\d+)"', dom)
    assert charts is not None and int(charts.group(1)) >= 3, run.stderr[-2000:]
    assert f'data-rendered="{charts.group(1)}"' in dom and 'data-failed="0"' in dom
    blocks = dom.split('<div class="chart')[1:]
    assert len(blocks) == int(charts.group(1))
    for block in blocks:
        svg = re.search(r"<svg.*?</svg>", block, re.S)
        assert svg is not None and "<path" in svg.group(0) and len(svg.group(0)) > 500
    assert "経営課題" in dom
    assert [line for line in run.stderr.splitlines() if ":CONSOLE" in line] == []
    assert _page_requests(netlog, url) == []
    shot = tmp_path / "report.png"
    _chromium(tmp_path, "p2", "--window-size=1200,1400", f"--screenshot={shot}", url)
    assert shot.is_file() and shot.stat().st_size > 10_000
