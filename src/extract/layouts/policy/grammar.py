"""The grammar of a 運営方針: a state machine over classified segments.

The document is read top to bottom.  Section labels (区の目標, 区の使命, 区長の
方針, 重点的に取り組む経営課題, 「市政改革…」に基づく取組等, 自己評価, the
page footer) switch the *area*; inside the issues area, headings open issues,
strategies and initiatives, and sub-labels (概要/課題認識, 主な戦略, 主な具体的
取組(…予算額), アウトカム指標, <…実績と達成状況>) say where plain text goes.
The 様式3 reform form is read through its own inline labels ((趣旨・目的),
(目標), (取組実績), 課題と改善策, …).

Nothing here knows a ward or a year: the same grammar reads every variant, and
what it cannot place is left unclaimed (and shown by ``extract inspect``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...japanese import find_fiscal_year, fold, parse_date, parse_number
from ...models import Attachment
from ..base import Warning
from . import targets as tg
from .budgets import BudgetLabel, parse_label, split_budgets, whole_line_budgets
from .identity import CityProfile, find_city_mentions, parse_title, ward_in_text
from .lexicon import Kind, Token, classify, clean_title, strip_bullet
from .plan_sheet import read_plan_sheet
from .segments import Segment
from .tree import DocTree, IndicatorNode, InitiativeNode, IssueNode, ReformNode, StrategyNode

__all__ = ["Grammar", "GrammarResult"]

_TERMINAL = tuple("。.!?！？)）」』】>》]］")
_TITLE_IN_TEXT_RE = re.compile(
    r"(?P<title>(?:(?:令和|平成)\s*(?:[0-9]{1,2}|元)\s*年?度|(?:19|20)[0-9]{2}\s*年度)(?:\s*\([^()]{1,12}\))?"
    r"\s*[^\s、。「」()]{0,16}?\s*運営方針(?:\s*\((?:素)?案\))?)"
)
_SENTENCE_END_RE = re.compile(r"[。.]\s*$|[。]")
_REFORM_LABELS: list[tuple[str, str]] = [
    ("purpose", r"\(趣旨・目的\)"),
    ("overview", r"\(取組の概要\)"),
    ("target", r"\(目標\)"),
    ("other_target", r"<[^<>]{0,60}?目標>"),
    ("actions", r"\(取組(?:の)?内容\)"),
    ("results", r"\(取組実績\)"),
    ("status", r"\(目標の達成状況\)"),
    ("challenges", r"課題と改善策"),
    ("note", r"左記が「\s*」の場合は必須"),
    ("plan_col", r"取組の方針・目標内容"),
    ("actions_col", r"当年度の取組内容"),
    ("results_col", r"当年度の取組実績及び目標の達成状況"),
    ("mid_items", r"取組内容の実施見込み|目標の達成見込み"),
    ("marks", r"[■□☑☐✓✔●○◉◯]?\s*:?\s*目標達成\s*[■□☑☐✓✔●○◉◯]?\s*:?\s*目標未達成"),
    (
        "mid_marks",
        r"[(]\s*[)]\s*(?:[(]\s*[)]\s*)*(?:実施見込み\s*(?:[(]\s*[)]\s*)?実施できない見込み)?|:\s*達成見込み\s*:\s*達成できない見込み",
    ),
]
_REFORM_LABEL_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _REFORM_LABELS))
_BULLET_SPLIT_RE = re.compile(r"(?:^|(?<=\s))[・•●○◦]\s*")
_SELECTED = "■☑✓✔●◉"


@dataclass(slots=True)
class GrammarResult:
    tree: DocTree
    warnings: list[Warning]
    claimed_chars: int
    total_chars: int
    unclaimed: list[tuple[str, str]]


class Grammar:
    """Reads segments into a :class:`DocTree`."""

    def __init__(
        self,
        segments: Sequence[Segment],
        profile: CityProfile | None,
        url: str | None = None,
        complete: bool = False,
    ) -> None:
        self.segments = list(segments)
        self.tokens: list[Token] = [classify(s.text) for s in self.segments]
        self.profile = profile
        self.own_vocabulary = any(t.kind in (Kind.ISSUE, Kind.STRATEGY, Kind.INITIATIVE) for t in self.tokens)
        self.url = url
        self.complete = complete
        self.tree = DocTree()
        self.warnings: list[Warning] = []
        self.claimed = [False] * len(self.segments)
        self.excluded = [False] * len(self.segments)
        self.area = "preamble"
        self.sub = "summary"
        self.issue: IssueNode | None = None
        self.strategy: StrategyNode | None = None
        self.initiative: InitiativeNode | None = None
        self.reform: ReformNode | None = None
        self.plan: str | None = None
        self.budget_context: BudgetLabel | None = None
        self.status_year: int | None = None
        self.reform_table = False
        self.reform_field: str | None = None
        self.other_target_context: str | None = None
        self.reform_column: int | None = None
        self.skip_block: int | None = None
        self.index = 0

    # ------------------------------------------------------------------ driver

    def run(self) -> GrammarResult:
        self._identify()
        self._mark_truncation()
        consumed = self._read_plan_sheet()
        for i, (seg, tok) in enumerate(zip(self.segments, self.tokens, strict=True)):
            self.index = i
            if i in consumed:
                continue
            if self.excluded[i] and tok.kind in (Kind.DATE, Kind.PAGE_ID, Kind.CHIEF):
                continue
            if self.skip_block is not None and seg.block_index == self.skip_block:
                self._claim()
                continue
            self.skip_block = None
            if seg.cut:
                self._on_cut(seg, tok)
                self._exclude()  # cut text is reported as a warning, not counted as unclaimed
                continue
            handler = getattr(self, f"_on_{tok.kind.value}")
            handler(seg, tok)
        self._finish()
        total = 0
        claimed = 0
        unclaimed: list[tuple[str, str]] = []
        for i, seg in enumerate(self.segments):
            if self.excluded[i]:
                continue
            n = len(seg.text)
            total += n
            if self.claimed[i]:
                claimed += n
            else:
                unclaimed.append((seg.locator, seg.text))
        return GrammarResult(self.tree, self.warnings, claimed, total, unclaimed)

    def _read_plan_sheet(self) -> set[int]:
        sheet = read_plan_sheet(self.segments, self.tree.fiscal_year)
        if sheet is None:
            return set()
        node, used = sheet
        self.tree.initiatives.append(node)
        self.tree.sections_seen += 1
        for i in used:
            self.claimed[i] = True
        return used

    def _claim(self) -> None:
        self.claimed[self.index] = True

    def _exclude(self) -> None:
        self.excluded[self.index] = True

    def _warn(self, locator: str | None, message: str) -> None:
        self.warnings.append(Warning(locator, message))

    # ------------------------------------------------------------------ identity (first pass)

    def _identify(self) -> None:
        tree = self.tree
        limit = self._first_section_index()
        for i, (seg, tok) in enumerate(zip(self.segments, self.tokens, strict=True)):
            if i >= limit:
                break
            if tok.kind is Kind.DATE and tree.updated_on is None:
                tree.updated_on = parse_date(seg.text)
                self.excluded[i] = self.claimed[i] = True
            elif tok.kind is Kind.PAGE_ID and tree.page_id is None:
                tree.page_id = tok.code
                self.excluded[i] = self.claimed[i] = True
            elif tok.kind is Kind.CHIEF and tree.ward_chief is None:
                tree.ward_chief = tok.title
                self.excluded[i] = self.claimed[i] = True
            elif tree.title is None and tok.kind in (Kind.TEXT, Kind.NOTICE, Kind.CAPTION):
                title = self._title_from(seg.text)
                if title:
                    tree.title = title
                    tree.title_locator = seg.locator
                    if title == seg.text.strip():
                        self.excluded[i] = self.claimed[i] = True
        if tree.title is None:
            for i, (seg, tok) in enumerate(zip(self.segments[:6], self.tokens[:6], strict=False)):
                fy = find_fiscal_year(seg.text)
                if tok.kind is Kind.TEXT and fy and fy.explicit_era and len(seg.text) <= 60:
                    tree.title = seg.text.strip()
                    tree.title_locator = seg.locator
                    self.excluded[i] = self.claimed[i] = True
                    break
        ident = parse_title(tree.title) if tree.title else None
        if ident:
            tree.fiscal_year = ident.fiscal_year
            tree.fiscal_year_label = ident.fiscal_year_label
            tree.status = ident.status
            tree.organization = ident.organization
        if tree.fiscal_year is None and self._has_structure():
            self._fiscal_year_from_body()  # a policy form without its title (a 様式 sheet)
        texts = [s.text for s in self.segments]
        self._resolve_issuer(ident.city if ident else None, ident.ward if ident else None, texts)

    def _has_structure(self) -> bool:
        """Whether the document shows any policy section or numbered heading at all."""
        return any(
            t.kind
            in (
                Kind.GOALS,
                Kind.MISSIONS,
                Kind.POLICIES,
                Kind.ISSUES_SECTION,
                Kind.ISSUE,
                Kind.STRATEGY,
                Kind.INITIATIVE,
                Kind.REFORM_SECTION,
                Kind.REFORM_ITEM,
                Kind.NUMBERED,
            )
            for t in self.tokens
        )

    def _title_from(self, text: str) -> str | None:
        folded = fold(text)
        if "運営方針" not in folded:
            return None
        if len(text) <= 60 and find_fiscal_year(text) and not _SENTENCE_END_RE.search(folded):
            return text.strip()
        m = _TITLE_IN_TEXT_RE.search(folded)
        if m:
            return text[m.start("title") : m.end("title")].strip()
        return None

    def _first_section_index(self) -> int:
        for i, tok in enumerate(self.tokens):
            if tok.kind in (
                Kind.GOALS,
                Kind.MISSIONS,
                Kind.POLICIES,
                Kind.ISSUES_SECTION,
                Kind.ISSUE,
                Kind.REFORM_SECTION,
                Kind.REFORM_ITEM,
            ):
                return max(i, 12)
        return min(len(self.tokens), 40)

    def _fiscal_year_from_body(self) -> None:
        counts: Counter[int] = Counter()
        labels: dict[int, str] = {}
        for seg in self.segments:
            pos = 0
            while True:
                fy = find_fiscal_year(seg.text, None, pos=pos)
                if fy is None:
                    break
                pos = fy.end
                if fy.explicit_era and "年度" in fy.label:
                    counts[fy.year] += 1
                    labels.setdefault(fy.year, fy.label)
        if counts:
            year, _ = counts.most_common(1)[0]
            self.tree.fiscal_year = year
            self.tree.fiscal_year_label = labels[year]
            self._warn(
                None, f"no title: fiscal year {labels[year]} taken from the most frequent mention in the text"
            )

    def _resolve_issuer(self, title_city: str | None, title_ward: str | None, texts: list[str]) -> None:
        tree = self.tree
        profile = self.profile
        if title_ward is None and tree.title and profile and tree.organization is None:
            title_ward = ward_in_text([tree.title], profile.wards)  # e.g. 平成30年度 大正区事業・業務計画書
            tree.organization = title_ward
        mentions = find_city_mentions(texts)
        if title_city:
            city: str | None = title_city
        elif self.url and profile and any(h in self.url for h in profile.hosts):
            city = profile.name
        else:
            others = {c: n for c, n in mentions.items() if profile is None or c != profile.name}
            own = mentions.get(profile.name, 0) if profile else 0
            if others and max(others.values()) > own:
                city = max(others, key=lambda c: (others[c], c))
            elif profile and (own or self._profile_evidence(texts) or title_ward in profile.wards):
                city = profile.name
            else:
                city = None
        ward = title_ward
        if ward is None and tree.organization is None and profile and city == profile.name:
            ward = ward_in_text(texts, profile.wards)
            if ward:
                tree.organization = ward
                self._warn(None, f"ward {ward} taken from the body text (the title does not name it)")
        tree.city = city
        tree.ward = ward
        if ward and profile and city == profile.name:
            tree.ward_slug = profile.wards.get(ward)

    def _profile_evidence(self, texts: list[str]) -> bool:
        assert self.profile is not None
        joined = "\n".join(texts[:400])
        return any(v in joined for v in self.profile.vocabulary)

    # ------------------------------------------------------------------ truncation

    def _mark_truncation(self) -> None:
        if not self.segments or self.complete:
            return
        if any(t.kind is Kind.FOOTER for t in self.tokens):
            return
        last = len(self.segments) - 1
        while last >= 0 and self.tokens[last].kind is Kind.BOILERPLATE:
            last -= 1
        if last < 0:
            return
        seg, tok = self.segments[last], self.tokens[last]
        if seg.block_kind == "table_row":
            return  # a form ends where its table ends
        text = seg.text.rstrip()
        if tok.kind in (Kind.EVALUATION, Kind.PLAN_MARK, Kind.SUMMARY_LABEL, Kind.STRATEGIES_LABEL):
            return
        if text.endswith(_TERMINAL) or text == "以上":  # 以上 alone is how Japanese documents close
            return
        seg.cut = True
        self.tree.truncated = True

    def _on_cut(self, seg: Segment, tok: Token) -> None:
        where = self._current_item_name()
        if tok.kind in (Kind.ISSUE, Kind.STRATEGY, Kind.INITIATIVE, Kind.REFORM_ITEM, Kind.BRACKET_TITLE):
            self._warn(seg.locator, f"input ends inside a heading ({seg.text!r}); the item is left out")
        elif tok.kind is Kind.TEXT or tok.kind is Kind.NOTICE:
            self._warn(
                seg.locator, f"input ends mid-text ({seg.text[-20:]!r}); the cut text of {where} is left out"
            )
        else:
            self._warn(seg.locator, f"input ends mid-text ({seg.text[-20:]!r}); left out")

    def _current_item_name(self) -> str:
        if self.area in ("goals", "missions", "policies"):
            return f"the {self.area} list"
        if self.area == "reform" and self.reform:
            return f"reform item {self.reform.number or self.reform.title}"
        if self.initiative:
            return f"initiative {self.initiative.code or self.initiative.title}"
        if self.strategy:
            return f"strategy {self.strategy.code or self.strategy.title}"
        if self.issue:
            return f"issue {self.issue.code or self.issue.title}"
        return f"the {self.area} section"

    # ------------------------------------------------------------------ simple tokens

    def _on_boilerplate(self, seg: Segment, tok: Token) -> None:
        self._exclude()

    def _on_footer(self, seg: Segment, tok: Token) -> None:
        self.area = "footer"
        self._exclude()

    def _on_date(self, seg: Segment, tok: Token) -> None:
        self._on_text(seg, Token(Kind.TEXT, seg.text))

    _on_page_id = _on_date

    def _on_chief(self, seg: Segment, tok: Token) -> None:
        if self.tree.ward_chief is None:
            self.tree.ward_chief = tok.title
        self._claim()

    def _on_notice(self, seg: Segment, tok: Token) -> None:
        if self.area in ("preamble", "footer", "attachments", "evaluation"):
            self._exclude()  # status notes and page furniture, not policy content
            return
        self._on_text(seg, Token(Kind.TEXT, seg.text))

    def _on_caption(self, seg: Segment, tok: Token) -> None:
        if self.area in ("reform", "issues") and self._is_title_repeat(seg.text):
            self._close_issue_parts()
            self.area = "attachments"
        if self.area in ("attachments", "footer", "preamble"):
            self._exclude()
            return
        if self.area in ("goals", "missions", "policies", "issues", "reform"):
            return  # an image caption or link label inside content: not content

    def _is_title_repeat(self, text: str) -> bool:
        return bool(_TITLE_IN_TEXT_RE.search(fold(text))) and len(text) <= 80

    def _on_attachment(self, seg: Segment, tok: Token) -> None:
        size = _size_bytes(tok.extra.get("size"), tok.extra.get("unit"))
        self.tree.attachments.append(
            Attachment(title=tok.title or seg.text, url=None, format=tok.extra.get("format"), size_bytes=size)
        )
        self._close_issue_parts()
        if self.area in ("issues", "reform", "preamble", "evaluation"):
            self.area = "attachments"
        self._claim()

    # ------------------------------------------------------------------ sections

    def _section(self, area: str) -> None:
        self._close_issue_parts()
        self.area = area
        self.tree.sections_seen += 1
        self._claim()

    def _on_goals(self, seg: Segment, tok: Token) -> None:
        if self.area == "reform" and self.reform is not None:
            self._on_text(seg, Token(Kind.TEXT, seg.text))
            return
        self._list_section("goals", tok)

    def _on_missions(self, seg: Segment, tok: Token) -> None:
        self._list_section("missions", tok)

    def _on_policies(self, seg: Segment, tok: Token) -> None:
        self._list_section("policies", tok)

    def _list_section(self, area: str, tok: Token) -> None:
        self._section(area)
        if tok.rest:
            item = strip_bullet(tok.rest.strip())
            if item:
                getattr(self.tree, area).append(item)

    def _on_issues_section(self, seg: Segment, tok: Token) -> None:
        self._section("issues")
        self.issue = None
        self.sub = "summary"

    def _on_evaluation(self, seg: Segment, tok: Token) -> None:
        if self.area == "reform" and self.reform is not None:
            self.reform.phase = "midterm" if "中間" in seg.text else "evaluation"
            self.reform_field = None
            self._claim()
            return
        self._close_issue_parts()
        self.area = "evaluation"
        self._claim()

    def _on_plan_mark(self, seg: Segment, tok: Token) -> None:
        if self.area == "reform" and self.reform is not None:
            self.reform.phase = "plan"
            self.reform_field = None
        self._claim()

    def _on_reform_section(self, seg: Segment, tok: Token) -> None:
        self._section("reform")
        self.plan = tok.title
        self.reform = None
        self.reform_table = False

    def _on_reform_header(self, seg: Segment, tok: Token) -> None:
        if self.area != "reform":
            self._section("reform")
        self.reform_table = True
        self.skip_block = seg.block_index if seg.block_kind == "table_row" else None
        self._claim()

    def _on_reform_item(self, seg: Segment, tok: Token) -> None:
        if self.area != "reform":
            self._section("reform")
        title = clean_title(tok.title)
        self.reform = ReformNode(
            plan=self.plan, number=tok.number, title=title, locator=seg.locator, title_pending=title is None
        )
        self.tree.reform_items.append(self.reform)
        self.reform_field = None
        self._claim()

    # ------------------------------------------------------------------ issues, strategies, initiatives

    def _close_issue_parts(self) -> None:
        self.strategy = None
        self.initiative = None

    def _enter_issues(self) -> None:
        if self.area != "issues":
            self.area = "issues"
            self.tree.sections_seen += 1

    def _on_issue(self, seg: Segment, tok: Token) -> None:
        if self.area == "evaluation":
            self._claim()
            return  # self-evaluation summaries repeat issue headings; they are not new issues
        self._enter_issues()
        self._close_issue_parts()
        ref = self.tree.fiscal_year
        raw_title, budgets, label = split_budgets(tok.title or "", ref, where="end")
        title = clean_title(raw_title)
        issue = IssueNode(
            number=tok.number, code=tok.code, title=title, locator=seg.locator, title_pending=title is None
        )
        issue.budgets.extend(budgets)
        if tok.rest:
            rest, more, _ = split_budgets(tok.rest, ref, label)
            issue.budgets.extend(more)
            if rest:
                if issue.title is None and _title_like(rest):
                    issue.title = clean_title(rest)
                    issue.title_pending = False
                else:
                    issue.summary.append(strip_bullet(rest))
        self.tree.issues.append(issue)
        self.issue = issue
        self.sub = "summary"
        self.budget_context = None
        self._claim()

    def _issue_for(self, number: int | None) -> IssueNode | None:
        if number is None:
            return self.issue
        if self.issue is not None and self.issue.number == number:
            return self.issue
        for issue in reversed(self.tree.issues):
            if issue.number == number:
                return issue
        return self.issue

    def _on_strategy(self, seg: Segment, tok: Token) -> None:
        if self.area == "evaluation":
            return
        self._enter_issues()
        self.initiative = None
        issue_number = (
            int(tok.code.split("-")[0]) if tok.code else (self.issue.number if self.issue else None)
        )
        if (
            tok.code
            and self.issue is not None
            and self.issue.number is not None
            and issue_number != self.issue.number
            and not any(i.number == issue_number for i in self.tree.issues)
        ):
            self._warn(seg.locator, f"strategy {tok.code} appears under issue {self.issue.code}")
        title = clean_title(tok.title)
        strategy = StrategyNode(code=tok.code, issue_number=issue_number, title=title, locator=seg.locator)
        rest = tok.rest.strip() if tok.rest else ""
        if title is None and rest and _title_like(rest):
            strategy.title = clean_title(rest)
        elif rest:
            strategy.description.append(rest)
        strategy.title_pending = strategy.title is None
        self.tree.strategies.append(strategy)
        self.strategy = strategy
        self.sub = "strategies"
        self._claim()

    def _on_initiative(self, seg: Segment, tok: Token) -> None:
        if self.area == "evaluation":
            return
        self._enter_issues()
        ref = self.tree.fiscal_year
        context = parse_label(tok.label, ref) if tok.label else self.budget_context
        raw_title, budgets, label = split_budgets(tok.title or "", ref, context, where="end")
        code = tok.code
        if code:
            parts = code.split("-")
            issue_number: int | None = int(parts[0])
            strategy_code: str | None = f"{parts[0]}-{parts[1]}"
        else:
            issue_number = self.issue.number if self.issue else None
            strategy_code = self.strategy.code if self.strategy else None
        title = clean_title(raw_title)
        initiative = InitiativeNode(
            code=code,
            issue_number=issue_number,
            strategy_code=strategy_code,
            title=title,
            locator=seg.locator,
            pending_label=label,
        )
        initiative.budgets.extend(budgets)
        if tok.rest:
            rest, more, _ = split_budgets(tok.rest, ref, label or context)
            initiative.budgets.extend(more)
            if rest:
                if initiative.title is None and _title_like(rest):
                    initiative.title = clean_title(rest)
                else:
                    self._add_initiative_text(initiative, rest, seg)
        initiative.title_pending = initiative.title is None
        self.tree.initiatives.append(initiative)
        self.initiative = initiative
        self.sub = "initiatives"
        self._claim()

    def _on_summary_label(self, seg: Segment, tok: Token) -> None:
        if self.area == "reform" or self.issue is None:
            self._on_text(seg, Token(Kind.TEXT, seg.text))
            return
        self._close_issue_parts()
        self.sub = "summary"
        self._claim()

    def _on_strategies_label(self, seg: Segment, tok: Token) -> None:
        if self.area not in ("issues",):
            if self.area == "reform":
                self._on_text(seg, Token(Kind.TEXT, seg.text))
                return
            self._enter_issues()
        self._close_issue_parts()
        self.sub = "strategies"
        self._claim()

    def _on_initiatives_label(self, seg: Segment, tok: Token) -> None:
        self._enter_issues()
        self.initiative = None
        self.sub = "initiatives"
        self.budget_context = parse_label(tok.label, self.tree.fiscal_year)
        self._claim()

    def _on_outcome_label(self, seg: Segment, tok: Token) -> None:
        if self.issue is None:
            self._on_text(seg, Token(Kind.TEXT, seg.text))
            return
        self._close_issue_parts()
        self.sub = "outcome"
        self._claim()

    def _on_outcome_status_label(self, seg: Segment, tok: Token) -> None:
        if self.issue is None:
            return
        self._close_issue_parts()
        self.sub = "status"
        self.status_year = self.tree.fiscal_year
        self._claim()

    def _on_status_year(self, seg: Segment, tok: Token) -> None:
        fy = find_fiscal_year(tok.label or seg.text, self.tree.fiscal_year)
        self.status_year = fy.year if fy else self.tree.fiscal_year
        self.sub = "status"
        self._claim()

    def _on_status_previous(self, seg: Segment, tok: Token) -> None:
        self.sub = "status_previous"
        self._claim()

    def _on_sdgs(self, seg: Segment, tok: Token) -> None:
        if self.issue is None:
            return
        numbers = [int(n) for n in re.findall(r"(?<![0-9])(1[0-7]|[1-9])(?![0-9])", fold(tok.rest or ""))]
        for n in numbers:
            if n not in self.issue.sdgs:
                self.issue.sdgs.append(n)
        self._claim()

    def _on_numbered(self, seg: Segment, tok: Token) -> None:
        """【重点取組1 title】: another vocabulary's numbered heading.

        A document without any 経営課題/戦略/具体的取組 headings (another city's
        plan, a bureau page) is read by depth of its codes: 1 is an issue,
        1-1 a strategy, 1-1-1 an initiative, keeping the document's own word in
        ``label``.  Where the usual vocabulary is present it is only a titled line.
        """
        inner = f"{tok.label or ''}{tok.code or ''} {tok.title or ''}".strip()
        if self.own_vocabulary or self.area == "reform" or not tok.code:
            self._on_bracket_title(seg, Token(Kind.BRACKET_TITLE, seg.text, title=inner, rest=tok.rest))
            return
        depth = tok.code.count("-") + 1
        title = tok.title or ""
        if depth == 1:
            number = int(tok.code)
            self._on_issue(
                seg, Token(Kind.ISSUE, seg.text, number=number, code=tok.code, title=title, rest=tok.rest)
            )
            if self.issue is not None:
                self.issue.label = tok.label
        elif depth == 2:
            self._on_strategy(seg, Token(Kind.STRATEGY, seg.text, code=tok.code, title=title, rest=tok.rest))
            if self.strategy is not None:
                self.strategy.label = tok.label
        else:
            self._on_initiative(
                seg, Token(Kind.INITIATIVE, seg.text, code=tok.code, title=title, rest=tok.rest)
            )
            if self.initiative is not None:
                self.initiative.label = tok.label

    def _on_bracket_title(self, seg: Segment, tok: Token) -> None:
        title = clean_title(tok.title)
        if self.area == "reform":
            if self.reform is not None and self.reform.title_pending:
                self.reform.title = title
                self.reform.title_pending = False
            else:
                self.reform = ReformNode(plan=self.plan, number=None, title=title, locator=seg.locator)
                self.tree.reform_items.append(self.reform)
                self.reform_field = None
            if tok.rest:
                self.reform.overview.append(tok.rest)
            self._claim()
            return
        if (
            self.area == "issues"
            and self.sub == "strategies"
            and self.initiative is None
            and (self.strategy is None or self.strategy.code is None)
        ):
            # ①【防災・減災対策】 under 主な戦略: an unnumbered strategy with a title
            strategy = StrategyNode(
                code=None,
                issue_number=self.issue.number if self.issue else None,
                title=title,
                locator=seg.locator,
            )
            if tok.rest:
                strategy.description.append(tok.rest)
            self.tree.strategies.append(strategy)
            self.strategy = strategy
            self._claim()
            return
        self._on_text(seg, Token(Kind.TEXT, seg.text))

    # ------------------------------------------------------------------ text

    def _on_budget(self, seg: Segment, tok: Token) -> None:
        self._on_text(seg, tok)

    def _on_text(self, seg: Segment, tok: Token) -> None:
        area = self.area
        if area in ("preamble", "evaluation", "attachments"):
            if area == "attachments" or (area == "preamble" and self._is_title_repeat(seg.text)):
                self._exclude()
            return
        if area == "footer":
            self._exclude()
            return
        text = seg.text.strip()
        if area in ("issues", "reform") and self._is_title_repeat(text):
            self._close_issue_parts()
            self.area = "attachments"
            self._exclude()
            return
        if area in ("goals", "missions", "policies"):
            item = strip_bullet(text)
            if item:
                getattr(self.tree, area).append(item)
                self._claim()
            return
        if area == "reform":
            self._reform_text(seg, text)
            return
        if area == "issues":
            self._issue_text(seg, text)

    def _issue_text(self, seg: Segment, text: str) -> None:
        ref = self.tree.fiscal_year
        owner_initiative = self.initiative
        context = (owner_initiative.pending_label if owner_initiative else None) or self.budget_context
        figures = whole_line_budgets(text, ref, context)
        if figures:
            if owner_initiative is not None:
                owner_initiative.budgets.extend(figures)
                owner_initiative.pending_label = None
            elif self.issue is not None:
                self.issue.budgets.extend(figures)
            else:
                return
            self._claim()
            return
        # a heading whose title comes on the next line
        for node in (self.initiative, self.strategy):
            if node is not None and node.title_pending:
                node.title_pending = False
                if _title_like(text):
                    node.title = clean_title(text)
                    self._claim()
                    return
        if self.issue is not None and self.issue.title_pending and self.strategy is None:
            self.issue.title_pending = False
            if _title_like(text):
                self.issue.title = clean_title(text)
                self._claim()
                return
        if self.sub in ("status", "status_previous") and self.issue is not None:
            self._status_text(seg, text)
            return
        if self.sub == "outcome" and self.issue is not None:
            self._outcome_text(seg, text)
            return
        if owner_initiative is not None:
            self._add_initiative_text(owner_initiative, text, seg)
            self._claim()
            return
        if self.strategy is not None:
            self.strategy.description.append(strip_bullet(text))
            self._claim()
            return
        if self.sub == "strategies" and self.issue is not None:
            item = strip_bullet(text)
            strategy = StrategyNode(
                code=None, issue_number=self.issue.number, title=None, locator=seg.locator
            )
            if _title_like(item):
                strategy.title = clean_title(item)
            else:
                strategy.description.append(item)
            self.tree.strategies.append(strategy)
            self._claim()
            return
        if self.sub == "initiatives" and self.issue is not None:
            item = strip_bullet(text)
            rest, budgets, label = split_budgets(item, ref, self.budget_context, where="end")
            initiative = InitiativeNode(
                code=None,
                issue_number=self.issue.number,
                strategy_code=None,
                title=clean_title(rest) if _title_like(rest) else None,
                locator=seg.locator,
                pending_label=label,
            )
            initiative.budgets.extend(budgets)
            if initiative.title is None and rest:
                initiative.description.append(rest)
            self.tree.initiatives.append(initiative)
            self._claim()
            return
        if self.issue is not None:
            rest, budgets, _ = split_budgets(text, ref, None, where="end")
            self.issue.budgets.extend(budgets)
            if rest:
                self.issue.summary.append(strip_bullet(rest))
            self._claim()

    def _add_initiative_text(self, initiative: InitiativeNode, text: str, seg: Segment) -> None:
        ref = self.tree.fiscal_year
        context = initiative.pending_label or self.budget_context
        rest, budgets, label = split_budgets(text, ref, context, where="end")
        if budgets:
            initiative.budgets.extend(budgets)
            initiative.pending_label = None
        elif label:
            initiative.pending_label = label
        if not rest:
            return
        item = strip_bullet(rest)
        initiative.description.append(item)
        if seg.bullet or item != rest:
            target = tg.parse_target(item, ref)
            if target is not None and target.target is not None and _is_paren_target(item):
                initiative.indicators.append(
                    _indicator_from_target("目標", target, seg.locator, context="取組内容")
                )

    def _outcome_text(self, seg: Segment, text: str) -> None:
        assert self.issue is not None
        item = strip_bullet(text)
        target = tg.parse_target(item, self.tree.fiscal_year)
        if target is None:
            node = IndicatorNode(kind="アウトカム指標", text=item, locator=seg.locator)
            node.target_fiscal_year = self.tree.fiscal_year
            if self.issue.indicators and self.issue.indicators[-1].target is None and not seg.bullet:
                last = self.issue.indicators[-1]
                last.target_text = item
                self._claim()
                return
        else:
            node = _indicator_from_target("アウトカム指標", target, seg.locator)
        self.issue.indicators.append(node)
        self._claim()

    def _status_text(self, seg: Segment, text: str) -> None:
        assert self.issue is not None
        item = strip_bullet(text)
        outcomes = [i for i in self.issue.indicators if i.kind == "アウトカム指標"]
        if not outcomes:
            self.issue.summary.append(item)
            self._claim()
            return
        result = tg.parse_result(item)
        node = _match_indicator(outcomes, result.text) or (outcomes[-1] if len(outcomes) == 1 else None)
        if node is None:
            return
        if self.sub == "status_previous":
            if result.value is not None and node.baseline is None:
                node.baseline = result.value
                ref = self.status_year or self.tree.fiscal_year
                node.baseline_fiscal_year = ref - 1 if ref else None
            self._claim()
            return
        value = result.value
        if result.inner_value is not None and node.target_text and re.search(r"合計|累計", node.target_text):
            value = result.inner_value
        node.actual = value
        node.actual_text = item
        if result.grade:
            node.grade = result.grade
            node.achieved = result.grade.startswith("A")
            node.achieved_basis = "grade"
        else:
            node.achieved = tg.achieved_from_values(node.target, node.actual, node.text)
            node.achieved_basis = "computed" if node.achieved is not None else None
        self._claim()

    # ------------------------------------------------------------------ reform (様式3)

    def _reform_text(self, seg: Segment, text: str) -> None:
        if (
            self.reform_table
            and seg.block_kind == "table_row"
            and seg.row_cells >= 2
            and seg.column is not None
        ):
            # 主な取組項目 | 取組内容 rows: the item's title, then its content
            if seg.column == 0:
                self.reform = ReformNode(
                    plan=self.plan, number=None, title=clean_title(text), locator=seg.locator
                )
                self.tree.reform_items.append(self.reform)
            elif self.reform is not None:
                self.reform.overview.append(text)
            self._claim()
            return
        labelled = bool(_REFORM_LABEL_RE.search(fold(text)))
        item = self.reform
        plain_line = not labelled and not seg.bullet and seg.block_kind != "table_row" and _title_like(text)
        if item is not None and item.title_pending and plain_line:
            item.title = clean_title(text)
            item.title_pending = False
            self._claim()
            return
        if plain_line and (item is None or _has_content(item)):
            # a reform section without item markup: short lines are item titles
            self.reform = ReformNode(
                plan=self.plan, number=None, title=clean_title(text), locator=seg.locator
            )
            self.tree.reform_items.append(self.reform)
            self.reform_field = None
            self._claim()
            return
        if item is None:
            return
        if seg.row_start or seg.column != self.reform_column:
            self.reform_field = None
        self.reform_column = seg.column
        for label, content in _split_reform_labels(text):
            self._reform_piece(item, label, content, seg)
        self._claim()

    def _reform_piece(self, item: ReformNode, label: str | None, content: str, seg: Segment) -> None:
        ref = self.tree.fiscal_year
        if label == "results_col":
            item.phase = "evaluation"
        if label in ("mid_items", "mid_marks", "note", "plan_col", "actions_col", "results_col"):
            if label == "actions_col":
                self.reform_field = "actions"
            elif label == "results_col":
                self.reform_field = "results"
            elif label == "plan_col":
                self.reform_field = "overview"
            if not content:
                return
            label = None
        if label == "other_target_label":
            self.other_target_context = content
            self.reform_field = "other_target"
            return
        if label == "marks":
            achieved = _marked_achievement(content)
            if achieved is not None:
                item.achieved = achieved
                item.achieved_basis = "stated"
            return
        if label is not None:
            self.reform_field = label
        field = self.reform_field
        if item.phase == "midterm" and label is None:
            return
        if not content:
            return
        if field is None:
            if item.phase == "evaluation":
                field = "challenges"
            elif seg.bullet or content.startswith("・"):
                field = "actions"
            else:
                field = "overview"
        if field == "purpose":
            item.purpose.append(content)
        elif field == "overview":
            item.overview.append(content)
        elif field == "challenges":
            item.challenges.append(content)
        elif field in ("target", "other_target"):
            context = self.other_target_context if field == "other_target" else None
            for statement in _bullets(content):
                target = tg.parse_target(statement, ref)
                if target is None:
                    node = IndicatorNode(kind="目標", text=statement, locator=seg.locator, context=context)
                    node.target_fiscal_year = ref
                else:
                    node = _indicator_from_target("目標", target, seg.locator, context=context)
                item.indicators.append(node)
        elif field == "actions":
            for action in _bullets(content):
                item.actions.append(action)
                target = tg.parse_target(action, ref)
                if target is not None and target.target is not None and _is_paren_target(action):
                    item.indicators.append(
                        _indicator_from_target("目標", target, seg.locator, context="取組内容")
                    )
        elif field == "results":
            for result in _bullets(content):
                item.results.append(result)
                self._match_process_result(item, result)
        elif field == "status":
            self._reform_status(item, content)

    def _match_process_result(self, item: ReformNode, result: str) -> None:
        parsed = tg.parse_target(result, self.tree.fiscal_year)
        if parsed is None or parsed.target is None:
            return
        key = tg.match_key(parsed.text)
        for node in item.indicators:
            if node.context == "取組内容" and node.actual is None and tg.match_key(node.text) == key:
                node.actual = parsed.target
                node.actual_text = parsed.target_text
                node.achieved = tg.achieved_from_values(node.target, node.actual, node.text)
                node.achieved_basis = "computed" if node.achieved is not None else None
                return

    def _reform_status(self, item: ReformNode, content: str) -> None:
        statements = _bullets(content)
        mains = [i for i in item.indicators if i.context is None]
        for statement in statements:
            result = tg.parse_result(statement)
            node = _match_indicator(mains, result.text)
            if node is None and len(mains) == 1 and len(statements) == 1:
                node = mains[0]
            if node is None:
                continue
            node.actual = result.value
            node.actual_text = statement
            node.achieved = tg.achieved_from_values(node.target, node.actual, node.text)
            node.achieved_basis = "computed" if node.achieved is not None else None

    # ------------------------------------------------------------------ finish

    def _finish(self) -> None:
        for item in self.tree.reform_items:
            if item.achieved is None:
                mains = [i for i in item.indicators if i.context is None]
                if mains and mains[0].achieved is not None:
                    item.achieved = mains[0].achieved
                    item.achieved_basis = "computed"
        if self.tree.sections_seen == 0 and not self.tree.issues and not self.tree.reform_items:
            self._warn(None, "no policy layout was recognised: only document metadata was extracted")


# ---------------------------------------------------------------------- helpers


def _has_content(item: ReformNode) -> bool:
    return bool(item.overview or item.actions or item.purpose or item.indicators or item.results)


def _title_like(text: str) -> bool:
    """Short, not a sentence: reads as a title rather than a description.

    Titles are noun phrases (…の推進, …まちづくり); a line ending in a verb
    (…を支援する, …を図る, …を行う) is a sentence even without its 。.

    >>> _title_like("地域包括ケアシステムの構築"), _title_like("避難計画の作成を促進・支援する")
    (True, False)
    """
    t = text.strip()
    if not 0 < len(t) <= 60 or re.search(r"[。]", t[:-1]) or t.endswith(("。", "、")):
        return False
    return not re.search(r"(?:する|される|させる|[るすうくぐむぶつ]|ます|です|ない|ある|いる)$", t)


def _is_paren_target(text: str) -> bool:
    """``…(2地域)`` / ``…(6回以上)`` / ``…(広報紙 12回)``: a quantified target in a trailing parenthetical."""
    return bool(re.search(r"[(（][^()（）]*[0-9０-９][^()（）]*[)）]\s*[。]?\s*$", text))


def _bullets(content: str) -> list[str]:
    """Items of a ``・a ・b`` run; text before the first bullet is an item of its own."""
    parts = [p.strip() for p in _BULLET_SPLIT_RE.split(content)]
    return [p for p in parts if p]


def _split_reform_labels(text: str) -> list[tuple[str | None, str]]:
    """Split a 様式3 cell at its inline labels.

    >>> _split_reform_labels("(趣旨・目的) 確保する。 (取組の概要) 強化")
    [('purpose', '確保する。'), ('overview', '強化')]
    """
    folded = fold(text)
    out: list[tuple[str | None, str]] = []
    pos = 0
    label: str | None = None
    for m in _REFORM_LABEL_RE.finditer(folded):
        chunk = text[pos : m.start()].strip()
        if chunk or label is not None:
            out.append((label, chunk))
        label = m.lastgroup
        if label == "other_target":
            out.append(("other_target_label", text[m.start() + 1 : m.end() - 1].strip()))
        elif label == "marks":
            out.append(("marks", text[m.start() : m.end()]))
            label = None
        pos = m.end()
    tail = text[pos:].strip()
    if tail or label is not None:
        out.append((label, tail))
    return out


def _marked_achievement(text: str) -> bool | None:
    """目標達成 / 目標未達成 with a selection mark; None when the mark is lost.

    >>> _marked_achievement("■:目標達成 □:目標未達成")
    True
    >>> _marked_achievement(":目標達成 目標未達成") is None
    True
    """
    f = fold(text)
    m = re.search(rf"([{_SELECTED}])\s*:?\s*目標(未)?達成", f)
    if m:
        return m.group(2) is None
    return None


def _match_indicator(nodes: list[IndicatorNode], text: str) -> IndicatorNode | None:
    key = tg.match_key(text)
    if not key:
        return None
    for node in nodes:
        if tg.match_key(node.text) == key:
            return node
    for node in nodes:
        nk = tg.match_key(node.text)
        if nk and (nk in key or key in nk):
            return node
    return None


def _indicator_from_target(
    kind: str, target: tg.Target, locator: str, context: str | None = None
) -> IndicatorNode:
    return IndicatorNode(
        kind=kind,
        text=target.text,
        locator=locator,
        context=context,
        target_text=target.target_text,
        target=target.target,
        target_fiscal_year=target.target_fiscal_year,
        baseline=target.baseline,
        baseline_fiscal_year=target.baseline_fiscal_year,
    )


def _size_bytes(size: str | None, unit: str | None) -> int | None:
    if not size or not unit:
        return None
    value = parse_number(size)
    if value is None:
        return None
    factor = {"KB": 1024, "キロバイト": 1024, "MB": 1024**2, "メガバイト": 1024**2, "GB": 1024**3}.get(
        unit.upper() if unit.isascii() else unit, 1
    )
    return round(value * factor)
