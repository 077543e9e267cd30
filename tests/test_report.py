"""``extract report`` and ``extract series``: the rows they read, the links, a deterministic report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import ROOT
from extract.cli import app
from extract.report.data import ItemKind, Status, load_dataset
from extract.report.render import render_report
from extract.series import link_dataset

GOLDEN = ROOT / "output"


def _dataset(folder: Path, years: dict[int, list[tuple[str, str, int | None]]]) -> Path:
    """A small dataset folder: one ward, one policy per year, each with one issue, one strategy and initiatives."""
    folder.mkdir()
    (folder / "summary.json").write_text("{}", encoding="utf-8")
    docs, issues, strategies, initiatives = [], [], [], []
    src = {"uri": "x.txt", "format": "text", "locator": "line 1"}
    for year, items in years.items():
        doc = f"osaka-kita-{year}-0000000000"
        docs.append(
            {
                "id": doc,
                "city": "大阪市",
                "ward": "北区",
                "ward_slug": "kita",
                "fiscal_year": year,
                "status": "final",
                "source": src,
            }
        )
        issues.append(
            {
                "id": f"{doc}/issue/1",
                "doc_id": doc,
                "number": 1,
                "code": "1",
                "title": "地域づくり",
                "source": src,
            }
        )
        strategies.append(
            {
                "id": f"{doc}/strategy/1-1",
                "doc_id": doc,
                "code": "1-1",
                "issue_number": 1,
                "title": "コミュニティ",
                "source": src,
            }
        )
        for code, title, budget in items:
            budgets = [] if budget is None else [{"amount_yen": budget, "text": "", "kind": "予算額"}]
            initiatives.append(
                {
                    "id": f"{doc}/initiative/{code}",
                    "doc_id": doc,
                    "code": code,
                    "issue_number": 1,
                    "strategy_code": "1-1",
                    "title": title,
                    "budgets": budgets,
                    "source": src,
                }
            )
    for name, rows in (
        ("documents", docs),
        ("issues", issues),
        ("strategies", strategies),
        ("initiatives", initiatives),
    ):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (folder / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    return folder


def test_the_golden_dataset_reads_as_one_policy_per_ward_year_with_one_copy_counted() -> None:
    data = load_dataset(GOLDEN)
    assert [(p.ward, p.fiscal_year, p.status) for p in data.policies] == [
        ("旭区", 2021, Status.FINAL),
        ("中央区", 2019, Status.FINAL),
        ("東住吉区", 2020, Status.FINAL),
        ("北区", 2016, Status.FINAL),
        ("西区", 2017, Status.DRAFT),
    ]
    kita = data.policy("osaka-kita-2016-final")
    assert kita.primary_id == "osaka-kita-2016-485f8b05aa"  # the page's copy, not the text rendering
    assert len(kita.document_ids) == 2
    assert {i.doc_id for i in data.items if i.policy_id == kita.id} == {kita.primary_id}
    # 西区 2-4-2 gives 予算額 and 区CM予算額: only the plain one is summed
    nishi = [b for b in data.budgets if b.owner_id.endswith("/initiative/2-4-2")]
    assert [(b.kind, b.in_total) for b in nishi] == [("予算額", True), ("区CM予算額", False)]


def test_the_research_tables_are_used_when_the_folder_has_them(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(GOLDEN, folder)
    policy: dict[str, Any] = {
        "policy_id": "osaka-kita-2016-final",
        "city": "大阪市",
        "ward": "北区",
        "ward_slug": "kita",
        "fiscal_year": 2016,
        "status": "final",
        "documents": [{"doc_id": "osaka-kita-2016-5ff5a3afba"}],
        "taken_from": {"document": "osaka-kita-2016-5ff5a3afba"},
    }
    budget = {
        "id": "b1",
        "policy_id": "osaka-kita-2016-final",
        "owner_id": "osaka-kita-2016-5ff5a3afba/initiative/1-1-1",
        "owner_type": "initiative",
        "fiscal_year": 2016,
        "kind": "予算額",
        "amount_yen": 5,
        "text": "5円",
        "inferred": False,
        "in_total": True,
    }
    (folder / "policies.jsonl").write_text(json.dumps(policy, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "budgets.jsonl").write_text(json.dumps(budget, ensure_ascii=False) + "\n", encoding="utf-8")
    data = load_dataset(folder)
    assert [p.id for p in data.policies] == ["osaka-kita-2016-final"]
    assert [(b.owner_id, b.amount_yen) for b in data.budgets] == [(budget["owner_id"], 5)]


def test_series_follow_a_renamed_and_renumbered_initiative_and_leave_a_new_one_alone(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path / "ds",
        {
            2016: [
                ("1-1-1", "地域活動の活性化支援", 66_753_000),
                ("1-1-2", "中学生海外派遣の推進", 5_000_000),
            ],
            2017: [
                ("1-1-1", "中学生海外派遣の推進", 5_200_000),
                ("1-1-2", "地域活動協議会の活性化支援", 60_000_000),
            ],
            2018: [
                ("1-1-1", "地域活動協議会の活性化支援", 61_000_000),
                ("1-1-2", "防災訓練の実施", 1_000_000),
            ],
        },
    )
    series = link_dataset(load_dataset(folder))
    chains = {s.kind: [] for s in series}  # type: ignore[var-annotated]
    for s in series:
        chains[s.kind].append([(m.fiscal_year, m.code) for m in s.members])
    assert sorted(chains[ItemKind.INITIATIVE]) == [
        [(2016, "1-1-1"), (2017, "1-1-2"), (2018, "1-1-1")],
        [(2016, "1-1-2"), (2017, "1-1-1")],
        [(2018, "1-1-2")],
    ]
    assert chains[ItemKind.ISSUE] == [[(2016, "1"), (2017, "1"), (2018, "1")]]
    renamed = next(s for s in series if s.kind is ItemKind.INITIATIVE and s.members[0].code == "1-1-1")
    evidence = renamed.members[1].evidence
    assert evidence is not None and evidence.parent and evidence.budget and not evidence.code
    assert 0.8 < evidence.title < 1.0


def test_report_and_series_files_are_deterministic(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(app, ["report", str(GOLDEN), "-o", str(tmp_path / f"{name}.html")])
        assert result.exit_code == 0, result.output
        result = runner.invoke(app, ["series", str(GOLDEN), "-o", str(tmp_path / f"{name}.jsonl")])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and 'src="http' not in html
    assert "地域活動の活性化支援" in html and "66,753千円" in html


def test_a_folder_that_is_not_a_dataset_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "not a dataset folder" in result.output


def test_the_report_shows_multi_year_series(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path / "ds",
        {
            2016: [("1-1-1", "地域活動の活性化支援", 66_753_000)],
            2017: [("1-1-2", "地域活動協議会の活性化支援", 60_000_000)],
        },
    )
    data = load_dataset(folder)
    html = render_report(data, link_dataset(data), "t")
    assert "具体的取組の予算の推移" in html  # the series' budget chart
    assert "具体的取組:地域活動協議会の活性化支援 (2016–2017, 2年)" in html  # titled by its latest name
