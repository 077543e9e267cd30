"""Score the tool against the reviewed expectations of ``../shared/corpus/`` per city and field.

    python scripts/accuracy.py             # the table (precision/recall in percent)
    python scripts/accuracy.py --json      # the figures as JSON
    python scripts/accuracy.py --check     # exit 1 when a figure is below tests/accuracy_floor.json
    python scripts/accuracy.py --update    # raise the floor to today's figures (never lowers one)

The floor only rises: ``--update`` keeps every floor figure that is higher than today's, and
``tests/test_accuracy_gate.py`` fails when a figure drops below its floor or when the floor file
holds a figure lower than the committed one.  When a change makes a figure drop on purpose (an
expectation corrected after re-reading a page), say so in the commit and fix the expectation, not
the floor.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from accuracy_harness import (  # noqa: E402
    FLOOR_FILE,
    below_floor,
    markdown_table,
    raised,
    score_all,
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    parser.add_argument("--update", action="store_true", help="raise the floor file to today's figures")
    args = parser.parse_args()
    scores = score_all()
    if not scores.pages:
        print("no corpus pages found under ../shared/corpus", file=sys.stderr)
        return 2
    figures = scores.figures()
    print(json.dumps(figures, ensure_ascii=False, indent=1) if args.json else markdown_table(scores))
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.is_file() else {}
    if args.update:
        FLOOR_FILE.write_text(
            json.dumps(raised(floor, figures), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(f"floor written to {FLOOR_FILE.relative_to(ROOT)}")
        return 0
    misses = below_floor(figures, floor)
    for line in misses:
        print(f"below floor: {line}", file=sys.stderr)
    return 1 if (misses and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
