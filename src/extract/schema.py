"""JSON Schema for each record type, generated from the models.

``schemas/`` in the repository holds these files; a test fails when they are
stale, and ``extract schema`` prints them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import RECORD_MODELS

__all__ = ["SCHEMA_FILES", "record_schema", "render_schema", "write_schemas"]

SCHEMA_FILES = {name: f"{name}.schema.json" for name in RECORD_MODELS}


def record_schema(record_type: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record type."""
    model = RECORD_MODELS[record_type]
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://extract.invalid/schemas/{SCHEMA_FILES[record_type]}"
    return schema


def render_schema(record_type: str) -> str:
    """The schema as the exact text stored in ``schemas/``."""
    return json.dumps(record_schema(record_type), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Regenerate ``directory``'s schema files; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for record_type, name in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(render_schema(record_type), encoding="utf-8")
        written.append(path)
    return written
