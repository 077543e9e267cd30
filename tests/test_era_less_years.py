"""An era-less year (``28年度``) without the document's year resolves by a fixed rule, never by the clock."""

from __future__ import annotations

import datetime as dt

import pytest

import extract.eras as eras
from extract.eras import find_fiscal_year, resolve_era_less_year
from extract.layouts.policy.identity import parse_title


class _FrozenDate(dt.date):
    """A ``date`` whose ``today()`` is set by the test."""

    frozen = dt.date(2037, 6, 1)

    @classmethod
    def today(cls) -> _FrozenDate:
        return cls(cls.frozen.year, cls.frozen.month, cls.frozen.day)


@pytest.fixture(params=[dt.date(2013, 4, 1), dt.date(2026, 12, 1), dt.date(2037, 6, 1), dt.date(2060, 1, 1)])
def clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The clock set to another day, in the module and in :mod:`datetime` itself."""
    _FrozenDate.frozen = request.param
    monkeypatch.setattr(eras._dt, "date", _FrozenDate)
    monkeypatch.setattr(dt, "date", _FrozenDate)
    return request.param


@pytest.mark.parametrize(
    ("title", "fiscal_year"),
    [
        ("28年度 北区運営方針", 2016),  # 平成28, not 令和28 (2046)
        ("24年度 北区運営方針", 2012),  # the first year of the ward policies
        ("31年度 北区運営方針", 2019),
        ("32年度 北区運営方針", 2020),  # written for 2020 before the era changed
        ("元年度 北区運営方針", 2019),
        ("3年度 旭区運営方針", 2021),  # 令和3
        ("23年度 旭区運営方針", 2041),
    ],
)
def test_title_year_does_not_move_with_the_clock(clock: dt.date, title: str, fiscal_year: int) -> None:
    assert parse_title(title).fiscal_year == fiscal_year


def test_bare_year_without_a_reference_uses_the_fixed_pivot(clock: dt.date) -> None:
    assert [resolve_era_less_year(n, None) for n in (1, 5, 23, 24, 29, 40)] == [
        2019,
        2023,
        2041,
        2012,
        2017,
        2028,
    ]
    fy = find_fiscal_year("(29年度予算額 -)")
    assert fy is not None and fy.year == 2017


def test_a_reference_still_wins_over_the_rule() -> None:
    # 24年度 in a document about 令和23年度 (2041) is 令和24 (2042), not 平成24
    assert resolve_era_less_year(24, 2041) == 2042
    assert resolve_era_less_year(29, 2019) == 2017
