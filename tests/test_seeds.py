"""The five seed documents, item by item: every value the project was created from.

These assertions are written from reading the seeds; the golden dataset in
``output/`` pins everything else byte for byte.
"""

from __future__ import annotations

from conftest import SAMPLES
from helpers import by_local_id, of_type, records

SEED_000 = SAMPLES / "000_d74a2718fe52b5dd.txt"
SEED_001 = SAMPLES / "001_6f05623d10d2c3a2.txt"
SEED_002 = SAMPLES / "002_e3f0c9fdb4967de5.txt"
SEED_003 = SAMPLES / "003_4529f3860fd45dd0.txt"
SEED_004 = SAMPLES / "004_b1ed0f419b735238.txt"


def budgets(record: dict) -> list[tuple]:
    return [(b["kind"], b["fiscal_year"], b["amount_yen"]) for b in record["budgets"]]


def test_000_kita_h28_page() -> None:
    rows = by_local_id(records(SEED_000))
    doc = rows["document"]
    assert (doc["city"], doc["ward"], doc["ward_slug"]) == ("大阪市", "北区", "kita")
    assert (doc["fiscal_year"], doc["fiscal_year_label"], doc["status"]) == (2016, "平成28年度", "final")
    assert doc["title"] == "平成28年度北区運営方針"
    assert doc["updated_on"] == "2017-06-08"
    assert doc["page_id"] == "350991"
    assert doc["goals"][0] == "安全、安心で、誰もが住みたいまち" and len(doc["goals"]) == 3
    assert len(doc["missions"]) == 3 and len(doc["policies"]) == 5
    # unbracketed issue headings
    assert [rows[f"issue/{n}"]["title"] for n in range(1, 5)] == [
        "大きな公共を担う活力ある地域社会づくり",
        "誰もが安全で安心して暮らせるまちづくり",
        "現役世代への重点投資",
        "自律した自治体型の区政運営",
    ]
    assert rows["strategy/2-2"]["title"] == "地域防災"
    assert rows["strategy/2-2"]["issue_number"] == 2
    # no space between code and title
    cs = rows["initiative/2-3-1"]
    assert (
        cs["title"]
        == "コミュニティソーシャルワーカー(CSW)の配置等による地域での福祉コミュニティづくりの支援体制構築"
    )
    assert cs["strategy_code"] == "2-3"
    # budget at the end of a long line, and after bullets
    assert budgets(rows["initiative/1-1-1"]) == [("予算額", 2016, 66_753_000)]
    assert rows["initiative/1-1-1"]["budgets"][0]["text"] == "28年度予算額 66,753千円"
    assert "[28年度" not in rows["initiative/1-1-1"]["description"]
    assert budgets(rows["initiative/2-2-1"]) == [("予算額", 2016, 11_056_000)]
    # nested parentheses stay in the title
    assert rows["initiative/3-1-2"]["title"] == "学校教育活動支援事業(快適な学習環境を整えるための取組)"
    # 「市政改革の基本方針」 items
    reforms = of_type(list(rows.values()), "reform_item")
    assert [r["title"] for r in reforms] == ["区庁舎の維持管理経費の削減", "国民健康保険料収納対策"]
    assert {r["plan"] for r in reforms} == {"市政改革の基本方針"}
    assert len(reforms[1]["actions"]) == 5


def test_001_nishi_h29_draft_form() -> None:
    rows = by_local_id(records(SEED_001))
    doc = rows["document"]
    assert (doc["ward"], doc["fiscal_year"], doc["status"]) == ("西区", 2017, "draft")
    assert doc["ward_chief"] == "高野 賢"
    assert doc["goals"] == ["ひとが輝き、ぬくもりとうるおいに満ちたまち「きらきら、ぽかぽか。西区」の実現"]
    assert (
        doc["missions"][0]
        == "区民が自分たちのまちの問題を解決し、絆づくりを進めるために行う様々な地域活動の総合的な支援"
    )
    assert len(doc["policies"]) == 2
    # several strategies in one table cell
    assert rows["strategy/2-1"]["title"] == "安心して子育てができる環境づくり"
    assert rows["strategy/2-4"]["title"] == "誰もが自分らしくいきいきと暮らせるまちづくり"
    assert rows["strategy/3-3"]["issue_number"] == 3
    assert rows["issue/1"]["summary"].startswith("「自らの地域のことは自らが決める」")
    # (29年度予算額 -) is no budget; a second (区CM) budget
    none = rows["initiative/4-2-2"]["budgets"]
    assert none == [
        {
            "amount_yen": None,
            "text": "29年度予算額 -",
            "kind": "予算額",
            "fiscal_year": 2017,
            "inferred": False,
        }
    ]
    assert budgets(rows["initiative/2-4-2"]) == [
        ("予算額", 2017, 13_667_000),
        ("区CM予算額", 2017, 13_738_000),
    ]
    assert budgets(rows["initiative/3-2-1"]) == [("予算額", 2017, 46_000)]
    assert rows["initiative/1-1-1"]["description"].startswith("自律的な地域運営を推進するため")
    reforms = of_type(list(rows.values()), "reform_item")
    assert [r["title"] for r in reforms] == ["未収金対策の強化", "PDCAサイクルの徹底"]
    assert reforms[0]["plan"] == "市政改革プラン2.0"


