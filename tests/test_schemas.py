"""``schemas/`` is generated from the models; a stale schema file fails here."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from extract.models import OUTPUT_FILES
from extract.schema import SCHEMA_FILES, render_schema


@pytest.mark.parametrize("record_type", sorted(SCHEMA_FILES))
def test_schema_files_are_fresh(record_type: str) -> None:
    path = ROOT / "schemas" / SCHEMA_FILES[record_type]
    assert path.is_file(), f"{path} missing: run `python scripts/regenerate_schemas.py`"
    assert path.read_text(encoding="utf-8") == render_schema(record_type), (
        f"{path} is stale: run `python scripts/regenerate_schemas.py`"
    )


@pytest.mark.parametrize("record_type", sorted(OUTPUT_FILES))
def test_golden_records_validate_against_their_schema(record_type: str) -> None:
    schema = json.loads((ROOT / "schemas" / SCHEMA_FILES[record_type]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    lines = (ROOT / "output" / OUTPUT_FILES[record_type]).read_text(encoding="utf-8").splitlines()
    for line in lines:
        validator.validate(json.loads(line))


def test_no_extra_schema_files() -> None:
    present = {p.name for p in (ROOT / "schemas").glob("*.json")}
    assert present == set(SCHEMA_FILES.values())


def test_schema_dir_is_not_empty(tmp_path: Path) -> None:
    assert len(list((ROOT / "schemas").glob("*.schema.json"))) == len(OUTPUT_FILES)
