"""Japanese normalisation: table-driven cases and property-based round trips."""

from __future__ import annotations

import datetime as dt

import kanjize
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.eras import era_to_gregorian, find_fiscal_year, parse_date, resolve_era_less_year
from extract.japanese import clean_text, fold, parse_amount, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "reference", "year", "label"),
    [
        ("平成28年度北区運営方針", None, 2016, "平成28年度"),
        ("令和元年度 東淀川区運営方針", None, 2019, "令和元年度"),
        ("平成31年度北区運営方針", None, 2019, "平成31年度"),
        ("2019年度(平成31年度)淀川区運営方針(案)", None, 2019, "2019年度(平成31年度)"),
        ("2018年度 区運営の基本的な考え方", None, 2018, "2018年度"),
        ("令和８年度 都島区運営方針", None, 2026, "令和８年度"),
        ("【平成29度 区運営の基本的な考え方(区長の方針)】", None, 2017, "平成29度"),
        ("[28年度予算額 66,753千円]", 2016, 2016, "28年度"),
        ("(29年度14.4%)", 2019, 2017, "29年度"),
        ("【元年度】 40%", 2019, 2019, "元年度"),
        ("(2年度予算額)", 2020, 2020, "2年度"),
        ("R3~R5作成合計", None, 2021, "R3"),
        ("H30実績", None, 2018, "H30"),
    ],
)
def test_fiscal_years(text: str, reference: int | None, year: int, label: str) -> None:
    fy = find_fiscal_year(text, reference)
    assert fy is not None
    assert (fy.year, fy.label) == (year, label)


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("28年度予算額 66,753千円", 66_753_000),
        ("《5,237千円》", 5_237_000),
        ("(9,339千円)", 9_339_000),
        ("6千9百万円", 69_000_000),
        ("5千3百万円", 53_000_000),
        ("65百万円", 65_000_000),
        ("１，９７６千円", 1_976_000),
        ("1.5百万円", 1_500_000),
        ("3億円", 300_000_000),
        ("263千円", 263_000),
        ("46千円", 46_000),
        ("1,200円", 1_200),
    ],
)
def test_amounts(text: str, yen: int) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.yen == yen


@pytest.mark.parametrize("text", ["-", " - ", "－", "なし"])
def test_no_budget(text: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.yen is None


@pytest.mark.parametrize("text", ["単位:千円", "予算額", "取組の推進", ""])
def test_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("40%", 40.0, "%", None),
        ("85%以上", 85.0, "%", "以上"),
        ("（２地域）", 2.0, "地域", None),
        ("(6回以上)", 6.0, "回", "以上"),
        ("10,000世帯以上", 10_000.0, "世帯", "以上"),
        ("86.20%", 86.2, "%", None),
        ("4件", 4.0, "件", None),
        ("受験率100%", 100.0, "%", None),
    ],
)
def test_quantities(text: str, value: float, unit: str, qualifier: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2017年6月8日", dt.date(2017, 6, 8)),
        ("(平成28年10月7日)", dt.date(2016, 10, 7)),
        ("令和元年10月4日", dt.date(2019, 10, 4)),
        ("２０２１年１０月８日", dt.date(2021, 10, 8)),
    ],
)
def test_dates(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


# ---------------------------------------------------------------- properties

ERAS = [("平成", 1989, 2019), ("令和", 2019, 2100)]


@given(st.sampled_from(ERAS).flatmap(lambda e: st.tuples(st.just(e[0]), st.integers(1, e[2] - e[1] + 1))))
def test_era_year_round_trip(era_year: tuple[str, int]) -> None:
    era, n = era_year
    start = {"平成": 1989, "令和": 2019}[era]
    written = "元" if n == 1 else str(n)
    fy = find_fiscal_year(f"{era}{written}年度")
    assert fy is not None and fy.year == start + n - 1
    assert era_to_gregorian(era, n) == start + n - 1


@given(st.integers(2013, 2040), st.integers(-3, 3))
def test_era_less_years_resolve_near_the_document(doc_year: int, offset: int) -> None:
    """``NN年度`` in a document of year Y means the era year closest to Y."""
    year = doc_year + offset
    era_start = 2019 if year >= 2019 else 1989
    n = year - era_start + 1
    assert resolve_era_less_year(n, doc_year) == year


@given(st.integers(0, 10**12))
def test_kanji_numerals_round_trip(n: int) -> None:
    assert parse_number(kanjize.number2kanji(n)) == n


@given(st.integers(0, 10**9))
def test_thousand_yen_amounts(n: int) -> None:
    text = f"{n:,}千円"
    assert parse_amount(text).yen == n * 1000  # type: ignore[union-attr]
    wide = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789,"})
    assert parse_amount(wide).yen == n * 1000  # type: ignore[union-attr]


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text())
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert "  " not in once and once == once.strip()


@given(st.floats(0, 100, allow_nan=False).map(lambda f: round(f, 2)))
def test_percentages(value: float) -> None:
    q = parse_quantity(f"{value}%")
    assert q is not None and q.value == pytest.approx(value) and q.unit == "%"
