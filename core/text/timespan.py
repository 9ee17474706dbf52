"""Which words of a message make its time phrase: the time words found (``Comp``), where the phrase
starts and ends, and time words that say something other than when the problem began. Split from
``core.text.timephrase``, which finds the words and derives the dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text.vocab import UNTIMED_RECURRING

__all__ = [
    "VAGUE_KINDS", "Comp", "asks_which", "hour_now", "state_now", "how_often", "incident", "is_attribute", "lasted", "past_event", "since_dated",
    "recurrence_apart", "span_of_day",
]


@dataclass
class Comp:
    kind: str
    start: int
    end: int
    m: re.Match[str]


def is_attribute(f: str, g: list[Comp]) -> bool:
    """A year, month or season followed by 的 and a thing says whose that thing is, not when the problem
    began: 「通知都是去年的」, 「上个月的电费」 (but 「去年的时候」 is a time); followed by a number of years
    it says how old someone is."""
    if not all(c.kind in _ATTRIBUTE_KINDS for c in g):
        return False
    after = f[g[-1].end : g[-1].end + 6]
    if _AGE_RE.match(after):  # 「我今年八十了」, 「今年75岁」: an age
        return True
    return after.startswith("的") and not after.startswith("的时候")


def state_now(f: str, g: list[Comp]) -> bool:
    """现在 followed by how someone or something is now (现在好了, 现在没事了, 目前好多了) tells the state after an
    incident, not when the problem began (round 26: 「我妈…摔过一跤 现在好了 那个台阶得修修」 was stored as 现在)."""
    return all(c.kind == "present" for c in g) and bool(_STATE_NOW_RE.match(f, g[-1].end))


def compared_with(f: str, g: list[Comp]) -> bool:
    """A period something is measured against (物业费比去年多了两百, 跟上个月比贵了一倍, 比平时晚) is no time the
    trouble began (round 29: 「物业费怎么比去年多了两百」 was stored as 去年)."""
    if _COMPARED_RE.search(f, max(0, g[0].start - 2), g[0].start):
        return True
    return bool(_WITH_RE.search(f, max(0, g[0].start - 1), g[0].start) and _AS_RE.match(f, g[-1].end))


_COMPARED_RE = re.compile(r"(?:比|比起|较)$")
_WITH_RE = re.compile(r"(?:跟|和|同)$")  # 跟上个月比, 和昨天一样: measured against; 昨天和今天 joins two times
_AS_RE = re.compile(r"(?:相)?比|一样|差不多")


_STATE_NOW_RE = re.compile(r"\s?(?:已经|都|人)?(?:好了|好多了|没事了?|没什么事了?|没大碍|出院了|不疼了|恢复了)")


def lasted(f: str, m: re.Match[str]) -> bool:
    """A duration right after a verb's 了 that ends its clause says how long it has lasted
    (「灯坏了一个星期，晚上很黑」), unlike a bare 「3天」 that may be a deadline (「3天内」)."""
    if m.start() > 0 and f[m.start() - 1] == "了" and (m.end() == len(f) or f[m.end()] in _CLAUSE_END):
        return True
    # 垃圾一个星期没人收, 路灯三天不亮, 一个多月没来水: a duration before a negated verb says how long nothing has
    # happened, unless it is a condition or a limit (三天不修好就投诉, 两天不到就坏了, 三天不能用水)
    after = _NEGATED_SINCE.match(f, m.end())  # (半天没起来 / 半天不开门 is 「a long while」, no span)
    return after is not None and m.group() != "半天" and not _IF_THEN.match(f, after.end())


_CLAUSE_END = frozenset(",，、。.！!？? ")
_NEGATED_SINCE = re.compile(r"(?:都|还|也)?(?:没有?人?|不)(?![到用出能会过少多了可要让准许算见得])")
_IF_THEN = re.compile(r"[^，,。！!？?\s]{0,6}?(?:就|的话|再|我就)")


def asks_which(m: re.Match[str]) -> bool:
    """A date or month whose number is 几 (几号, 几月几日, 几月份) asks which day (round 18: 「请问今年暖气几号开始供」
    kept 「几号开始」 as when the matter began)."""
    return any("几" in (m.group(g) or "") for g in ("mo", "md", "dd", "mn"))


def availability(f: str, g: list[Comp]) -> bool:
    """A time followed in its clause by the resident being there (「周末两天都在，随时可以来」, 「今晚八点以后
    有人在家」) says when they can be visited, not when the problem began."""
    return bool(_AVAILABLE_RE.match(f, g[-1].end))


_AVAILABLE_RE = re.compile(
    r"[^,，。;；!！?？\s]{0,6}?(?:都在|都行|都可以|在家|家里有人|有人在|有人|有空|方便|可以来|能来|可以上门|随时)(?=[,，。;；!！?？\s的吗呢啊哈]|$)"
)
_AGE_RE = re.compile(r"(?:都|已经|也)?(?:[一二两三四五六七八九十百]{1,4}|\d{1,3})(?:岁|周岁|了)")


_ATTRIBUTE_KINDS = frozenset({"year", "period", "month", "season"})


def how_often(f: str, g: list[Comp]) -> bool:
    """A phrase that says how often or in which season, not since when: a recurrence alone (「天天往下扔」,
    「每天堵」: no time of day either), a season alone (「夏天窗都不能开」, 「冬天没热水」) and a period with a
    count (「这个月第三次了」, 「这个月坏了四次」). Round 12–15's writers gave a start for these when asked."""
    kinds = {c.kind for c in g}
    if kinds == {"recur"}:
        return True
    if kinds == {"season"}:  # 年底 / 开春 are points in time; 夏天以后 is since when
        return g[0].m.group() in _YEAR_ROUND and not _AFTER_RE.match(f, g[-1].end)
    return kinds == {"period"} and bool(_COUNT_RE.match(f, g[-1].end) or _COUNT_BEFORE_RE.search(f, 0, g[0].start))


