"""XLSX reading: the 様式 workbooks give the text version's records; merged cells; furigana; hostile packages."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from conftest import SAMPLES
from extract import CorruptDocument, extract_bytes
from extract.formats._zipguard import Limits, check_package
from extract.formats.xlsx import read_xlsx
from test_format_pdf import SEEDS, comparable

WORKBOOK = SAMPLES / "003_4529f3860fd45dd0.xlsx"


def replace_part(data: bytes, name: str, body: bytes) -> bytes:
    """The workbook ``data`` with part ``name`` replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info.filename))
        dst.writestr(name, body)
    return out.getvalue()


def sheet_xml(body: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{extra}<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def merged_sheet_xml(body: str, merges: list[str]) -> bytes:
    cells = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{body}</sheetData><mergeCells count="{len(merges)}">{cells}</mergeCells></worksheet>'
    ).encode()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


@pytest.mark.parametrize("seed", SEEDS)
def test_xlsx_gives_the_same_records_as_the_text(seed: str) -> None:
    text = comparable(SAMPLES / f"{seed}.txt")
    assert len(text) > 10
    assert comparable(SAMPLES / f"{seed}.xlsx") == text


def test_one_sheet_per_form_in_workbook_order() -> None:
    blocks = read_xlsx((SAMPLES / "001_6f05623d10d2c3a2.xlsx").read_bytes(), "x").blocks
    sheets = []
    for block in blocks:
        sheet = block.locator.split("!")[0]
        if not sheets or sheets[-1] != sheet:
            sheets.append(sheet)
    assert sheets == ["様式1", "様式2", "様式3"]
    assert blocks[0].text == "平成29年度 西区運営方針(案)" and blocks[0].locator == "様式1!A1"
    rows = [b for b in blocks if b.kind == "table_row"]
    assert rows[0].locator == "様式2!A2:B2" and rows[0].cells == ("経営課題の概要", "主な戦略")
    # a label merged across the table is one cell, not repeated per column
    assert ("主な具体的取組(29年度予算額)",) in [r.cells for r in rows]


def test_merged_cells_stand_for_every_row_they_cover() -> None:
    blocks = read_xlsx(WORKBOOK.read_bytes(), "x").blocks
    rows = [b.cells for b in blocks if b.kind == "table_row"]
    i = rows.index(
        (
            "中間振り返り",
            "取組内容の実施見込み",
            "( ) ( )実施見込み ( )実施できない見込み",
            "課題と改善策 左記が「 」の場合は必須",
        )
    )
    # 中間振り返り spans two rows: the second row has an empty cell in its place
    assert rows[i + 1] == ("", "目標の達成見込み", ":達成見込み :達成できない見込み", "")


def test_furigana_is_never_part_of_the_text() -> None:
    data = WORKBOOK.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "<rPh" in zf.read("xl/sharedStrings.xml").decode()  # the fixture does carry phonetic runs
    blocks = read_xlsx(data, "x").blocks
    assert blocks[1].text == "取組項目 1"
    assert not any("トリクミ" in b.text or any("トリクミ" in c for c in b.cells) for b in blocks)
    # an inline string with a phonetic run
    sheet = sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>西区役所</t>'
        '<rPh sb="0" eb="2"><t>ニシク</t></rPh></is></c></row>'
    )
    (block,) = read_xlsx(replace_part(data, "xl/worksheets/sheet1.xml", sheet), "x").blocks
    assert block.text == "西区役所"


def test_numbers_and_line_breaks_in_cells() -> None:
    sheet = sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>一行目\n二行目</t></is></c><c r="B1"><v>22268</v></c>'
        '<c r="C1"><v>0.5</v></c></row>'
    )
    blocks = read_xlsx(replace_part(WORKBOOK.read_bytes(), "xl/worksheets/sheet1.xml", sheet), "x").blocks
    assert [(b.text, b.locator) for b in blocks] == [
        ("一行目", "様式3!A1"),
        ("二行目", "様式3!A1"),
        ("22268", "様式3!B1"),
        ("0.5", "様式3!C1"),
    ]


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&ext;</t></si></sst>'
)


