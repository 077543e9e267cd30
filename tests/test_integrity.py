"""Integrity checks flag implausible values without changing records."""

from __future__ import annotations

from extract import extract_bytes

HEAD = "令和4年度北区運営方針\n重点的に取り組む主な経営課題\n【経営課題1】 地域\n【戦略1-1 戦略】\n"
FOOT = "探している情報が見つからない\n"


def messages(body: str) -> list[str]:
    outcome = extract_bytes((HEAD + body + FOOT).encode(), "x.txt")
    assert outcome.error is None
    return [w.message for w in outcome.warnings]


def test_clean_document_has_no_integrity_warnings() -> None:
    assert messages("【具体的取組1-1-1 取組】\n説明。(4年度予算額 1,000千円)\n") == []


def test_implausible_budget() -> None:
    found = messages("【具体的取組1-1-1 取組】\n説明。(4年度予算額 999,999,999千円)\n")
    assert any("implausible budget" in m and "initiative/1-1-1" in m for m in found)


def test_budget_year_far_from_the_document() -> None:
    found = messages("【具体的取組1-1-1 取組】\n説明。(平成10年度予算額 1,000千円)\n")
    assert any("budget year 1998" in m for m in found)


def test_percentage_outside_range() -> None:
    body = "アウトカム指標\n・満足している区民の割合 140%以上\n"
    assert any("outside 0-100" in m for m in messages(body))


def test_duplicate_codes() -> None:
    body = "【具体的取組1-1-1 取組】\n説明。\n【具体的取組1-1-1 別の取組】\n説明。\n"
    assert any("initiative code 1-1-1 appears more than once" in m for m in messages(body))