def test_002_higashisumiyoshi_r2_page() -> None:
    rows = by_local_id(records(SEED_002))
    doc = rows["document"]
    assert (doc["ward"], doc["ward_slug"], doc["fiscal_year"], doc["page_id"]) == (
        "東住吉区",
        "higashisumiyoshi",
        2020,
        "501795",
    )
    assert doc["goals"] == ["子どもが輝き、みんながしあわせなまち~ゆめ・だんらん・ひがしすみよし~"]
    assert rows["issue/5"]["title"] == "区民と共に創るまちづくりの推進"
    assert rows["strategy/1-1"]["title"] == "東住吉ゆめ応援プロジェクトの充実"
    assert rows["strategy/1-1"]["description"].startswith("区内の地域資源と連携しながら")
    i = rows["initiative/1-1-2"]
    assert i["title"] == "中学生海外派遣の推進"
    assert i["budgets"] == [
        {
            "amount_yen": 5_237_000,
            "text": "5,237千円",
            "kind": "予算額",
            "fiscal_year": 2020,
            "inferred": True,
        }
    ]
    assert rows["initiative/2-1-2"]["title"] == "地域の防災力強化(共助)"
    reforms = of_type(list(rows.values()), "reform_item")
    assert [(r["number"], r["title"]) for r in reforms] == [
        (1, "国民健康保険料の収納率向上"),
        (2, "次代を担う職員の育成"),
        (3, "働きやすい職場環境づくり"),
    ]
    assert reforms[0]["plan"] == "市政改革プラン3.0"
    assert reforms[0]["actions"][1] == "差押予告の送付、滞納処分の強化"


def test_003_chuo_r1_reform_form() -> None:
    rows = by_local_id(records(SEED_003))
    doc = rows["document"]
    assert (doc["ward"], doc["ward_slug"], doc["fiscal_year"]) == ("中央区", "chuo", 2019)
    reforms = of_type(list(rows.values()), "reform_item")
    assert [r["number"] for r in reforms] == [1, 2, 3, 4, 5]
    assert reforms[0]["title"] == "地域社会における住民自治の仕組みづくり"
    assert reforms[0]["purpose"].startswith("コミュニティ豊かな地域社会を実現するため")
    assert reforms[0]["overview"].startswith("多様な活動主体が")
    assert reforms[0]["results"][0] == "地域特性に即した地域カルテを更新 (1回)"
    assert reforms[0]["challenges"].startswith("区広報紙等で地域活動協議会の活動紹介を行う")
    main = rows["reform/1/indicator/1"]
    assert main["text"] == "地域活動協議会を知っている区民の割合"
    assert (main["target_value"], main["unit"], main["target_fiscal_year"]) == (40.0, "%", 2019)
    assert (main["baseline_value"], main["baseline_fiscal_year"]) == (14.4, 2017)
    assert main["actual_value"] == 28.9
    assert main["achieved"] is False
    count = rows["reform/1/indicator/5"]  # 【元年度 4件】 (29年度1件)
    assert (count["target_value"], count["unit"], count["baseline_value"]) == (4.0, "件", 1.0)
    assert count["context"] == "その他市政改革プラン2.0(区政編)に関する目標"
    # 令和元年度収納率 86.20% 参考平成30年度実績85.96%
    rate = rows["reform/4/indicator/1"]
    assert (rate["text"], rate["target_value"], rate["baseline_value"], rate["baseline_fiscal_year"]) == (
        "収納率",
        86.2,
        85.96,
        2018,
    )
    assert rate["actual_value"] == 85.96 and rate["achieved"] is False
    assert reforms[3]["achieved"] is False and reforms[3]["achieved_basis"] == "computed"
    assert reforms[1]["achieved"] is True
    assert reforms[3]["challenges"].startswith("今回、収納率の目標")
    assert rows["reform/2/indicator/1"]["actual_value"] == 85.0


def test_004_asahi_r3_page() -> None:
    rows = by_local_id(records(SEED_004))
    doc = rows["document"]
    assert (doc["ward"], doc["fiscal_year"], doc["updated_on"], doc["page_id"]) == (
        "旭区",
        2021,
        "2021-10-08",
        "533715",
    )
    # goals and missions are an image on the real page: empty, not garbage
    assert doc["goals"] == [] and doc["missions"] == []
    assert len(doc["policies"]) == 8
    assert rows["issue/1"]["title"] == "子育て・教育環境の一層の充実"
    assert rows["strategy/1-1"]["title"] == "子育て支援の充実"
    assert rows["initiative/1-1-1"]["title"] == "「重大虐待ゼロ」をめざす取組"
    assert budgets(rows["initiative/1-1-1"]) == [("予算額", 2021, 9_339_000)]
    assert rows["initiative/1-1-1"]["budgets"][0]["inferred"] is False  # from 主な具体的取組(令和3年度予算額)
    assert rows["initiative/3-1-1"]["title"] == "地域活動協議会による自律的な地域運営の促進(改革の柱4-1)"
    assert [a["size_bytes"] for a in doc["attachments"]] == [
        round(218.60 * 1024),
        round(1.05 * 1024 * 1024),
        round(144.14 * 1024),
        round(78.66 * 1024),
        round(652.01 * 1024),
    ]
    assert doc["attachments"][4]["format"] == "XLSX"
    reforms = of_type(list(rows.values()), "reform_item")
    assert [r["title"] for r in reforms] == ["効果的・効率的な区政運営", "ニア・イズ・ベターの徹底"]
