"""The dataset's own sanity checks, reported as warnings with the record's locator.

A parse can be formally valid and still wrong: a budget read as 6,009,000,000円,
a percentage of 140, a target year ten years away, two initiatives both coded
1-1-1.  These checks do not change records; they point a reviewer at them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .diagnostics import Diagnostic
from .models import DocumentRecord, IndicatorRecord, InitiativeRecord, IssueRecord, Record, StrategyRecord

__all__ = ["MAX_PLAUSIBLE_YEN", "YEAR_WINDOW", "check_records"]

MAX_PLAUSIBLE_YEN = 100_000_000_000
"""A single ward item above 1,000億円 is a misread amount."""
YEAR_WINDOW = 6
"""Years a budget or target may lie from the document's own fiscal year."""


def check_records(records: Sequence[Record]) -> list[Diagnostic]:
    """Warnings for implausible values in one document's records.

    >>> from extract import extract_path
    >>> check_records(extract_path("samples/000_d74a2718fe52b5dd.txt").records)
    []
    """
    warnings: list[Diagnostic] = []
    doc = next((r for r in records if isinstance(r, DocumentRecord)), None)
    doc_year = doc.fiscal_year if doc else None

    def warn(record: Record, message: str) -> None:
        warnings.append(Diagnostic(record.source.locator, f"{record.id.split('/', 1)[-1]}: {message}"))

    def check_year(record: Record, year: int | None, what: str) -> None:
        if year is not None and doc_year is not None and abs(year - doc_year) > YEAR_WINDOW:
            warn(record, f"{what} {year} is far from the document's fiscal year {doc_year}")

    codes: Counter[tuple[str, str]] = Counter()
    for record in records:
        if isinstance(record, IssueRecord | InitiativeRecord):
            for budget in record.budgets:
                if budget.amount_yen is not None and budget.amount_yen < 0:
                    warn(record, f"negative budget {budget.text!r}")
                elif budget.amount_yen is not None and budget.amount_yen > MAX_PLAUSIBLE_YEN:
                    warn(record, f"implausible budget {budget.text!r} = {budget.amount_yen} yen")
                check_year(record, budget.fiscal_year, "budget year")
        if isinstance(record, IssueRecord | StrategyRecord | InitiativeRecord) and record.code:
            codes[(record.type, record.code)] += 1
            if codes[(record.type, record.code)] == 2:
                warn(record, f"{record.type} code {record.code} appears more than once in the document")
        if isinstance(record, IndicatorRecord):
            if record.unit == "%":
                for name in ("target_value", "baseline_value", "actual_value"):
                    value = getattr(record, name)
                    if value is not None and not 0 <= value <= 100:
                        warn(record, f"{name} {value}% is outside 0-100")
            check_year(record, record.target_fiscal_year, "target year")
            check_year(record, record.baseline_fiscal_year, "baseline year")
    return warnings
