"""When did it happen? Relative time phrases in a resident's message.

``parse_time_phrase(text, now)`` finds the time words (昨晚, 前天下午3点, 三天前, 每天晚上12点,
从上个月开始, 这几天 ...), joins the ones written next to each other into phrases, resolves each to
an approximate start in ``now``'s timezone, and returns the most specific phrase. ``now`` is always
passed in: nothing here reads the clock.

``recurring`` is read from the whole message (每天/每晚/经常/天天/一直 ...): it describes the
problem, which may recur even when the phrase picked is a one-off such as "昨天".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.text.normalize import cn_number, fold, normalize
from core.text.phone import phone_spans
from core.text.timedates import at, before, holiday_date, hour_with_part, safe_date, shift_months
from core.text.timespan import (
    VAGUE_KINDS,
    Comp,
    asks_which,
    availability,
    compared_with,
    hour_now,
    how_often,
    incident,
    is_attribute,
    lasted,
    past_event,
    recurrence_apart,
    since_dated,
    span_of_day,
    state_now,
)
from core.text.vocab import (
    AGO_PREFIXES,
    AGO_SUFFIXES,
    CLOCK_BLOCKERS,
    DAY_OF_MONTH_BLOCKERS,
    DAY_REFS,
    DURATION_UNITS,
    FEW,
    HOLIDAYS,
    JUST_NOW,
    LONG_AGO,
    MONTH_PARTS,
    PARTS_OF_DAY,
    PERIOD_REFS,
    PRESENT,
    RECENT_PREFIXES,
    RECURRING,
    SEASONS,
    SINCE_PREFIXES,
    SINCE_SUFFIXES,
    TIME_NUMBER_CLASS,
    UNTIMED_RECURRING,
    VAGUE_RECENT,
    WEEK_PREFIXES,
    WEEK_WORDS,
    WEEKDAYS,
)

__all__ = ["TimePhrase", "parse_time_phrase"]

MAX_INPUT = 2000


@dataclass(frozen=True)
class TimePhrase:
    text: str  # the phrase as written, e.g. "前天下午3点"
    start: datetime | None  # approximate start in now's timezone, when derivable
    recurring: bool  # the message says the problem repeats or goes on
    # only a time of day or "好久" ("晚上黑漆漆的", "坏了好久"): says when in the day, or that it is long,
    # not which day or since when
    vague: bool = False
    # followed by the resident being there (「周末两天都在」, 「今晚八点以后有人在家」): when to visit, not when the
    # problem began — the intake does not take it from the first message
    visit: bool = False


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest word first so a longer word wins over its prefix."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_N = rf"(?:\d{{1,3}}|[{TIME_NUMBER_CLASS}]{{1,4}})"
_CLOCK_N = r"(?:\d{1,2}|[零一二两三四五六七八九十]{1,3})"
_WEAK_PARTS = frozenset(p for p in PARTS_OF_DAY if len(p) == 1)
# 整个星期, 一整个月, 成個星期 (Cantonese): one whole unit, said as how long it has lasted
_WHOLE = r"(?:一?整|成)(?=个)"
_WHOLE_WORDS = ("整", "一整", "成")
_COME_TO_DO = re.compile(r"[修看查换装弄拿收处清通送人趟]")

_COMPONENT_RE = re.compile(
    "|".join(
        [
            # 从早吵到晚 (all day long) and 周末都 / 周末也 (every weekend) say how often, as 整天 and 每个周末 do; so
            # does a bare weekday with 也 / 都 (礼拜天也不停, 周六都开工: round 19), a dated one (上周三也) being a day
            rf"(?P<recur>{_alt(RECURRING)}|从早[\u4e00-\u9fff]{{0,2}}?到晚"
            rf"|(?:周末|(?:{_alt(WEEK_WORDS)})[一二三四五六日天])(?=[都也还照]))",
            rf"(?P<weekday>(?P<wp>{_alt(WEEK_PREFIXES)})?(?:{_alt(WEEK_WORDS)})(?P<wd>[{''.join(WEEKDAYS)}]))",
            rf"(?P<day>(?<![以之过然])(?:{_alt(DAY_REFS)}))",  # 以后天天 / 之前晚上: no 后天, no 前晚
            r"(?P<year>(?<!\d)(?P<yn>(?:19|20)\d{2})年)",
            rf"(?P<period>{_alt(PERIOD_REFS)})",
            # 国庆路, 春节灯笼, 春晚联欢: a name or a thing, not when
            rf"(?P<season>{_alt(SEASONS)}|(?:{_alt(HOLIDAYS)})(?![路街道巷桥村灯联礼]))",
            rf"(?P<recent>(?:{_alt(RECENT_PREFIXES)})(?P<rn>{_N})个?多?(?P<ru>{_alt(DURATION_UNITS)}))",
            rf"(?P<vague>{_alt(VAGUE_RECENT)})",
            rf"(?P<long>{_alt(LONG_AGO)})",
            rf"(?P<just>{_alt(JUST_NOW)})",
            rf"(?P<date>(?:(?P<mo>{_N})月(?P<md>{_N})(?:日|号)?)|(?<![\d{TIME_NUMBER_CLASS}])(?P<dd>{_N})(?:号|日)"
            rf"(?!{_alt(DAY_OF_MONTH_BLOCKERS)}))",
            rf"(?P<month>(?<![\d{TIME_NUMBER_CLASS}])(?P<mn>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月"
            rf"(?P<mpart>{_alt(MONTH_PARTS)})?(?![\d{TIME_NUMBER_CLASS}]))",
            rf"(?P<mpart_only>(?<=月)(?:{_alt(MONTH_PARTS)}))",
            # 大半年, 都小半年: the half said larger or smaller is one phrase (round 22: 大半年 was stored 半年)
            rf"(?P<ago>(?P<ap>(?:{_alt(AGO_PREFIXES)})?[大小](?=半)|{_alt(AGO_PREFIXES)})?(?<![\d{TIME_NUMBER_CLASS}])(?P<an>{_WHOLE}|{_N}|(?<=好)多)(?:个半|个)?多?"
            # 一年半, 一个半月: the half after the unit or before it is part of how long (was None / 半月了)
            rf"(?P<au>{_alt(DURATION_UNITS)})(?:半|多)?(?P<as>{_alt(AGO_SUFFIXES)})?)",
            rf"(?P<clock>(?<![\d{TIME_NUMBER_CLASS}])(?:(?P<ch>{_CLOCK_N})(?:点|时)(?!{_alt([b[1:] for b in CLOCK_BLOCKERS])})钟?"
            rf"(?P<cm>半|一刻|三刻|{_N}分|(?!一[直下起样般共定会些阵边])(?:{_N})(?![点时\d{TIME_NUMBER_CLASS}])|多)?(?:(?<=多)钟)?|(?P<hh>\d{{1,2}}):(?P<mm>\d{{2}})))",
            rf"(?P<part>{_alt(PARTS_OF_DAY)})",
            rf"(?P<present>{_alt(PRESENT)})",
            rf"(?P<since_pre>{_alt(SINCE_PREFIXES)})",
            rf"(?P<since_suf>{_alt(SINCE_SUFFIXES)})",
        ]
    )
)
_FILLER_RE = re.compile(r"[\s,，、的都就也还又了那这一]{0,3}")
_COMMA_RE = re.compile(r"[,，、]")
_RECUR_RE = re.compile(_alt(RECURRING))

_WEIGHTS = {
    "recur": 1, "weekday": 3, "day": 3, "year": 2, "period": 2, "season": 2, "month": 2, "mpart_only": 1,
    "recent": 2, "vague": 1, "long": 2, "just": 3, "ago": 3, "date": 3, "clock": 3, "weak_clock": 3, "part": 2,
    "present": 1, "since_pre": 0, "since_suf": 0,
}  # fmt: skip


_KINDS = tuple(k for k in _WEIGHTS if k in _COMPONENT_RE.groupindex)


# "一两天", "两三个月", "十一二点": a range said as two neighbouring numerals, read as its first
_RANGE_RE = re.compile(r"(十?)([一两二三四五六七八九])([两二三四五六七八九])")


def _range_first(raw: str) -> str:
    m = _RANGE_RE.fullmatch(raw)
    if m is None:
        return raw
    first, second = cn_number(m.group(2)), cn_number(m.group(3))
    return m.group(1) + m.group(2) if first is not None and second == first + 1 else raw


def _num(raw: str | None) -> float | None:
    if raw is None:
        return None
    raw = _range_first(raw)
    if raw in _WHOLE_WORDS:
        return 1.0
    if raw == "多":  # 好多天 is 好几天
        return float(FEW)
    if raw == "半":
        return 0.5
    if raw == "几" or raw.endswith("几"):
        base = cn_number(raw[:-1]) if len(raw) > 1 else 0
        return float((base or 0) + FEW)
    v = cn_number(raw.replace("半", ""))
    if v is None:
        return None
    return v + (0.5 if raw.endswith("半") and len(raw) > 1 else 0)


def _components(f: str) -> list[Comp]:
    comps: list[Comp] = []
    for m in _COMPONENT_RE.finditer(f):
        kind = m.lastgroup
        if kind is None:
            continue
        # lastgroup names the innermost closed group; find the top-level alternative
        for name in _KINDS:
            if m.group(name) is not None:
                kind = name
                break
        if kind == "ago" and not (m.group("ap") or m.group("as") or m.group("an") in _WHOLE_WORDS) and not lasted(f, m):
            continue  # "3天" alone can be a deadline ("3天内"), not a time in the past
        if kind == "ago" and m.group("as") == "来" and (m.group("au") not in ("天", "年", "个月", "月")
                                                       or _COME_TO_DO.match(f, m.end())):
            continue  # 说好三天来修: 来 is the visit promised, not 「over the last three days」
        if kind in ("date", "month") and asks_which(m):
            continue  # 几号开始供暖, 你们几号能来: a question, not a day
        if kind == "clock" and m.group("ch") == "一" and not m.group("cm") and "钟" not in m.group():
            # "一点" alone is "a bit" (有一点吵); as a time it needs a neighbour (凌晨一点) — see _groups
            kind = "weak_clock"
        comps.append(Comp(kind, m.start(), m.end(), m))
    return comps


def _groups(f: str, comps: list[Comp]) -> list[list[Comp]]:
    groups: list[list[Comp]] = []
    for c in comps:
        if groups:
            prev = groups[-1][-1]
            gap = f[prev.end : c.start]
            # a comma ends the phrase ("坏了好久，晚上什么人都能进来") unless a recurrence that says when
            # follows it ("从上个月开始，每晚都很吵")
            after_comma = c.kind == "recur" and c.m.group() not in UNTIMED_RECURRING
            # 「坏了快一个礼拜了晚上黑乎乎的」 (voice, no comma): how long, closed by 了; the time of day starts what it is like
            closed = prev.kind == "ago" and c.kind == "part" and "了" in prev.m.group()[-1:] + gap
            if len(gap) <= 3 and not closed and _FILLER_RE.fullmatch(gap) and (after_comma or not _COMMA_RE.search(gap)):
                groups[-1].append(c)
                continue
        groups.append([c])
    out: list[list[Comp]] = []
    for g in groups:
        if is_attribute(f, g):
            continue
        # 从/起/开始 and one-character parts (早/晚/夜) only count next to a real time word
        while g and (
            g[0].kind == "since_suf"
            or (g[0].kind == "part" and g[0].m.group() in _WEAK_PARTS and len(g) == 1)
        ):
            g = g[1:]
        while g and g[-1].kind == "since_pre":
            g = g[:-1]
        if g and any(c.kind not in ("since_pre", "since_suf") for c in g):
            if len(g) == 1 and g[0].kind == "part" and g[0].m.group() in _WEAK_PARTS:
                continue
            if len(g) == 1 and g[0].kind == "weak_clock":
                continue
            out.append(g)
    return out


def _resolve(group: list[Comp], now: datetime, recurring: bool) -> datetime | None:
    today = now.date()
    day: date | None = None  # a calendar day; hours can refine it
    instant: datetime | None = None  # an exact moment; hours cannot refine it
    part_rule: str | None = None
    part_hour: int | None = None
    clock: tuple[int, int] | None = None
    year: int | None = None  # 去年 / 2025年: later month and date words fall in this year
    month: tuple[int, int] | None = None  # 上个月: a later day-of-month falls in this month
    for c in group:
        m, k = c.m, c.kind
        if k == "year" and day is None:
            year = int(m.group("yn"))
            instant = datetime.combine(date(year, 1, 1), time(0, 0), tzinfo=now.tzinfo)
            continue
        if k == "period" and PERIOD_REFS[m.group("period")][0] in ("year", "month") and day is None:
            kind, offset = PERIOD_REFS[m.group("period")]
            if kind == "year":
                year = today.year + offset
                start = date(year, 1, 1)
            else:
                start = shift_months(today.replace(day=1), offset)
                year, month = start.year, (start.year, start.month)
            instant = datetime.combine(start, time(0, 0), tzinfo=now.tzinfo)
            continue
        if k in ("month", "season") and day is None:
            if k == "month":
                mo = cn_number(m.group("mn")) if not m.group("mn").isdigit() else int(m.group("mn"))
                if mo is None or not 1 <= mo <= 12:
                    continue
                md = MONTH_PARTS.get(m.group("mpart") or "", 1)
            elif (said := m.group("season")) in HOLIDAYS:
                y = year if year is not None else today.year
                off = holiday_date(*HOLIDAYS[said], y)
                if year is None and off > today:
                    off = holiday_date(*HOLIDAYS[said], y - 1)
                day, instant, month = off, None, (off.year, off.month)
                continue
            else:
                mo, md = SEASONS[said], 1
            y = year if year is not None else today.year
            d2 = safe_date(y, mo, md)
            if year is None and d2 is not None and d2 > today:
                d2 = safe_date(y - 1, mo, md)
            if d2 is not None:
                day, instant, month = d2, None, (d2.year, d2.month)
            continue
        if k == "mpart_only" and month is not None and day is None:
            day = safe_date(month[0], month[1], MONTH_PARTS[m.group("mpart_only")])
            instant = None
            continue
        if k == "date" and m.group("dd") is not None and month is not None and (day is None or day.day == 1):
            dd = _num(m.group("dd"))
            if dd is not None:
                day, instant = safe_date(month[0], month[1], int(dd)), None
            continue
        if k == "date" and m.group("mo") is not None and year is not None and day is None:
            mo_f, md_f = _num(m.group("mo")), _num(m.group("md"))
            if mo_f is not None and md_f is not None:
                day, instant = safe_date(year, int(mo_f), int(md_f)), None
            continue
        if k == "day" and day is None and instant is None:
            offset, implied = DAY_REFS[m.group("day")]
            day = today + timedelta(days=offset)
            if implied and part_rule is None:
                part_hour, part_rule = PARTS_OF_DAY[implied]
        elif k == "weekday" and day is None and instant is None:
            wp = m.group("wp")
            target = WEEKDAYS[m.group("wd")]
            monday = today - timedelta(days=today.weekday())
            if wp is None:
                d = monday + timedelta(days=target)
                day = d if d <= today else d - timedelta(days=7)
            else:
                day = monday + timedelta(days=7 * WEEK_PREFIXES[wp] + target)
        elif k == "date" and day is None and instant is None:
            if m.group("mo") is not None:
                mo_f, md_f = _num(m.group("mo")), _num(m.group("md"))
                if mo_f is None or md_f is None:
                    continue
                mo, md = int(mo_f), int(md_f)
                d2 = safe_date(today.year, int(mo), int(md))
                if d2 is not None and d2 > today:
                    d2 = safe_date(today.year - 1, int(mo), int(md))
            else:
                dd = _num(m.group("dd"))
                if dd is None:
                    continue
                d2 = safe_date(today.year, today.month, int(dd))
                if d2 is not None and d2 > today:
                    prev = shift_months(today.replace(day=1), -1)
                    d2 = safe_date(prev.year, prev.month, int(dd))
            day = d2
        elif k == "period" and day is None and instant is None:
            kind, offset = PERIOD_REFS[m.group("period")]
            if kind == "week":
                d = today - timedelta(days=today.weekday()) + timedelta(days=7 * offset)
            elif kind == "month":
                d = shift_months(today.replace(day=1), offset)
            else:
                d = date(today.year + offset, 1, 1)
            instant = datetime.combine(d, time(0, 0), tzinfo=now.tzinfo)
        elif k in ("recent", "ago") and day is None and instant is None:
            p = "r" if k == "recent" else "a"
            amount = _num(m.group(f"{p}n"))
            if amount is None:
                continue
            unit, per = DURATION_UNITS[m.group(f"{p}u")]
            back = before(now, amount * per, unit)
            if unit in ("minutes", "hours"):
                instant = back
            else:
                day, instant = back.date(), back
        elif k == "vague" and day is None and instant is None:
            instant = now - timedelta(days=VAGUE_RECENT[m.group("vague")])
        elif k == "just" and day is None and instant is None:
            instant = now - timedelta(minutes=JUST_NOW[m.group("just")])
        elif k == "present" and day is None and instant is None:
            instant = now
        elif k == "part":
            # a part written out overrides one implied by 昨晚/今早; a one-character part does not
            if part_rule is None or m.group("part") not in _WEAK_PARTS:
                part_hour, part_rule = PARTS_OF_DAY[m.group("part")]
        elif k == "recur":
            word = m.group("recur")
            if part_rule is None and ("晚" in word or "夜" in word):
                part_hour, part_rule = PARTS_OF_DAY["晚上" if "晚" in word else "夜里"]
        elif k in ("clock", "weak_clock") and clock is None:
            clock = _clock(m)
    hour: int | None = None
    minute = 0
    if clock is not None:
        hour, minute = clock
        if part_rule is not None:
            hour = hour_with_part(hour, part_rule)
    elif part_hour is not None:
        hour = part_hour
    if day is not None:
        if hour is None:
            return instant if instant is not None else at(now, day, 0)
        return at(now, day, hour, minute)
    if instant is not None:
        return instant
    if hour is None or recurring:
        return None
    # only a time of day: its most recent occurrence; a bare clock may be morning or afternoon
    candidates = [
        at(now, today + timedelta(days=delta), h, minute)
        for delta in (0, -1)
        for h in ({hour, hour + 12} if clock is not None and part_rule is None and hour < 12 else {hour})
    ]
    past = [c for c in candidates if c <= now]
    return max(past) if past else None


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    if m.group("hh") is not None:
        h, mi = int(m.group("hh")), int(m.group("mm"))
    else:
        hv = cn_number(_range_first(m.group("ch")))
        if hv is None:
            return None
        h = hv
        cm = m.group("cm")
        if cm is None:
            mi = 0
        elif cm == "半":
            mi = 30
        elif cm == "多":  # 十点多: a little after the hour, kept as the resident said it
            mi = 0
        elif cm == "一刻":
            mi = 15
        elif cm == "三刻":
            mi = 45
        else:
            mv = cn_number(cm.rstrip("分"))
            mi = mv if mv is not None else 0
    if not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    return h, mi


def _until_now(g: list[Comp]) -> bool:
    """「从早上八点到现在」: a time of day up to now says since when (today's, or last night's)."""
    return any(c.kind == "since_suf" and c.m.group() in _UP_TO_NOW for c in g) and any(
        c.kind in ("clock", "weak_clock", "part") for c in g)


_UP_TO_NOW = frozenset({"到现在", "至今", "到今天"})


def _to_come(g: list[Comp], now: datetime, recurring: bool) -> bool:
    """A day after today (明天, 后天, 下周一): said about plans, rarely about when the problem began."""
    start = _resolve(g, now, recurring)
    return start is not None and start.date() > now.date()


# the hour it starts (七点就开始) or runs until (开到十点, 吵到半夜十二点: round 28) each day: when in the day
_DAILY_START = re.compile(r"\s?(?:不到)?就(?:开始|开工|动工|开干)|[开吵闹放唱跳响弄干搞]到(?:晚上|半夜|深夜|凌晨|夜里)?[\d一二两三四五六七八九十]")


# a greeting that opens the message (晚上好，…  早上好啊 …): the part of the day is the hour it was said, not a time
# of the problem; 晚上好吵 (very noisy at night) goes on with a word, not a pause
_GREETING = re.compile(r"\s*(?:[你您]好[啊呀]?[\s,，。.!！]*)?(?:(?:你们?|您|大家|各位|师傅|老师|领导)\s*)?(?P<part>早上|早晨|上午|中午|下午|晚上)好"
                       r"(?:[啊呀哈呢]*)(?=[\s,，。.!！~～、]|$)")


def parse_time_phrase(text: str, now: datetime) -> TimePhrase | None:
    """The most specific time phrase in ``text`` with its approximate start, or ``None``."""
    t = normalize(text[: MAX_INPUT * 4])[:MAX_INPUT]  # cut first: normalising a huge paste is wasted work
    if not t:
        return None
    chars = list(fold(t))
    for start, end, _ in phone_spans(t):
        chars[start:end] = "#" * (end - start)
    if (g := _GREETING.match(t)) is not None:  # 晚上好，… is a greeting, not when it happened (flow30)
        chars[g.start("part"):g.end("part")] = "#" * (g.end("part") - g.start("part"))
    f = "".join(chars)
    comps = _components(f)
    recurring = bool(_RECUR_RE.search(f)) or any(c.kind == "recur" for c in comps)
    groups = _groups(f, comps)
    if not groups:
        return None
    # 一直 / 经常 / 总是 say the problem goes on, not when: alone they are no time phrase
    groups = [g for g in groups if not all(c.kind == "recur" and c.m.group() in UNTIMED_RECURRING for c in g)
              and not state_now(f, g) and not compared_with(f, g)]
    if not groups:
        return None
    # an earlier event (去年困过人), when to visit (明天上午家里有人) or a day still to come (吵死了 明天还要
    # 上班) loses to a time of the problem itself
    best = max(groups, key=lambda g: (sum(_WEIGHTS[c.kind] for c in g) - past_event(f, g) - 3 * availability(f, g)
                                      - 4 * _to_come(g, now, recurring) + since_dated(g), -g[0].start))
    resolved = _resolve(best, now, recurring)
    # the phrase as the resident wrote it (「，」 not ","), when normalising kept every position
    written = text.strip()
    source = written if len(written) == len(t) else t
    begin, end = span_of_day(f, comps, best)
    # a recurrence with a part of the day (每天半夜, 天天打牌到半夜) says roughly when in the day, not since when:
    # rounds 9–17's writers answered the time question with the hours or a start, and the words are kept in front
    # of the answer; with a clock (每天晚上12点) the hours are said, and writers split on asking more
    clocked = recurring and any(c.kind in ("clock", "weak_clock") and begin <= c.start < end for c in comps)
    # the hour it starts or ends each day (每天早上七点就开始砸墙, 每天开到十点) is when in the day, not since when (round 27)
    starts_daily = clocked and bool(_DAILY_START.match(f, end) or _DAILY_START.search(f, begin, end))
    vague = (all(c.kind in VAGUE_KINDS or c.kind == "recur" for c in best) and not _until_now(best) and not clocked
             and not hour_now(f, best)) or how_often(f, best) or incident(f, best) or starts_daily
    if resolved is None and recurring:
        # 「每天晚上滴水 都快一个月了」: the hours it recurs, and since when, from a second phrase (it was lost)
        since = next(((g, w) for g in groups if g is not best and not past_event(f, g) and not availability(f, g)
                      and not any(c.kind in ("present", "just") for c in g)  # 现在没人管了: now, not since when
                      and (w := _resolve(g, now, recurring)) is not None and w < now), None)
        if since is not None:
            b2, e2 = span_of_day(f, comps, since[0])
            parts = sorted(((begin, source[begin:end]), (b2, source[b2:e2])))
            return TimePhrase(text="，".join(p for _, p in parts), start=since[1], recurring=True)
    # a time of day after a recurrence's own clause (天天叫 主人白天上班): 「天天，白天」
    apart = recurrence_apart(f, comps, begin) if all(c.kind in VAGUE_KINDS for c in best) else None
    said = f"{source[apart.start:apart.end]}，{source[begin:end]}" if apart else source[begin:end]
    return TimePhrase(text=said, start=resolved, recurring=recurring, vague=vague,
                      visit=availability(f, best))