def since_dated(g: list[Comp]) -> int:
    """A start said outright, a dated word with 从 / 开始 / 以来 (「从上周一开始」, 「三天前开始的」): the answer to
    「什么时候开始的？」, which wins over a recurrence with its hours told in the same message (round 18: 「从上周一开始
    隔壁装修 天天早上七点不到就开电钻」 kept 「天天早上七点」)."""
    marked = any(c.kind in ("since_pre", "since_suf") for c in g)
    return 4 if marked and any(c.kind in _DATED_KINDS for c in g) else 0


_DATED_KINDS = frozenset({"weekday", "day", "date", "month", "year", "period", "season", "ago", "recent", "mpart_only"})
_YEAR_ROUND = frozenset({"春天", "春季", "夏天", "夏季", "秋天", "秋季", "冬天", "冬季"})
_AFTER_RE = re.compile(r"(?:以后|之后|过后|以来)")
def incident(f: str, g: list[Comp]) -> bool:
    """A time followed in its clause by what befell someone (「昨天有个女孩子在里面被吓哭了」, 「昨天有人差点被车撞」,
    「刚才差点掉进去」) dates the incident that shows a standing fault, not when the fault began (rounds 13–15)."""
    return bool(_INCIDENT_RE.match(f, g[-1].end))


def hour_now(f: str, g: list[Comp]) -> bool:
    """「都半夜一点了」「已经十二点了」: the hour it is now, said as the thing goes on — when, not only a time of day
    (usertest28: the time was asked again and joined to the answer, 「半夜一点，刚刚」)."""
    start, end = g[0].start, g[-1].end
    return (any(c.kind in ("clock", "weak_clock") for c in g) and f.startswith("了", end)
            and bool(_ALREADY_RE.search(f, max(0, start - 2), start)))


_ALREADY_RE = re.compile(r"(?:都|已经|已)$")


_INCIDENT_RE = re.compile(
    r"[^,，。;；!！?？\s]{0,3}?(?:差一?点"
    r"|有(?:人|个|一个|位)[^,，。;；!！?？\s]{0,8}?(?:差一?点|被|摔|滑倒|绊倒|吓))"
    # the one it befell named (before or after the time) at the fault's place (我妈上礼拜在那绊了一跤, 我爸前天在楼梯上摔了一跤:
    # round 24; 我家老人昨天摔倒了 is the matter itself)
    r"|[^,，。;；!！?？\s]{0,4}?在[^,，。;；!！?？\s]{0,5}?(?:[摔绊跌](?:了|倒)|滑倒|崴了|扭了脚|磕(?:破|伤|了))"
)
# 「第三次」, 「坏了四次」, 「都两回了」 within a few characters of the period
_COUNT_RE = re.compile(r"[^,，。;；!！?？\s\d]{0,4}?第?(?:[一二两三四五六七八九十几]{1,3}|\d{1,2})(?:次|回)")
# 「第三次了这个月」, 「都两回了今年」: the count said first, the period after it
_COUNT_BEFORE_RE = re.compile(r"第?(?:[一二两三四五六七八九十几]{1,3}|\d{1,2})(?:次|回)了?[\s,，]?$")
VAGUE_KINDS = frozenset({"part", "clock", "weak_clock", "long", "since_pre", "since_suf"})
_PAST_EVENT_RE = re.compile(r"^[^,，。;；!！?？\s]{0,3}?[\u4e00-\u9fff]过(?![来去了])")


