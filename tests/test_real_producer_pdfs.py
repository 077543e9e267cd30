"""PDFs from real producers (LibreOffice Calc and Writer, Chromium's print) give the records of their sources.

The fixtures are made by ``scripts/make_real_producer_fixtures.py`` from the
samples; each is compared with the records of the version it was made from,
on content (titles, codes, budgets, targets), not on provenance.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLES
from extract import Diagnostic, extract_path
from extract.formats._glyphs import LOOKALIKES, repair_lookalikes, repairs_message
from extract.formats._linebreak import first_unit_length
from extract.formats._pdflayout import Line, build_paragraphs
from extract.formats.html import read_html
from extract.formats.pdf import read_pdf
from extract.output import record_dict
from pdfbytes import Run, build_pdf

FIXTURES = ROOT / "tests" / "fixtures" / "real_producers"
_HASH_RE = re.compile(r"(osaka-[a-z]+-\d{4})-[0-9a-f]{10}")

# (fixture, the version it was made from, {(record type, field): why the PDF cannot give it})
CASES: list[tuple[str, str, dict[tuple[str, str], str]]] = [
    (
        "003_4529f3860fd45dd0.calc.pdf",
        "003_4529f3860fd45dd0.xlsx",
        {("document", "role"): "the workbook's print is one form (様式3), not the workbook"},
    ),
    ("001_6f05623d10d2c3a2.writer.pdf", "001_6f05623d10d2c3a2.txt", {}),
    (
        "000_d74a2718fe52b5dd.chromium.pdf",
        "000_d74a2718fe52b5dd.html",
        {
            (
                "document",
                "url",
            ): "the page's URL is in its <meta og:url>; the printed page has only a file:// footer"
        },
    ),
    (
        "002_e3f0c9fdb4967de5.chromium.pdf",
        "002_e3f0c9fdb4967de5.html",
        {
            (
                "document",
                "url",
            ): "the page's URL is in its <meta og:url>; the printed page has only a file:// footer"
        },
    ),
]


def _content(path: Path) -> dict[str, dict[str, Any]]:
    """Records by id, without source and parser (and revisions' locators), with the doc-id hash
    (it hashes the input) masked."""
    outcome = extract_path(path)
    assert outcome.error is None, outcome.error
    out = {}
    for record in outcome.records:
        data = record_dict(record)
        del data["source"], data["parser"]
        for revision in data.get("revisions", []):
            del revision["locator"]
        data = json.loads(_HASH_RE.sub(r"\1-#", json.dumps(data, ensure_ascii=False)))
        out[data["id"]] = data
    return out


@pytest.mark.parametrize(("fixture", "reference", "inherent"), CASES, ids=[c[0] for c in CASES])
def test_real_producer_pdf_gives_the_records_of_its_source(
    fixture: str, reference: str, inherent: dict[tuple[str, str], str]
) -> None:
    expected = _content(SAMPLES / reference)
    got = _content(FIXTURES / fixture)
    assert len(expected) > 10
    assert sorted(got) == sorted(expected)
    differences = {
        (rec["type"], field)
        for rid, rec in expected.items()
        for field, value in rec.items()
        if got[rid].get(field) != value
    }
    assert differences == set(inherent)


def test_print_titles_and_page_cuts_of_a_calc_export() -> None:
    """Calc repeats the table header at the top of every page; it is read once."""
    from extract.formats.xlsx import read_xlsx

    result = read_pdf((FIXTURES / "003_4529f3860fd45dd0.calc.pdf").read_bytes(), "calc.pdf")
    rows = [b.cells for b in result.blocks if b.kind == "table_row"]
    book = read_xlsx((SAMPLES / "003_4529f3860fd45dd0.xlsx").read_bytes(), "book.xlsx")
    header = ("取組の方針・目標内容", "当年度の取組内容")
    assert rows.count(header) == [b.cells for b in book.blocks].count(header) == 3
    assert not any(b.locator.startswith("page 2 table 1 row 1") for b in result.blocks)
    assert result.warnings == []


_NAVIGATION = [
    "ページの先頭です",
    "共通メニューなどをスキップして本文へ",
    "読み上げツール",
    "くらし・手続き",
    "検索ヘルプ",
    "メニューの終端です",
    "探している情報が見つからない",
    "このページの作成者・問合せ先",
    "file://",
]


@pytest.mark.parametrize("seed", ["000_d74a2718fe52b5dd", "002_e3f0c9fdb4967de5"])
def test_printed_page_menus_and_footer_make_no_records(seed: str) -> None:
    """Every line the PDF has and the page's content does not (menus, breadcrumbs, footer) is in no record."""
    pdf = read_pdf((FIXTURES / f"{seed}.chromium.pdf").read_bytes(), "p.pdf")
    content = " ".join(b.text for b in read_html((SAMPLES / f"{seed}.html").read_bytes(), "p.html").blocks)
    boilerplate = [b.text for b in pdf.blocks if len(b.text) >= 4 and b.text not in content]
    assert any("くらし・手続き" in t for t in boilerplate)  # the menus were printed
    texts = _strings(list(_content(FIXTURES / f"{seed}.chromium.pdf").values()))
    for phrase in [*_NAVIGATION, *boilerplate]:
        assert not any(phrase in t for t in texts), phrase


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# --------------------------------------------------------------------------- look-alike glyphs


@pytest.mark.parametrize(
    ("text", "repaired", "counted"),
    [
        ("くらし‧手続き", "くらし・手続き", {"U+2027 → ・": 1}),  # Chromium with Noto Sans CJK
        ("子育て·教育", "子育て・教育", {"U+00B7 → ・": 1}),
        ("健康･福祉", "健康・福祉", {"U+FF65 → ・": 1}),
        ("区政∙情報", "区政・情報", {"U+2219 → ・": 1}),
        ("セン⋅ター", "セン・ター", {"U+22C5 → ・": 1}),
        ("センタ―", "センター", {"U+2015 → ー": 1}),
        ("コーディネータ—", "コーディネーター", {"U+2014 → ー": 1}),
        ("データ−ベース", "データーベース", {"U+2212 → ー": 1}),
        ("ポイント－", "ポイントー", {"U+FF0D → ー": 1}),
        ("サ─ビス", "サービス", {"U+2500 → ー": 1}),
        ("ｾﾝﾀｰ", "ｾﾝﾀー", {"U+FF70 → ー": 1}),
        ("ﬁle ﬂow", "file flow", {"U+FB01 → fi": 1, "U+FB02 → fl": 1}),
        # left alone: Latin punctuation, a dash that is not a long vowel
        ("Smith · Jones", "Smith · Jones", {}),
        ("1-1‐2 地域", "1-1‐2 地域", {}),
        ("ステップ−1", "ステップ−1", {}),
        ("平成28年度 ― 北区", "平成28年度 ― 北区", {}),
    ],
)
def test_lookalike_repairs(text: str, repaired: str, counted: dict[str, int]) -> None:
    counts: Counter[str] = Counter()
    assert repair_lookalikes(text, counts) == repaired
    assert dict(counts) == counted


def test_every_lookalike_rule_has_a_reason_and_a_different_target() -> None:
    for rule in LOOKALIKES:
        assert rule.why and rule.chars and rule.target not in rule.chars


def test_repairs_are_counted_in_one_warning_per_document() -> None:
    data = build_pdf(
        [Run("くらし‧手続き", 50, 780), Run("子育て‧教育", 50, 740), Run("センタ―の利用", 50, 700)]
    )
    result = read_pdf(data, "p.pdf")
    assert [b.text for b in result.blocks] == ["くらし・手続き", "子育て・教育", "センターの利用"]
    assert result.warnings == [
        Diagnostic(None, "glyph repairs: 3 look-alike glyphs replaced (2 U+2027 → ・, 1 U+2015 → ー)")
    ]
    assert repairs_message(Counter()) is None


# --------------------------------------------------------------------------- line breaks


def _line(
    text: str, x0: float, x1: float, top: float, *, lead: float = 10.0, text_x0: float | None = None
) -> Line:
    return Line(text, x0, x1, top, top + 10, 10.0, lead_width=lead, text_x0=text_x0)


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        # 25 pt short of the edge, but the next line must start with 上) ・ (30 pt): wrapped
        ([_line("地域カルテを更新 (1回以", 0, 275, 0), _line("上) ・情報発信", 0, 120, 14, lead=30)], 1),
        # the same gap before a line that starts with one character: a paragraph end
        ([_line("地域カルテを更新する", 0, 275, 0), _line("情報発信", 0, 120, 14)], 2),
        # a sentence end is a paragraph end even when the next unit would not fit
        ([_line("更新する。", 0, 275, 0), _line("100%) の達成", 0, 120, 14, lead=40)], 2),
        # a bracket left open and closed on the next line: one phrase
        ([_line("【区民サービスの向上の推", 0, 260, 0), _line("進】", 0, 20, 14)], 1),
        # a bulleted item's wrapped lines align with its text, not with the bullet
        ([_line("• 区民が自分たちのまちの問題", 0, 298, 0, text_x0=40), _line("を解決する", 40, 120, 14)], 1),
        # ・ between katakana at a line start belongs to the word; a bullet ・ does not
        ([_line("区政運営を行うニア", 0, 298, 0), _line("・イズ・ベター", 0, 120, 14)], 1),
        ([_line("区政運営を行う取組", 0, 298, 0), _line("・地域の見守り", 0, 120, 14)], 2),
    ],
)
def test_wrapped_lines_of_office_suites_and_browsers(lines: list[Line], paragraphs: int) -> None:
    assert len(build_paragraphs(lines, 0, 300)) == paragraphs


@pytest.mark.parametrize(
    ("text", "length"),
    [("上) ・地域", 4), ("100%) ・地域", 7), ("備、支援", 2), ("【経営課題】", 1), ("PDCA サイクル", 4)],
)
def test_first_unit_a_breaker_keeps_together(text: str, length: int) -> None:
    assert first_unit_length(text) == length
