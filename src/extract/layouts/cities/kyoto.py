"""Kyoto City 区運営方針 (the announcement page and the plan itself).

The plan states the year's 重点方針 (policies) and 重点取組 (issues, numbered
``1`` / ``(1)``) derived from the ward's 区基本計画 (its 目指すまちの姿: goals);
the announcement page (``平成31年度中京区運営方針を策定しました``) gives the
title, date and page number before the chief's message.
"""

from __future__ import annotations

from ...sites import KYOTO
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["KyotoWardLayout"]


class KyotoWardLayout(CityLayout):
    """京都市 区運営方針."""

    spec = CitySpec(
        profile=KYOTO,
        name="kyoto-ward",
        version="1.0.0",
        description="Kyoto City ward 区運営方針",
        sections=(
            Section(r"(?:\S{0,6}区の)?(?:目指す|めざす)(?:まちの)?姿|\S{0,6}区の将来像", Area.GOALS),
            Section(r"(?:区運営の)?重点方針|区運営の基本方針", Area.POLICIES),
            Section(r"(?:主な)?重点取組(?:項目)?|重点的に取り組む(?:施策|事業)", Area.ISSUES),
            Section(r".{1,8}区長からのメッセージ|.{0,8}区運営方針とは", Area.OTHER),
        ),
        outline={Marker.NUMBER: Role.ISSUE, Marker.PAREN: Role.INITIATIVE, Marker.DIAMOND: Role.INITIATIVE},
    )
