"""Plain-text reading: lines, bullets, TAB tables, CMS markup in cells, encodings and sniffing."""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from extract import UnknownFormat, extract_bytes
from extract.formats.detect import sniff_format
from extract.formats.text import read_text

SEED = (SAMPLES / "000_d74a2718fe52b5dd.txt").read_text(encoding="utf-8")


def test_blocks_carry_line_locators_and_kinds() -> None:
    text = "見出し\n\n  • 箇条書き\n- ハイフン\n  1. 番号付き\n表の\t二つ目のセル\n"
    blocks = read_text(text.encode(), "x").blocks
    assert [(b.kind, b.text, b.locator) for b in blocks] == [
        ("paragraph", "見出し", "line 1"),
        ("list_item", "箇条書き", "line 3"),
        ("list_item", "ハイフン", "line 4"),
        ("list_item", "番号付き", "line 5"),
        ("table_row", "表の | 二つ目のセル", "line 6"),
    ]
    assert blocks[-1].cells == ("表の", "二つ目のセル")


def test_markup_inside_cells_becomes_paragraphs() -> None:
    line = "<p>(目標) 40%</p> <p>&lt;その他&gt; 70%</p>\t<p>(取組内容) ・更新</p>"
    (row,) = read_text(line.encode(), "x").blocks
    assert row.cells == ("(目標) 40%\n<その他> 70%", "(取組内容) ・更新")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp"])
def test_encodings_give_the_same_records(encoding: str) -> None:
    text = SEED.encode(encoding, errors="ignore").decode(encoding)  # what the encoding can carry
    assert len(text) > 0.95 * len(SEED)
    reference = extract_bytes(text.encode("utf-8"), "a.txt", "a.txt")
    other = extract_bytes(text.encode(encoding), "a.txt", "a.txt")
    assert other.error is None
    strip = lambda o: [r.model_dump(exclude={"source"}) for r in o.records]
    assert strip(other) == strip(reference)


def test_sniffing() -> None:
    assert sniff_format(SEED.encode()) == "text"
    assert sniff_format(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_format(b"%PDF-1.4\n...") == "pdf"
    # a text file quoting the CMS's markup inside its cells stays text
    assert sniff_format("表\t<p>(目標)</p> <p>x</p> <p>y</p>".encode()) == "text"
    with pytest.raises(UnknownFormat):
        sniff_format(b"\x00\x01\x02\x03binary")
    with pytest.raises(UnknownFormat):
        sniff_format(b"PK\x03\x04 a zip that is not xlsx")


def test_undecodable_text_is_one_clear_error() -> None:
    outcome = extract_bytes(b"\x81\x00\x82\x00" * 20, "bad.txt")
    assert outcome.error is not None
    assert "bad.txt" in str(outcome.error)
