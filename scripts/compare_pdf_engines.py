"""Compare the two PDF engines on PDF files: blocks, warnings and records, document by document.

    python scripts/compare_pdf_engines.py samples/ tests/fixtures/ bench/.work/corpus/seed1-w24-y14/

Prints each PDF whose blocks, reader warnings or records differ between
``--pdf-engine pdfium`` and ``--pdf-engine pdfplumber`` (with the first
difference) and a count; exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.formats.pdf import read_pdf  # noqa: E402
from extract.output import record_dict  # noqa: E402
from extract.pipeline import extract_bytes  # noqa: E402


def _pdfs(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    return out


def _view(data: bytes, name: str, engine: str) -> tuple[list[object], list[object], list[str]]:
    try:
        read = read_pdf(data, name, engine=engine)  # type: ignore[arg-type]
    except Exception as exc:
        return [f"error: {exc}"], [], []
    blocks = [(b.kind, b.text, b.locator, b.cells, b.level) for b in read.blocks]
    outcome = extract_bytes(data, name, fmt="pdf", pdf_engine=engine)  # type: ignore[call-arg]
    records = [json.dumps(record_dict(r), ensure_ascii=False, sort_keys=True) for r in outcome.records]
    return blocks, [*read.warnings, str(outcome.error)], records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    files = _pdfs(args.paths)
    differ = 0
    for path in files:
        data = path.read_bytes()
        a = _view(data, str(path), "pdfium")
        b = _view(data, str(path), "pdfplumber")
        if a == b:
            continue
        differ += 1
        for what, x, y in zip(("blocks", "warnings", "records"), a, b, strict=True):
            if x != y:
                first = next(
                    (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
                )
                print(f"{path}: {what} differ ({len(x)} vs {len(y)}), first at {first}:")
                print(f"    pdfium:     {x[first] if first < len(x) else '-'}")
                print(f"    pdfplumber: {y[first] if first < len(y) else '-'}")
    print(f"{len(files)} PDFs compared, {len(files) - differ} identical, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
