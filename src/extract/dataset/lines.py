"""The bookkeeping lines of a dataset: ``sources.jsonl``, ``rejects.jsonl``, ``failures.jsonl``.

Defined as models so that their JSON Schema goes into the data package next
to the record schemas, and so that their key order is fixed.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["AUX_MODELS", "FailureLine", "RejectLine", "SourceLine", "line_of"]


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceLine(_Line):
    """One fetched source: where it came from and what became of it."""

    url: str = Field(description="The URL as listed or discovered (document ids are derived from it).")
    kind: Literal["source", "page", "attachment"] = Field(
        description="Listed in the sources file, found by a crawl, or an attachment of a page."
    )
    parent: str | None = Field(description="The page an attachment was linked from.")
    final_url: str | None = Field(description="The URL the body came from, after redirects.")
    status: Literal["parsed", "rejected", "failed"]
    format: str | None
    sha256: str | None = Field(description="Digest of the fetched bytes.")
    size: int | None
    etag: str | None
    last_modified: str | None
    parser: dict[str, str] | None = Field(description="The layout that parsed it: name and version.")
    records: int = Field(
        description="Records this source gave (before the policy merge folds copies of one item)."
    )


class RejectLine(_Line):
    """A source whose records were withheld because they failed a check."""

    source: str
    reason: str
    record_id: str | None
    locator: str | None


class FailureLine(_Line):
    """A source (or a crawl's index page) that could not be fetched or parsed."""

    source: str
    stage: Literal["fetch", "parse", "discover"]
    error: str = Field(description="The kind of error, e.g. FetchError, RobotsDisallowed, LayoutError.")
    message: str
    locator: str | None


AUX_MODELS: dict[str, type[_Line]] = {"source": SourceLine, "reject": RejectLine, "failure": FailureLine}


def line_of(model: BaseModel) -> str:
    """One compact JSON line in the model's field order (deterministic, no timestamps)."""
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
