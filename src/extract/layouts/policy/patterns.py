"""The patterns of each kind of line, over the folded text.

One pattern (or one list of patterns) per :class:`~.kinds.Kind`, built from
shared pieces: an optional opening bracket, the keyword, the number or code,
an optional separator, the title, a closing bracket and whatever follows.  The
patterns only say what a line *looks like*; which one wins when several match
is the business of the ordered rule table in :mod:`.classify`.
"""

from __future__ import annotations

import re

__all__ = [
    "ATTACHMENT_RE",
    "BOILERPLATE_RE",
    "BRACKET_TITLE_RE",
    "BULLET_CHARS",
    "CAPTION_RE",
    "CHIEF_RE",
    "CLOSE",
    "COUNTER",
    "DATE_RE",
    "EVALUATION_RE",
    "FOOTER_RE",
    "GOALS_RE",
    "INITIATIVES_LABEL_RE",
    "INITIATIVE_RES",
    "INITIATIVE_UNNUMBERED_RES",
    "ISSUES_SECTION_RE",
    "ISSUE_RES",
    "MARKED_LABEL_RE",
    "MISSIONS_RE",
    "NOTICE_RE",
    "NOT_NUMBERED_WORDS",
    "NUMBERED_RE",
    "OPEN",
    "OUTCOME_LABEL_RE",
    "OUTCOME_STATUS_RE",
    "PAGE_ID_RE",
    "PLAN_MARK_RE",
    "POLICIES_RE",
    "REFORM_HEADER_RE",
    "REFORM_ITEM_RE",
    "REFORM_SECTION_RE",
    "SDGS_RE",
    "STATUS_PREVIOUS_RE",
    "STATUS_YEAR_RE",
    "STRATEGIES_LABEL_RE",
    "STRATEGY_RES",
    "STRATEGY_UNNUMBERED_RES",
    "SUMMARY_LABEL_RE",
]

# ----------------------------------------------------------------- shared pieces

OPEN = r"[【\[<《(]"
CLOSE = r"[】\]>》)]"
_SEP = r"(?:\s*[:.、]\s*|\s+)"
COUNTER = r"(?:つ|本|か所|箇所|ヶ所|件|項目|%)"
"""Words that make a number a quantity in prose (``3本柱``, ``4つの柱``), never a heading's number."""
_NUM = rf"(?P<num>[0-9]{{1,2}})(?!{COUNTER})(?P<sub>\s*-\s*\(?[0-9]{{1,2}}\)?)?"
_C2 = r"(?P<code>[0-9]{1,2}\s*-\s*[0-9]{1,2})(?!\s*-\s*[0-9])"
_C3 = r"(?P<code>[0-9]{1,2}\s*-\s*[0-9]{1,2}\s*-\s*[0-9]{1,2})"
_FY_WORD = r"(?:(?:令和|平成)\s*)?(?:[0-9]{1,2}|元)\s*年?度|(?:19|20)[0-9]{2}\s*年度"
BULLET_CHARS = "・•·●○◦■□◆◇▪▫※-－*＊"

_PAREN_LABEL = r"(?:\s*\([^()]*\)?)?"  # (何をめざすのか) — sometimes with its ')' lost


def _whole(pattern: str) -> re.Pattern[str]:
    """A label that is the whole segment, optionally bracketed: 【label】, <label>, label."""
    return re.compile(rf"^\s*(?:{OPEN}\s*)?(?:{pattern})\s*(?:{CLOSE}\s*)?$")


