"""The walk over a city page: each line goes to the handler of the area it is in.

Page furniture, the date, the chief's line and the title are read first
(:meth:`_Walk.head`); section headings switch the :class:`~.common.Area`; in a
list area (goals, missions, policies) lines are items, a bulleted line
followed by sentences being a parent with children; in the issues area the
city's outline says which marked lines are issues, strategies and
initiatives, and sentences are their summaries and descriptions.  Sentences
anywhere that name the plan's pillars (``「A」、「B」を3本の柱として``) or its
future image (``将来像「…」``) add issues or goals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...blocks import Block
from ...diagnostics import Diagnostic
from ...japanese import fold
from ...models import ParserInfo
from ...sites import host_of
from ..base import LayoutContext, LayoutResult
from ..policy.budgets import split_budgets
from ..policy.indicators import parse_indicator
from ..policy.patterns import BOILERPLATE_RE, FOOTER_RE
from ..policy.records import build_records
from ..policy.titles import clean_title
from ..policy.tree import DocTree, ReformNode
from .common import PILLAR_WORDS, Area, CitySpec, Role
from .identity import find_ward, read_chief, read_date, read_year
from .lines import TERMINAL, Line, Marker, is_prose, read_line
from .state import WalkState, pieces_of

__all__ = ["walk"]

_FURNITURE_RE = re.compile(
    r"^\s*(?:緊急情報|ここから本文です。?|サイト内を検索|サイトメニューここから|このページの先頭です.*|このページの本文へ移動"
    r"|スマートフォン表示用の情報をスキップ|言語選択を表示する|現在位置:?|ソーシャルサイトへのリンクは別ウィンドウで開きます"
    r"|文字サイズ|自治体の皆さまへ|Comments|Description|Transcript|ホーム\s*>.*|.*>\s*.*>\s*.*"
    r"|[0-9]{1,3}\s*/\s*[0-9]{1,3}|[0-9]{6}|.*クリエイティブ・コモンズ.*)\s*$"
)
_PAGE_ID_RE = re.compile(r"^\s*ページ番号\s*[:]?\s*(?P<id>[0-9]{3,10})\s*$")
_FEATURE_TAG_RE = re.compile(r"^\s*【[^】]{1,10}】\s*")
_LEAD_IN_RE = re.compile(rf"(?:以下|次|下記)の(?:とおり)?\s*[0-9]+\s*(?:つ|本)の\s*(?:{PILLAR_WORDS})")
_PILLARS_RE = re.compile(r"(?P<list>(?:「[^「」]{2,40}」\s*[、,]?\s*){2,})を\s*[0-9]+\s*(?:本|つ)の柱")
_QUOTE_RE = re.compile(r"「([^「」]+)」")
_FUTURE_IMAGE_RE = re.compile(
    r"(?:将来像|目指す姿|めざす姿|まちづくりの目標)(?:として|は)?\s*[「『](?P<goal>[^」』]{4,60})[」』]"
)
_INLINE_LABEL_RE = re.compile(r"^\s*(?P<label>[^\s:]{2,16})\s*[:]\s*(?P<rest>\S.*)$")
_VIEWPOINT_RE = re.compile(
    r"^\s*(?P<label>(?:視点|柱)\s*[0-9]{1,2})\s*[:]\s*(?P<aim>[^…]+?)\s*…+\s*(?P<title>\S.*)$"
)
_INDICATOR_RE = re.compile(r"^\s*(?P<kind>成果指標|目標指標|指標|目標値)\s*[:]\s*(?P<text>\S.*)$")
_SPEECH_RE = re.compile(r"^[^「」\s◆◇■□●・]{1,12}(?:「[^「」]+」)*「[^「」]{8,}」$")
"""A caption or a mascot's speech bubble (``ミドリン「…」``): page decoration, not content."""


