"""Targets, baselines and results as the documents write them.

Examples of what is read (the statement, the target year, the target, the
baseline year and value)::

    地域活動協議会を知っている区民の割合 【元年度】 40% (29年度14.4%)
    市民活動支援情報提供窓口への問合せ件数【元年度 4件】 (29年度1件)
    令和元年度収納率 86.20% 参考平成30年度実績85.96%
    …作成した世帯の数(避難計画作成世帯数)10,000世帯以上(R3~R5作成合計目標)
    重点地域を選定する(2地域)

and results such as ``…割合 28.9%`` or ``5年度作成世帯数4,722世帯(R3~R5作成合計10,488世帯):A``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...eras import find_fiscal_year
from ...japanese import Quantity, fold, parse_quantity

__all__ = ["Result", "Target", "achieved_from_values", "match_key", "parse_result", "parse_target"]

_FY = r"(?:(?:令和|平成)\s*)?(?:[0-9]{1,2}|元)\s*年度|(?:19|20)[0-9]{2}\s*年度|[RH][0-9]{1,2}"
_QTY = (
    r"[0-9][0-9,]*(?:\.[0-9]+)?\s*"
    r"(?:%|ポイント|世帯|地域|団体|校|回|件|人|名|者|組|か所|箇所|ヵ所|カ所|ヶ所|か月|ヶ月|日|時間|枚|部|冊|本|社|店|施設|事業|千円|万円|円|倍|点|割|歳|戸|台|種|項目|園|クラス|グループ|チーム)?"
    r"\s*(?:以上|以下|未満|超)?"
)
_BASELINE_PAREN_RE = re.compile(
    rf"\(\s*(?:前年度|参考)?\s*(?P<fy>{_FY})\s*(?:実績|の実績|末|時点)?\s*[:]?\s*(?P<val>(?:[0-9][^()]*?)?)\s*\)"
)
_BASELINE_REF_RE = re.compile(rf"参考\s*[:]?\s*(?P<fy>{_FY})\s*(?:実績|の実績)?\s*[:]?\s*(?P<val>{_QTY})")
_TARGET_MARK_RE = re.compile(rf"【\s*(?P<fy>{_FY})\s*(?P<val>[^】]*)】")
_LEADING_FY_RE = re.compile(rf"^\s*(?P<fy>{_FY})\s*(?:末|まで|に|の)?\s*")
_TRAILING_QTY_RE = re.compile(rf"(?P<val>(?<![0-9.,]){_QTY})\s*(?:\((?P<note>[^()]*)\))?\s*[。.]?\s*$")
_PAREN_QTY_RE = re.compile(rf"\(\s*(?P<val>(?:[^()0-9]{{0,12}}?\s*)?{_QTY})\s*\)\s*[。.]?\s*$")
_ZERO_RE = re.compile(r"ゼロ|0件")
_GRADE_RE = re.compile(r"[:]\s*(?P<grade>[A-E][+-]?)\s*$|[(]\s*(?P<grade2>[A-E][+-]?)\s*[)]\s*$")


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target statement."""

    text: str
    target_text: str | None
    target: Quantity | None
    target_fiscal_year: int | None
    baseline: Quantity | None
    baseline_fiscal_year: int | None


def _has_number(s: str) -> bool:
    return bool(re.search(r"[0-9]", s))


