"""Fault campaigns: kill -9 at random moments, and outages, against a published dataset.

Kill campaign: ``extract refresh`` (against a local mirror of the city's site)
and ``extract -o`` (over the samples) are killed with SIGKILL at random
moments, some of them inside the publish step (the switch is slowed down by a
wrapper so the kill lands between "every file staged" and "switched").  After
every kill the published folder is read back: each line must be whole JSON
(torn: 0), no id twice (duplicated: 0), every file of one complete version
(lost: 0) and all files of the *same* version, the old or the new (mixed: 0).
Then the run is repeated to completion and must give the new version exactly.

Outage campaign: with a dataset published, the mirror goes down, fails half
of its requests, answers robots.txt with 500, or answers the start page with
500.  Every run must exit non-zero with a line naming the cause, and the
published dataset must never shrink.

    python bench/fault_campaign.py --kills 24 --seed 1

Prints a table and exits 1 if any count is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from mirror import TEXTS, WARDS, Site, build_site  # noqa: E402

SAMPLES = ROOT / "samples"
SLOW_SWITCH = """
import random, sys, time
import extract.publish.folder as folder
DELAY = float(sys.argv[1])
AFTER = sys.argv[2] == "after"
real = folder.exchange
def slow(a, b):
    if AFTER:
        done = real(a, b)
        print("switched", flush=True)
        time.sleep(DELAY)
        return done
    print("switching", flush=True)
    time.sleep(DELAY)
    return real(a, b)
folder.exchange = slow
from extract.cli import main
sys.argv = ["extract", *sys.argv[3:]]
main()
"""


class _QuietServer(ThreadingHTTPServer):
    """A killed client resets its connection: that is the campaign working, not an error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class Mirror:
    """The mirror served from a thread; ``fault`` decides a status per path (None: the page)."""

    def __init__(self) -> None:
        self.fault: Callable[[str], int | None] = lambda path: None
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status = mirror.fault(self.path)
                if status is not None:
                    body = b"failure"
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                code, headers, payload = mirror.site.respond(self.path, dict(self.headers))
                self.send_response(code)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.handler = Handler
        self.server: ThreadingHTTPServer = _QuietServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.origin = f"http://127.0.0.1:{self.port}"
        self.site: Site = build_site(self.origin)
        self.original = dict(self.site.pages)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """The server goes away: connections to its port are refused."""
        self.server.shutdown()
        self.server.server_close()

    def start(self) -> None:
        """The server is back on the same port."""
        self.server = _QuietServer(("127.0.0.1", self.port), self.handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def version(self, new: bool) -> None:
        """The site as published (old) or with one text changed and one added (new)."""
        self.site.pages = dict(self.original)
        if new:
            path = f"/texts/{TEXTS[0]}"
            ctype, body = self.site.pages[path]
            self.site.pages[path] = (ctype, body + "\n（更新）\n".encode())


def tree(folder: Path) -> dict[str, bytes]:
    """A version's content: every file, less what describes it against the version it replaced.

    ``changes.jsonl`` (with its count in ``summary.json`` and its hash in ``datapackage.json``)
    depends on which version was there before, so it is left out of the comparison; a torn or
    mixed ``changes.jsonl`` is still caught by the line checks of :func:`inspect`.
    """
    out: dict[str, bytes] = {}
    for p in sorted(folder.rglob("*")):
        name = p.relative_to(folder).as_posix()
        if not p.is_file() or name in ("changes.jsonl", "datapackage.json"):
            continue
        data = p.read_bytes()
        if name == "summary.json":
            summary = json.loads(data)
            summary.pop("changes", None)
            data = json.dumps(summary, sort_keys=True).encode()
        out[name] = data
    return out


def lines_of(folder: Path) -> dict[str, bytes]:
    """Every line file of the folder as it is, for the torn and duplicate checks."""
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jsonl"))}


def inspect(folder: Path, old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, int]:
    """Counts of torn, duplicated, lost and mixed lines/files in the published folder."""
    counts = {"torn": 0, "duplicated": 0, "lost": 0, "mixed": 0}
    now = tree(folder) if folder.is_dir() else {}
    if not now:
        counts["lost"] += sum(name.endswith(".jsonl") for name in old)
        return counts
    for data in lines_of(folder).values():
        if data and not data.endswith(b"\n"):
            counts["torn"] += 1
        ids: set[str] = set()
        for line in data.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                counts["torn"] += 1
                continue
            key = json.dumps(
                [record.get("table"), record.get("id") or record.get("url") or record], sort_keys=True
            )
            counts["duplicated"] += key in ids
            ids.add(key)
    if now != old and now != new:
        same_old = {n for n in now if now.get(n) == old.get(n)}
        same_new = {n for n in now if now.get(n) == new.get(n)}
        if set(now) - same_old - same_new or (same_old - same_new and same_new - same_old):
            counts["mixed"] += 1
        missing = (set(old) & set(new)) - set(now)
        counts["lost"] += len(missing)
    return counts


def refresh_cmd(sources: Path, out: Path, state: Path) -> list[str]:
    return ["refresh", str(sources), "-o", str(out), "--state", str(state), "-q", "--no-isolation"]


def run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True, **kw)  # type: ignore[call-overload, no-any-return]


