"""Sakai City 組織運営方針 (区役所 pages).

A page has three headed parts: このような考え方で組織を運営します (the
chief's approach: policies), このように行財政改革に取り組みます (reform
items: a short line names one, sentences explain it) and 今年度は特に以下の
ことについて重点的に取り組みます (the year's priorities: issues).  The title
line is the office's name (``中区役所``); the year is often only in the URL
(``r3_soshikiuneihoshin/r3_nakaku.html``).
"""

from __future__ import annotations

from ...sites import SAKAI
from .common import DEFAULT_TITLE, Area, CityLayout, CitySpec, Section

__all__ = ["SakaiWardLayout"]


class SakaiWardLayout(CityLayout):
    """堺市 区役所 組織運営方針."""

    spec = CitySpec(
        profile=SAKAI,
        name="sakai-ward",
        version="1.0.0",
        description="Sakai City ward office 組織運営方針",
        sections=(
            Section(r"このような考え方で組織を運営します", Area.POLICIES),
            Section(r"このように行財政改革に取り組みます", Area.REFORM),
            Section(r"今年度は特に以下のことについて重点的に取り組みます", Area.ISSUES),
            Section(r"組織運営の基本的な考え方|区の使命", Area.POLICIES),
        ),
        title=rf"\S{{1,6}}区役所|{DEFAULT_TITLE}",
    )
