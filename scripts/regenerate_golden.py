"""Regenerate the golden dataset in ``output/`` from ``samples/`` and show what changed.

Golden files are reviewed by reading them: this prints a unified diff of every
changed line (pretty-printed JSON for changed records) so the change can be
checked before it is committed.  ``--check`` only reports, writing nothing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pretty(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        try:
            out.extend(json.dumps(json.loads(line), ensure_ascii=False, indent=1).splitlines())
        except json.JSONDecodeError:
            out.append(line)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only show the diff; exit 1 if anything changed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "extract", "samples", "-o", tmp, "-q"]
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ}, check=False)
        if proc.returncode != 0:
            print("extract failed on samples/", file=sys.stderr)
            return 2
        changed = False
        for new in sorted(p for p in Path(tmp).rglob("*") if p.is_file()):
            name = new.relative_to(tmp).as_posix()
            old = ROOT / "output" / name
            old_lines = old.read_text(encoding="utf-8").splitlines() if old.exists() else []
            new_lines = new.read_text(encoding="utf-8").splitlines()
            if old.exists() and old_lines == new_lines:
                continue
            changed = True
            diff = difflib.unified_diff(
                _pretty(old_lines), _pretty(new_lines), f"output/{name}", f"new/{name}", lineterm=""
            )
            print("\n".join(diff))
            if not args.check:
                old.parent.mkdir(parents=True, exist_ok=True)
                old.write_bytes(new.read_bytes())
        if not changed:
            print("output/ is up to date")
        return 1 if (changed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
