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


def test_a_text_cut_inside_a_character_keeps_the_rest() -> None:
    """A UTF-8 file cut in the middle of its last character is a cut file, not an undecodable one."""
    data = SEED.encode()
    cut = data[: len(data) // 2]
    assert cut.decode("utf-8", errors="ignore") != cut.decode("utf-8", errors="replace")  # cut inside one
    outcome = extract_bytes(cut, "cut.txt")
    assert outcome.error is None
    assert any("ends inside a UTF-8 character" in w.message for w in outcome.warnings)
    whole = extract_bytes(data, "cut.txt")
    assert outcome.records[0].model_dump()["title"] == whole.records[0].model_dump()["title"]


def test_a_few_broken_bytes_are_replaced_with_a_warning() -> None:
    # 0xFF is never valid in UTF-8, and the text around it is not cp932 or EUC-JP either
    data = SEED.encode().replace(b"\n", b"\xff\n", 3)
    outcome = extract_bytes(data, "flipped.txt")
    assert outcome.error is None
    assert [w.message for w in outcome.warnings if "undecodable" in w.message] == [
        "3 undecodable byte sequence(s) replaced (read as utf-8)"
    ]
    assert len(outcome.records) == len(extract_bytes(SEED.encode(), "flipped.txt").records)


def test_text_that_is_mostly_undecodable_is_still_refused() -> None:
    data = "令和3年度 旭区運営方針\n".encode() + bytes(range(0x80, 0x100)) * 40
    outcome = extract_bytes(data, "junk.txt", fmt="text")
    assert outcome.error is not None
    assert str(outcome.error) == "junk.txt: cannot decode as utf-8, cp932, euc_jp"


_TWO_CLEAN_DECODINGS = [
    "区の運営方針について",
    "経営課題と具体的取組",
    "防災・減災の推進",
    "子育て支援の充実",
    "令和元年度 北区運営方針",
]


@pytest.mark.parametrize("text", _TWO_CLEAN_DECODINGS)
def test_euc_jp_that_also_decodes_as_cp932_is_read_as_euc_jp(text: str) -> None:
    from extract.formats.encoding import decode_bytes

    data = text.encode("euc_jp")
    data.decode("cp932")  # the case in point: both codecs accept these bytes
    assert decode_bytes(data, "x") == (text, "euc_jp", [])


@pytest.mark.parametrize("text", _TWO_CLEAN_DECODINGS)
def test_shift_jis_is_read_as_shift_jis(text: str) -> None:
    from extract.formats.encoding import decode_bytes

    assert decode_bytes(text.encode("cp932"), "x") == (text, "cp932", [])
