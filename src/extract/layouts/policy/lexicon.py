"""The vocabulary of 運営方針 documents: what a line of text *is*.

Every ward and every year labels the same things differently (【区の目標…】,
bare 区の目標…, ‹区の目標…>, 【目標(何をめざすのか)】, 【経営課題1】 title,
経営課題1【title】, ≪経営課題1≫, 【1-1 title】, <1-1 title>, …).  Rather than
one rule per variant, each kind of line is one pattern over a *folded* copy of
the text (full-width ASCII, dashes and bracket look-alikes unified, same
length), built from shared pieces: an optional opening bracket, the keyword,
the number or code, an optional separator, the title, a closing bracket and
whatever follows.  :func:`classify` returns a :class:`Token`; spans cut the
title out of the original text so it keeps the document's characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from ...japanese import fold

__all__ = ["Kind", "Token", "classify", "clean_title", "strip_bullet"]


class Kind(StrEnum):
    """What a segment of text is."""

    TEXT = "text"
    BOILERPLATE = "boilerplate"  # template noise: skip links, Adobe notice, share buttons
    FOOTER = "footer"  # 探している情報が見つからない / 問合せ先: the content has ended
    DATE = "date"
    PAGE_ID = "page_id"
    CHIEF = "chief"
    NOTICE = "notice"  # 運営方針の進捗管理を実施しました… (status notes above the content)
    GOALS = "goals"
    MISSIONS = "missions"
    POLICIES = "policies"
    ISSUES_SECTION = "issues_section"
    ISSUE = "issue"
    STRATEGY = "strategy"
    INITIATIVE = "initiative"
    SUMMARY_LABEL = "summary_label"
    STRATEGIES_LABEL = "strategies_label"
    INITIATIVES_LABEL = "initiatives_label"
    OUTCOME_LABEL = "outcome_label"
    OUTCOME_STATUS_LABEL = "outcome_status_label"
    STATUS_YEAR = "status_year"  # <令和5年度実績と達成状況>
    STATUS_PREVIOUS = "status_previous"  # <前年度実績>
    SDGS = "sdgs"
    BUDGET = "budget"
    REFORM_SECTION = "reform_section"
    REFORM_ITEM = "reform_item"
    REFORM_HEADER = "reform_header"  # 主な取組項目 | 取組内容 (様式3 table header)
    EVALUATION = "evaluation"  # ◆自己評価, 1年間の取組成果…, 今後の方針
    PLAN_MARK = "plan_mark"  # ◆計画 / 計画
    ATTACHMENT = "attachment"
    CAPTION = "caption"  # attachment-block captions, 改定履歴, image captions
    BRACKET_TITLE = "bracket_title"  # 【…】 alone: a titled item in lists
    NUMBERED = "numbered"  # 【重点取組1 title】: another vocabulary's numbered heading


@dataclass(frozen=True, slots=True)
class Token:
    """A classified segment; fields are filled according to ``kind``."""

    kind: Kind
    text: str
    number: int | None = None
    code: str | None = None
    title: str | None = None
    rest: str | None = None
    label: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


# ----------------------------------------------------------------- shared pieces

OPEN = r"[【\[<《(]"
CLOSE = r"[】\]>》)]"
_SEP = r"(?:\s*[:.、]\s*|\s+)"
_NUM = r"(?P<num>[0-9]{1,2})(?P<sub>\s*-\s*\(?[0-9]{1,2}\)?)?"
_C2 = r"(?P<code>[0-9]{1,2}\s*-\s*[0-9]{1,2})(?!\s*-\s*[0-9])"
_C3 = r"(?P<code>[0-9]{1,2}\s*-\s*[0-9]{1,2}\s*-\s*[0-9]{1,2})"
_FY_WORD = r"(?:(?:令和|平成)\s*)?(?:[0-9]{1,2}|元)\s*年?度|(?:19|20)[0-9]{2}\s*年度"
_BULLET_CHARS = "・•·●○◦■□◆◇▪▫※-－*＊"

_PAREN_LABEL = r"(?:\s*\([^()]*\)?)?"  # (何をめざすのか) — sometimes with its ')' lost


def _whole(pattern: str) -> re.Pattern[str]:
    """A label that is the whole segment, optionally bracketed: 【label】, <label>, label."""
    return re.compile(rf"^\s*(?:{OPEN}\s*)?(?:{pattern})\s*(?:{CLOSE}\s*)?$")


_GOALS_RE = _whole(
    r"(?:[^\s()【】]{0,8}の)?目標\s*\(\s*何を目?めざすのか\s*\)?|[^\s()【】]{1,8}の目標"
    r"|(?:区の)?基本目標|(?:区の)?将来像|(?:区の)?(?:め|目)ざす(?:まちの)?姿"
)
_MISSIONS_RE = _whole(
    r"(?:[^\s()【】]{0,8}の)?使命\s*\(\s*どのような役割を担うのか\s*\)?|[^\s()【】]{1,8}の使命"
)
_POLICIES_RE = re.compile(
    rf"^\s*(?:{OPEN}\s*)?(?:{_FY_WORD})?\s*(?:[^\s()【】]{{0,12}}?)"
    r"(?:運営の基本的な考え方|運営方針の基本的な考え方|運営の基本方針)"
    rf"{_PAREN_LABEL}\s*(?:{CLOSE}\s*)?$"
    rf"|^\s*{OPEN}\s*(?:区長の方針|区の方針|局長の方針|所属長の方針)\s*{CLOSE}\s*$"
)
_ISSUES_SECTION_RE = re.compile(
    rf"^\s*(?:[0-9]\s*[.]?\s*)?(?:{OPEN}\s*)?重点的に取り組む(?:主な)?経営課題(?:\s*\(概要版\))?"
    rf"(?:\s*\(様式2(?:より)?\))?\s*(?:{CLOSE}\s*)?$"
)

_PAIRS = (("【", "】"), ("[", "]"), ("<", ">"), ("《", "》"), ("(", ")"), ("〔", "〕"))


def _bracketed(template: str) -> list[re.Pattern[str]]:
    """One pattern per bracket pair, so 【…(CSW)…】 closes at 】 and not at the ')'.

    ``{O}``/``{C}`` are the opening/closing bracket, ``{NC}`` any character but the closing one.
    """
    out = []
    for o, c in _PAIRS:
        out.append(
            re.compile(
                template.replace("{O}", re.escape(o))
                .replace("{C}", re.escape(c))
                .replace("{NC}", f"[^{re.escape(c)}]")
            )
        )
    return out


# 経営課題 headings
_ISSUE_RES = [
    # 【経営課題1】 title / ≪経営課題1≫ title / 【経営課題 1】
    *_bracketed(rf"^\s*{{O}}\s*経営課題\s*{_NUM}\s*{{C}}\s*(?P<title>.*)$"),
    # 【経営課題1 title】 rest / 【経営課題1:title】
    *_bracketed(rf"^\s*{{O}}\s*経営課題\s*{_NUM}{_SEP}(?P<title>{{NC}}+?)\s*{{C}}\s*(?P<rest>.*)$"),
    # 経営課題1【title】 rest
    *_bracketed(rf"^\s*経営課題\s*{_NUM}\s*{{O}}\s*(?P<title>{{NC}}+?)\s*{{C}}\s*(?P<rest>.*)$"),
    # 経営課題1 title / 経営課題 1 / 経営課題1-(1)title
    re.compile(rf"^\s*経営課題\s*{_NUM}(?:{_SEP}|(?=[^0-9\s-])|$)(?P<title>.*)$"),
]

_STRATEGY_RES = [
    # 【戦略1-1 title】 rest / 【戦略1-1】 title / 【主な戦略1-1:「…」】
    *_bracketed(
        rf"^\s*{{O}}\s*(?:主な)?戦略\s*{_C2}\s*(?:[:.、]\s*)?(?P<title>{{NC}}*?)\s*{{C}}\s*(?P<rest>.*)$"
    ),
    # 戦略1-1 title / 主な戦略1-1 title
    re.compile(rf"^\s*(?:主な)?戦略\s*{_C2}(?:{_SEP}|(?=[^0-9\s-])|$)(?P<title>.*)$"),
    # 【1-1】title / 主な戦略【1-2】
    *_bracketed(rf"^\s*(?:主な戦略\s*)?{{O}}\s*{_C2}\s*{{C}}\s*(?P<title>.*)$"),
    # 【1-1 title】 rest / <1-1 title> / 主な戦略【1-2 title】
    *_bracketed(rf"^\s*(?:主な戦略\s*)?{{O}}\s*{_C2}{_SEP}(?P<title>{{NC}}+?)\s*{{C}}\s*(?P<rest>.*)$"),
]
# 【主な戦略 title】: a strategy without a number
_STRATEGY_UNNUMBERED_RES = _bracketed(r"^\s*{O}\s*主な戦略\s+(?P<title>{NC}+?)\s*{C}\s*(?P<rest>.*)$")

_INITIATIVE_RES = [
    # 【具体的取組1-1-1 title】 rest / 【具体的取組2-3-1title】 / 【具体的取組1-1-2】 title 《…》
    *_bracketed(
        rf"^\s*{{O}}\s*(?:主な)?具体的取組\s*{_C3}\s*(?:[:.、]\s*)?(?P<title>{{NC}}*?)\s*{{C}}\s*(?P<rest>.*)$"
    ),
    # 具体的取組1-1-1 title(2年度予算額)
    re.compile(rf"^\s*(?:主な)?具体的取組\s*{_C3}(?:{_SEP}|(?=[^0-9\s-])|$)(?P<title>.*)$"),
    # 【1-1-1】 title
    *_bracketed(rf"^\s*{{O}}\s*{_C3}\s*{{C}}\s*(?P<title>.*)$"),
    # 【1-1-1 title】 rest / <1-1-1 title>
    *_bracketed(rf"^\s*{{O}}\s*{_C3}{_SEP}(?P<title>{{NC}}+?)\s*{{C}}\s*(?P<rest>.*)$"),
]
# 【主な具体的取組(4年度予算額) title(77,800千円)】: unnumbered, with the budget label inside
_INITIATIVE_UNNUMBERED_RES = _bracketed(
    r"^\s*{O}\s*主な具体的取組\s*(?:\((?P<budget_label>[^()]*(?:予算|決算)[^()]*)\))?\s*"
    r"(?P<title>{NC}+?)\s*{C}\s*(?P<rest>.*)$"
)

_SUMMARY_LABEL_RE = _whole(r"経営課題の概要|概要|課題認識|現状と課題|経営課題の内容")
_STRATEGIES_LABEL_RE = _whole(r"主な戦略(?:\s*\(課題解決の方策\))?|戦略")
_INITIATIVES_LABEL_RE = re.compile(
    rf"^\s*(?:{OPEN}\s*)?主な具体的取組\s*(?:\((?P<budget_label>[^()]*)\))?\s*(?:{CLOSE}\s*)?$"
)
_OUTCOME_STATUS_RE = _whole(r"アウトカム指標の達成状況(?:\s*\([^()]*\))?")
_OUTCOME_LABEL_RE = _whole(r"アウトカム指標(?:\s*\([^()]*\))?|成果指標|業績目標|プロセス指標")
_STATUS_YEAR_RE = re.compile(rf"^\s*{OPEN}\s*(?P<fy>{_FY_WORD})\s*の?実績(?:と達成状況)?\s*{CLOSE}\s*$")
_STATUS_PREVIOUS_RE = re.compile(rf"^\s*{OPEN}\s*前年度(?:の)?実績\s*{CLOSE}\s*$")
_SDGS_RE = re.compile(r"^\s*(?:関連する|主な)?\s*SDGs\s*(?:ゴール|の目標|目標)?\s*[:]?\s*(?P<rest>.*)$", re.I)

_REFORM_SECTION_RE = re.compile(
    r"^\s*(?:[0-9]\s*[.]?\s*)?(?:現行の)?\s*「(?P<plan>[^」]*(?:市政改革|改革プラン|行財政改革)[^」]*)」\s*に基づく取組(?:等)?"
    r"(?:\s*\(様式3(?:より)?\))?\s*$"
)
_REFORM_ITEM_RE = re.compile(
    rf"^\s*(?:{OPEN}\s*)?取組項目\s*(?P<num>[0-9]{{1,2}})\s*(?:{CLOSE})?\s*(?:[:.]\s*)?(?P<title>.*)$"
)
_REFORM_HEADER_RE = re.compile(r"^\s*主な取組項目\s*$")

_EVALUATION_RE = re.compile(
    r"^\s*(?:◆\s*)?(?:自己評価(?:\s*\([^()]*\))?|1年間の取組成果と今後取り組みたいこと|解決すべき課題と今後の改善方向"
    r"|今後の方針|中間振り返り|運営方針の達成状況(?:\s*\(総括表\))?)\s*$"
)
_PLAN_MARK_RE = re.compile(r"^\s*◆?\s*計画\s*$")

_DATE_RE = re.compile(r"^\s*(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*$")
_PAGE_ID_RE = re.compile(r"^\s*ページ番号\s*[:]?\s*(?P<id>[0-9]{3,10})\s*$")
_CHIEF_RE = re.compile(r"^\s*\(\s*(?:区長|局長|室長|所属長)\s*[:]\s*(?P<name>[^()]{1,20}?)\s*\)\s*$")
_ATTACHMENT_RE = re.compile(
    r"^\s*(?P<title>.+?)\s*\(\s*(?P<fmt>PDF|XLSX|XLS|DOCX|DOC|CSV|ZIP|PPTX|PPT|ODS|ODT|TXT|JPG|PNG)\s*形式\s*"
    r"[,、]\s*(?P<size>[0-9][0-9,.]*)\s*(?P<unit>KB|MB|GB|バイト|B|キロバイト|メガバイト)\s*\)\s*$",
    re.I,
)

_BOILERPLATE_RE = re.compile(
    r"^\s*(?:ページの先頭です|メニューの終端です。?|本文ここから|本文ここまで|別ウィンドウで開く|表示|このページへの別ルート"
    r"|Adobe Acrobat Reader(?: DC)?のダウンロード\(無償\)(?:別ウィンドウで開く)?"
    r"|PDFファイルを閲覧できない場合には.*|.*Adobe 社のサイトから.*"
    r"|SNSリンクは別ウィンドウで開きます|Facebookでシェア|twitterでツイートする|X\(旧Twitter\)でポスト|LINEで送る"
    r"|CC\(クリエイティブコモンズ\)ライセンス|におけるCC-BY4\.0|で提供いたします。|.*CC BY 4\.0.*|.*CC-BY.*"
    r"|----+|[-\s]+)\s*$"
)
_FOOTER_RE = re.compile(
    r"^\s*(?:探している情報が見つからない|このページの作成者・問合せ先"
    r"|(?:このページ(?:に関する|への|についての)?)?お?問い?合わ?せ(?:先)?)\s*$"
)
_NOTICE_RE = re.compile(
    r"^\s*(?:.*運営方針の進捗管理.*を実施し.*|.*運営方針(?:\(案\)|\(素案\))?は.*|.*を公表します。?|.*を策定します。?"
    r"|.*改定しました。?.*|.*改訂しました。?.*|.*公開\s*$|.*資料です。.*"
    r"|.*。\s*\((?:平成|令和)\s*(?:[0-9]{1,2}|元)\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日(?:更新)?\))$"
)
_CAPTION_RE = re.compile(
    r"^\s*(?:.*(?:改定|改訂)履歴|策定経過|改訂履歴|.*【様式[0-9]】.*|様式[0-9].*|.{1,24}(?:イメージ|の様子|写真))\s*$"
)
_MARKED_LABEL_RE = re.compile(r"^\s*[◆■●◇□]\s*(?P<label>[^\s◆]{2,40})\s+(?P<rest>\S.*)$")
_NUMBERED_RE = re.compile(
    r"^\s*【\s*(?P<word>[^\s0-9【】()「」]{1,10}?)\s*(?P<code>[0-9]{1,2}(?:\s*-\s*[0-9]{1,2}){0,2})\s*"
    r"(?:[:.、]\s*|\s+)?(?P<title>[^【】]*?)\s*】\s*(?P<rest>.*)$"
)
_NOT_NUMBERED_WORDS = ("年度", "様式", "令和", "平成", "第")
_BRACKET_TITLE_RE = re.compile(r"^\s*(?:[①-⑳]|[0-9]{1,2}[.)]?)?\s*【(?P<title>[^【】]+)】\s*(?P<rest>.*)$")


def strip_bullet(text: str) -> str:
    """Remove list markers the document typed itself (・, ●, ※ is kept).

    >>> strip_bullet("- ・区民が自分たちの")
    '区民が自分たちの'
    >>> strip_bullet("・ 概要")
    '概要'
    >>> strip_bullet("※ 注記")
    '※ 注記'
    """
    s = text.lstrip()
    while s and s[0] in _BULLET_CHARS and s[0] != "※":
        if s[0] in "-－*＊" and len(s) > 1 and not s[1].isspace() and s[1] not in "・•":
            break
        s = s[1:].lstrip()
    return s


_TRAILING_BUDGET_RE = re.compile(
    r"\s*(?:[(\[《【]\s*(?:[^()\[\]《》【】]*?(?:予算|決算|見込)[^()\[\]《》【】]*?|[^()\[\]《》【】]*?円[^()\[\]《》【】]*?)\s*[)\]》】]\s*)+$"
)
_ENCLOSING = {"【": "】", "「": "」", "『": "』", "<": ">", "《": "》", "[": "]", "(": ")", "〔": "〕"}


def clean_title(raw: str | None) -> str | None:
    """A title without enclosing brackets, a trailing budget parenthetical or separators.

    >>> clean_title(" 地域活動の支援(77,800千円)")
    '地域活動の支援'
    >>> clean_title("自助の取組みの推進(2年度予算額)")
    '自助の取組みの推進'
    >>> clean_title("学校教育活動支援事業(快適な学習環境を整えるための取組)")
    '学校教育活動支援事業(快適な学習環境を整えるための取組)'
    >>> clean_title("「安全・安心のまちづくり」")
    '安全・安心のまちづくり'
    >>> clean_title(": 「区民の声」を活かす") is None
    False
    >>> clean_title("   ") is None
    True
    """
    if raw is None:
        return None
    s = raw.strip()
    folded = fold(s)
    m = _TRAILING_BUDGET_RE.search(folded)
    if m and m.start() > 0:
        s = s[: m.start()].rstrip()
    s = s.strip().lstrip(":：、").strip()
    for _ in range(2):
        f = fold(s)
        if (
            len(s) >= 2
            and f[0] in _ENCLOSING
            and f[-1] == _ENCLOSING[f[0]]
            and _balanced_inner(f[1:-1], f[0])
        ):
            s = s[1:-1].strip()
    return s or None


def _balanced_inner(inner: str, opener: str) -> bool:
    closer = _ENCLOSING[opener]
    depth = 0
    for ch in inner:
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _code(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _issue_code(m: re.Match[str]) -> tuple[int, str]:
    num = int(m.group("num"))
    sub = m.group("sub")
    return num, (f"{num}{_code(sub)}" if sub else str(num))


@lru_cache(maxsize=1 << 15)
def classify(text: str) -> Token:
    """Classify one segment of text.

    >>> classify("【経営課題1】 子育て層が住みたい").title
    '子育て層が住みたい'
    >>> t = classify("【戦略2-2  地域防災】 ")
    >>> (t.kind.value, t.code, t.title)
    ('strategy', '2-2', '地域防災')
    >>> t = classify("【具体的取組2-3-1コミュニティソーシャルワーカー(CSW)の配置】")
    >>> (t.code, t.title)
    ('2-3-1', 'コミュニティソーシャルワーカー(CSW)の配置')
    >>> classify("‹区の目標(何をめざすのか)>").kind.value
    'goals'
    >>> classify("経営課題1-(1)地域コミュニティの活性化").code
    '1-(1)'
    """
    f = fold(text)
    stripped = strip_bullet(f)
    offset = len(f) - len(stripped)

    def cut(m: re.Match[str], group: str) -> str | None:
        if m.group(group) is None:
            return None
        return text[offset + m.start(group) : offset + m.end(group)]

    if _BOILERPLATE_RE.match(f):
        return Token(Kind.BOILERPLATE, text)
    if _FOOTER_RE.match(f):
        return Token(Kind.FOOTER, text)
    if _DATE_RE.match(f):
        return Token(Kind.DATE, text)
    m = _PAGE_ID_RE.match(f)
    if m:
        return Token(Kind.PAGE_ID, text, code=m.group("id"))
    m = _CHIEF_RE.match(f)
    if m:
        return Token(Kind.CHIEF, text, title=cut_plain(text, m, "name"))

    for pattern, kind in (
        (_GOALS_RE, Kind.GOALS),
        (_MISSIONS_RE, Kind.MISSIONS),
        (_POLICIES_RE, Kind.POLICIES),
        (_ISSUES_SECTION_RE, Kind.ISSUES_SECTION),
        (_OUTCOME_STATUS_RE, Kind.OUTCOME_STATUS_LABEL),
        (_OUTCOME_LABEL_RE, Kind.OUTCOME_LABEL),
        (_SUMMARY_LABEL_RE, Kind.SUMMARY_LABEL),
        (_STRATEGIES_LABEL_RE, Kind.STRATEGIES_LABEL),
        (_STATUS_PREVIOUS_RE, Kind.STATUS_PREVIOUS),
        (_EVALUATION_RE, Kind.EVALUATION),
        (_PLAN_MARK_RE, Kind.PLAN_MARK),
        (_REFORM_HEADER_RE, Kind.REFORM_HEADER),
    ):
        if pattern.match(stripped):
            return Token(kind, text, label=text[offset:].strip())
    m = _MARKED_LABEL_RE.match(f)
    if m:
        # "◆区の目標 text": a marked section label with its content on the same line
        label = m.group("label")
        for pattern, kind in (
            (_GOALS_RE, Kind.GOALS),
            (_MISSIONS_RE, Kind.MISSIONS),
            (_POLICIES_RE, Kind.POLICIES),
        ):
            if pattern.match(label):
                return Token(
                    kind, text, label=text[m.start("label") : m.end("label")], rest=cut_plain(text, m, "rest")
                )
    m = _STATUS_YEAR_RE.match(stripped)
    if m:
        return Token(Kind.STATUS_YEAR, text, label=cut(m, "fy"))
    m = _INITIATIVES_LABEL_RE.match(stripped)
    if m:
        return Token(Kind.INITIATIVES_LABEL, text, label=cut(m, "budget_label"))

    for pattern in _ISSUE_RES:
        m = pattern.match(stripped)
        if m:
            number, code = _issue_code(m)
            rest = cut(m, "rest") if "rest" in m.groupdict() else None
            return Token(Kind.ISSUE, text, number=number, code=code, title=cut(m, "title"), rest=rest)
    for pattern in _INITIATIVE_RES:
        m = pattern.match(stripped)
        if m:
            rest = cut(m, "rest") if "rest" in m.groupdict() else None
            return Token(Kind.INITIATIVE, text, code=_code(m.group("code")), title=cut(m, "title"), rest=rest)
    for pattern in _STRATEGY_RES:
        m = pattern.match(stripped)
        if m:
            rest = cut(m, "rest") if "rest" in m.groupdict() else None
            return Token(Kind.STRATEGY, text, code=_code(m.group("code")), title=cut(m, "title"), rest=rest)
    for pattern in _INITIATIVE_UNNUMBERED_RES:
        m = pattern.match(stripped)
        if m:
            return Token(
                Kind.INITIATIVE,
                text,
                title=cut(m, "title"),
                rest=cut(m, "rest"),
                label=cut(m, "budget_label"),
            )
    for pattern in _STRATEGY_UNNUMBERED_RES:
        m = pattern.match(stripped)
        if m:
            return Token(Kind.STRATEGY, text, title=cut(m, "title"), rest=cut(m, "rest"))

    m = _REFORM_SECTION_RE.match(stripped)
    if m:
        return Token(Kind.REFORM_SECTION, text, title=cut(m, "plan"))
    m = _REFORM_ITEM_RE.match(stripped)
    if m:
        return Token(Kind.REFORM_ITEM, text, number=int(m.group("num")), title=cut(m, "title"))
    m = _SDGS_RE.match(stripped)
    if m and "SDG" in stripped.upper()[:12]:
        return Token(Kind.SDGS, text, rest=cut(m, "rest"))
    m = _ATTACHMENT_RE.match(stripped)
    if m:
        return Token(
            Kind.ATTACHMENT,
            text,
            title=cut(m, "title"),
            extra={"format": m.group("fmt").upper(), "size": m.group("size"), "unit": m.group("unit")},
        )
    if _NOTICE_RE.match(stripped) and len(stripped) < 400:
        return Token(Kind.NOTICE, text)
    if _CAPTION_RE.match(stripped) and len(stripped) <= 60:
        return Token(Kind.CAPTION, text)
    m = _NUMBERED_RE.match(stripped)
    if m and not any(w in m.group("word") for w in _NOT_NUMBERED_WORDS):
        return Token(
            Kind.NUMBERED,
            text,
            code=_code(m.group("code")),
            title=cut(m, "title"),
            rest=cut(m, "rest"),
            label=cut(m, "word"),
        )
    m = _BRACKET_TITLE_RE.match(stripped)
    if m:
        return Token(Kind.BRACKET_TITLE, text, title=cut(m, "title"), rest=cut(m, "rest"))
    return Token(Kind.TEXT, text)


def cut_plain(text: str, m: re.Match[str], group: str) -> str:
    """The original-text span of ``group`` (for patterns matched on ``fold(text)`` without offset)."""
    return text[m.start(group) : m.end(group)]
