"""pdfminer's debug calls are free during a read, its warnings are not lost, its loggers come back."""

from __future__ import annotations

import logging
import sys

import pytest

from conftest import SAMPLES
from extract import extract_bytes
from extract.formats._pdfminer_debug import debug_off


def _loggers() -> dict[tuple[str, str], object]:
    import pdfplumber  # noqa: F401  (imports pdfminer's modules, as the reader does)

    return {
        (name, attr): module.__dict__[attr]
        for name, module in list(sys.modules.items())
        if module is not None and name.startswith("pdfminer")
        for attr in ("log", "logger")
        if attr in module.__dict__
    }


def test_loggers_are_replaced_inside_and_restored_after() -> None:
    from pdfminer import psparser

    before = _loggers()
    assert len(before) >= 10 and all(isinstance(x, logging.Logger) for x in before.values())
    with debug_off():
        inside = _loggers()
        assert not any(isinstance(x, logging.Logger) for x in inside.values())
        with debug_off():  # nested: nothing replaced twice, nothing restored early
            assert _loggers() == inside
        assert _loggers() == inside
        assert psparser.log.name == "pdfminer.psparser"  # everything but debug is the logger's own
    assert _loggers() == before
    with pytest.raises(RuntimeError), debug_off():
        raise RuntimeError("the read failed")
    assert _loggers() == before


def test_warnings_keep_their_record(caplog: pytest.LogCaptureFixture) -> None:
    from pdfminer import psparser

    with caplog.at_level(logging.INFO, logger="pdfminer"), debug_off():
        psparser.log.debug("dropped")
        psparser.log.debug("dropped: %r %r %r", 1, 2, [3], exc_info=True, stacklevel=2)
        psparser.log.info("kept")
        psparser.log.warning("kept too")
    assert [(r.name, r.levelname, r.getMessage(), r.funcName) for r in caplog.records] == [
        ("pdfminer.psparser", "INFO", "kept", "test_warnings_keep_their_record"),
        ("pdfminer.psparser", "WARNING", "kept too", "test_warnings_keep_their_record"),
    ]


def test_debugging_pdfminer_still_sees_its_debug_messages(caplog: pytest.LogCaptureFixture) -> None:
    data = (SAMPLES / "001_6f05623d10d2c3a2.pdf").read_bytes()
    with caplog.at_level(logging.DEBUG, logger="pdfminer"):
        outcome = extract_bytes(data, "x.pdf", pdf_engine="pdfplumber")
    assert outcome.error is None
    assert sum(r.levelno == logging.DEBUG and r.name.startswith("pdfminer.") for r in caplog.records) > 1000
    caplog.clear()
    outcome = extract_bytes(data, "x.pdf", pdf_engine="pdfplumber")
    assert outcome.error is None and not caplog.records
    assert all(isinstance(x, logging.Logger) for x in _loggers().values())


def test_a_read_leaves_the_loggers_as_they_were() -> None:
    before = _loggers()
    from hostile_inputs import self_drawing_form

    outcome = extract_bytes(self_drawing_form(), "form.pdf", pdf_engine="pdfplumber")
    assert "pdfminer: Refusing to execute circular reference to content stream 6" in [
        w.message for w in outcome.warnings
    ]
    assert _loggers() == before
