"""Regenerate ``tests/corpus_expected/`` from ``../shared/corpus/osaka-dev`` and show the diff.

The expected files are checked by reading them against the corpus pages; this
prints what changed so a change in the parser can be reviewed item by item.
``--check`` only reports.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from extract import extract_path
from extract.snapshot import snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "osaka-dev"
EXPECTED = ROOT / "tests" / "corpus_expected"


def render(path: Path) -> str:
    return json.dumps(snapshot(extract_path(path, identity=path.name)), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} not found", file=sys.stderr)
        return 2
    changed = 0
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt")):
        target = EXPECTED / f"{path.stem}.json"
        new = render(path)
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if new == old:
            continue
        changed += 1
        sys.stdout.writelines(
            difflib.unified_diff(old.splitlines(True), new.splitlines(True), str(target), "new")
        )
        if not args.check:
            target.write_text(new, encoding="utf-8")
    print(f"{changed} expected file(s) {'differ' if args.check else 'updated'}")
    return 1 if (changed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
