"""Niigata City 区長マニフェスト.

マニフェスト (the chief's approach: policies) ends by announcing the year's
重点取組 (``以下の4つの取組を重点的に実施します``) and listing them (``1.``:
issues); each is then detailed under its number (``1 …を目指します。``) with
現状(課題) (its summary) and 目標 (its targets).  The ward's future image is
named in the text (``区の将来像『…』``: the goal).
"""

from __future__ import annotations

from ...sites import NIIGATA
from .common import Area, CityLayout, CitySpec, Role, Section
from .lines import Marker

__all__ = ["NiigataWardLayout"]


class NiigataWardLayout(CityLayout):
    """新潟市 区長マニフェスト."""

    spec = CitySpec(
        profile=NIIGATA,
        name="niigata-ward",
        version="1.0.0",
        description="Niigata City ward 区長マニフェスト",
        sections=(
            Section(r"マニフェスト|区長マニフェスト", Area.POLICIES),
            Section(r"重点取組|重点的な取組", Area.ISSUES),
        ),
        outline={Marker.NUMBER: Role.ISSUE, Marker.PAREN: Role.INITIATIVE, Marker.BULLET: Role.INITIATIVE},
    )
