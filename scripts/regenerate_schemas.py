"""Regenerate ``schemas/`` from the record models (run after changing ``extract.models``)."""

from __future__ import annotations

from pathlib import Path

from extract.schema import write_schemas

if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for path in write_schemas(root / "schemas"):
        print(path.relative_to(root))
