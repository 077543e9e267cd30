"""Shared test fixtures: the repository root, the samples and the optional ``../shared`` material."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("EXTRACT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "osaka-dev"
REFERENCE = SHARED / "reference"


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository root as working directory (source URIs are relative to it)."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/osaka-dev is not available")
    return CORPUS


@pytest.fixture
def reference_dir() -> Path:
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference is not available")
    return REFERENCE


@pytest.fixture
def mirror(httpserver: Any) -> Any:
    """The samples' mirror of the city's site, served on 127.0.0.1 (see tests/mirror.py)."""
    import re

    from werkzeug import Request, Response

    from mirror import build_site

    site = build_site(httpserver.url_for("/").rstrip("/"))

    def handler(request: Request) -> Response:
        status, headers, body = site.respond(request.path, dict(request.headers))
        return Response(body, status=status, headers=headers)

    httpserver.expect_request(re.compile(".*")).respond_with_handler(handler)
    return site