def parse_target(statement: str, reference_year: int | None) -> Target | None:
    """Split a target statement into what is measured, the target and the baseline.

    >>> t = parse_target("地域活動協議会を知っている区民の割合 【元年度】 40% (29年度14.4%)", 2019)
    >>> (t.text, t.target.value, t.target.unit, t.target_fiscal_year, t.baseline.value, t.baseline_fiscal_year)
    ('地域活動協議会を知っている区民の割合', 40.0, '%', 2019, 14.4, 2017)
    >>> t = parse_target("市民活動支援情報提供窓口への問合せ件数【元年度 4件】 (29年度1件)", 2019)
    >>> (t.target.value, t.target.unit, t.baseline.value)
    (4.0, '件', 1.0)
    >>> t = parse_target("令和元年度収納率 86.20% 参考平成30年度実績85.96%", 2019)
    >>> (t.text, t.target.value, t.target_fiscal_year, t.baseline.value, t.baseline_fiscal_year)
    ('収納率', 86.2, 2019, 85.96, 2018)
    >>> t = parse_target("作成した世帯の数(避難計画作成世帯数)10,000世帯以上(R3~R5作成合計目標)", 2023)
    >>> (t.text, t.target_text, t.target.value, t.target.qualifier, t.target_fiscal_year)
    ('作成した世帯の数(避難計画作成世帯数)', '10,000世帯以上(R3~R5作成合計目標)', 10000.0, '以上', 2023)
    >>> t = parse_target("重点地域を選定する(2地域)", 2022)
    >>> (t.text, t.target_text, t.target.value, t.target_fiscal_year)
    ('重点地域を選定する', '2地域', 2.0, 2022)
    >>> parse_target("市民の声の受付(随時)", 2019) is None
    True
    """
    s = statement.strip()
    f = fold(s)
    baseline: Quantity | None = None
    baseline_fy: int | None = None
    target: Quantity | None = None
    target_text: str | None = None
    target_fy: int | None = None
    text = s

    # the baseline: "(29年度14.4%)", "(29年度実績:63.6%)", "参考平成30年度実績85.96%"
    bm = None
    for m in _BASELINE_PAREN_RE.finditer(f):
        bm = m
    if bm is None:
        bm = _BASELINE_REF_RE.search(f)
    cut_end = len(s)
    if bm is not None and bm.start() > 0:
        fy = find_fiscal_year(s[bm.start("fy") : bm.end("fy")], reference_year)
        baseline_fy = fy.year if fy else None
        val = s[bm.start("val") : bm.end("val")]
        baseline = parse_quantity(val) if _has_number(val) else None
        s_wo = s[: bm.start()].rstrip()
        trailing = s[bm.end() :].strip()
        cut_end = len(s_wo)
        if trailing and not _has_number(trailing):
            pass
        f_wo = f[:cut_end]
    else:
        s_wo = s
        f_wo = f

    mark = _TARGET_MARK_RE.search(f_wo)
    lead = _LEADING_FY_RE.match(f_wo)
    if mark:
        fy = find_fiscal_year(s[mark.start("fy") : mark.end("fy")], reference_year)
        target_fy = fy.year if fy else None
        inside = s_wo[mark.start("val") : mark.end("val")].strip()
        after = s_wo[mark.end() :].strip()
        target_text = inside or after or None
        if target_text:
            target = parse_quantity(target_text) if _has_number(target_text) else None
            if target is None and _ZERO_RE.search(target_text):
                target = Quantity(0.0, baseline.unit if baseline else None, None)
        text = s_wo[: mark.start()].strip()
        if not text and after:
            # 【元年度】歳入の増: the statement itself is the target
            text, target_text = after, None
    elif lead and _has_number(f_wo[lead.end() :]):
        fy = find_fiscal_year(s_wo[lead.start("fy") : lead.end("fy")], reference_year)
        target_fy = fy.year if fy else None
        rest_start = lead.end()
        tm = _TRAILING_QTY_RE.search(f_wo, rest_start)
        if tm is None:
            return None
        target_text = s_wo[tm.start("val") : tm.end("val")].strip()
        target = parse_quantity(target_text)
        text = s_wo[rest_start : tm.start("val")].strip()
    else:
        pm = _PAREN_QTY_RE.search(f_wo)
        tm = _TRAILING_QTY_RE.search(f_wo)
        if pm is not None and pm.start() > 0:
            target_text = s_wo[pm.start("val") : pm.end("val")].strip()
            target = parse_quantity(target_text)
            text = s_wo[: pm.start()].strip()
        elif tm is not None and tm.start() > 0:
            target_text = s_wo[tm.start("val") : tm.end("val")].strip()
            target = parse_quantity(target_text)
            note = tm.group("note")
            if note:
                target_text = s_wo[tm.start("val") : tm.end()].strip().rstrip("。.")
                years = _years_in(s_wo[tm.start("note") : tm.end("note")], reference_year)
                target_fy = years[-1] if years else None
            text = s_wo[: tm.start("val")].strip()
        else:
            return None
        if target_fy is None:
            target_fy = reference_year
    if not text:
        return None
    return Target(
        text=text.rstrip(" :"),
        target_text=target_text,
        target=target,
        target_fiscal_year=target_fy,
        baseline=baseline,
        baseline_fiscal_year=baseline_fy,
    )


