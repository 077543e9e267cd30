"""``datapackage.json``: the output folder described as a Frictionless Data Package.

Each JSONL file is a resource with its byte size, sha256 and the JSON Schema
of its lines (``schemas/``, written beside it; Table Schema cannot describe
nested records, so the schema is linked as ``jsonschema`` and the resource is
typed ``file``: Frictionless checks its bytes and hash, the JSON Schema its lines).  The package names
its source (the City of Osaka's site), the licence the city publishes under
(CC BY 4.0, which the dataset inherits: attribute the city) and the version of
extract and of every layout that made it.  No timestamps: the same inputs give
the same descriptor, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._version import __version__
from .sourcesfile import PackageInfo

__all__ = ["Resource", "descriptor"]


@dataclass(frozen=True, slots=True)
class Resource:
    """One JSONL file of the package: its name, path, schema and what a line is."""

    name: str
    path: str
    schema_path: str
    description: str


def _file_facts(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def descriptor(
    directory: Path, resources: Sequence[Resource], package: PackageInfo, layouts: dict[str, str]
) -> dict[str, Any]:
    """The descriptor for the files already in ``directory``."""
    entries = []
    for res in resources:
        size, sha = _file_facts(directory / res.path)
        entries.append(
            {
                "name": res.name,
                "type": "file",
                "path": res.path,
                "description": res.description,
                "format": "jsonl",
                "mediatype": "application/jsonl",
                "encoding": "utf-8",
                "bytes": size,
                "hash": f"sha256:{sha}",
                "jsonschema": res.schema_path,
            }
        )
    return {
        "name": package.name,
        "title": package.title,
        "description": package.description,
        "licenses": [{"name": package.license, "path": package.license_url, "title": package.license_title}],
        "sources": [{"title": package.publisher, "path": package.publisher_url}],
        "generator": {"name": "extract", "version": __version__, "layouts": dict(sorted(layouts.items()))},
        "resources": entries,
    }


def render(data: dict[str, Any]) -> bytes:
    """The descriptor as the bytes written: indented UTF-8 JSON, Japanese kept as it is."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
