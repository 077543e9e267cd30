"""``budgets.jsonl``: every budget figure of the merged issues and initiatives as one row.

Records nest their figures (``budgets[]``), and one owner may carry several for
one year (西区 2-4-2: 予算額 and 区CM予算額), so a naive sum counts some money
twice.  The long table flattens them and marks with ``in_total`` the one
figure per owner that sums to its budget for the policy's year: the first
予算額 of that year, else the first figure of that year of any other kind.  A
figure for another year (a previous year's 決算額 quoted beside this year's
budget) never counts, so a per-ward, per-year total is one ``GROUP BY``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..vocab import OwnerType
from .tables import BudgetLine

__all__ = ["MAIN_KIND", "budget_lines"]

MAIN_KIND = "予算額"


def _counted(budgets: list[Mapping[str, Any]], year: int | None) -> int | None:
    """Index of the figure that counts toward the owner's total, or None.

    >>> b = [{"kind": "予算額", "fiscal_year": 2017}, {"kind": "区CM予算額", "fiscal_year": 2017}]
    >>> _counted(b, 2017), _counted(b[1:], 2017), _counted(b, 2018)
    (0, 0, None)
    >>> _counted([{"kind": "決算額", "fiscal_year": 2015}, {"kind": "予算額", "fiscal_year": None}], 2016)
    1
    """
    of_year = [i for i, b in enumerate(budgets) if year is None or b.get("fiscal_year") in (year, None)]
    main = [i for i in of_year if budgets[i].get("kind") == MAIN_KIND]
    if main:
        return main[0]
    return of_year[0] if of_year else None


def budget_lines(
    owner: Mapping[str, Any], owner_type: OwnerType, policy_year: int | None
) -> list[BudgetLine]:
    """The rows of one (merged) issue or initiative record."""
    budgets: list[Mapping[str, Any]] = list(owner.get("budgets") or [])
    counted = _counted(budgets, policy_year)
    return [
        BudgetLine(
            id=f"{owner['id']}/budget/{n}",
            policy_id=owner.get("policy_id"),
            owner_id=owner["id"],
            owner_type=owner_type,
            fiscal_year=b.get("fiscal_year"),
            kind=b.get("kind"),
            amount_yen=b.get("amount_yen"),
            text=b.get("text") or "",
            inferred=bool(b.get("inferred")),
            in_total=n - 1 == counted,
        )
        for n, b in enumerate(budgets, 1)
    ]
