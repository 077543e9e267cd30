"""The research dataset: policy identity and merge, budgets, changes, diff, export, file modes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from extract.cli import app
from extract.dataset.policies import merge_policy
from extract.dataset.policy_stage import PolicyGroup, StagedDoc, StagedRecord
from mirror import ASAHI_ATTACHMENTS, Site

runner = CliRunner()
SEED = "000_d74a2718fe52b5dd"


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_o(out: Path, *inputs: Path) -> None:
    result = runner.invoke(app, [*map(str, inputs), "-o", str(out), "--no-isolation", "-q"])
    assert result.exit_code == 0, result.output


# --- the merge rule -------------------------------------------------------------------------


def _doc(seq: int, doc_id: str, role: str, uri: str) -> StagedDoc:
    return StagedDoc(seq, {"id": doc_id, "role": role, "status": "final", "fiscal_year": 2016,
                           "source": {"uri": uri, "format": "text", "locator": None}})  # fmt: skip


def _initiative(doc_id: str, title: str, locator: str, amount: int) -> StagedRecord:
    record = {
        "type": "initiative", "id": f"{doc_id}/initiative/1-1-1", "doc_id": doc_id, "policy_id": "p",
        "title": title, "budgets": [{"amount_yen": amount, "text": "x", "kind": "予算額", "fiscal_year": 2016}],
        "sources": [], "source": {"uri": f"{doc_id}.src", "locator": locator}, "parser": {},
    }  # fmt: skip
    return StagedRecord(doc_id, json.dumps(record, ensure_ascii=False))


@pytest.mark.parametrize(
    ("roles", "kept"),
    [
        (("様式2", "page"), "b"),  # the page wins over a form
        (("workbook", "様式2"), "a"),  # the workbook over a form
        (("other", "workbook"), "b"),
        (("page", "page"), "a"),  # same role: the first document
        (("様式3", "様式1"), "b"),
    ],
)
def test_the_preferred_role_gives_the_values_and_disagreements_are_warned(
    roles: tuple[str, str], kept: str
) -> None:
    docs = [_doc(1, "a", roles[0], "a.src"), _doc(2, "b", roles[1], "b.src")]
    group = PolicyGroup(
        "p", docs, {"initiative": [_initiative("a", "A", "line 1", 1), _initiative("b", "B", "page 2", 2)]}
    )
    merged = merge_policy(group)
    (line,) = merged.lines["initiative"]
    record = json.loads(line)
    assert record["doc_id"] == kept and record["title"] == kept.upper()
    assert [s["uri"] for s in record["sources"]] == [f"{kept}.src", "b.src" if kept == "a" else "a.src"]
    assert merged.policy.taken_from["initiative"] == kept
    messages = [w["message"] for w in merged.warnings]
    assert len(messages) == 2  # title and budgets
    assert "a.src: line 1" in messages[0] and "b.src: page 2" in messages[0]
    (budget,) = merged.budgets
    assert budget.in_total and budget.amount_yen == (1 if kept == "a" else 2)


def test_the_samples_merge_into_one_record_per_item(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_o(out, SAMPLES)
    policies = lines(out / "policies.jsonl")
    assert [p["policy_id"] for p in policies] == [
        "osaka-kita-2016-final", "osaka-nishi-2017-draft", "osaka-higashisumiyoshi-2020-final",
        "osaka-chuo-2019-final", "osaka-asahi-2021-final",
    ]  # fmt: skip
    assert sum(len(p["documents"]) for p in policies) == len(lines(out / "documents.jsonl")) == 12
    initiatives = lines(out / "initiatives.jsonl")
    assert len({(i["policy_id"], i["code"]) for i in initiatives}) == len(initiatives)
    nishi = next(p for p in policies if p["ward"] == "西区")
    assert [d["role"] for d in nishi["documents"]] == ["workbook", "other", "other"]
    assert nishi["taken_from"]["initiative"] == nishi["documents"][0]["doc_id"]
    budgets = lines(out / "budgets.jsonl")
    kita = {p["policy_id"] for p in policies if p["ward"] == "北区" and p["fiscal_year"] == 2016}
    total = sum(b["amount_yen"] or 0 for b in budgets if b["policy_id"] in kita and b["in_total"]
                and b["owner_type"] == "initiative")  # fmt: skip
    assert total == 138_449_000
    two = [b for b in budgets if b["owner_id"].endswith("/initiative/2-4-2")]
    assert [(b["kind"], b["in_total"]) for b in two] == [("予算額", True), ("区CM予算額", False)]
    indicators = lines(out / "indicators.jsonl")
    assert {(i["kind"], i["measure"]) for i in indicators} == {("目標", "outcome"), ("活動量", "activity")}
    assert sum(i["kind"] == "活動量" for i in indicators) == 19
    owners = {
        r["id"] for name in ("issues", "initiatives", "reform_items") for r in lines(out / f"{name}.jsonl")
    }
    assert {i["owner_id"] for i in indicators} <= owners


# --- changes and diff -------------------------------------------------------------------------


def test_changes_are_empty_for_the_same_inputs_and_name_each_changed_field(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / f"{SEED}.txt", src / "kita.txt")
    out = tmp_path / "out"
    run_o(out, src)
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    run_o(out, src)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == first
    assert (out / "changes.jsonl").read_bytes() == b""
    text = (src / "kita.txt").read_text(encoding="utf-8")
    assert "[28年度予算額 66,753千円]" in text
    (src / "kita.txt").write_text(
        text.replace("[28年度予算額 66,753千円]", "[28年度予算額 70,000千円]"), encoding="utf-8"
    )
    run_o(out, src)
    changes = lines(out / "changes.jsonl")
    budget = next(c for c in changes if c["table"] == "budgets")
    assert budget["change"] == "changed"
    assert budget["fields"] == [
        {"field": "amount_yen", "old": 66_753_000, "new": 70_000_000},
        {"field": "text", "old": "28年度予算額 66,753千円", "new": "28年度予算額 70,000千円"},
    ]
    assert any(c["table"] == "initiatives" and c["fields"][0]["field"] == "budgets" for c in changes)
    assert json.loads((out / "summary.json").read_text())["changes"] == len(changes)
    old = out.parent / ".out.versions" / "v000002"
    result = runner.invoke(app, ["diff", str(old), str(out)])
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == changes
    assert "budgets: 1 changed" in result.stderr and "amount_yen 66753000 → 70000000" in result.stderr


def test_diff_refuses_what_is_not_a_dataset(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 2 and "not an extract dataset" in result.stderr


def test_a_draft_that_became_final_is_a_field_change(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "001_6f05623d10d2c3a2.txt", src / "nishi.txt")
    old, new = tmp_path / "old", tmp_path / "new"
    run_o(old, src)
    text = (src / "nishi.txt").read_text(encoding="utf-8")
    (src / "nishi.txt").write_text(text.replace("西区運営方針(案)", "西区運営方針"), encoding="utf-8")
    run_o(new, src)
    result = runner.invoke(app, ["diff", str(old), str(new), "--summary"])
    assert result.exit_code == 0
    assert ": status draft → final" in result.stdout
    changes = [
        json.loads(line)
        for line in runner.invoke(app, ["diff", str(old), str(new), "-q"]).stdout.splitlines()
    ]
    doc = next(c for c in changes if c["table"] == "documents")
    assert {"status", "policy_id"} <= {f["field"] for f in doc["fields"]}
    assert {(c["table"], c["change"]) for c in changes if c["table"] == "policies"} == {
        ("policies", "added"),
        ("policies", "removed"),
    }


# --- attachments know their page ---------------------------------------------------------------


def test_refresh_links_attachments_to_their_page(mirror: Site, tmp_path: Path) -> None:
    from test_crawl_refresh import basic_sources, refresh

    assert refresh(basic_sources(mirror, tmp_path)).exit_code == 0
    docs = lines(tmp_path / "out" / "documents.jsonl")
    page = next(d for d in docs if d["source"]["uri"].endswith("533715.html"))
    attached = [d for d in docs if d["source"]["uri"].rsplit("/", 1)[1] in ASAHI_ATTACHMENTS]
    assert len(attached) == len(ASAHI_ATTACHMENTS)
    assert {d["parent_id"] for d in attached} == {page["id"]} and page["parent_id"] is None
    texts = [d for d in docs if "/texts/" in d["source"]["uri"]]
    assert texts and all(d["parent_id"] is None for d in texts)


# --- export ------------------------------------------------------------------------------------


def test_export_types_come_from_the_schemas(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    root = Path(__file__).resolve().parent.parent
    result = runner.invoke(
        app, ["export", str(root / "output"), "--to", "duckdb", "-o", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
    types = {(t, c): ty for t, c, ty in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall()}  # fmt: skip
    assert types["initiatives", "code"] == "VARCHAR"
    assert types["issues", "code"] == "VARCHAR"
    assert types["documents", "page_id"] == "VARCHAR"
    assert types["documents", "updated_on"] == "DATE"
    assert types["budgets", "amount_yen"] == "BIGINT"
    assert types["documents", "goals"] == "VARCHAR[]"
    assert types["v_budgets", "ward"] == "VARCHAR"
    assert con.execute("SELECT count(*) FROM initiatives").fetchone() == (26,)
    assert con.execute("SELECT page_id FROM documents WHERE page_id IS NOT NULL LIMIT 1").fetchone() == (
        "350991",
    )


def test_export_refuses_a_folder_that_is_not_a_dataset(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path), "--to", "csv"])
    assert result.exit_code == 2 and "datapackage.json" in result.stderr


# --- file modes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_every_file_of_the_folder_respects_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        run_o(tmp_path / "out", SAMPLES / f"{SEED}.txt")
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(files) > 15
    assert {p.relative_to(tmp_path): p.stat().st_mode & 0o777 for p in files} == {
        p.relative_to(tmp_path): 0o666 & ~umask for p in files
    }


def test_the_duckdb_export_holds_the_series(in_root: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("rapidfuzz")
    database = tmp_path / "output.duckdb"
    assert runner.invoke(app, ["export", "output", "--to", "duckdb", "-o", str(database)]).exit_code == 0
    printed = runner.invoke(app, ["series", "output"])
    assert printed.exit_code == 0
    expected = [json.loads(line) for line in printed.stdout.splitlines()]
    con = duckdb.connect(str(database))
    rows = con.execute("SELECT id, kind, years FROM series ORDER BY id").fetchall()
    assert rows == sorted((s["id"], s["kind"], s["years"]) for s in expected)
    members = con.execute("SELECT count(*) FROM v_series_members").fetchone()
    assert members is not None and members[0] == sum(len(s["members"]) for s in expected)
