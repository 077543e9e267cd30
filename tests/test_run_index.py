"""What a dataset run keeps on disk instead of in memory: same answers as the in-memory versions had."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import WriteFailed
from extract.dataset.linking import ParentLinks
from extract.dataset.run_index import CoverageLog, writing
from extract.dataset.summary_file import WarningLog, read_totals, write_summary
from extract.dataset.validate import DatasetChecks

_SOURCES = st.sampled_from(["a.txt", "b.html", "北区.pdf", "ａ.txt", "bad-\udcff.txt", "x\U0001f600"])
_COVERAGE = st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1.0, 1]), st.floats(0, 1))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_SOURCES, _COVERAGE, st.sampled_from(["html", "pdf"])), max_size=30))
def test_coverage_log_reads_back_as_the_summary_sorted_it(entries: list[tuple[str, Any, str]]) -> None:
    """The order a stable ``sorted`` by (coverage, None last; source) gave, with the same values and types."""
    items = [{"source": s, "layout": "osaka", "coverage": c, "format": f} for s, c, f in entries]
    log = CoverageLog()
    for item in items:
        log.append(item)
    expected = sorted(items, key=lambda c: (c["coverage"] if c["coverage"] is not None else 2.0, c["source"]))
    got = list(log)
    assert len(log) == len(items)
    assert got == expected
    assert [type(c["coverage"]) for c in got] == [type(c["coverage"]) for c in expected]


def test_the_summary_streams_the_coverage_in_the_bytes_json_dumps_gives() -> None:
    import io

    log = CoverageLog()
    items = [
        {"source": f"s{i}", "layout": None, "coverage": (i % 3) / 2 or None, "format": "text"}
        for i in range(7)
    ]
    for item in items:
        log.append(item)
    out = io.StringIO()
    write_summary({"n": 1, "warnings": WarningLog(), "coverage": log}, out)
    expected = sorted(items, key=lambda c: (c["coverage"] if c["coverage"] is not None else 2.0, c["source"]))
    assert out.getvalue() == json.dumps({"n": 1, "warnings": [], "coverage": expected}, indent=2) + "\n"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.dictionaries(st.text(max_size=8), _JSON, max_size=4), max_size=6), st.integers(0, 6), _JSON
)
def test_the_summary_streams_any_warnings_in_the_bytes_json_dumps_gives(
    warnings: list[dict[str, Any]], appended: int, other: Any
) -> None:
    """Flat warnings (laid out member by member) and any other value, added one by one or together."""
    import io

    log = WarningLog()
    for item in warnings[:appended]:
        log.append(item)
    log.extend(warnings[appended:])
    out = io.StringIO()
    summary = {"n": 1, "warnings": log, "other": other}
    write_summary(summary, out)
    expected = json.dumps({"n": 1, "warnings": warnings, "other": other}, ensure_ascii=False, indent=2)
    assert len(log) == len(warnings)
    assert out.getvalue() == expected + "\n"


def _doc(doc_id: str, **extra: Any) -> str:
    return json.dumps({"id": doc_id, "doc_id": doc_id, **extra})


def test_duplicate_checks_remember_documents_and_contents() -> None:
    checks = DatasetChecks()
    assert (
        checks.admit(
            "u1", "sha1", {"document": [_doc("D1")], "issue": [json.dumps({"id": "D1/i/1", "doc_id": "D1"})]}
        )
        is None
    )
    same = checks.admit("u2", "sha1", {"document": [_doc("D2")]})
    assert same is not None and same.reason == "same content as u1"
    dup = checks.admit("u3", "sha3", {"document": [_doc("D1")]})
    assert dup is not None and dup.reason == "duplicate id (also from u1)" and dup.record_id == "D1"
    # an id outside its document's, under another source's document
    under = checks.admit(
        "u4", "sha4", {"document": [_doc("D4")], "issue": [json.dumps({"id": "D1/x", "doc_id": "D4"})]}
    )
    assert under is not None and under.reason == "duplicate id (also from u1)" and under.record_id == "D1/x"
    # a rejected source is not remembered: its content and its id are free again
    assert checks.admit("u5", "sha3", {"document": [_doc("D5")]}) is None
    assert checks.admit("u6", None, {"document": [_doc("D4")]}) is None


def test_parent_links_give_attachments_their_page_and_its_policy() -> None:
    links = ParentLinks()
    page = _doc("P", url="https://x/p", policy_id="osaka-kita-2016", attachments=[{"url": "https://x/a.pdf"}])
    assert links.link("https://x/p", None, "page", {"document": [page]}) == {"document": [page]}
    got = links.link("https://x/a.pdf", None, "source", {"document": [_doc("A", policy_id="osaka-unknown")]})
    doc = json.loads(got["document"][0])
    assert doc["parent_id"] == "P" and doc["policy_id"] == "osaka-kita-2016"
    via_parent = links.link(
        "https://x/b.pdf",
        "https://x/p",
        "attachment",
        {"document": [_doc("B", policy_id="osaka-minato-2016")]},
    )
    doc = json.loads(via_parent["document"][0])
    assert doc["parent_id"] == "P" and doc["policy_id"] == "osaka-minato-2016"
    alone = {"document": [_doc("C")]}
    assert links.link("https://x/c.pdf", None, "attachment", alone) == alone


def _full_disk() -> None:
    with writing():
        raise sqlite3.OperationalError("database or disk is full")


def test_a_full_temporary_disk_is_one_write_failure() -> None:
    with pytest.raises(WriteFailed) as caught:
        _full_disk()
    assert "cannot write the run's temporary files: database or disk is full" in str(caught.value)


def test_read_totals_reads_the_counts_and_stops_there(tmp_path: Path) -> None:
    summary = {
        "tool": "extract",
        "sources": 3,
        "parsed": 2,
        "rejected": 0,
        "failed": 1,
        "discovery_failures": 0,
        "records": {"document": 2, "issue": 5},
        "warnings": [{"m": i} for i in range(50)],
    }
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    want = {k: summary[k] for k in ("sources", "parsed", "rejected", "failed", "records")}
    assert read_totals(path) == want
    # what follows the counts is never parsed
    path.write_text(json.dumps(summary, indent=2)[:-40], encoding="utf-8")
    assert read_totals(path) == want
    path.write_text("{not json", encoding="utf-8")
    assert read_totals(path) is None
    assert read_totals(tmp_path / "missing.json") is None