def past_event(f: str, g: list[Comp]) -> int:
    """A time followed in its clause by a verb with 过 tells of an earlier event (「电梯去年困过人，现在还
    老是咯噔」), not of the problem now: it loses to another time in the message."""
    return 3 if _PAST_EVENT_RE.search(f[g[-1].end :]) else 0


_TO_RE = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:到|至)|\s?[-~～]\s?")
# 「三点以后」, 「十点前」, 「七点半左右」: a bound says before, after or about; without it the time says
# something else (a resident home after three is not home at three)
_BOUND_RE = re.compile(r"\s?(?:以后|之后|过后|以前|之前|左右|前后|上下|以内|之内)")
_CLOCK_BOUND_RE = re.compile(r"(?:后|前)(?![\u4e00-\u9fff]{0,1}(?:面|边|头|门|院|台|排|天|年))")
_BOUNDED_KINDS = frozenset({"clock", "part", "weekday", "day", "date", "month", "mpart_only", "season"})


def _bound_end(f: str, kind: str, end: int) -> int:
    if kind not in _BOUNDED_KINDS:
        return end
    m = _BOUND_RE.match(f, end) or (_CLOCK_BOUND_RE.match(f, end) if kind in ("clock", "season") else None)
    return m.end() if m else end
_SENTENCE_END_RE = re.compile(r"[。.!！?？;；]")
# the recurrence's own clause told before a break (「保安天天在岗亭里睡觉 晚上找不到人」): it says how often that is done,
# and a time of day after the break belongs to the next clause, unless it is that doing's range (「每天在家拍球，从下午拍到
# 晚上」); 「每天 晚上十点」 has no words between, one phrase
_OWN_CLAUSE_RE = re.compile(r"[^\s,，、]+[\s,，、]")
_DAY_SPAN_MAX = 20


def recurrence_apart(f: str, comps: list[Comp], begin: int) -> Comp | None:
    """The 每天 / 天天 of a clause of its own before the phrase (「狗天天叫 主人白天上班」): said apart, kept in front of it."""
    before = [c for c in comps if c.end <= begin and c.kind == "recur" and c.m.group() not in UNTIMED_RECURRING]
    if not before or _SENTENCE_END_RE.search(f[before[-1].end : begin]) or begin - before[-1].start > _DAY_SPAN_MAX:
        return None
    return before[-1] if _OWN_CLAUSE_RE.search(f[before[-1].end : begin]) else None


def span_of_day(f: str, comps: list[Comp], best: list[Comp]) -> tuple[int, int]:
    """Where the phrase starts and ends: a time of day runs on to the end of its range (「从下午拍到晚上」),
    and starts at the 每天 / 天天 before it in the same clause (「天天打牌喝酒到半夜」): said with a
    recurrence, a time of day is when it happens every time."""
    begin, end = best[0].start, best[-1].end
    # 从下午拍到晚上, 唱到凌晨两点: the doing's own range or its end, told after a break
    ranged = any(c.kind == "since_pre" for c in best) or f[begin - 1 : begin] in ("到", "至")
    if best[-1].kind in ("part", "clock"):
        after = next((c for c in comps if c.start >= end), None)
        if after is not None and after.kind in ("part", "clock", "weak_clock") and _TO_RE.fullmatch(f[end : after.start]):
            end, ranged = after.end, True
            # 「到晚上九点」: the range's end is a part of the day and its hour together
            hour = next((c for c in comps if c.start == end), None)
            if after.kind == "part" and hour is not None and hour.kind in ("clock", "weak_clock"):
                end = hour.end
    end = _bound_end(f, best[-1].kind, end)
    if not all(c.kind in VAGUE_KINDS for c in best):
        return begin, end
    for c in reversed(comps):
        if c.end > begin:
            continue
        if _SENTENCE_END_RE.search(f[c.end : begin]) or end - c.start > _DAY_SPAN_MAX:
            break
        if not ranged and _OWN_CLAUSE_RE.search(f[c.end : begin]):
            break  # the recurrence word is kept in front by `recurrence_apart`
        if c.kind == "recur" and c.m.group() not in UNTIMED_RECURRING:
            begin = c.start
            break
    return begin, end
