"""The HTML samples give the records of their text versions, and the real CMS page gives only metadata.

``samples/*.html`` are the seeds 000, 002 and 004 written in the markup of the
city's CMS.  Everything a record says about the document must be the same
whichever version is read; only provenance differs: ``source``, ``parser``,
the document's ``url`` and its attachments' ``url`` (the text has no links),
the locators of its revisions, and the hash part of the ids (it hashes the file name).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES
from extract import extract_bytes, extract_path
from extract.output import record_dict
from helpers import of_type, records

PAIRS = ["000_d74a2718fe52b5dd", "002_e3f0c9fdb4967de5", "004_b1ed0f419b735238"]


def without_provenance(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        row = dict(row)
        doc_id = row["doc_id"]
        anonymous = doc_id.rsplit("-", 1)[0] + "-#"
        for key in ("id", "doc_id", "owner_id"):
            if key in row:
                row[key] = row[key].replace(doc_id, anonymous)
        del row["source"], row["parser"]
        if row["type"] == "document":
            del row["url"]
            row["attachments"] = [{k: v for k, v in a.items() if k != "url"} for a in row["attachments"]]
            row["revisions"] = [{k: v for k, v in r.items() if k != "locator"} for r in row["revisions"]]
        out.append(row)
    return out


@pytest.mark.parametrize("stem", PAIRS)
def test_html_and_text_versions_give_the_same_records(stem: str) -> None:
    text_rows = records(SAMPLES / f"{stem}.txt")
    html_rows = records(SAMPLES / f"{stem}.html")
    assert len(of_type(text_rows, "issue")) >= 4  # the comparison is about real content
    assert without_provenance(html_rows) == without_provenance(text_rows)
    assert {r["source"]["format"] for r in html_rows} == {"html"}
    assert all(r["source"]["locator"].startswith("#") for r in html_rows)


def test_html_samples_carry_page_urls_and_attachment_links() -> None:
    kita, asahi = (records(SAMPLES / f"{stem}.html")[0] for stem in (PAIRS[0], PAIRS[2]))
    assert kita["url"] == "https://www.city.osaka.lg.jp/kita/page/0000350991.html"
    assert asahi["url"] == "https://www.city.osaka.lg.jp/asahi/page/0000533715.html"
    assert [a["url"] for a in asahi["attachments"]][:2] == [
        "https://www.city.osaka.lg.jp/asahi/cmsfiles/contents/0000533/533715/r3_youshiki1.pdf",
        "https://www.city.osaka.lg.jp/asahi/cmsfiles/contents/0000533/533715/r3_youshiki2.pdf",
    ]
    assert asahi["goals"] == [] and asahi["missions"] == []  # images on the page: nothing to read


def test_the_real_cms_page_gives_its_metadata_and_no_policy_items(reference_dir: Path) -> None:
    path = reference_dir / "osaka_ictsenryakushitsu_page_0000684546.html"
    outcome = extract_path(path)
    assert outcome.error is None
    assert [r.type for r in outcome.records] == ["document"]
    doc = record_dict(outcome.records[0])
    assert doc["title"] == "大阪市CXサービスデザイン推進事業に係る情報提供について"
    assert doc["updated_on"] == "2026-07-30"
    assert doc["page_id"] == "684546"
    assert doc["url"] == "https://www.city.osaka.lg.jp/ictsenryakushitsu/page/0000684546.html"
    assert doc["attachments"] == [
        {
            "title": "01_実施要領",
            "url": "https://www.city.osaka.lg.jp/ictsenryakushitsu/cmsfiles/contents/0000684/684546/01_youryou5.pdf",
            "format": "PDF",
            "size_bytes": round(877.40 * 1024),
        },
        {
            "title": "02_大阪市CXサービスデザイン推進事業(RFI)参加申込書",
            "url": "https://www.city.osaka.lg.jp/ictsenryakushitsu/cmsfiles/contents/0000684/684546/02_moushikomisho.xlsx",
            "format": "XLSX",
            "size_bytes": round(11.82 * 1024),
        },
    ]
    assert (doc["ward"], doc["goals"], doc["policies"], doc["truncated"]) == (None, [], [], False)
    messages = [w.message for w in outcome.warnings]
    assert any("no policy layout was recognised" in m for m in messages)


def test_the_real_cms_page_loses_its_template(reference_dir: Path) -> None:
    data = (reference_dir / "osaka_ictsenryakushitsu_page_0000684546.html").read_bytes()
    outcome = extract_bytes(data, "ref.html", keep_blocks=True)
    texts = [b.text for b in outcome.blocks]
    assert texts[0] == "大阪市CXサービスデザイン推進事業に係る情報提供について"
    assert "参加申込等" in texts and "01_実施要領(PDF形式, 877.40KB)" in texts
    assert texts[-5:] == [
        "このページの作成者・問合せ先",
        "大阪市デジタル統括室DX推進担当DX推進グループ",
        "住所: 〒530-8201 大阪市北区中之島1丁目3番20号（大阪市役所地下2階）",
        "電話: 06-6208-7645",
        "ファックス: 050-3737-2976",
    ]
    page_text = "\n".join(texts)
    for furniture in (
        "ページの先頭です",
        "メニューの終端です",
        "共通メニュー",
        "文字サイズ",
        "トップページ",
        "入札・契約のお知らせ",  # breadcrumbs
        "探している情報が見つからない",
        "クリエイティブコモンズ",
        "CC-BY",
        "Adobe",
        "別ウィンドウで開く",
        "オープンデータ",
        "大阪市総合コールセンター",
        "Copyright",
    ):
        assert furniture not in page_text, furniture
    assert outcome.records[0].updated_on == dt.date(2026, 7, 30)  # type: ignore[attr-defined]