GOALS_RE = _whole(
    r"(?:[^\s()【】]{0,8}の)?目標\s*\(\s*何を目?めざすのか\s*\)?|[^\s()【】]{1,8}の目標"
    r"|(?:区の)?基本目標|(?:区の)?将来像|(?:区の)?(?:め|目)ざす(?:まちの)?姿"
)
MISSIONS_RE = _whole(
    r"(?:[^\s()【】]{0,8}の)?使命\s*\(\s*どのような役割を担うのか\s*\)?|[^\s()【】]{1,8}の使命"
)
POLICIES_RE = re.compile(
    rf"^\s*(?:{OPEN}\s*)?(?:{_FY_WORD})?\s*(?:[^\s()【】]{{0,12}}?)"
    r"(?:運営の基本的な考え方|運営方針の基本的な考え方|運営の基本方針)"
    rf"{_PAREN_LABEL}\s*(?:{CLOSE}\s*)?$"
    rf"|^\s*{OPEN}\s*(?:区長の方針|区の方針|局長の方針|所属長の方針)\s*{CLOSE}\s*$"
)
ISSUES_SECTION_RE = re.compile(
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
ISSUE_RES = [
    # 【経営課題1】 title / ≪経営課題1≫ title / 【経営課題 1】
    *_bracketed(rf"^\s*{{O}}\s*経営課題\s*{_NUM}\s*{{C}}\s*(?P<title>.*)$"),
    # 【経営課題1 title】 rest / 【経営課題1:title】
    *_bracketed(rf"^\s*{{O}}\s*経営課題\s*{_NUM}{_SEP}(?P<title>{{NC}}+?)\s*{{C}}\s*(?P<rest>.*)$"),
    # 経営課題1【title】 rest
    *_bracketed(rf"^\s*経営課題\s*{_NUM}\s*{{O}}\s*(?P<title>{{NC}}+?)\s*{{C}}\s*(?P<rest>.*)$"),
    # 経営課題1 title / 経営課題 1 / 経営課題1-(1)title
    re.compile(rf"^\s*経営課題\s*{_NUM}(?:{_SEP}|(?=[^0-9\s-])|$)(?P<title>.*)$"),
]

STRATEGY_RES = [
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
STRATEGY_UNNUMBERED_RES = _bracketed(r"^\s*{O}\s*主な戦略\s+(?P<title>{NC}+?)\s*{C}\s*(?P<rest>.*)$")

INITIATIVE_RES = [
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
INITIATIVE_UNNUMBERED_RES = _bracketed(
    r"^\s*{O}\s*主な具体的取組\s*(?:\((?P<budget_label>[^()]*(?:予算|決算)[^()]*)\))?\s*"
    r"(?P<title>{NC}+?)\s*{C}\s*(?P<rest>.*)$"
)

SUMMARY_LABEL_RE = _whole(r"経営課題の概要|概要|課題認識|現状と課題|経営課題の内容")
STRATEGIES_LABEL_RE = _whole(r"主な戦略(?:\s*\(課題解決の方策\))?|戦略")
INITIATIVES_LABEL_RE = re.compile(
    rf"^\s*(?:{OPEN}\s*)?主な具体的取組\s*(?:\((?P<budget_label>[^()]*)\))?\s*(?:{CLOSE}\s*)?$"
)
OUTCOME_STATUS_RE = _whole(r"アウトカム指標の達成状況(?:\s*\([^()]*\))?")
OUTCOME_LABEL_RE = _whole(r"アウトカム指標(?:\s*\([^()]*\))?|成果指標|業績目標|プロセス指標")
STATUS_YEAR_RE = re.compile(rf"^\s*{OPEN}\s*(?P<fy>{_FY_WORD})\s*の?実績(?:と達成状況)?\s*{CLOSE}\s*$")
STATUS_PREVIOUS_RE = re.compile(rf"^\s*{OPEN}\s*前年度(?:の)?実績\s*{CLOSE}\s*$")
SDGS_RE = re.compile(r"^\s*(?:関連する|主な)?\s*SDGs\s*(?:ゴール|の目標|目標)?\s*[:]?\s*(?P<rest>.*)$", re.I)

REFORM_SECTION_RE = re.compile(
    r"^\s*(?:[0-9]\s*[.]?\s*)?(?:現行の)?\s*「(?P<plan>[^」]*(?:市政改革|改革プラン|行財政改革)[^」]*)」\s*に基づく取組(?:等)?"
    r"(?:\s*\(様式3(?:より)?\))?\s*$"
)
REFORM_ITEM_RE = re.compile(
    rf"^\s*(?:{OPEN}\s*)?取組項目\s*(?P<num>[0-9]{{1,2}})\s*(?:{CLOSE})?\s*(?:[:.]\s*)?(?P<title>.*)$"
)
REFORM_HEADER_RE = re.compile(r"^\s*主な取組項目\s*$")

EVALUATION_RE = re.compile(
    r"^\s*(?:◆\s*)?(?:自己評価(?:\s*\([^()]*\))?|1年間の取組成果と今後取り組みたいこと|解決すべき課題と今後の改善方向"
    r"|今後の方針|中間振り返り|運営方針の達成状況(?:\s*\(総括表\))?)\s*$"
)
PLAN_MARK_RE = re.compile(r"^\s*◆?\s*計画\s*$")

DATE_RE = re.compile(r"^\s*(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*$")
PAGE_ID_RE = re.compile(r"^\s*ページ番号\s*[:]?\s*(?P<id>[0-9]{3,10})\s*$")
CHIEF_RE = re.compile(r"^\s*\(\s*(?:区長|局長|室長|所属長)\s*[:]\s*(?P<name>[^()]{1,20}?)\s*\)\s*$")
ATTACHMENT_RE = re.compile(
    r"^\s*(?P<title>.+?)\s*\(\s*(?P<fmt>PDF|XLSX|XLS|DOCX|DOC|CSV|ZIP|PPTX|PPT|ODS|ODT|TXT|JPG|PNG)\s*形式\s*"
    r"[,、]\s*(?P<size>[0-9][0-9,.]*)\s*(?P<unit>KB|MB|GB|バイト|B|キロバイト|メガバイト)\s*\)\s*$",
    re.I,
)

BOILERPLATE_RE = re.compile(
    r"^\s*(?:ページの先頭です|メニューの終端です。?|本文ここから|本文ここまで|別ウィンドウで開く|表示|このページへの別ルート"
    r"|Adobe Acrobat Reader(?: DC)?のダウンロード\(無償\)(?:別ウィンドウで開く)?"
    r"|PDFファイルを閲覧できない場合には.*|.*Adobe 社のサイトから.*"
    r"|SNSリンクは別ウィンドウで開きます|Facebookでシェア|twitterでツイートする|X\(旧Twitter\)でポスト|LINEで送る"
    r"|CC\(クリエイティブコモンズ\)ライセンス|におけるCC-BY4\.0|で提供いたします。|.*CC BY 4\.0.*|.*CC-BY.*"
    r"|----+|[-\s]+)\s*$"
)
FOOTER_RE = re.compile(
    r"^\s*(?:探している情報が見つからない|このページの作成者・問合せ先"
    r"|(?:このページ(?:に関する|への|についての)?)?お?問い?合わ?せ(?:先)?)\s*$"
)
NOTICE_RE = re.compile(
    r"^\s*(?:.*運営方針の進捗管理.*を実施し.*|.*運営方針(?:\(案\)|\(素案\))?は.*|.*を公表します。?|.*を策定します。?"
    r"|.*改定しました。?.*|.*改訂しました。?.*|.*公開\s*$|.*資料です。.*"
    r"|.*。\s*\((?:平成|令和)\s*(?:[0-9]{1,2}|元)\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日(?:更新)?\))$"
)
CAPTION_RE = re.compile(
    r"^\s*(?:.*(?:改定|改訂)履歴|策定経過|改訂履歴|.*【様式[0-9]】.*|様式[0-9].*|.{1,24}(?:イメージ|の様子|写真))\s*$"
)
MARKED_LABEL_RE = re.compile(r"^\s*[◆■●◇□]\s*(?P<label>[^\s◆]{2,40})\s+(?P<rest>\S.*)$")
NUMBERED_RE = re.compile(
    r"^\s*【\s*(?P<word>[^\s0-9【】()「」]{1,10}?)\s*(?P<code>[0-9]{1,2}(?:\s*-\s*[0-9]{1,2}){0,2})"
    rf"(?![0-9]|\s*-|{COUNTER})\s*"
    r"(?:[:.、]\s*|\s+)?(?P<title>[^【】]*?)\s*】\s*(?P<rest>.*)$"
)
NOT_NUMBERED_WORDS = ("年度", "様式", "令和", "平成", "第")
BRACKET_TITLE_RE = re.compile(r"^\s*(?:[①-⑳]|[0-9]{1,2}[.)]?)?\s*【(?P<title>[^【】]+)】\s*(?P<rest>.*)$")