def _years_in(text: str, reference_year: int | None) -> list[int]:
    years: list[int] = []
    pos = 0
    while True:
        fy = find_fiscal_year(text, reference_year, pos=pos)
        if fy is None:
            return years
        years.append(fy.year)
        pos = fy.end


@dataclass(frozen=True, slots=True)
class Result:
    """A reported result: what it is about, its values and an optional grade."""

    text: str
    value: Quantity | None
    inner_value: Quantity | None
    """A value in a trailing parenthetical, e.g. the cumulative figure in ``4,722世帯(…合計10,488世帯)``."""
    inner_note: str | None
    grade: str | None


def parse_result(statement: str) -> Result:
    """Read a result line.

    >>> r = parse_result("5年度作成世帯数4,722世帯(R3~R5作成合計10,488世帯):A")
    >>> (r.value.value, r.inner_value.value, r.grade)
    (4722.0, 10488.0, 'A')
    >>> r = parse_result("地域活動協議会を知っている区民の割合 28.9%")
    >>> (r.text, r.value.value)
    ('地域活動協議会を知っている区民の割合', 28.9)
    >>> parse_result("令和元年度収納率(現年度賦課分):85.96%").value.value
    85.96
    """
    s = statement.strip()
    f = fold(s)
    grade = None
    gm = _GRADE_RE.search(f)
    if gm:
        grade = gm.group("grade") or gm.group("grade2")
        s = s[: gm.start()].rstrip()
        f = f[: gm.start()].rstrip()
    inner_value = None
    inner_note = None
    im = re.search(r"\((?P<inner>[^()]*[0-9][^()]*)\)\s*$", f)
    if im:
        inner_note = s[im.start("inner") : im.end("inner")]
        qs = list(re.finditer(_QTY, fold(inner_note)))
        qs = [q for q in qs if re.search(r"[0-9]", q.group(0))]
        inner_value = parse_quantity(qs[-1].group(0)) if qs else None
        s_main = s[: im.start()].rstrip()
        f_main = f[: im.start()].rstrip()
    else:
        s_main, f_main = s, f
    vm = None
    for m in re.finditer(rf"(?<![0-9.,]){_QTY}", f_main):
        if re.search(r"[0-9]", m.group(0)):
            vm = m
    value = parse_quantity(s_main[vm.start() : vm.end()]) if vm else None
    text = s_main[: vm.start()].rstrip(" :") if vm else s_main
    if value is None and inner_value is not None:
        value, inner_value = inner_value, None
    return Result(text=text.strip(), value=value, inner_value=inner_value, inner_note=inner_note, grade=grade)


def match_key(text: str) -> str:
    """A comparison key for matching results to targets: no spaces, brackets or bullets.

    >>> match_key("・「区役所来庁者等に対するサービスの格付け結果」において") == match_key("「区役所来庁者等に対するサービスの格付け結果」")
    False
    >>> match_key(" 地域カルテを更新 ") == match_key("地域カルテを更新")
    True
    """
    return re.sub(r"[\s・「」『』\"'()【】]", "", fold(text))


def achieved_from_values(target: Quantity | None, actual: Quantity | None, text: str) -> bool | None:
    """Whether ``actual`` meets ``target``; None when they cannot be compared.

    Lower is better when the target says 以下/未満 or aims at zero or a reduction.

    >>> achieved_from_values(Quantity(40.0, "%", None), Quantity(28.9, "%", None), "割合")
    False
    >>> achieved_from_values(Quantity(0.0, "件", None), Quantity(1.0, "件", None), "件数ゼロをめざす")
    False
    >>> achieved_from_values(Quantity(1.0, "回", None), Quantity(20.0, "地域", None), "説明会") is None
    True
    """
    if target is None or actual is None:
        return None
    if target.unit and actual.unit and target.unit != actual.unit:
        return None
    lower_is_better = (
        target.qualifier in ("以下", "未満")
        or target.value == 0
        or bool(re.search(r"削減|減少|抑制|ゼロ", text))
    )
    if lower_is_better:
        return actual.value <= target.value if target.qualifier != "未満" else actual.value < target.value
    return actual.value > target.value if target.qualifier == "超" else actual.value >= target.value