@pytest.mark.parametrize(
    ("part", "body", "message"),
    [
        ("xl/sharedStrings.xml", LAUGHS, "forbidden XML"),
        ("xl/sharedStrings.xml", EXTERNAL_ENTITY, "forbidden XML"),
        (
            "xl/worksheets/sheet1.xml",
            merged_sheet_xml(inline("A1", "x"), ["A1:XFD1048576"]),
            "merges more than",
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml(inline("ZZZZ1", "x")), "impossible cell reference"),
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>", "damaged XLSX"),
        ("xl/bomb.bin", b"\0" * (12 * 1024 * 1024), "zip bomb"),
    ],
)
def test_hostile_workbooks_are_refused(part: str, body: bytes, message: str) -> None:
    data = replace_part(WORKBOOK.read_bytes(), part, body)
    started = time.perf_counter()
    outcome = extract_bytes(data, "hostile.xlsx")
    assert isinstance(outcome.error, CorruptDocument), outcome.error
    assert message in str(outcome.error)
    assert outcome.error.source == "hostile.xlsx"
    assert time.perf_counter() - started < 30  # refused up front, not after materialising the sheet


def test_a_huge_dimension_with_few_cells_reads_only_the_cells() -> None:
    sheet = sheet_xml(
        f'<row r="1">{inline("A1", "最初")}</row><row r="1048576">{inline("XFD1048576", "最後")}</row>',
        extra='<dimension ref="A1:XFD1048576"/>',
    )
    blocks = read_xlsx(replace_part(WORKBOOK.read_bytes(), "xl/worksheets/sheet1.xml", sheet), "x").blocks
    assert [(b.text, b.locator) for b in blocks] == [("最初", "様式3!A1"), ("最後", "様式3!XFD1048576")]


def test_package_limits() -> None:
    data = WORKBOOK.read_bytes()
    with pytest.raises(CorruptDocument, match="cells: refused"):
        check_package(data, "x.xlsx", Limits(max_cells=10))
    with pytest.raises(CorruptDocument, match="parts"):
        check_package(data, "x.xlsx", Limits(max_members=3))
    with pytest.raises(CorruptDocument, match="zip bomb"):
        check_package(data, "x.xlsx", Limits(max_total_bytes=1000))
    check_package(data, "x.xlsx")


def test_truncated_workbook_is_one_clear_error() -> None:
    data = WORKBOOK.read_bytes()
    outcome = extract_bytes(data[: len(data) // 2], "cut.xlsx", fmt="xlsx")
    assert isinstance(outcome.error, CorruptDocument)
    assert str(outcome.error).startswith("cut.xlsx: damaged XLSX")
    assert "\n" not in str(outcome.error)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_a_cut_workbook_is_read_as_a_damaged_workbook(fraction: float) -> None:
    """Without its ZIP directory a workbook still names its parts; sniffing sends it to the XLSX reader."""
    data = WORKBOOK.read_bytes()
    outcome = extract_bytes(data[: int(len(data) * fraction)], "cut.xlsx")
    assert isinstance(outcome.error, CorruptDocument)
    assert str(outcome.error).startswith("cut.xlsx: damaged XLSX")


def test_a_workbook_with_a_garbled_part_name_is_a_damaged_workbook() -> None:
    data = WORKBOOK.read_bytes().replace(b"[Content_Types].xml", b"[Content_Types].xmm")
    outcome = extract_bytes(data, "garbled.xlsx")
    assert isinstance(outcome.error, CorruptDocument)
    assert str(outcome.error).startswith("garbled.xlsx: damaged XLSX")


def _renamed(data: bytes, old: str, new: str, body: bytes) -> bytes:
    """The workbook with part ``old`` renamed ``new`` (relationships and content types follow) and filled with ``body``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            name = info.filename
            if name == old:
                name, content = new, body
            elif name.endswith(".rels") or name == "[Content_Types].xml":
                content = content.replace(old.encode(), new.encode())
                content = content.replace(old.split("/", 1)[1].encode(), new.split("/", 1)[1].encode())
            dst.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "new_name", ["xl/worksheets/sheet1.XML", "xl/worksheets/sheet1.dat", "xl/data/part7"]
)
def test_a_worksheet_under_any_name_meets_the_same_limits(new_name: str) -> None:
    body = merged_sheet_xml(inline("A1", "x"), ["A1:XFD1048576"])
    data = _renamed(WORKBOOK.read_bytes(), "xl/worksheets/sheet1.xml", new_name, body)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert new_name in archive.namelist()
    started = time.perf_counter()
    outcome = extract_bytes(data, "renamed.xlsx")
    assert isinstance(outcome.error, CorruptDocument), outcome.error
    assert "merges more than" in str(outcome.error) and new_name in str(outcome.error)
    assert time.perf_counter() - started < 30


def test_pictures_and_printer_settings_are_not_read_as_xml() -> None:
    data = WORKBOOK.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/printerSettings/printerSettings1.bin", b"\x00\x01Printer\x00" * 40)
        dst.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    check_package(out.getvalue(), "x.xlsx")
