"""The walk: one pass over the classified segments, each handed to the handler of its kind.

:data:`HANDLERS` maps every :class:`~..kinds.Kind` to the function that takes
lines of that kind; it is checked complete when this module is imported, so a
new kind without a handler fails at once instead of costing a document at run
time.  The driver itself only sequences the work (identity and truncation
first, the 事業・業務計画書 sheet, the walk, the final roll-ups) and keeps the
claim account that becomes the layout's coverage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ...base import Diagnostic
from ..classify import classify
from ..identity import CityProfile
from ..kinds import Kind, Token
from ..plan_sheet import read_plan_sheet
from ..segments import Segment
from ..tree import DocTree
from . import issue_labels, issues, preamble, reform, sections, text
from .state import Reader

__all__ = ["HANDLERS", "Grammar", "GrammarResult", "Handler", "check_handlers"]

Handler = Callable[[Reader, Segment, Token], None]
"""Takes one segment of its kind: updates the tree and the cursor, claims or excludes the segment."""

HANDLERS: Mapping[Kind, Handler] = MappingProxyType(
    {
        Kind.TEXT: text.on_text,
        Kind.BOILERPLATE: sections.on_boilerplate,
        Kind.FOOTER: sections.on_footer,
        Kind.DATE: sections.on_date,
        Kind.PAGE_ID: sections.on_page_id,
        Kind.CHIEF: sections.on_chief,
        Kind.NOTICE: sections.on_notice,
        Kind.CAPTION: sections.on_caption,
        Kind.ATTACHMENT: sections.on_attachment,
        Kind.GOALS: sections.on_goals,
        Kind.MISSIONS: sections.on_missions,
        Kind.POLICIES: sections.on_policies,
        Kind.ISSUES_SECTION: sections.on_issues_section,
        Kind.EVALUATION: sections.on_evaluation,
        Kind.PLAN_MARK: sections.on_plan_mark,
        Kind.ISSUE: issues.on_issue,
        Kind.STRATEGY: issues.on_strategy,
        Kind.INITIATIVE: issues.on_initiative,
        Kind.NUMBERED: issues.on_numbered,
        Kind.BRACKET_TITLE: issues.on_bracket_title,
        Kind.SUMMARY_LABEL: issue_labels.on_summary_label,
        Kind.STRATEGIES_LABEL: issue_labels.on_strategies_label,
        Kind.INITIATIVES_LABEL: issue_labels.on_initiatives_label,
        Kind.OUTCOME_LABEL: issue_labels.on_outcome_label,
        Kind.OUTCOME_STATUS_LABEL: issue_labels.on_outcome_status_label,
        Kind.STATUS_YEAR: issue_labels.on_status_year,
        Kind.STATUS_PREVIOUS: issue_labels.on_status_previous,
        Kind.SDGS: issue_labels.on_sdgs,
        Kind.REFORM_SECTION: reform.on_reform_section,
        Kind.REFORM_HEADER: reform.on_reform_header,
        Kind.REFORM_ITEM: reform.on_reform_item,
    }
)
"""The handler of every kind of line."""


def check_handlers(table: Mapping[Kind, Handler]) -> None:
    """Raise ``TypeError`` unless every :class:`Kind` has a handler in ``table``."""
    missing = [kind.name for kind in Kind if kind not in table]
    if missing:
        raise TypeError(f"no grammar handler for kind(s): {', '.join(missing)}")


check_handlers(HANDLERS)

_PREAMBLE_FIELDS = frozenset({Kind.DATE, Kind.PAGE_ID, Kind.CHIEF})


@dataclass(slots=True)
class GrammarResult:
    """The tree, the warnings and the coverage of one document."""

    tree: DocTree
    warnings: list[Diagnostic]
    claimed_chars: int
    total_chars: int
    unclaimed: list[tuple[str, str]]


class Grammar:
    """Reads segments into a :class:`DocTree`.

    ``profile`` names the city whose wards may be recognised (None: city-neutral);
    ``url`` is where the document came from, as evidence of its city;
    ``complete`` says the reader knows the input is whole (no truncation check).
    """

    def __init__(
        self,
        segments: Sequence[Segment],
        profile: CityProfile | None,
        url: str | None = None,
        complete: bool = False,
    ) -> None:
        tokens = [classify(s.text) for s in segments]
        self.reader = Reader(segments, profile, tokens, url, complete)

    def run(self) -> GrammarResult:
        """Read the document: identity, truncation, the plan sheet, the walk, the roll-ups."""
        r = self.reader
        preamble.identify(r)
        preamble.mark_truncation(r)
        consumed = self._read_plan_sheet()
        for i, (seg, tok) in enumerate(zip(r.segments, r.tokens, strict=True)):
            r.index = i
            if i in consumed:
                continue
            if r.coverage.is_excluded(i) and tok.kind in _PREAMBLE_FIELDS:
                continue  # read by the preamble already
            if r.skip_block is not None and seg.block_index == r.skip_block:
                r.claim()
                continue
            r.skip_block = None
            if seg.cut:
                preamble.report_cut(r, seg, tok)
                r.exclude()  # cut text is reported as a warning, not counted as unclaimed
                continue
            HANDLERS[tok.kind](r, seg, tok)
        self._finish()
        totals = r.coverage.totals()
        return GrammarResult(r.tree, r.warnings, totals.claimed_chars, totals.total_chars, totals.unclaimed)

    def _read_plan_sheet(self) -> set[int]:
        """A 事業・業務計画書 sheet is one initiative; its segments are taken before the walk."""
        r = self.reader
        sheet = read_plan_sheet(r.segments, r.tree.fiscal_year)
        if sheet is None:
            return set()
        node, used = sheet
        r.tree.initiatives.append(node)
        r.tree.sections_seen += 1
        for i in used:
            r.coverage.claim(i)
        return used

    def _finish(self) -> None:
        r = self.reader
        reform.finish_reform(r)
        if r.tree.sections_seen == 0 and not r.tree.issues and not r.tree.reform_items:
            r.warn(None, "no policy layout was recognised: only document metadata was extracted")