class _Walk(WalkState):
    """The walk itself: every line to the handler of the area it is in."""

    # ------------------------------------------------------------ the walk

    def run(self, complete: bool) -> None:
        last = self._mark_cut(complete)
        for i, (locator, text) in enumerate(self.pieces):
            self.index = i
            if i == last:
                self.coverage.exclude(i)
                self.tree.truncated = True
                self.warnings.append(Diagnostic(locator, f"input ends mid-text ({text[-20:]!r}); left out"))
                continue
            if self.footer or FOOTER_RE.match(fold(text)) or text.strip() == "以上":
                self.footer = self.footer or text.strip() != "以上"
                self.coverage.exclude(i)  # the contact block and the page template after it
                continue
            if self.head(text):
                continue
            self.line(text, locator)
        read_year(self.tree, [t for _, t in self.pieces], self.url)
        self.identity()

    def _mark_cut(self, complete: bool) -> int | None:
        """The index of the last line when a text input stops mid-sentence (it is left out).

        A page is whole when the reader says so, when its footer (問合せ先) is there, or when it
        ends on terminal punctuation or 以上.
        """
        if complete or not self.pieces or any(FOOTER_RE.match(fold(t)) for _, t in self.pieces):
            return None
        last = len(self.pieces) - 1
        text = self.pieces[last][1].strip()
        return None if text.endswith(TERMINAL) or text == "以上" else last

    def head(self, text: str) -> bool:
        """Takes page furniture, the date, the page id, the chief's line and the title."""
        f = fold(text)
        if _FURNITURE_RE.match(f) or BOILERPLATE_RE.match(f) or _SPEECH_RE.match(f):
            self.coverage.exclude(self.index)
            return True
        if (date := read_date(text)) is not None:
            self.tree.updated_on = self.tree.updated_on or date
            self.claim()
            return True
        if m := _PAGE_ID_RE.match(f):
            self.tree.page_id = m.group("id")
            self.claim()
            return True
        if (chief := read_chief(text)) is not None:
            self.tree.ward_chief = self.tree.ward_chief or chief
            self.claim()
            return True
        if self.tree.title is None and self.area is Area.PREAMBLE and self._title(text):
            return True
        if self.tree.title is not None and fold(text).replace(" ", "") == fold(self.tree.title).replace(
            " ", ""
        ):
            self.claim()  # the title repeated (page title and heading)
            return True
        return False

    def _title(self, text: str) -> bool:
        bare = _FEATURE_TAG_RE.sub("", text).strip()
        if not bare or bare.endswith("。") or not re.fullmatch(self.spec.title, fold(bare)):
            return False
        following = self.pieces[self.index + 1][1] if self.index + 1 < len(self.pieces) else ""
        if re.fullmatch(r"\s*【[^】]{1,12}】\s*", following):
            bare = f"{bare} {following.strip()}"  # 【事業シート集】: the title's own subtitle
            self.coverage.claim(self.index + 1)
        self.tree.title, self.tree.title_locator = bare, self.pieces[self.index][0]
        from ..policy.identity import parse_title

        ident = parse_title(bare)
        self.tree.fiscal_year, self.tree.fiscal_year_label, self.tree.status = (
            ident.fiscal_year,
            ident.fiscal_year_label,
            ident.status,
        )
        self.claim()
        return True

    def identity(self) -> None:
        """Ward (title, then text, then URL), its slug and the organisation."""
        profile = self.spec.profile
        texts = [t for _, t in self.pieces]
        ward = (find_ward([self.tree.title], profile) if self.tree.title else None) or find_ward(
            texts, profile
        )
        ward = ward or profile.ward_in_url(self.url)
        self.tree.ward = ward
        self.tree.ward_slug = profile.wards.get(ward) if ward else None
        self.tree.organization = ward

    def section(self, text: str) -> bool:
        """Takes a section heading of the city's vocabulary: the area changes."""
        f = re.sub(r"^\s*[◇◆■□●【]\s*(?:区\s+)?", "", fold(text)).rstrip("】 ")
        if re.match(r"^\s*[◇◆]\s*市\s", fold(text)):
            self._enter(Area.OTHER)
            return True
        for section in self.spec.sections:
            if re.fullmatch(section.pattern, f):
                self._enter(section.area)
                return True
        m = _INLINE_LABEL_RE.match(fold(text))
        if m:
            for section in self.spec.sections:
                if re.fullmatch(section.pattern, m.group("label")):
                    self._enter(section.area)
                    self.area_line(text[m.start("rest") :].strip(), self.pieces[self.index][0])
                    return True
        return False

    def _enter(self, area: Area) -> None:
        self.area = area
        self.tree.sections_seen += 1
        self.issue = self.strategy = self.initiative = None
        self.reform = None
        self.parent = None
        self.open_sentence = False
        self.claim()

    def line(self, text: str, locator: str) -> None:
        """Every line after the head: a section heading, or a line of the current area."""
        if self.section(text):
            return
        self.prose_finds(text, locator)
        self.area_line(text, locator)
        self.open_sentence = (not text.rstrip().endswith(TERMINAL) and is_prose(text)) or (
            self.open_sentence and not text.rstrip().endswith(TERMINAL)
        )
        if _LEAD_IN_RE.search(fold(text)):
            self.area = Area.ISSUES
            self.issue = self.strategy = self.initiative = None

    def prose_finds(self, text: str, locator: str) -> None:
        """Takes what a sentence names anywhere: its pillars become issues, a future image a goal."""
        f = fold(text)
        if m := _PILLARS_RE.search(f):
            for title in _QUOTE_RE.findall(text[m.start("list") : m.end("list")]):
                self.add_issue(title, None, locator)
            self.issue = None
        for m in _FUTURE_IMAGE_RE.finditer(f):
            self.parent = None
            self.add_item(Area.GOALS, text[m.start("goal") : m.end("goal")])

    def area_line(self, text: str, locator: str) -> None:
        """Hands the line to its area's reader."""
        line = read_line(text)
        level = self.levels[self.index]
        if level and line.marker is Marker.PLAIN:
            # the reader took the item's number or bullet: an ordered list's items are numbered
            line = Line(Marker.NUMBER if self.area is Area.ISSUES else Marker.BULLET, line.text)
        if level > 1 and self.area in (Area.GOALS, Area.MISSIONS, Area.POLICIES):
            self.add_item(self.area, line.text, child=True)
            self.claim()
            return
        if self.area in (Area.GOALS, Area.MISSIONS, Area.POLICIES):
            self.list_line(line, text)
        elif self.area is Area.ISSUES:
            self.issue_line(line, text, locator)
        elif self.area is Area.INITIATIVES:
            self.initiative_line(line, text, locator)
        elif self.area is Area.REFORM:
            self.reform_line(text, locator)
        elif self.area is Area.PREAMBLE:
            self.preamble_line(line, text)

    def preamble_line(self, line: Line, text: str) -> None:
        """Takes a slogan before any section: a short line followed by its ``~…~`` subtitle is a goal."""
        following = self.pieces[self.index + 1][1] if self.index + 1 < len(self.pieces) else ""
        if (
            line.marker is Marker.PLAIN
            and not is_prose(text)
            and read_line(following).marker is Marker.SUBTITLE
        ):
            self.parent = None
            self.add_item(Area.GOALS, text.strip())
            self.parent = len(self.tree.goals) - 1
            self.claim()
        elif line.marker is Marker.SUBTITLE and self.tree.goals:
            self.add_item(Area.GOALS, text.strip(), child=True)
            self.claim()
        elif line.marker is Marker.AIM and not self.tree.issues:
            self.parent = None
            self.add_item(Area.GOALS, line.text)
            self.claim()
        elif any(g in text for g in self.tree.goals) and not is_prose(text):
            self.claim()  # the goal repeated as a banner

    def list_line(self, line: Line, text: str) -> None:
        """Takes a line of goals, missions or policies: bulleted lines are parents of the sentences below."""
        area = self.area
        if area is Area.GOALS and is_prose(text):
            if self.spec.goal_prose is not None:
                self.parent = None
                self.add_item(self.spec.goal_prose, text.strip())
                self.claim()
            return
        if line.marker is Marker.SUBTITLE:
            self.add_item(area, text.strip(), child=self.parent is not None)
        elif line.marker in (Marker.BULLET, Marker.DIAMOND) and not is_prose(line.text):
            self.parent = None
            self.add_item(area, line.text)
            self.parent = len(self.list_for(area)) - 1
        elif line.marker is Marker.AIM:
            self.parent = None
            self.add_item(area, line.text)
        elif self.parent is not None and is_prose(text):
            self.add_item(area, text.strip(), child=True)
        else:
            self.parent = None
            self.add_item(area, line.text if line.marker is not Marker.PLAIN else text.strip())
            if area is Area.GOALS:
                self.parent = len(self.tree.goals) - 1
        self.claim()

    def issue_line(self, line: Line, text: str, locator: str) -> None:
        """Takes a line of the issues area: marked headings by the city's outline, labels, sentences."""
        f = fold(text).strip()
        role = self.spec.outline.get(line.marker)
        if line.marker is Marker.NUMBER and self.open_sentence:
            role = None  # 1. … inside a sentence that goes on
        if role is None and line.marker is Marker.PLAIN and self.spec.plain_issues and not is_prose(text):
            role = Role.ISSUE
        if any(f.rstrip(":") == label for label in self.spec.labels):
            self.summary = True
            self.claim()
            return
        if m := _INDICATOR_RE.match(f):
            owner = self.initiative or self.issue
            node = parse_indicator(m.group("kind"), text[m.start("text") :], locator, self.tree.fiscal_year)
            if owner is not None and node is not None:
                owner.indicators.append(node)
                self.claim()
                return
        if role is not None and not (is_prose(line.text) and role is not Role.ISSUE and len(line.text) > 60):
            title = clean_title(line.text) or line.text
            if role is Role.ISSUE:
                raw, budgets, _ = split_budgets(line.text, self.tree.fiscal_year, where="end")
                self.add_issue((clean_title(raw) or raw).rstrip("。"), line.number, locator)
                if self.issue is not None:
                    self.issue.budgets.extend(budgets)
            elif role is Role.STRATEGY:
                self.add_strategy(title, line.number, locator)
            else:
                self.add_initiative(line.text, line.number, locator)
            self.claim()
            return
        if self.initiative is not None:
            self.initiative.description.append(text.strip())
            self.claim()
        elif self.issue is not None and (self.summary or is_prose(text)):
            self.issue.summary.append(text.strip())
            self.claim()

    def initiative_line(self, line: Line, text: str, locator: str) -> None:
        """Takes a line of an initiatives list: ``視点1:aim…title`` or a marked title, and descriptions."""
        if m := _VIEWPOINT_RE.match(fold(text)):
            self.add_initiative(text[m.start("title") :].strip(), None, locator, label=m.group("label"))
            self.initiative_description(text[m.start("aim") : m.end("aim")])
        elif line.marker is not Marker.PLAIN and not is_prose(line.text):
            self.add_initiative(line.text, line.number, locator)
        elif self.initiative is not None:
            self.initiative_description(text.strip())
        else:
            return
        self.claim()

    def initiative_description(self, text: str) -> None:
        if self.initiative is not None:
            self.initiative.description.append(text)

    def reform_line(self, text: str, locator: str) -> None:
        """Takes a line of the reform section: a short line is an item's title, sentences its overview."""
        if not is_prose(text):
            self.reform = ReformNode(plan=None, number=None, title=text.strip(), locator=locator)
            self.tree.reform_items.append(self.reform)
        elif self.reform is not None:
            self.reform.overview.append(text.strip())
        else:
            return
        self.claim()


def walk(spec: CitySpec, blocks: Sequence[Block], context: LayoutContext, parser: ParserInfo) -> LayoutResult:
    """Records of one city page read with ``spec``."""
    url = context.meta.url or (context.uri if host_of(context.uri) else None)
    state = _Walk(spec, pieces_of(spec, blocks), url)
    state.run(context.meta.complete)
    tree: DocTree = state.tree
    if not (tree.goals or tree.policies or tree.missions or tree.issues or tree.initiatives):
        state.warnings.append(
            Diagnostic(
                None, f"no {spec.profile.name} section was recognised: only document metadata was extracted"
            )
        )
    return state.coverage.result(build_records(tree, context, parser), state.warnings)
