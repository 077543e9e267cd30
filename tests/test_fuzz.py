"""Fuzzing ``extract_bytes`` per format: whatever the bytes, an Outcome, and any failure a clear ExtractError.

CI runs a small, fixed budget (the examples are derived from the test names,
so a run is reproducible); ``FUZZ_EXAMPLES=5000 python -m pytest
tests/test_fuzz.py`` fuzzes longer, with fresh random examples each run (a
failing one is kept in ``.hypothesis/`` and replayed first next time).  Every
example runs under an alarm, so a hang is reported with its input rather than
stalling the run.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import ExtractError, extract_bytes
from extract.output import record_line
from fuzz_strategies import documents, mutated

_LONG = "FUZZ_EXAMPLES" in os.environ
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=not _LONG,
    database=None if not _LONG else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
EXAMPLE_SECONDS = 30
"""A ceiling per example that only a hang reaches: the slowest samples take a fraction of a second."""

FORMATS = ["text", "html", "pdf", "xlsx"]


class Hang(Exception):
    """An example ran past :data:`EXAMPLE_SECONDS`."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(data: bytes, fmt: str | None) -> None:
    """The reader's contract, for any bytes, a PDF's with either engine."""
    for engine in ("pdfium", "pdfplumber") if fmt in ("pdf", None) else ("pdfium",):
        _check(data, fmt, engine)


def _check(data: bytes, fmt: str | None, engine: str) -> None:
    uri = f"fuzz.{fmt or 'bin'}"
    with alarm(EXAMPLE_SECONDS):
        outcome = extract_bytes(data, uri, fmt=fmt, pdf_engine=engine)  # type: ignore[arg-type]
    if outcome.error is not None:
        error = outcome.error
        assert isinstance(error, ExtractError)
        assert error.source == uri
        assert "internal error" not in error.message, error.message
        assert error.message and "\n" not in error.message, error.message
        assert outcome.records == []
        return
    assert outcome.records
    for record in outcome.records:
        assert record.source.uri == uri
        record_line(record)  # serialisable as the writer writes it
    for warning in outcome.warnings:
        assert warning.message and "\n" not in warning.message, warning.message


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_mutated_samples(fmt: str, data: st.DataObject) -> None:
    raw = data.draw(mutated(fmt))
    check(raw, fmt)
    check(raw, None)  # and as sniffing sees it


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_generated_documents(fmt: str, data: st.DataObject) -> None:
    check(data.draw(documents(fmt)), fmt)


@FUZZ
@given(raw=st.binary(max_size=4096))
def test_arbitrary_bytes(raw: bytes) -> None:
    check(raw, None)
