"""Every layout variant seen across wards and years, as small documents.

Each case is the smallest page that shows one variant; the grammar must read
it without any rule keyed to a ward or a year.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract import extract_bytes
from extract.layouts.policy.classify import classify
from extract.layouts.policy.kinds import Kind
from extract.output import record_dict
from extract.sites import SITES

HEAD = "令和4年度北区運営方針\n2023年6月9日\nページ番号:564838\n"
FOOT = "\n探している情報が見つからない\n"


def parse(body: str, head: str = HEAD, foot: str = FOOT) -> dict[str, dict]:
    outcome = extract_bytes((head + body + foot).encode("utf-8"), "case.txt", "case.txt")
    assert outcome.error is None, outcome.error
    out: dict[str, dict] = {}
    for r in outcome.records:
        d = record_dict(r)
        out["document" if d["type"] == "document" else d["id"].split("/", 1)[1]] = d
    out["_warnings"] = {"messages": [w.message for w in outcome.warnings]}
    return out


# ----------------------------------------------------------------- section labels


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("【区の目標(何をめざすのか)】", Kind.GOALS),
        ("区の目標(何をめざすのか)", Kind.GOALS),
        ("‹区の目標(何をめざすのか)>", Kind.GOALS),
        ("<区の目標(何をめざすのか)>", Kind.GOALS),
        ("【目標(何をめざすのか)】", Kind.GOALS),
        ("【区・局の目標(何をめざすのか)】", Kind.GOALS),
        ("東淀川区の目標(何をめざすのか)", Kind.GOALS),
        ("【区の目標(何をめざすのか】", Kind.GOALS),
        ("  • 区の目標(何をめざすのか)", Kind.GOALS),
        ("【区の使命(どのような役割を担うのか)】", Kind.MISSIONS),
        ("使命(どのような役割を担うのか)", Kind.MISSIONS),
        ("区の使命", Kind.MISSIONS),
        ("(区長の方針)", Kind.POLICIES),
        ("(区の方針)", Kind.POLICIES),
        ("【令和8年度 所属運営の基本的な考え方(区長の方針)】", Kind.POLICIES),
        ("【令和4年度 区・局運営の基本的な考え方(区・局長の方針)】", Kind.POLICIES),
        ("区政運営の基本的な考え方", Kind.POLICIES),
        ("令和3年度 区の運営方針の基本的な考え方(区の方針)", Kind.POLICIES),
        (
            "【平成25年度 区運営の基本的な考え方(何に重点的に取り組むのかなど、選択と集中の方針を示す)】",
            Kind.POLICIES,
        ),
        ("平成25年度 東淀川区運営の基本的な考え方", Kind.POLICIES),
        ("【平成29度 区運営の基本的な考え方(区長の方針)】", Kind.POLICIES),
        ("1 重点的に取り組む主な経営課題 (様式2)", Kind.ISSUES_SECTION),
        ("【重点的に取り組む主な経営課題(様式2)】", Kind.ISSUES_SECTION),
        ("重点的に取り組む経営課題", Kind.ISSUES_SECTION),
        ("「市政改革プラン3.0」に基づく取組等", Kind.REFORM_SECTION),
        ("2 現行の「市政改革の基本方針」に基づく取組等(様式3)", Kind.REFORM_SECTION),
        ("課題認識", Kind.SUMMARY_LABEL),
        ("【課題認識】", Kind.SUMMARY_LABEL),
        ("経営課題の概要", Kind.SUMMARY_LABEL),
        ("(概要)", Kind.SUMMARY_LABEL),
        ("主な戦略(課題解決の方策)", Kind.STRATEGIES_LABEL),
        ("【主な戦略】", Kind.STRATEGIES_LABEL),
        ("主な具体的取組(25年度予算額)", Kind.INITIATIVES_LABEL),
        ("アウトカム指標", Kind.OUTCOME_LABEL),
        ("アウトカム指標の達成状況(定量評価)", Kind.OUTCOME_STATUS_LABEL),
        ("<令和5年度実績と達成状況>", Kind.STATUS_YEAR),
        ("<前年度実績>", Kind.STATUS_PREVIOUS),
        ("関連するSDGs 11住み続けられるまちづくりを", Kind.SDGS),
        ("主なSDGsゴール 目標1 目標3", Kind.SDGS),
        ("◆自己評価", Kind.EVALUATION),
        # not labels
        ("「目標」「使命」及び「所属運営の基本的な考え方」", Kind.TEXT),
        ("(目標)", Kind.TEXT),
    ],
)
def test_section_labels(label: str, kind: Kind) -> None:
    assert classify(label).kind is kind


# ----------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("line", "code", "title"),
    [
        ("【経営課題1】 子育て層が住みたいまちづくり", "1", "子育て層が住みたいまちづくり"),
        ("【経営課題 1】 「安全・安心のまちづくり」", "1", "安全・安心のまちづくり"),
        ("【経営課題1 子育て・教育環境の一層の充実】", "1", "子育て・教育環境の一層の充実"),
        ("【経営課題1:地域コミュニティの活性化】", "1", "地域コミュニティの活性化"),
        ("経営課題1【地域コミュニティの活性化】", "1", "地域コミュニティの活性化"),
        ("≪経営課題2≫ 人と物の集うまち", "2", "人と物の集うまち"),
        ("《経営課題2》人と物の集うまち", "2", "人と物の集うまち"),
        ("経営課題 1 市民と連携した快適なまちづくりの推進", "1", "市民と連携した快適なまちづくりの推進"),
        ("経営課題1 安全・安心なまちづくり", "1", "安全・安心なまちづくり"),
        ("経営課題１　安全・安心なまちづくり", "1", "安全・安心なまちづくり"),
        ("経営課題1-(1)地域コミュニティの活性化", "1-(1)", "地域コミュニティの活性化"),
    ],
)
def test_issue_headings(line: str, code: str, title: str) -> None:
    tok = classify(line)
    assert tok.kind is Kind.ISSUE
    assert tok.code == code
    rows = parse(f"重点的に取り組む主な経営課題\n{line}\n概要の文。\n")
    assert rows[f"issue/{code}"]["title"] == title


@pytest.mark.parametrize(
    ("line", "code", "title"),
    [
        ("【戦略1-1 地域防災】", "1-1", "地域防災"),
        ("戦略1-1 防災のまちづくり", "1-1", "防災のまちづくり"),
        ("主な戦略1-1 災害に強いまちづくり", "1-1", "災害に強いまちづくり"),
        ("【1-1 子育て支援の充実】", "1-1", "子育て支援の充実"),
        ("【1-1】地域活動協議会による自律的な地域運営", "1-1", "地域活動協議会による自律的な地域運営"),
        ("<1-1 安全・安心なまちづくり>", "1-1", "安全・安心なまちづくり"),
        ("【戦略1-1:「地域の力」の向上】", "1-1", "「地域の力」の向上"),
        ("【戦略1-1】 東住吉ゆめ応援プロジェクトの充実", "1-1", "東住吉ゆめ応援プロジェクトの充実"),
        ("主な戦略【1-2 地域福祉の推進】", "1-2", "地域福祉の推進"),
        ("【戦略１－１　地域防災】", "1-1", "地域防災"),
    ],
)
def test_strategy_headings(line: str, code: str, title: str) -> None:
    rows = parse(f"重点的に取り組む主な経営課題\n【経営課題1】 課題\n{line}\n戦略の説明。\n")
    assert rows[f"strategy/{code}"]["title"] == title
    assert rows[f"strategy/{code}"]["issue_number"] == 1
    assert rows[f"strategy/{code}"]["description"] == "戦略の説明。"


def test_strategy_heading_alone_then_description() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】 課題\n【戦略1-2】\n地域の防災意識を高めるため、訓練を実施する。\n"
    )
    s = rows["strategy/1-2"]
    assert s["title"] is None
    assert s["description"] == "地域の防災意識を高めるため、訓練を実施する。"


def test_unnumbered_strategy_in_brackets() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】 地域コミュニティ\n【主な戦略 地域活動協議会による自律的な地域運営の向上】\n- 支援を行う。\n"
    )
    assert rows["strategy/1:1"]["title"] == "地域活動協議会による自律的な地域運営の向上"
    assert rows["strategy/1:1"]["code"] is None


@pytest.mark.parametrize(
    ("lines", "code", "title", "budgets"),
    [
        (
            "【具体的取組1-1-1 地域活動の活性化支援】\n説明。 [28年度予算額 66,753千円]",
            "1-1-1",
            "地域活動の活性化支援",
            [("予算額", 2022 - 6, 66_753_000)],
        ),
        ("【具体的取組2-3-1コミュニティの支援】\n説明。", "2-3-1", "コミュニティの支援", []),
        (
            "【具体的取組1-1-2】 中学生海外派遣の推進 《5,237千円》\n説明",
            "1-1-2",
            "中学生海外派遣の推進",
            [("予算額", 2022, 5_237_000)],
        ),
        (
            "具体的取組1-1-1 自助の取組みの推進(4年度予算額)\n区民の防災意識の醸成を図る。(1,976千円)",
            "1-1-1",
            "自助の取組みの推進",
            [("予算額", 2022, 1_976_000)],
        ),
        (
            "主な具体的取組(4年度予算額)\n【1-1-1 防災力の強化】 [ 8,620千円 ]\n説明。",
            "1-1-1",
            "防災力の強化",
            [("予算額", 2022, 8_620_000)],
        ),
        (
            "【1-1-1 「重大虐待ゼロ」をめざす取組】(9,339千円)\n説明。",
            "1-1-1",
            "「重大虐待ゼロ」をめざす取組",
            [("予算額", 2022, 9_339_000)],
        ),
        (
            "【1-1-1 防災対策】\n説明。\n[算定見込額 263千円]",
            "1-1-1",
            "防災対策",
            [("算定見込額", 2022, 263_000)],
        ),
        (
            "【1-1-1 防災対策】\n説明。\n令和3年度決算額 6千9百万円 / 令和4年度予算額 5千3百万円",
            "1-1-1",
            "防災対策",
            [("決算額", 2021, 69_000_000), ("予算額", 2022, 53_000_000)],
        ),
        ("【1-1-1 地域防災】(4年度予算額 -)\n説明。", "1-1-1", "地域防災", [("予算額", 2022, None)]),
    ],
)
def test_initiatives_and_budgets(lines: str, code: str, title: str, budgets: list[tuple]) -> None:
    body = f"重点的に取り組む主な経営課題\n【経営課題1】 課題\n【戦略1-1 戦略】\n{lines}\n"
    if code.startswith("2-3"):
        body = f"重点的に取り組む主な経営課題\n【経営課題2】 課題\n【戦略2-3 戦略】\n{lines}\n"
    rows = parse(body)
    initiative = rows[f"initiative/{code}"]
    assert initiative["title"] == title
    assert [(b["kind"], b["fiscal_year"], b["amount_yen"]) for b in initiative["budgets"]] == budgets
    assert "千円" not in (initiative["description"] or "")


def test_unnumbered_initiative_with_budget_label_inside_brackets() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】 地域コミュニティ\n【主な戦略 地域運営の向上】\n- 支援。\n"
        "【主な具体的取組(4年度予算額) 地域活動の支援(77,800千円)】\n- 意見交換会を開く。\n"
    )
    i = rows["initiative/1:1"]
    assert (i["title"], i["code"], i["strategy_code"]) == ("地域活動の支援", None, None)
    assert [(b["kind"], b["fiscal_year"], b["amount_yen"], b["inferred"]) for b in i["budgets"]] == [
        ("予算額", 2022, 77_800_000, False)
    ]


def test_unnumbered_initiatives_under_their_label() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】 安全\n主な具体的取組(4年度予算額)\n・地域防災力の向上(24,254千円)\n"
    )
    i = rows["initiative/1:1"]
    assert i["title"] == "地域防災力の向上"
    assert i["budgets"][0]["amount_yen"] == 24_254_000


def test_issue_budget_on_the_heading() -> None:
    rows = parse(
        "重点的に取り組む経営課題\n【経営課題1】安全・安心のまち(7年度予算額65百万円)\n課題認識\n備えが必要。\n"
    )
    issue = rows["issue/1"]
    assert issue["title"] == "安全・安心のまち"
    assert [(b["kind"], b["fiscal_year"], b["amount_yen"]) for b in issue["budgets"]] == [
        ("予算額", 2025, 65_000_000)
    ]


def test_per_issue_budget_lines() -> None:
    rows = parse(
        "重点的に取り組む経営課題\n【経営課題1】安全\n課題認識\n備え。\n令和3年度決算額 6千9百万円 / 令和4年度予算額 5千3百万円\n"
    )
    assert [(b["kind"], b["fiscal_year"], b["amount_yen"]) for b in rows["issue/1"]["budgets"]] == [
        ("決算額", 2021, 69_000_000),
        ("予算額", 2022, 53_000_000),
    ]


# ----------------------------------------------------------------- R5+ format


R5_PAGE = """【目標(何をめざすのか)】
区民が元気なまち
【使命(どのような役割を担うのか)】
防災力を強化する
【令和5年度 所属運営の基本的な考え方(区の方針)】
4分野を重点的な経営課題と位置づける
重点的に取り組む主な経営課題
【経営課題1】防災・減災
課題認識
支援する必要がある
主な戦略(課題解決の方策)
・避難計画の作成を促進・支援する
アウトカム指標
・避難計画を作成した世帯の数(避難計画作成世帯数)10,000世帯以上(R3~R5作成合計目標)
アウトカム指標の達成状況(定量評価)
<令和5年度実績と達成状況>
・5年度作成世帯数4,722世帯(R3~R5作成合計10,488世帯):A
<前年度実績>
・1,766世帯
関連するSDGs 11住み続けられるまちづくりを 13気候変動に具体的な対策を
"""


def test_r5_format() -> None:
    rows = parse(R5_PAGE, head="令和5年度此花区運営方針\n2024年6月10日\nページ番号:596263\n")
    doc = rows["document"]
    assert (doc["goals"], doc["missions"]) == (["区民が元気なまち"], ["防災力を強化する"])
    issue = rows["issue/1"]
    assert (issue["title"], issue["summary"], issue["sdgs"]) == ("防災・減災", "支援する必要がある", [11, 13])
    assert rows["strategy/1:1"]["description"] == "避難計画の作成を促進・支援する"
    ind = rows["issue/1/indicator/1"]
    assert ind["kind"] == "アウトカム指標"
    assert ind["text"] == "避難計画を作成した世帯の数(避難計画作成世帯数)"
    assert (ind["target_value"], ind["unit"], ind["target_qualifier"], ind["target_fiscal_year"]) == (
        10_000.0,
        "世帯",
        "以上",
        2023,
    )
    assert (ind["actual_value"], ind["grade"], ind["achieved"], ind["achieved_basis"]) == (
        10_488.0,
        "A",
        True,
        "grade",
    )
    assert (ind["baseline_value"], ind["baseline_fiscal_year"]) == (1_766.0, 2022)


def test_process_targets_in_initiative_bullets() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】防災・減災\n【戦略1-1 防災・減災】\n・作成を支援する。\n"
        "【具体的取組1-1-1 わが家の避難プランの作成支援】\n・重点地域を選定する(2地域)\n・啓発・相談会を実施(6回以上)\n"
    )
    a, b = rows["initiative/1-1-1/indicator/1"], rows["initiative/1-1-1/indicator/2"]
    assert (a["text"], a["target_value"], a["unit"]) == ("重点地域を選定する", 2.0, "地域")
    assert (b["target_value"], b["unit"], b["target_qualifier"]) == (6.0, "回", "以上")


# ----------------------------------------------------------------- titles, drafts, renderings


@pytest.mark.parametrize(
    ("title", "ward", "year", "status"),
    [
        ("平成30年度生野区度運営方針", "生野区", 2018, "final"),
        ("2019年度(平成31年度)淀川区運営方針(案)", "淀川区", 2019, "draft"),
        ("平成27年度 都島区運営方針(素案)", "都島区", 2015, "draft"),
        ("令和元年度 東淀川区運営方針", "東淀川区", 2019, "final"),
        ("令和８年度　天王寺区運営方針（案）", "天王寺区", 2026, "draft"),
    ],
)
def test_titles(title: str, ward: str, year: int, status: str) -> None:
    doc = parse("【区の目標(何をめざすのか)】\nまち\n", head=f"{title}\n")["document"]
    assert (doc["ward"], doc["fiscal_year"], doc["status"], doc["city"]) == (ward, year, status, "大阪市")


def test_two_renderings_of_the_same_page_agree() -> None:
    bullets = "ページの先頭です\nメニューの終端です。\n\n令和4年度北区運営方針\n\n2023年6月9日\n\nページ番号:564838\n\n【区の目標(何をめざすのか)】\n\n  • まち一\n  • まち二\n\n重点的に取り組む主な経営課題\n\n【経営課題1】 地域\n\n  • 必要がある。\n"
    compact = "令和4年度北区運営方針\n2023年6月9日\nページ番号:564838\n【区の目標(何をめざすのか)】\n- まち一\n- まち二\n重点的に取り組む主な経営課題\n【経営課題1】 地域\n- 必要がある。\n"
    a = parse(bullets, head="", foot=FOOT)
    b = parse(compact, head="", foot=FOOT)
    strip = lambda rows: {
        k: {f: v for f, v in r.items() if f not in ("id", "doc_id", "source")} for k, r in rows.items()
    }
    assert strip(a) == strip(b)
    assert a["document"]["goals"] == ["まち一", "まち二"]


# ----------------------------------------------------------------- truncation


def test_truncated_heading_is_left_out_with_a_warning() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】 地域\n主な具体的取組(25年度予算額)\n【1-1-1 防災力の強化】 [",
        foot="",
    )
    assert "initiative/1-1-1" not in rows
    assert rows["document"]["truncated"] is True
    assert any("ends inside a heading" in m for m in rows["_warnings"]["messages"])


def test_truncated_title_is_never_half() -> None:
    rows = parse("重点的に取り組む経営課題\n経営課題1 健康で安心し", foot="")
    assert "issue/1" not in rows


def test_truncated_amount_is_never_wrong() -> None:
    rows = parse(
        "重点的に取り組む主な経営課題\n【経営課題1】 地域\n【戦略1-1 戦略】\n【具体的取組1-1-1 取組】\n説明。\n[28年度予算額 66,7",
        foot="",
    )
    assert rows["initiative/1-1-1"]["budgets"] == []
    assert rows["initiative/1-1-1"]["description"] == "説明。"


def test_truncated_list_item_is_left_out() -> None:
    rows = parse("【区の目標(何をめざすのか)】\n  • 安全なまち\n  • 区民満足度が高", foot="")
    assert rows["document"]["goals"] == ["安全なまち"]


# ----------------------------------------------------------------- other cities and bureaus


@pytest.mark.parametrize(
    ("page", "city", "ward"),
    [
        (
            "令和6年度 港北区運営方針\n横浜市港北区役所\n【経営課題1】 防災\n防災に取り組む。\n",
            "横浜市",
            "港北区",
        ),
        ("令和6年度 横浜市港北区運営方針\n【経営課題1】 防災\n防災に取り組む。\n", "横浜市", "港北区"),
        (
            "令和6年度 北区運営方針\n京都市北区役所では、京都市の方針のもと\n【経営課題1】 防災\n防災に取り組む。\n",
            "京都市",
            "北区",
        ),
        ("令和6年度 堺区運営方針\n堺市堺区役所\n【経営課題1】 防災\n防災に取り組む。\n", "堺市", "堺区"),
        (
            "令和6年度 博多区運営方針\n福岡市博多区\n【経営課題1】 防災\n防災に取り組む。\n",
            "福岡市",
            "博多区",
        ),
    ],
)
def test_other_cities_never_get_an_osaka_ward(page: str, city: str | None, ward: str) -> None:
    outcome = extract_bytes(page.encode(), "other.txt", "other.txt")
    assert outcome.error is None
    doc = record_dict(outcome.records[0])
    assert doc["ward"] == ward
    # the ward's slug is its own city's (sites.py), never an Osaka ward's
    site = next(s for s in SITES if s.name == city)
    assert doc["ward_slug"] == site.wards[ward]
    assert outcome.layout != "osaka-ward"
    if city is not None:
        assert doc["city"] == city
    assert doc["city"] != "大阪市"
    assert doc["fiscal_year"] == 2024
    issues = [record_dict(r) for r in outcome.records if r.type == "issue"]
    assert [(i["number"], i["title"]) for i in issues] == [(1, "防災")]


def test_an_osaka_bureau_page_has_no_ward() -> None:
    page = (
        "令和5年度 こども青少年局運営方針\n2023年4月1日\nページ番号:123456\n"
        "【局の目標(何をめざすのか)】\nこどもが輝くまち\n"
        "【令和5年度 局運営の基本的な考え方(局長の方針)】\n市政改革プランに基づき取り組む。\n"
        "重点的に取り組む主な経営課題\n【経営課題1】 子育て支援\n【戦略1-1 相談体制】\n説明。\n"
    )
    outcome = extract_bytes(page.encode(), "bureau.txt", "bureau.txt")
    doc = record_dict(outcome.records[0])
    assert (doc["ward"], doc["ward_slug"], doc["organization"], doc["city"]) == (
        None,
        None,
        "こども青少年局",
        "大阪市",
    )
    assert doc["goals"] == ["こどもが輝くまち"]
    assert doc["policies"] == ["市政改革プランに基づき取り組む。"]
    assert any(r.type == "strategy" for r in outcome.records)


def test_plan_sheet_form() -> None:
    sheet = (
        "平成30年度 大正区事業・業務計画書\n取 組 番 号\n事業名\n作成年月日・担当\n63\n学習支援サポーターの派遣\n"
        "平成30年4月1日\n保健福祉課\n目的\n(事業の背景を含む)\n基礎学力の向上を図る。\n内容\n・学習サポートを行う。\n"
        "予算額(予算科目)\n6,583千円\n委託関係\nあり\n"
    )
    rows = parse("", head=sheet, foot="")
    i = rows["initiative/63"]
    assert (i["code"], i["title"]) == ("63", "学習支援サポーターの派遣")
    assert i["description"] == "基礎学力の向上を図る。\n学習サポートを行う。"
    assert [(b["kind"], b["fiscal_year"], b["amount_yen"]) for b in i["budgets"]] == [
        ("予算額", 2018, 6_583_000)
    ]
    assert rows["document"]["ward"] == "大正区"


def test_other_vocabulary_numbered_headings() -> None:
    page = (
        "令和6年度 港北区運営方針\n横浜市港北区役所\n基本目標\n誰もが安心して暮らせるまち\n"
        "【重点取組1 防災・減災の推進】\n地域防災拠点の訓練を支援する。\n"
        "【施策1-1 地域防災力の向上】\n訓練を支援する。\n"
        "【重点取組2】 子育て支援\n相談体制を充実する。\n"
    )
    outcome = extract_bytes(page.encode(), "yokohama.txt", "yokohama.txt")
    rows = [record_dict(r) for r in outcome.records]
    issues = [(r["number"], r["label"], r["title"]) for r in rows if r["type"] == "issue"]
    assert issues == [(1, "重点取組", "防災・減災の推進"), (2, "重点取組", "子育て支援")]
    strategies = [(r["code"], r["label"], r["title"]) for r in rows if r["type"] == "strategy"]
    assert strategies == [("1-1", "施策", "地域防災力の向上")]
    doc = rows[0]
    assert (doc["city"], doc["ward"], doc["ward_slug"]) == ("横浜市", "港北区", "kohoku")


def test_numbered_words_in_osaka_pages_stay_text() -> None:
    rows = parse("重点的に取り組む主な経営課題\n【経営課題1】 地域\n【重点1 見守り】\n見守りを行う。\n")
    assert [k for k in rows if k.startswith("issue/")] == ["issue/1"]
    assert "【重点1 見守り】" in rows["issue/1"]["summary"] or "重点1 見守り" in rows["issue/1"]["summary"]


# ----------------------------------------------------------------- R5+ strategies, counters, sub-headings, nesting


def _rows(page: str) -> list[dict[str, Any]]:
    outcome = extract_bytes(page.encode(), "variant.txt", "variant.txt")
    assert outcome.error is None
    return [record_dict(r) for r in outcome.records]


_R5_HEAD = (
    "令和6年度 北区運営方針\n【区の目標(何をめざすのか)】\n安心して暮らせるまち\n"
    "重点的に取り組む主な経営課題\n経営課題1 防災・減災\n課題認識\n災害への備えが十分でない世帯がある。\n"
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "1-1 地域防災力の向上\n1-2 避難所運営の支援\n",
            [("1-1", "地域防災力の向上"), ("1-2", "避難所運営の支援")],
        ),
        ("1-1:地域防災力の向上\n", [("1-1", "地域防災力の向上")]),
        (
            "・地域防災力の向上\n・避難所運営の支援\n",
            [(None, "地域防災力の向上"), (None, "避難所運営の支援")],
        ),
        ("地域防災力の向上\n", [(None, "地域防災力の向上")]),
        (
            "・世帯ごとの避難計画の作成を支援する。\n",
            [(None, "世帯ごとの避難計画の作成を支援する")],
        ),
    ],
)
def test_strategies_under_the_r5_label(lines: str, expected: list[tuple[str | None, str]]) -> None:
    """主な戦略(課題解決の方策) lists strategies by code without brackets, as bullets, or as statements;
    none becomes a strategy without a title or one whose title starts with its code."""
    rows = _rows(_R5_HEAD + "主な戦略(課題解決の方策)\n" + lines + "アウトカム指標\n参加者数 100人以上\n")
    strategies = [(r["code"], r["title"]) for r in rows if r["type"] == "strategy"]
    assert strategies == expected


def test_an_initiative_code_under_the_strategies_label() -> None:
    rows = _rows(_R5_HEAD + "主な戦略(課題解決の方策)\n1-1 地域防災力の向上\n1-1-1 防災訓練の支援\n以上\n")
    initiatives = [(r["code"], r["strategy_code"], r["title"]) for r in rows if r["type"] == "initiative"]
    assert initiatives == [("1-1-1", "1-1", "防災訓練の支援")]


@pytest.mark.parametrize("line", ["【区政運営の3本柱】", "【重点4つの柱】", "【取組5か所】"])
def test_a_number_with_a_counter_is_no_heading(line: str) -> None:
    """3本柱, 4つの柱: a quantity in the text, never the number of an issue heading."""
    page = (
        f"令和6年度 港北区運営方針\n横浜市港北区役所\n{line}\n防災に取り組む。\n"
        "【重点取組1 防災】\n訓練を支援する。\n【重点取組2 子育て】\n相談を受ける。\n"
    )
    issues = [(r["number"], r["title"]) for r in _rows(page) if r["type"] == "issue"]
    assert issues == [(1, "防災"), (2, "子育て")]


def test_a_sub_heading_in_the_policies_is_no_item() -> None:
    page = (
        "令和6年度 北区運営方針\n【区長の方針】\n【重点的な取組】\n・防災を進める。\n・子育てを支える。\n"
        "重点的に取り組む主な経営課題\n【経営課題1】 防災\n防災に取り組む。\n"
    )
    rows = _rows(page)
    assert rows[0]["policies"] == ["防災を進める。", "子育てを支える。"]
    assert [(r["number"], r["title"]) for r in rows if r["type"] == "issue"] == [(1, "防災")]


@pytest.mark.parametrize(
    ("lines", "levels"),
    [
        (
            "• 区民の安全を守る\n  ・防災訓練\n  ・防犯\n• まちの魅力を高める\n",
            [(1, None), (2, 0), (2, 0), (1, None)],
        ),
        (
            "● 区民の安全を守る\n- 防災訓練\n● まちの魅力を高める\n- 情報発信\n",
            [(1, None), (2, 0), (1, None), (2, 2)],
        ),
        ("区民の安全を守る\nまちの魅力を高める\n", [(1, None), (1, None)]),
    ],
)
def test_nested_mission_bullets_keep_their_nesting(lines: str, levels: list[tuple[int, int | None]]) -> None:
    page = f"令和6年度 北区運営方針\n【区の使命(どのような役割を担うのか)】\n{lines}【区長の方針】\n防災を進める。\n"
    doc = _rows(page)[0]
    assert [(i["level"], i["parent"]) for i in doc["mission_items"]] == levels
    assert [i["text"] for i in doc["mission_items"]] == doc["missions"]
