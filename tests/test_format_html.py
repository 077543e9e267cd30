"""HTML reading: block conventions, locators, the CMS template, metadata, encodings and hostile markup."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from conftest import SAMPLES
from extract import CorruptDocument, DecodeError, Diagnostic, extract_bytes
from extract.blocks import Block
from extract.formats import get_reader, sniff_format
from extract.formats.html import read_html
from extract.japanese import clean_text


def page(body: str, head: str = "", charset_meta: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html><html><head>{charset_meta}{head}<title>t</title></head><body>{body}</body></html>"


def blocks_of(html: str) -> list[Block]:
    return read_html(html.encode("utf-8"), "x.html").blocks


def shape(blocks: list[Block]) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in blocks]


# ---------------------------------------------------------------------- block conventions


def test_headings_paragraphs_lists_follow_the_text_reader_conventions() -> None:
    html = page(
        "<main><h1>令和3年度 旭区運営方針</h1>"
        "<h2>【区の目標(何をめざすのか)】</h2>"
        "<p><strong>【区の使命】</strong></p>"
        "<p>一行目<br />二行目　 (全角スペース)</p>"
        "<ul><li>・ではなく箇条<ul><li>入れ子</li></ul></li><li><p>段落入り</p></li></ul>"
        "<ol><li>番号付き</li></ol>"
        "<h4>見出し4</h4><p><b>太字</b>だけではない</p>"
        "<p>\u00a0</p><p></p></main>"
    )
    assert shape(blocks_of(html)) == [
        ("heading", 1, "令和3年度 旭区運営方針"),
        ("heading", 2, "【区の目標(何をめざすのか)】"),
        ("heading", 3, "【区の使命】"),  # bold-only paragraph: one level below the last heading
        ("paragraph", 0, "一行目"),
        ("paragraph", 0, "二行目 (全角スペース)"),
        ("list_item", 1, "・ではなく箇条"),  # the document's own glyphs stay; the list's bullet is not added
        ("list_item", 2, "入れ子"),
        ("list_item", 1, "段落入り"),
        ("list_item", 1, "番号付き"),
        ("heading", 4, "見出し4"),
        ("paragraph", 0, "太字だけではない"),
    ]


def test_table_rows_carry_cells_with_their_paragraphs() -> None:
    html = page(
        "<table><tr><th>経営課題</th><th>主な戦略</th></tr>"
        "<tr><td><p>【経営課題1】</p><p>子育て</p></td><td>【1-1 支援】<br>説明</td></tr>"
        "<tr><td></td><td>二列目だけ</td></tr><tr><td> </td><td></td></tr></table>"
    )
    rows = blocks_of(html)
    assert [b.kind for b in rows] == ["table_row"] * 3
    assert rows[0].cells == ("経営課題", "主な戦略")
    assert rows[1].cells == ("【経営課題1】\n子育て", "【1-1 支援】\n説明")
    assert rows[1].text == "【経営課題1】 子育て | 【1-1 支援】 説明"
    assert rows[2].cells == ("", "二列目だけ")


def test_nested_tables_stay_inside_their_cell() -> None:
    html = page(
        "<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td></tr></table>"
    )
    (row,) = blocks_of(html)
    assert row.cells == ("外", "内1 内2")


def test_layout_tables_are_read_like_divs() -> None:
    html = page("<table><tr><td><h2>見出し</h2><p>本文</p></td></tr><tr><td>次</td></tr></table>")
    assert shape(blocks_of(html)) == [
        ("heading", 2, "見出し"),
        ("paragraph", 0, "本文"),
        ("paragraph", 0, "次"),
    ]


def test_links_are_blocks_with_absolute_hrefs() -> None:
    html = page(
        '<main><p><a href="./cmsfiles/a.pdf">様式1(PDF形式, 10KB)</a></p>'
        '<p>前<a href="/x.html">リンク</a>後</p></main>',
        head='<base href="https://www.city.osaka.lg.jp/asahi/" />',
    )
    link, mixed = blocks_of(html)
    assert link.href == "https://www.city.osaka.lg.jp/asahi/cmsfiles/a.pdf"
    assert (mixed.text, mixed.href) == ("前リンク後", None)


def test_scripts_styles_images_and_forms_are_not_text() -> None:
    html = page(
        "<main><script>var x = '<p>no</p>';</script><style>p{}</style><img alt='画像の説明'>"
        "<noscript>JavaScriptを有効に</noscript><form><input value='検索'><button>送信</button></form>"
        "<p>本文<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby></p></main>"
    )
    assert [b.text for b in blocks_of(html)] == ["本文漢字"]


# ---------------------------------------------------------------------- locators


def test_locators_are_css_selectors_that_find_the_block() -> None:
    data = (SAMPLES / "004_b1ed0f419b735238.html").read_bytes()
    result = read_html(data, "004.html")
    tree = LexborHTMLParser(data.decode("utf-8"))
    assert result.blocks[0].locator == "#sub_h1_box > h1"
    assert result.blocks[1].locator == "#mol_contents > div:nth-of-type(1) > p:nth-of-type(1)"
    for block in result.blocks:
        node = tree.css_first(block.locator)
        assert node is not None, block.locator
        assert block.text in clean_text(node.text(separator="")), block.locator
    assert read_html(data, "004.html").blocks == result.blocks  # deterministic


def test_generic_locators_start_at_the_content_container() -> None:
    html = page("<nav><p>メニュー</p></nav><div id='contents'><p>一</p><div><p>二</p><p>三</p></div></div>")
    assert [(b.text, b.locator) for b in blocks_of(html)] == [
        ("一", "#contents > p"),
        ("二", "#contents > div > p:nth-of-type(1)"),
        ("三", "#contents > div > p:nth-of-type(2)"),
    ]


# ---------------------------------------------------------------------- the city's CMS template

CMS_PAGE = """<?xml version="1.0" encoding="utf-8" ?>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta property="og:url" content="https://www.city.osaka.lg.jp/kita/page/0000350991.html" />
<title>大阪市北区：平成28年度北区運営方針 （…&gt;区政情報&gt;運営方針）</title>
<base href="https://www.city.osaka.lg.jp/kita/" /></head>
<body><img src="images/clearspacer.gif" alt="ページの先頭です" />
<div id="header"><p><a href="#HONBUN">共通メニューなどをスキップして本文へ</a></p></div>
<a id="HONBUN"><img src="images/clearspacer.gif" alt="メニューの終端です。" /></a>
<div id="pankuzu"><ul><li><a href="/">トップページ</a></li><li>平成28年度北区運営方針</li></ul></div>
<div id="main"><div id="main_naka"><div id="page_left_box">
<div id="sub_h1_wrap"><div id="sub_h1_box"><h1><span class="line">平成28年度北区運営方針</span></h1></div>
<div class="page_day01"><p>2017年6月8日</p></div>
<div class="page_num01"><p><span class="p_coler01">ページ番号：350991</span></p></div></div>
<div id="mol_contents" class="mol_contents"><a class="mol_anchor_name" name="index_anchor_0"><img src="images/clearspacer.gif" alt="" /></a>
<div class="sub_h2_box"><h2>【区の目標(何をめざすのか)】</h2></div>
<div class="mol_textblock"><ul><li>安全、安心で、誰もが住みたいまち</li></ul></div>
<div class="mol_attachfileblock"><p class="mol_attachfileblock_title"><strong>【様式1】から【様式3】</strong></p>
<ul><li><a href="./cmsfiles/contents/0000350/350991/youshiki1.pdf"><img src="images/pdf.gif" alt="" class="icon" />様式1 全体像(PDF形式, 218.60KB)</a></li>
<li><a href="./cmsfiles/contents/0000350/350991/all.xlsx"><img src="images/xls.gif" alt="" class="icon" />様式1から3（XLSX形式， 1.05MB）</a></li></ul>
<ul class="mol_ccbytop"><li><img src="/images/ccby.png" alt="クリエイティブ・コモンズ・ライセンス" /><a href="https://creativecommons.jp/licenses/">CC（クリエイティブコモンズ）ライセンス<span class="window"><img src="css/img/new_window01.svg" alt="別ウィンドウで開く" /></span></a>における<a href="https://creativecommons.org/licenses/by/4.0/deed.ja">CC-BY4.0</a>で提供いたします。</li></ul>
<dl class="mol_filesup mol_adobe"><dt><a href="https://www.adobe.com/jp/acrobat/pdf-reader.html">Adobe Acrobat Reader DCのダウンロード（無償）<span class="window"><img src="css/img/new_window01.svg" alt="別ウィンドウで開く" /></span></a></dt>
<dd>PDFファイルを閲覧できない場合には、Adobe 社のサイトから Adobe Acrobat Reader DC をダウンロード（無償）してください。</dd></dl></div>
</div></div>
<div id="page_right_box"><div class="h2_box clear"><h2>探している情報が見つからない</h2></div></div>
<div class="mol_subblock mol_con"><h2>このページの作成者・問合せ先</h2><p>大阪市北区役所<br />電話:06-6313-9683</p></div>
</div></div>
<div id="foot_pankuzu"><ul><li><a href="/">トップページ</a></li></ul></div>
<div id="footer"><p>Copyright (C) City of Osaka All rights reserved.</p></div>
</body></html>"""


def test_cms_pages_read_title_body_and_contact_without_the_template() -> None:
    result = read_html(CMS_PAGE.encode("utf-8"), "kita.html")
    texts = [b.text for b in result.blocks]
    assert texts == [
        "平成28年度北区運営方針",
        "【区の目標(何をめざすのか)】",
        "安全、安心で、誰もが住みたいまち",
        "【様式1】から【様式3】",
        "様式1 全体像(PDF形式, 218.60KB)",
        "様式1から3（XLSX形式， 1.05MB）",
        "このページの作成者・問合せ先",
        "大阪市北区役所",
        "電話:06-6313-9683",
    ]
    joined = "\n".join(texts)
    for boilerplate in (
        "ページの先頭です",
        "メニューの終端です",
        "スキップ",
        "トップページ",
        "探している情報",
        "CC",
        "Adobe",
        "別ウィンドウ",
        "Copyright",
    ):
        assert boilerplate not in joined


def test_cms_metadata_and_attachments() -> None:
    meta = read_html(CMS_PAGE.encode("utf-8"), "kita.html").meta
    assert meta.title == "平成28年度北区運営方針"
    assert meta.updated_on == dt.date(2017, 6, 8)
    assert meta.page_id == "350991"
    assert meta.url == "https://www.city.osaka.lg.jp/kita/page/0000350991.html"
    assert [(a.title, a.url, a.format, a.size_bytes) for a in meta.attachments] == [
        (
            "様式1 全体像",
            # resolved against <base href>, not against the page URL (…/kita/page/)
            "https://www.city.osaka.lg.jp/kita/cmsfiles/contents/0000350/350991/youshiki1.pdf",
            "PDF",
            round(218.60 * 1024),
        ),
        (
            "様式1から3",
            "https://www.city.osaka.lg.jp/kita/cmsfiles/contents/0000350/350991/all.xlsx",
            "XLSX",
            round(1.05 * 1024 * 1024),
        ),
    ]
    assert meta.complete


def test_cms_metadata_fallbacks() -> None:
    html = (
        CMS_PAGE.replace(
            '<div class="page_num01"><p><span class="p_coler01">ページ番号：350991</span></p></div>', ""
        )
        .replace('<div id="sub_h1_box"><h1><span class="line">平成28年度北区運営方針</span></h1></div>', "")
        .replace(
            "<base href",
            "<link rel='canonical' href='https://www.city.osaka.lg.jp/kita/page/0000350992.html'><base href",
        )
    )
    meta = read_html(html.encode(), "kita.html").meta
    assert (
        meta.title == "平成28年度北区運営方針"
    )  # from <title>, without the site prefix and the category trail
    assert meta.url == "https://www.city.osaka.lg.jp/kita/page/0000350992.html"  # canonical before og:url
    assert meta.page_id == "350992"  # from the CMS page URL


def test_generic_pages_use_the_main_container_and_the_h1() -> None:
    html = page(
        "<header><p>サイト名</p></header><div id='breadcrumb'>ホーム</div>"
        "<h1>令和5年度 港北区運営方針</h1><nav><ul><li>メニュー</li></ul></nav>"
        "<main><p>本文</p><aside>関連</aside>"
        "<p><a href='files/plan.pdf'>計画書</a> <a href='other.html'>他のページ</a></p></main>"
        "<footer>フッター</footer>",
        head='<meta property="og:url" content="https://www.city.yokohama.lg.jp/kohoku/plan.html">'
        '<meta property="article:modified_time" content="2023-04-01T09:00:00+09:00">',
    )
    result = read_html(html.encode(), "y.html")
    assert [b.text for b in result.blocks] == ["令和5年度 港北区運営方針", "本文", "計画書 他のページ"]
    assert result.meta.title == "令和5年度 港北区運営方針"
    assert result.meta.updated_on == dt.date(2023, 4, 1)
    assert result.meta.page_id is None
    assert [(a.title, a.url, a.format) for a in result.meta.attachments] == [
        ("計画書", "https://www.city.yokohama.lg.jp/kohoku/files/plan.pdf", "PDF")
    ]


def test_relative_links_without_a_base_are_kept_as_written() -> None:
    meta = read_html(page("<main><a href='a.pdf'>資料(PDF形式, 1KB)</a></main>").encode(), "x").meta
    assert [(a.title, a.url, a.size_bytes) for a in meta.attachments] == [("資料", "a.pdf", 1024)]


# ---------------------------------------------------------------------- encodings

# characters all three encodings carry (〜 and ① are not round-trip safe across them; see below)
ENCODED_BODY = "<main><h1>令和3年度 旭区運営方針</h1><p>【区民の安全・安心を守る「まちづくり」】予算額 ５，２３７千円</p></main>"


def _expected() -> list[tuple[str, int, str]]:
    return shape(read_html(page(ENCODED_BODY).encode("utf-8"), "x").blocks)


@pytest.mark.parametrize(
    ("encoding", "charset_meta", "http_charset"),
    [
        ("utf-8", "", None),
        ("utf-8-sig", '<meta charset="Shift_JIS">', None),  # the BOM wins over a wrong declaration
        ("cp932", '<meta charset="Shift_JIS">', None),
        ("cp932", '<meta http-equiv="Content-Type" content="text/html; charset=x-sjis">', None),
        ("cp932", "", "Shift_JIS"),  # only the HTTP header says it
        ("cp932", '<meta charset="EUC-JP">', "Shift_JIS"),  # HTTP before <meta>
        ("euc_jp", '<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP" />', None),
        ("euc_jp", '<meta charset="euc-jp">', "utf-8"),  # a wrong HTTP charset that cannot decode
        ("euc_jp", "", None),  # no declaration at all: strict guessing
        ("cp932", "", None),
    ],
)
def test_pages_decode_in_every_encoding(encoding: str, charset_meta: str, http_charset: str | None) -> None:
    data = page(ENCODED_BODY, charset_meta=charset_meta).encode(encoding)
    result = read_html(data, "x.html", http_charset)
    assert shape(result.blocks) == _expected()
    assert not result.warnings


def test_xml_declaration_names_the_charset() -> None:
    data = ('<?xml version="1.0" encoding="EUC-JP"?>' + page(ENCODED_BODY, charset_meta="")).encode("euc_jp")
    assert shape(read_html(data, "x").blocks) == _expected()


def test_shift_jis_pages_are_read_as_cp932() -> None:
    """Pages labelled Shift_JIS really contain Windows characters (①, ㈱, ～)."""
    body = "<main><p>①地域福祉の推進 ㈱〇〇 ～</p></main>"
    data = page(body, charset_meta='<meta charset="Shift_JIS">').encode("cp932")
    assert [b.text for b in read_html(data, "x.html").blocks] == ["①地域福祉の推進 ㈱〇〇 ～"]


def test_a_broken_byte_in_a_declared_page_is_replaced_with_a_warning() -> None:
    data = page(ENCODED_BODY, charset_meta='<meta charset="Shift_JIS">').encode("cp932")
    data = data.replace("旭".encode("cp932"), b"\x85\x40")  # unassigned in cp932, invalid in EUC-JP and UTF-8
    result = read_html(data, "x.html")
    assert result.blocks[0].text == "令和3年度 \ufffd@区運営方針"  # the bad lead byte goes, "@" stays
    assert result.warnings == [
        Diagnostic(None, "1 undecodable byte sequence(s) in a cp932 page were replaced")
    ]


def test_undecodable_pages_fail_clearly() -> None:
    with pytest.raises(DecodeError) as err:
        read_html(b"<html><body>\x81\x00\x82\xff\xfe\x80" * 10 + b"</body></html>", "bad.html")
    assert err.value.source == "bad.html"


# ---------------------------------------------------------------------- malformed and hostile input


def test_unclosed_and_misnested_tags_still_give_the_text() -> None:
    html = "<html><body><div><p>一<p>二<ul><li>三<li>四</ul><b><i>五</b>六</i><table><tr><td>七<td>八"
    blocks = blocks_of(html)
    assert [b.text for b in blocks] == ["一", "二", "三", "四", "五六", "七 | 八"]
    assert blocks[-1].cells == ("七", "八")


def test_deeply_nested_tables() -> None:
    inner = "<table><tr><td>中身</td><td>末</td></tr></table>"
    for depth in range(40):
        inner = f"<table><tr><td>{depth}</td><td>{inner}</td></tr></table>"
    (row,) = blocks_of(page(inner))
    assert row.cells[0] == "39"
    assert row.cells[1].startswith("38 37 36")
    assert row.cells[1].endswith("1 0 中身 末")


def test_five_megabytes_of_nested_divs_parse_with_a_warning() -> None:
    data = b"<html><body>" + b"<div>" * (5 * 1024 * 1024 // 5) + "深い".encode() + b"</div>" * 1000
    data += "<p>その後の段落。</p></body></html>".encode()
    result = read_html(data, "deep.html")
    assert [b.text for b in result.blocks] == ["深い", "その後の段落。"]
    assert any("nested more than 512 levels" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    "junk",
    [
        b"\x00\x01\x02\x03\x04" * 2000,
        bytes(range(256)) * 40,
        b"PK\x03\x04" + bytes(range(32)) * 100,
    ],
)
def test_binary_junk_fails_with_a_clear_error(junk: bytes) -> None:
    with pytest.raises((CorruptDocument, DecodeError)) as err:
        read_html(junk, "junk.html")
    assert err.value.source == "junk.html"
    outcome = extract_bytes(junk, "junk.html", fmt="html")
    assert outcome.error is not None
    assert isinstance(outcome.error, (CorruptDocument, DecodeError))
    assert "internal error" not in str(outcome.error)


def test_an_empty_page_gives_no_blocks_and_says_so() -> None:
    result = read_html(b"", "empty.html")
    assert result.blocks == []
    assert result.warnings == [Diagnostic(None, "the page has no text")]


def test_a_cut_page_is_truncated_and_a_complete_one_is_not() -> None:
    data = (SAMPLES / "004_b1ed0f419b735238.html").read_bytes()
    complete = extract_bytes(data, "004.html")
    assert complete.records[0].truncated is False  # type: ignore[attr-defined]
    assert complete.records[0].url == "https://www.city.osaka.lg.jp/asahi/page/0000533715.html"  # type: ignore[attr-defined]
    cut_at = data.index("城北公園北西エリアについては".encode())
    cut = extract_bytes(data[:cut_at], "004.html")
    assert cut.error is None
    assert cut.records[0].truncated is True  # type: ignore[attr-defined]
    assert any("input ends mid-text" in w.message for w in cut.warnings)


# ---------------------------------------------------------------------- wiring


def test_html_is_sniffed_and_has_a_reader() -> None:
    data = (SAMPLES / "000_d74a2718fe52b5dd.html").read_bytes()
    assert sniff_format(data) == "html"
    assert get_reader("html") is read_html
    outcome = extract_bytes(data, "000.html")
    assert outcome.format == "html" and outcome.error is None
    assert {r.source.format for r in outcome.records} == {"html"}


def test_the_grammar_trusts_a_reader_that_saw_the_end() -> None:
    """``PageMeta.complete`` is the only way a reader can say a last line without a full stop is whole."""
    from extract.blocks import PageMeta
    from extract.formats.text import read_text
    from extract.layouts.base import LayoutContext
    from extract.layouts.policy import OSAKA, parse_policy
    from extract.models import ParserInfo

    text = "令和3年度 旭区運営方針\n【経営課題1 子育て】\n説明の途中で切れ"
    blocks = read_text(text.encode(), "x").blocks
    parser = ParserInfo(name="t", version="0")

    def truncated(meta: PageMeta) -> bool:
        context = LayoutContext(uri="x", sha256="0" * 64, format="html", identity="x", meta=meta)
        return parse_policy(blocks, context, parser, OSAKA).records[0].truncated  # type: ignore[attr-defined,no-any-return]

    assert truncated(PageMeta()) is True
    assert truncated(PageMeta(complete=True)) is False


def test_a_page_url_is_fetched_once_and_read_with_its_http_charset(monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import re

    from typer.testing import CliRunner

    from extract import fetch as fetch_module
    from extract.cli import app

    html = (SAMPLES / "004_b1ed0f419b735238.html").read_text(encoding="utf-8")
    html = re.sub(
        r'<\?xml[^>]*>|<meta http-equiv="Content-Type"[^>]*>|<meta property="og:url"[^>]*>', "", html
    )
    url = "https://www.city.osaka.lg.jp/asahi/page/0000533715.html"
    calls = []

    def fake_fetch(requested: str) -> fetch_module.Fetched:
        calls.append(requested)
        return fetch_module.Fetched(
            url=requested, content=html.encode("cp932"), content_type="text/html", charset="Shift_JIS"
        )

    monkeypatch.setattr(fetch_module, "fetch", fake_fetch)
    result = CliRunner().invoke(app, [url])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert calls == [url]
    doc = rows[0]
    assert (doc["title"], doc["url"], doc["page_id"]) == ("令和3年度 旭区運営方針", url, "533715")
    assert doc["source"]["uri"] == url and doc["source"]["format"] == "html"
    assert len(doc["attachments"]) == 5 and len([r for r in rows if r["type"] == "initiative"]) == 7


def test_the_nesting_limit_needs_memory_for_the_text_only() -> None:
    """Dropping 40,000 nested tags keeps nothing per tag (it used to keep a list of every one)."""
    import tracemalloc

    from extract.formats._html_guard import limit_nesting

    markup = "<div>" * 40_000 + "深い" + "</div>" * 40_000
    tracemalloc.start()
    try:
        out, dropped = limit_nesting(markup)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert dropped == 40_000 - 512
    assert out == "<div>" * 512 + "深い" + "</div>" * 512
    assert peak < len(markup) // 4


def test_a_tag_with_too_many_attributes_loses_the_rest_of_them() -> None:
    """lexbor compares each attribute with those before it: 200,000 attributes took a minute."""
    attributes = " ".join(f"data-a{i}=x" for i in range(5000))
    result = read_html(page(f'<p class="k" {attributes}>本文の段落。</p><p>次。</p>').encode(), "x.html")
    assert [b.text for b in result.blocks] == ["本文の段落。", "次。"]
    assert (
        Diagnostic(None, "1 tag(s) with more than 1000 attributes: the rest were ignored") in result.warnings
    )


def test_the_html_parser_giving_up_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from selectolax.lexbor import SelectolaxError

    import extract.formats.html as html_reader

    def refuse(text: str) -> None:
        raise SelectolaxError("Can't parse HTML.")

    monkeypatch.setattr(html_reader, "LexborHTMLParser", refuse)
    outcome = extract_bytes(page("<p>x</p>").encode(), "x.html")
    assert isinstance(outcome.error, CorruptDocument)
    assert (
        str(outcome.error) == "x.html: the HTML parser gave up on the page (too large for the memory limit?)"
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=12), st.integers(1, 40))
def test_the_long_stretch_check_never_misses_a_stretch(runs: list[tuple[int, bool]], length: int) -> None:
    """Whenever some stretch without ">" is longer than ``length``, the windowed check says maybe."""
    from extract.formats._html_guard import _long_stretch

    markup = "".join("x" * size + (">" if close else "") for size, close in runs)
    if max(map(len, markup.split(">"))) > length:
        assert _long_stretch(markup, length)


def test_a_deep_table_of_many_rows_never_holds_all_their_locators_at_once() -> None:
    """Each row's selector is spelt out when it is reached: 20,000 rows 300 levels deep once held
    20,000 selectors of 2 KB together (the hostile suite's nested tables ran out of memory)."""
    import tracemalloc

    rows = "<tr><td></td></tr>" * 20_000  # nothing to emit: what is held is the walk's own
    markup = page("<div>" * 300 + f"<table>{rows}</table>" + "</div>" * 300 + "<p>後の段落。</p>")
    tracemalloc.start()
    try:
        result = read_html(markup.encode(), "x.html")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [b.text for b in result.blocks] == ["後の段落。"]
    assert peak < 30 * 2**20  # 52 MiB when every row's selector was made up front; 15 MiB now
