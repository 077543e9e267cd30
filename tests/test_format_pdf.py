"""PDF reading: the 様式 fixtures give the text version's records; glyph repairs; bad input; the real city PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLES
from extract import CorruptDocument, Diagnostic, UnknownFormat, extract_bytes, extract_path
from extract.cli import app
from extract.formats._pdfchars import page_glyphs
from extract.formats._pdflayout import Line, build_paragraphs
from extract.formats.pdf import read_pdf
from extract.formats.text import read_text
from extract.layouts.policy.segments import segment_blocks
from extract.output import record_dict
from pdfbytes import Run, build_pdf, pdf_from_objects

SEEDS = ["001_6f05623d10d2c3a2", "003_4529f3860fd45dd0"]
_HASH_RE = re.compile(r"(osaka-[a-z]+-\d{4})-[0-9a-f]{10}")
_LOCATOR_RE = re.compile(r"^page \d+(?: table \d+ row \d+)?$")


def comparable(path: Path) -> list[str]:
    """Records as JSON without provenance: no source, no parser, no doc-id hash (it hashes the file name),
    no role (a workbook is a workbook, whatever it says)."""
    outcome = extract_path(path)
    assert outcome.error is None, outcome.error
    rows = []
    for record in outcome.records:
        data: dict[str, Any] = record_dict(record)
        del data["source"], data["parser"]
        data.pop("role", None)
        rows.append(_HASH_RE.sub(r"\1-#", json.dumps(data, ensure_ascii=False)))
    return rows


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_gives_the_same_records_as_the_text(seed: str) -> None:
    text = comparable(SAMPLES / f"{seed}.txt")
    pdf = comparable(SAMPLES / f"{seed}.pdf")
    assert len(text) > 10
    assert pdf == text


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_table_rows_match_the_text_rows(seed: str) -> None:
    """Every 様式 row comes back with the same cells, rows cut by a page break merged into one."""
    text_rows = [
        b.cells
        for b in read_text((SAMPLES / f"{seed}.txt").read_bytes(), "t").blocks
        if b.kind == "table_row"
        and not all(set(c) <= {"-"} for c in b.cells)
        and "に基づく取組" not in b.text
    ]
    result = read_pdf((SAMPLES / f"{seed}.pdf").read_bytes(), "p")
    pdf_rows = [b.cells for b in result.blocks if b.kind == "table_row"]
    assert pdf_rows == text_rows
    assert result.warnings == []
    assert all(_LOCATOR_RE.match(b.locator) for b in result.blocks)


def test_rows_cut_by_a_page_break_are_merged() -> None:
    blocks = read_pdf((SAMPLES / "003_4529f3860fd45dd0.pdf").read_bytes(), "p").blocks
    # the first 取組の方針・目標内容 row starts on page 1 and ends on page 2: one row, located where it starts
    (row,) = [
        b for b in blocks if b.kind == "table_row" and b.cells[0].startswith("(趣旨・目的) コミュニティ豊か")
    ]
    assert row.locator == "page 1 table 1 row 2"
    assert row.cells[0].endswith("(29年度0件)")
    assert row.cells[1].endswith("社会的ビジネス化の機運を高めるための説明会の開催 (1回)")
    assert not any(b.locator.startswith("page 2 table 1 row 1") for b in blocks)


def test_segments_are_those_of_the_text_version() -> None:
    """Body paragraphs rejoined across lines and pages, bold drawn twice read once, page numbers dropped."""
    seed = "001_6f05623d10d2c3a2"
    text = [s.text for s in segment_blocks(read_text((SAMPLES / f"{seed}.txt").read_bytes(), "t").blocks)]
    pdf_blocks = read_pdf((SAMPLES / f"{seed}.pdf").read_bytes(), "p").blocks
    pdf = [s.text for s in segment_blocks(pdf_blocks)]
    assert pdf == [t for t in text if set(t) - set("- ")]
    assert pdf_blocks[0].text == "平成29年度 西区運営方針(案)"  # a heading drawn twice
    assert not any(re.fullmatch(r"- \d+ -", b.text) for b in pdf_blocks)


def test_glyph_problems_are_repaired_or_reported() -> None:
    data = build_pdf(
        [
            Run("令和3年度 旭区運営⽅針", 50, 780),  # KANGXI RADICAL SQUARE for 方
            Run("令和3年度 旭区運営⽅針", 50.3, 780),  # the same drawn again: fake bold
            Run("⻄区の⺠生委員", 50, 740),  # CJK Radicals Supplement, which NFKC leaves alone
            Run("自己評価", 50, 700, char_space=12),  # letter-spaced label
            Run("区長 高野 賢", 50, 660),  # spaces the author typed
            Run("読めない字", 50, 620, unmapped=True),  # no ToUnicode map: (cid:N)
        ]
    )
    result = read_pdf(data, "glyphs.pdf")
    assert [b.text for b in result.blocks] == [
        "令和3年度 旭区運営方針",
        "西区の民生委員",
        "自己評価",
        "区長 高野 賢",
    ]
    assert result.warnings == [
        Diagnostic("page 1", "text quality: 5 glyphs have no Unicode mapping ((cid:NNN)); their text is lost")
    ]


def test_pdf_whose_text_is_all_unmapped_is_an_error() -> None:
    with pytest.raises(CorruptDocument, match=r"no readable text: all 4 glyphs lack a Unicode mapping"):
        read_pdf(build_pdf([Run("読めない", 50, 780, unmapped=True)]), "x.pdf")


def test_clean_pdf_has_no_quality_warnings() -> None:
    result = read_pdf(build_pdf([Run("運営方針", 50, 780)]), "x.pdf")
    assert result.warnings == []
    assert [b.text for b in result.blocks] == ["運営方針"]


def _pdf_bytes() -> bytes:
    return (SAMPLES / "001_6f05623d10d2c3a2.pdf").read_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            (ROOT / "tests" / "fixtures" / "encrypted.pdf").read_bytes(),
            "encrypted PDF: it needs a password to open",
        ),
        (_pdf_bytes()[: len(_pdf_bytes()) // 2], "truncated PDF (no %%EOF marker at the end of the file)"),
        (_pdf_bytes()[: len(_pdf_bytes()) // 2] + b"\n%%EOF\n", "damaged PDF"),
        (b"%PDF-1.4\n" + b"x" * 3000 + b"\n%%EOF\n", "damaged PDF"),
        (b"<html><body>404 Not Found</body></html>", "not a PDF (no %PDF header)"),
    ],
)
def test_bad_pdf_input_is_one_clear_error(data: bytes, message: str) -> None:
    outcome = extract_bytes(data, "bad.pdf", fmt="pdf")
    assert isinstance(outcome.error, CorruptDocument)
    assert outcome.error.source == "bad.pdf"
    assert message in str(outcome.error)
    assert "\n" not in str(outcome.error)
    with pytest.raises(CorruptDocument):
        read_pdf(data, "bad.pdf")


def test_pdf_encrypted_with_only_an_owner_password_is_read() -> None:
    data = (ROOT / "tests" / "fixtures" / "owner_password_only.pdf").read_bytes()
    assert b"/Encrypt" in data
    assert [b.text for b in read_pdf(data, "x.pdf").blocks] == ["Asahi Ward Management Policy 2021"]


def test_non_pdf_bytes_named_pdf_are_not_read_as_pdf() -> None:
    outcome = extract_bytes(b"\x00\x01\x02\x03 binary", "x.pdf")
    assert isinstance(outcome.error, UnknownFormat)


def test_cli_prints_one_line_for_a_bad_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(_pdf_bytes()[:4000])
    result = CliRunner().invoke(app, [str(bad)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {bad}: truncated PDF (no %%EOF marker at the end of the file)"]
    assert "Traceback" not in result.stderr


def test_real_city_pdf_reads_cleanly(reference_dir: Path) -> None:
    """A Word export from the city (not a policy): no error, no text-quality warning, its table read."""
    path = reference_dir / "osaka_ictsenryakushitsu_0000684546_youryou.pdf"
    result = read_pdf(path.read_bytes(), path.name)
    assert result.warnings == []
    assert result.blocks[0].text == "大阪市CXサービスデザイン推進事業に関するRFI実施要領"
    rows = [b for b in result.blocks if b.kind == "table_row"]
    assert rows[0].cells == ("対象", "関連資料")
    assert rows[6].cells == (
        "応対管理システム（行政CRM）・電話基盤等",
        "05_別冊_応対管理システム（行政CRM）・電話基盤等",
    )
    assert rows[7].cells == ("", "05_別紙_応対管理システム（行政CRM）・電話基盤等（一式）")  # under a rowspan
    assert len(rows) == 15
    # Word's bullets (a Wingdings private-use glyph) become list items without the glyph
    items = [b for b in result.blocks if b.kind == "list_item"]
    assert items and not any("\uf09e" in b.text for b in result.blocks)
    assert any(b.text == "各種要件の実現可能性を把握すること" for b in items)
    # a paragraph wrapped over three lines reads as one, with no spaces added between Japanese and Latin
    assert any(
        b.text.startswith("本件は、CXサービスデザイン推進事業において")
        and b.text.endswith("実施するものです。")
        for b in result.blocks
    )
    outcome = extract_path(path)
    assert outcome.error is None
    assert not [w for w in outcome.warnings if w.message.startswith("text quality")]


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + 10, size=10)


def test_paragraph_rules() -> None:
    lines = [
        _line("地域活動協議会がさまざまな地域課題に取組", 0, 200, 0),  # full: goes on
        _line("み、支援する。", 0, 70, 14),  # short: ends the paragraph
        _line("・一つ目の項目の説明がここまで長く続いて", 0, 200, 28),
        _line("・二つ目", 0, 40, 42),  # a bullet never continues a line
        _line("文がここで終わり、行の端まで届いている。", 0, 200, 56),
        _line("(2) 見出し", 0, 50, 70),  # a numbered heading after a sentence end
        _line("離れた段落", 0, 50, 100),  # after a wide gap
    ]
    paras = build_paragraphs(lines, 0, 200)
    assert [p.text for p in paras] == [
        "地域活動協議会がさまざまな地域課題に取組み、支援する。",
        "・一つ目の項目の説明がここまで長く続いて",
        "・二つ目",
        "文がここで終わり、行の端まで届いている。",
        "(2) 見出し",
        "離れた段落",
    ]
    centred = [_line("応対管理システム（行", 0, 100, 0), _line("等", 45, 55, 14)]
    assert [p.text for p in build_paragraphs(centred, 0, 100, centred=True)] == ["応対管理システム（行等"]
    assert len(build_paragraphs(centred, 0, 100)) == 2


def _form_xobject_pdf() -> bytes:
    """Text on the page and inside a form XObject drawn twice, on a MediaBox away from the origin."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page_text = b"BT /F1 12 Tf 72 720 Td (Page text) Tj ET q 1 0 0 1 50 100 cm /X1 Do Q /X1 Do"
    form_text = b"BT /F1 9 Tf 10 10 Td (Form text) Tj ET 0 0 m 100 0 l S"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [20 30 615 872] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(page_text) + page_text + b"\nendstream",
            font,
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 200 50] /Resources << /Font << /F1 5 0 R >> >>"
            b" /Length %d >>\nstream\n" % len(form_text) + form_text + b"\nendstream",
        ]
    )


