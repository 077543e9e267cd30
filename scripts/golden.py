"""Regenerate expected outputs and show what changed, for review before committing.

    python scripts/golden.py                      # every fixture pair and the corpus expectations
    python scripts/golden.py tests/fixtures/layouts/r5_page.txt   # one fixture
    python scripts/golden.py --check              # report only; exit 1 if anything differs

A fixture is a pair of files in ``tests/fixtures/layouts/`` (or any folder named
on the command line): the input ``NAME.txt|html|pdf|xlsx`` and its expected
snapshot ``NAME.expected.json``.  Drop in a new input and run this script to
create its expectation; read it, then commit both.  Pages of
``../shared/corpus/osaka-dev`` map to ``tests/corpus_expected/<page>.json``.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden_harness import (  # noqa: E402
    CORPUS,
    FIXTURES,
    corpus_pairs,
    expected_path,
    fixture_inputs,
    render_snapshot,
)


def _targets(paths: list[str]) -> list[tuple[Path, Path]]:
    if not paths:
        pairs = [(p, expected_path(p)) for p in fixture_inputs(FIXTURES)]
        return pairs + (corpus_pairs() if CORPUS.is_dir() else [])
    out: list[tuple[Path, Path]] = []
    for arg in paths:
        p = Path(arg).resolve()
        if p.is_dir():
            out.extend((f, expected_path(f)) for f in fixture_inputs(p))
        elif CORPUS.is_dir() and p.parent == CORPUS.resolve():
            out.append((p, ROOT / "tests" / "corpus_expected" / f"{p.stem}.json"))
        else:
            out.append((p, expected_path(p)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", help="fixture inputs or folders (default: all)")
    parser.add_argument("--check", action="store_true", help="only show differences; exit 1 if any")
    args = parser.parse_args()
    changed = 0
    for source, target in _targets(args.paths):
        new = render_snapshot(source)
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if new == old:
            continue
        changed += 1
        rel = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        sys.stdout.writelines(
            difflib.unified_diff(old.splitlines(True), new.splitlines(True), str(rel), "new")
        )
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, encoding="utf-8")
    print(f"{changed} expected file(s) {'differ' if args.check else 'written'}")
    return 1 if (changed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
