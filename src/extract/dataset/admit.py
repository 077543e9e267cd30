"""From a parse outcome to a source's state: its published lines, or why it is withheld.

Shared by ``extract -o`` (local files and URLs) and the batch engine, so that
both publish the same checked lines into the same shape of folder.
"""

from __future__ import annotations

from .._exceptions import ExtractError, RecordInvalid
from ..models import OUTPUT_FILES
from ..output import record_line
from ..pipeline import Outcome
from .state import SourceState
from .validate import check_lines

__all__ = ["error_dict", "state_of"]


def error_dict(exc: ExtractError, stage: str) -> dict[str, str | None]:
    """A failure as a manifest keeps it: stage, error class, message, locator."""
    return {"stage": stage, "error": type(exc).__name__, "message": exc.message, "locator": exc.locator}


def state_of(state: SourceState, outcome: Outcome) -> SourceState:
    """``state`` (what is known of the source: URL, kind, fetch facts) completed with ``outcome``.

    A parse error fails the source (stage ``parse``); a record that fails
    validation, or lines that fail the published-line checks, reject it;
    otherwise its records become output lines in the canonical order.
    """
    state.format = outcome.format
    state.sha256 = state.sha256 or outcome.sha256
    state.parser = (
        {"name": outcome.layout, "version": outcome.layout_version or ""} if outcome.layout else None
    )
    state.warnings = [{"locator": w.locator, "message": w.message} for w in outcome.warnings]
    state.coverage = outcome.coverage
    if isinstance(outcome.error, RecordInvalid):
        state.status = "rejected"
        state.reject = {"reason": outcome.error.message, "record_id": None, "locator": outcome.error.locator}
    elif outcome.error is not None:
        state.status = "failed"
        state.error = error_dict(outcome.error, "parse")
    else:
        lines = {t: [record_line(r) for r in outcome.records if r.type == t] for t in OUTPUT_FILES}
        lines = {t: rows for t, rows in lines.items() if rows}
        problem = check_lines(lines)
        if problem is not None:
            state.status = "rejected"
            state.reject = problem.as_dict()
        else:
            state.status = "parsed"
            state.records = lines
    return state