def _assert_same_characters(data: bytes) -> None:
    import io

    import pdfplumber

    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    with pdfplumber.open(io.BytesIO(data)) as plain, pdfplumber.open(io.BytesIO(data)) as fast:
        for theirs, ours in zip(plain.pages, fast.pages, strict=True):
            chars = [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"]) for c in theirs.chars]
            glyphs = page_glyphs(ours)
            assert chars and [(g.text, g.x0, g.x1, g.top, g.bottom, g.size) for g in glyphs] == chars
            assert ours.edges == theirs.edges
            assert [t.bbox for t in ours.find_tables(settings)] == [
                t.bbox for t in theirs.find_tables(settings)
            ]
            assert len(ours.images) == len(theirs.images)


@pytest.mark.parametrize(
    "name", ["001_6f05623d10d2c3a2.pdf", "003_4529f3860fd45dd0.pdf", "owner_password_only.pdf", "form"]
)
def test_glyphs_are_pdfplumbers_characters(name: str) -> None:
    """The reader takes characters from pdfminer directly: the same ones, in the same order and place."""
    if name == "form":
        data = _form_xobject_pdf()
    elif name.startswith("owner"):
        data = (ROOT / "tests" / "fixtures" / name).read_bytes()
    else:
        data = (SAMPLES / name).read_bytes()
    _assert_same_characters(data)


def test_glyphs_of_the_real_city_pdf_are_pdfplumbers_characters(reference_dir: Path) -> None:
    _assert_same_characters((reference_dir / "osaka_ictsenryakushitsu_0000684546_youryou.pdf").read_bytes())


def test_glyphs_inside_form_xobjects_and_the_layout_requirement() -> None:
    import io

    import pdfplumber

    data = _form_xobject_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "".join(g.text for g in page_glyphs(pdf.pages[0])) == "Page textForm textForm text"
        assert pdf.pages[0].edges  # the form's rule is still an object for pdfplumber's table finder
    with (
        pytest.raises(ValueError, match="without layout analysis"),
        pdfplumber.open(io.BytesIO(data), laparams={}) as pdf,
    ):
        page_glyphs(pdf.pages[0])


def test_circular_cross_references_are_one_clear_error() -> None:
    """pdfminer follows the loop and gives up: one clear error (pdfium rebuilds the table and reads the page)."""
    from hostile_inputs import circular_xref_pair, circular_xref_self

    for data in (circular_xref_self(), circular_xref_pair()):
        assert extract_bytes(data, "loop.pdf").error is None
        outcome = extract_bytes(data, "loop.pdf", pdf_engine="pdfplumber")
        assert isinstance(outcome.error, CorruptDocument)
        assert str(outcome.error) == (
            "loop.pdf: damaged PDF (objects nested too deeply, or referring to each other in a loop)"
        )


def test_pdfminer_warnings_are_the_documents_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    """pdfminer logs what it works around; those lines belong to the document, not to stderr."""
    from hostile_inputs import bad_checksum_stream, self_drawing_form

    outcome = extract_bytes(self_drawing_form(), "form.pdf", pdf_engine="pdfplumber")
    assert outcome.error is None
    assert "pdfminer: Refusing to execute circular reference to content stream 6" in [
        w.message for w in outcome.warnings
    ]
    outcome = extract_bytes(bad_checksum_stream(), "stream.pdf", pdf_engine="pdfplumber")
    assert outcome.error is None
    assert "pdfminer: Data-loss while decompressing corrupted data" in [w.message for w in outcome.warnings]
    for data in (self_drawing_form(), bad_checksum_stream()):  # pdfium reads both, silently
        assert extract_bytes(data, "x.pdf").error is None
    assert capsys.readouterr().err == ""


def test_a_stream_with_a_bad_checksum_inflates_as_pdfminer_would() -> None:
    """The fallback for damaged Flate streams gives pdfminer's result, in linear time."""
    import random
    import zlib

    from extract.formats._pdfminer_fixes import ORIGINAL_DECOMPRESS_CORRUPTED, decompress_corrupted

    rng = random.Random(7)
    body = zlib.compress(b"".join(b"BT (%d) Tj ET\n" % rng.randrange(10**6) for _ in range(400)))
    for position in [*range(len(body) - 6, len(body)), 0, 3, len(body) // 2]:
        for bit in (1, 64):
            damaged = bytearray(body)
            damaged[position] ^= bit
            try:
                expected: bytes | type[Exception] = ORIGINAL_DECOMPRESS_CORRUPTED(bytes(damaged))
            except zlib.error:
                expected = zlib.error
            if expected is zlib.error:
                with pytest.raises(zlib.error):
                    decompress_corrupted(bytes(damaged))
            else:
                assert decompress_corrupted(bytes(damaged)) == expected, (position, bit)


def test_pdfium_that_cannot_load_is_the_engines_failure_not_a_damaged_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under a tight memory cap pdfium's library cannot be mapped: say so, do not blame the document."""
    import sys

    from extract import ExtractError
    from extract.formats.pdf import read_pdf

    data = next(SAMPLES.glob("*.pdf")).read_bytes()
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # importing it fails as a library that cannot load
    with pytest.raises(ExtractError) as caught:
        read_pdf(data, "x.pdf", engine="pdfium")
    assert "the pdfium engine could not be loaded" in str(caught.value)
    assert "damaged" not in str(caught.value)
