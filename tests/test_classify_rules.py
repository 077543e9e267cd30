"""The classification rule table: its order is explicit, and the lines whose kind depends on it are pinned.

Each precedence case is a line that more than one rule reads; the assertion
is both the kind it gets and that the losing rules would indeed have read
it, so reordering the table (or loosening a pattern) shows up here first.
"""

from __future__ import annotations

import pytest

from extract.layouts.policy.classify import RULES, classify, matching_rules
from extract.layouts.policy.kinds import Kind

ORDER = [
    "boilerplate",
    "footer",
    "date",
    "page_id",
    "chief",
    "goals",
    "missions",
    "policies",
    "issues_section",
    "outcome_status_label",
    "outcome_label",
    "summary_label",
    "strategies_label",
    "status_previous",
    "evaluation",
    "plan_mark",
    "reform_header",
    "marked_section",
    "status_year",
    "initiatives_label",
    "issue",
    "initiative",
    "strategy",
    "initiative_unnumbered",
    "strategy_unnumbered",
    "reform_section",
    "reform_item",
    "sdgs",
    "attachment",
    "notice",
    "caption",
    "numbered",
    "bracket_title",
]


def test_rule_order_is_the_documented_one() -> None:
    assert [rule.name for rule in RULES] == ORDER


def test_rules_are_named_once_and_say_why() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.why.strip() for rule in RULES)


def test_every_kind_but_text_comes_from_a_rule() -> None:
    produced = {kind for rule in RULES for kind in rule.kinds}
    assert produced == set(Kind) - {Kind.TEXT}


# (line, every rule that reads it in table order, the kind the first one gives)
PRECEDENCE = [
    ("【経営課題1】 子育て層が住みたい", ["issue", "numbered", "bracket_title"], Kind.ISSUE),
    ("・【経営課題1】 子育て", ["issue", "numbered", "bracket_title"], Kind.ISSUE),
    (
        "【具体的取組1-1-1 地域活動の活性化支援】",
        ["initiative", "numbered", "bracket_title"],
        Kind.INITIATIVE,
    ),
    ("【1-1-1】 地域活動", ["initiative", "bracket_title"], Kind.INITIATIVE),
    ("【戦略1-1 豊かなコミュニティづくり】", ["strategy", "numbered", "bracket_title"], Kind.STRATEGY),
    ("【1-1】 地域活動", ["strategy", "bracket_title"], Kind.STRATEGY),
    (
        "【取組項目1】国民健康保険料の収納率向上",
        ["reform_item", "numbered", "bracket_title"],
        Kind.REFORM_ITEM,
    ),
    ("【施策1-1 地域防災力の向上】", ["numbered", "bracket_title"], Kind.NUMBERED),
    ("【区の目標(何をめざすのか)】", ["goals", "bracket_title"], Kind.GOALS),
    ("【区の使命(どのような役割を担うのか)】", ["missions", "bracket_title"], Kind.MISSIONS),
    ("【令和2年度 区運営の基本的な考え方(区長の方針)】", ["policies", "bracket_title"], Kind.POLICIES),
    ("【重点的に取り組む主な経営課題(様式2)】", ["issues_section", "bracket_title"], Kind.ISSUES_SECTION),
    ("【アウトカム指標】", ["outcome_label", "bracket_title"], Kind.OUTCOME_LABEL),
    ("【課題認識】", ["summary_label", "bracket_title"], Kind.SUMMARY_LABEL),
    ("【主な戦略】", ["strategies_label", "bracket_title"], Kind.STRATEGIES_LABEL),
    ("【平成30年度実績】", ["status_year", "bracket_title"], Kind.STATUS_YEAR),
    (
        "【主な具体的取組(4年度予算額)】",
        ["initiatives_label", "initiative_unnumbered", "bracket_title"],
        Kind.INITIATIVES_LABEL,
    ),
    (
        "【主な具体的取組(4年度予算額) 地域活動の支援(77,800千円)】",
        ["initiative_unnumbered", "bracket_title"],
        Kind.INITIATIVE,
    ),
    ("【主な戦略 地域運営の向上】", ["strategy_unnumbered", "bracket_title"], Kind.STRATEGY),
    (
        "様式2 重点的に取り組む主な経営課題(PDF形式, 1.05MB)",
        ["attachment", "caption"],
        Kind.ATTACHMENT,
    ),
    ("【様式2】 重点的に取り組む主な経営課題", ["caption", "bracket_title"], Kind.CAPTION),
]


@pytest.mark.parametrize(("line", "rules", "kind"), PRECEDENCE, ids=[c[0] for c in PRECEDENCE])
def test_precedence(line: str, rules: list[str], kind: Kind) -> None:
    assert matching_rules(line) == rules
    assert len(rules) > 1, "a precedence case must be read by more than one rule"
    assert classify(line).kind is kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("◆区の目標 みんなが住みたいまち", Kind.GOALS),  # the marked label keeps its content as rest
        ("◆自己評価", Kind.EVALUATION),
        ("ページ番号:564838", Kind.PAGE_ID),
        ("ただの文章です。", Kind.TEXT),
    ],
)
def test_single_rule_lines(line: str, kind: Kind) -> None:
    assert classify(line).kind is kind
    assert len(matching_rules(line)) == (0 if kind is Kind.TEXT else 1)


def test_marked_section_keeps_label_and_content() -> None:
    token = classify("◆区の目標 みんなが住みたいまち")
    assert (token.label, token.rest) == ("区の目標", "みんなが住みたいまち")