def kill_round(cmd: list[str], rng: random.Random, in_publish: bool, span: float) -> str:
    """Start ``cmd`` and SIGKILL it: at a random moment, or inside the switch; returns where."""
    if in_publish:
        delay = rng.uniform(0.05, 0.5)
        after = rng.random() < 0.5
        proc = subprocess.Popen(
            [sys.executable, "-c", SLOW_SWITCH, str(delay + 5), "after" if after else "before", *cmd],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        time.sleep(delay)
        where = {"switching": "just before the switch", "switched": "just after the switch"}.get(
            line, "before the publish step"
        )
    else:
        proc = subprocess.Popen(
            [sys.executable, "-m", "extract", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.0, span))
        where = "mid-run"
    if proc.poll() is not None:
        where = "after it finished"
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return where


def kill_campaign(kills: int, rng: random.Random, work: Path, mirror: Mirror) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    sources = work / "sources.toml"
    texts = "".join(f'[[source]]\nurl = "{mirror.origin}/texts/{t}"\n\n' for t in TEXTS)
    page = f"{mirror.origin}/asahi/page/{WARDS['asahi'][1]}.html"
    sources.write_text(
        f'[network]\ndelay = 0\n\n[[source]]\nurl = "{page}"\nfollow_attachments = true\n\n{texts}',
        encoding="utf-8",
    )
    references: dict[str, dict[bool, dict[str, bytes]]] = {"refresh": {}, "extract -o": {}}
    for new in (False, True):
        mirror.version(new)
        ref = work / f"ref-{new}"
        assert run(refresh_cmd(sources, ref / "out", ref / "state")).returncode == 0
        references["refresh"][new] = tree(ref / "out")
    inputs = {False: [str(p) for p in sorted(SAMPLES.glob("00[0-2]*"))], True: [str(SAMPLES)]}
    for new in (False, True):
        out = work / f"ref-o-{new}"
        assert run([*inputs[new], "-o", str(out), "-q", "--no-isolation"]).returncode == 0
        references["extract -o"][new] = tree(out)
    out, state, direct = work / "out", work / "state", work / "direct"
    mirror.version(False)
    run(refresh_cmd(sources, out, state))
    run([*inputs[False], "-o", str(direct), "-q", "--no-isolation"])
    for k in range(kills):
        command = "refresh" if k % 2 == 0 else "extract -o"
        in_publish = rng.random() < 0.5
        old, new = references[command][False], references[command][True]
        if command == "refresh":
            mirror.version(True)
            cmd, folder = refresh_cmd(sources, out, state), out
        else:
            cmd, folder = [*inputs[True], "-o", str(direct), "-q", "--no-isolation"], direct
        where = kill_round(cmd, rng, in_publish, span=2.0 if command == "refresh" else 4.0)
        counts = inspect(folder, old, new)
        after = tree(folder)
        version = "old" if after == old else "new" if after == new else "other"
        done = run(cmd)
        finished = done.returncode == 0 and tree(folder) == new
        rows.append({"run": command, "killed": where, "published": version, **counts, "rerun ok": finished})
        if command == "refresh":  # back to the old version for the next round
            mirror.version(False)
            run(cmd)
        else:
            run([*inputs[False], "-o", str(direct), "-q", "--no-isolation"])
    return rows


def outage_campaign(rng: random.Random, work: Path, mirror: Mirror) -> list[dict[str, object]]:
    sources = work / "crawl.toml"
    sources.write_text(
        "[network]\ndelay = 0\nattempts = 2\nbackoff = 0.01\n\n"
        f'[[crawl]]\nstart = ["{mirror.origin}/asahi/", "{mirror.origin}/kita/"]\n\n'
        f'[[source]]\nurl = "{mirror.origin}/texts/{TEXTS[1]}"\n',
        encoding="utf-8",
    )
    out, state = work / "crawl-out", work / "crawl-state"
    mirror.version(False)
    first = run(refresh_cmd(sources, out, state))
    assert first.returncode == 0, first.stderr
    published = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    faults: list[tuple[str, Callable[[], None], str]] = [
        ("server down", mirror.stop, "cannot connect"),
        (
            "50% of requests fail",
            lambda: setattr(mirror, "fault", lambda path: 503 if rng.random() < 0.5 else None),
            "HTTP 503",
        ),
        (
            "robots.txt 500",
            lambda: setattr(mirror, "fault", lambda path: 500 if path == "/robots.txt" else None),
            "robots.txt could not be fetched",
        ),
        (
            "start page 500",
            lambda: setattr(mirror, "fault", lambda path: 500 if path in ("/asahi/", "/kita/") else None),
            "HTTP 500",
        ),
    ]
    rows: list[dict[str, object]] = []
    for name, apply, cause in faults:
        apply()
        done = run(refresh_cmd(sources, out, state))
        if name == "server down":
            mirror.start()
        mirror.fault = lambda path: None
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        shrank = summary["parsed"] < published["parsed"] or sum(summary["records"].values()) < sum(
            published["records"].values()
        )
        rows.append(
            {
                "fault": name,
                "exit": done.returncode,
                "cause named": cause in done.stderr,
                "traceback": "Traceback" in done.stderr,
                "shrank": shrank,
                "published sources": f"{summary['parsed']} of {published['parsed']}",
            }
        )
        assert run(refresh_cmd(sources, out, state)).returncode == 0  # the site is back
    return rows


def table(rows: list[dict[str, object]]) -> str:
    heads = list(rows[0])
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(str(r[h]) for h in heads) + " |" for r in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    mirror = Mirror()
    work = Path(tempfile.mkdtemp(prefix="extract-faults-"))
    try:
        kills = kill_campaign(args.kills, rng, work, mirror)
        outages = outage_campaign(rng, work, mirror)
    finally:
        mirror.server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print(f"## Kill campaign ({len(kills)} kills, seed {args.seed})\n\n{table(kills)}\n")
    totals = {k: sum(int(r[k]) for r in kills) for k in ("torn", "duplicated", "lost", "mixed")}  # type: ignore[call-overload]
    print("totals: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    print(f"\n## Outage campaign\n\n{table(outages)}")
    bad = any(totals.values()) or not all(r["rerun ok"] for r in kills)
    bad |= any(r["exit"] == 0 or not r["cause named"] or r["traceback"] or r["shrank"] for r in outages)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
