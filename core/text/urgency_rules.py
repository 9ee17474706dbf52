"""The reviewed hazard rules of the urgency detector (:mod:`core.text.urgency` combines them with
the concept reader and the learned model).

Every rule decision can be traced to the words that caused it (``triggers``); the vocabulary lives
in ``data/urgency_rules.toml`` (read by :mod:`core.text.urgency_vocab`).

How a message is read:

1. normalise, fold (Traditional -> Simplified), blank phone numbers, idioms (火大, 炸了, 跳楼价 ...)
   and hyperbole (臭得快晕倒了, 气得要爆炸);
2. split into clauses at punctuation: negation and tense only reach within their clause;
3. match the hazard rules; a match does not count when, in its clause, it is denied (没有闻到煤气味),
   believed wrongly (以为着火了), in the past (上次/去年/…过; 昨天 unless still going on),
   hypothetical or preventive (万一/如果/担心/建议/演练 — except standing hazard reports such as
   消防通道被堵, which are real even when worded as a worry), a knowledge question (注意事项), or has
   an ordinary cause (烧烤冒烟); nor when the message later says it is over (已经救出来了, 火灭了);
4. an emergency rule becomes urgent when the message says it keeps happening (电梯经常困人, 漏水
   好几个月) — chronic, not acute; an urgent lift/fault rule becomes an emergency with a cry for help
   or a person inside (救命 电梯卡住了).

Decision on smoke with a stated ordinary source (谁家在烧烤冒烟, 饭店排烟管道冒烟): *normal* — the
resident tells us the cause, it is a nuisance (油烟扰民), not a fire. Burning rubbish or paper in the
estate is *urgent* (fire hazard). Smoke without a stated cause is an emergency.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from core.text.normalize import fold, normalize
from core.text.phone import phone_spans
from core.text.urgency_vocab import (
    CLAUSE_BREAKS,
    FIRE_WHAT_IF,
    HABIT_MARKERS,
    HELP_BOOSTERS,
    HYPOTHETICAL,
    MITIGATED,
    NAMED_AFTER,
    NEGATION,
    NOT_URGENT,
    ONGOING,
    PAST,
    PAST_AFTER,
    PAST_EXPERIENTIAL,
    PAST_WEAK,
    QUESTION_AFTER,
    QUESTION_NEXT,
    RESOLVED,
    RESOLVED_BY_HAZARD,
    STOPPED,
    TYPO_FIXES,
    URGENCY_HYPERBOLE,
    URGENCY_IDIOMS,
    URGENCY_PHONING,
    URGENCY_RULES,
    VIOLENCE_OVER,
)

__all__ = ["RuleReading", "rule_urgency", "prepare", "EMERGENCY", "URGENT", "NORMAL", "RULE_HAZARDS"]

EMERGENCY, URGENT, NORMAL = "emergency", "urgent", "normal"
RULE_HAZARDS = ("gas", "fire", "trapped", "water", "electric", "injury", "violence")
MAX_INPUT = 5000  # an emergency is said early; the cap bounds the work on pasted walls of text
NEGATION_WINDOW = 8  # a negator further back than this belongs to another part of the clause
BENIGN_WINDOW = 20
# How far after a trigger "it is over" (救出来了) or "contained" (关了总阀) is looked for; bounded so a
# long message costs linear time, wide enough for a sentence or two.
FOLLOW_WINDOW = 80
CONTEXT_WINDOW = 40  # an ordinary cause (烧烤) this close to the hazard word explains it
SHORT_HELP = 12  # "救命啊！！" alone: a bare cry for help of at most this many characters is urgent


@dataclass(frozen=True)
class RuleReading:
    level: str  # "emergency" | "urgent" | "normal"
    hazard: str | None  # one of RULE_HAZARDS, or None
    triggers: tuple[str, ...]  # the words in the text (as written) that led to ``level``


@dataclass(frozen=True)
class _Rule:
    hazard: str | None
    level: str
    regex: re.Pattern[str]
    benign: re.Pattern[str] | None
    report: bool
    boost: bool
    habit: bool
    whole: bool


def _compile_rules() -> tuple[_Rule, ...]:
    rules = []
    for hazard, level, pattern, opts in URGENCY_RULES:
        benign = opts.get("benign")
        rules.append(
            _Rule(
                hazard=hazard,
                level=level,
                regex=re.compile(pattern),
                benign=re.compile(benign) if isinstance(benign, str) else None,
                report=bool(opts.get("report")),
                boost=bool(opts.get("boost")),
                habit=bool(opts.get("habit")),
                whole=bool(opts.get("whole")),
            )
        )
    return tuple(rules)


_RULES = _compile_rules()
_WHOLE_RULES = tuple(r for r in _RULES if r.whole)
# One search tells whether any clause rule matches a clause at all (an alternation matches wherever
# one of its branches would). Most clauses match none, and that one search is far cheaper than
# eighty.
_ANY_CLAUSE_RULE = re.compile("|".join(f"(?:{r.regex.pattern})" for r in _RULES if not r.whole))
_IDIOM_RE = re.compile("|".join(re.escape(w) for w in sorted(URGENCY_IDIOMS, key=len, reverse=True)))
_HYPERBOLE_RE = re.compile(f"{URGENCY_HYPERBOLE}|{URGENCY_PHONING}")
_CLAUSE_RE = re.compile(f"[^{re.escape(CLAUSE_BREAKS)}]+")
_NEGATION_RE = re.compile(NEGATION)
_STOPPED_RE = re.compile(STOPPED)
_HYPOTHETICAL_RE = re.compile(HYPOTHETICAL)
_QUESTION_AFTER_RE = re.compile(QUESTION_AFTER)
_QUESTION_NEXT_RE = re.compile(QUESTION_NEXT)
_FIRE_WHAT_IF_RE = re.compile(FIRE_WHAT_IF)
_PAST_RE = re.compile(PAST)
_PAST_EXP_RE = re.compile(PAST_EXPERIENTIAL)
_PAST_WEAK_RE = re.compile(PAST_WEAK)
_PAST_AFTER_RE = re.compile(PAST_AFTER)
_FIRE_HOW_RE = re.compile(r"了?[^，,。.!！?？\s]{0,6}?(?:怎么|咋|如何)[^，,。.!！?？\s]{0,3}(?:进|过|出|救|跑|逃|灭)")
_NOT_URGENT_RE = re.compile(NOT_URGENT)
_ONGOING_RE = re.compile(ONGOING)
_HABIT_RE = re.compile(HABIT_MARKERS)
_HELP_RE = re.compile(HELP_BOOSTERS)
_RESOLVED_RE = {
    h: re.compile(f"{RESOLVED}|{RESOLVED_BY_HAZARD[h]}" if h in RESOLVED_BY_HAZARD else RESOLVED)
    for h in (*RULE_HAZARDS, None)
}
_RESOLUTION_NEGATORS = frozenset("没未不无")
_MITIGATED_RE = re.compile(MITIGATED)
_VIOLENCE_OVER_RE = re.compile(VIOLENCE_OVER)
_TYPO_RE = re.compile("|".join(re.escape(k) for k in TYPO_FIXES))
# a dated event named as what it left behind (前天着火的那户, 上周着火那家): its household or its occasion (round 25)
_NAMED_AFTER = re.compile(NAMED_AFTER)
SHORT_FOLLOW_UP = 8  # a clause this short right after the trigger still qualifies it ("…，是真的吗")


def prepare(text: str) -> tuple[str, str]:
    """(normalised text, matching text) of equal length with phones, idioms and hyperbole blanked."""
    t = normalize(text[: MAX_INPUT * 4])[:MAX_INPUT]  # cut first: normalising a huge paste is wasted work
    chars = list(fold(t))
    for start, end, _ in phone_spans(t):
        chars[start:end] = "#" * (end - start)
    f = "".join(chars)
    f = _TYPO_RE.sub(lambda m: TYPO_FIXES[m.group()], f)
    for regex in (_IDIOM_RE, _HYPERBOLE_RE):
        f = regex.sub(lambda m: "_" * len(m.group()), f)
    return t, f


def _resolved_later(f: str, end: int, hazard: str | None) -> bool:
    for m in _RESOLVED_RE[hazard].finditer(f, end, end + FOLLOW_WINDOW):
        if not _RESOLUTION_NEGATORS & set(f[max(0, m.start() - 3) : m.start()]):
            return True
    return False


def _counts(
    rule: _Rule,
    f: str,
    clause: str,
    offset: int,
    start: int,
    end: int,
    next_clause: str,
    negation: bool = True,
) -> bool:
    """Does the match ``clause[start:end]`` describe a real, present hazard? (Module docstring, step 3.)"""
    # the clause around the match, at most CONTEXT_WINDOW characters each side: real clauses are
    # shorter, and the bound keeps a punctuation-free wall of text linear
    before = clause[max(0, start - CONTEXT_WINDOW) : start]
    after = clause[end : end + CONTEXT_WINDOW]
    around = before + clause[start:end] + after
    if rule.benign is not None and rule.benign.search(
        f, max(0, offset + start - BENIGN_WINDOW), offset + end + BENIGN_WINDOW
    ):
        return False
    if negation and (_NEGATION_RE.search(before[-NEGATION_WINDOW:]) or _STOPPED_RE.search(before)):
        return False
    if not rule.report and _HYPOTHETICAL_RE.search(before):
        return False
    # a fire with no words of its own before it (着火了怎么办, 真着火了怎么办) asked what to do: a what-if (round 23)
    if rule.hazard == "fire" and _FIRE_WHAT_IF_RE.search(after) and re.split(r"\s", before)[-1] in ("", "真"):
        return False
    # 真着火了消防车怎么进: what would happen if one broke out, asked about the way in (round 29)
    if rule.hazard == "fire" and re.split(r"\s", before)[-1] == "真" and _FIRE_HOW_RE.match(after):
        return False
    if _QUESTION_AFTER_RE.search(after) or (
        len(next_clause) <= SHORT_FOLLOW_UP and _QUESTION_NEXT_RE.search(next_clause)
    ):
        return False
    if _PAST_RE.search(before) or _PAST_EXP_RE.search(around):
        return False
    # 「煤气泄漏那回事」「电梯困人那件事」: an incident named as a matter everyone knows of is over (round 29)
    if (_PAST_WEAK_RE.search(before) or _PAST_AFTER_RE.search(next_clause) or _PAST_AFTER_RE.search(after)) and (
        not _ONGOING_RE.search(around) or _NAMED_AFTER.match(after)
    ):
        return False  # 上周着火那家现在还在装修: the dated event names a household, what goes on now is not it
    return not _resolved_later(f, offset + end, rule.hazard)


def _end_clause_counts(rule: _Rule, f: str, clauses: list[tuple[int, int]], start: int, end: int) -> bool:
    """A match that runs into a later clause must also hold in the clause where it ends
    ("电梯的应急电话打不通，要是有人被困" is hypothetical there)."""
    for i, (c_start, c_end) in enumerate(clauses):
        if c_start < end <= c_end:
            nxt = f[clauses[i + 1][0] : clauses[i + 1][1]].strip() if i + 1 < len(clauses) else ""
            # judge the clause up to where the match ends; its keyword may itself hold a 没/不
            # (喊也没反应), so negation was settled in the clause where the match starts
            return _counts(
                rule, f, f[c_start:c_end], c_start, end - c_start, end - c_start, nxt, negation=False
            )
    return True


def rule_urgency(text: str, prepared: tuple[str, str] | None = None) -> RuleReading:
    """What the rules say: ``emergency`` / ``urgent`` / ``normal`` and the words that decided it."""
    t, f = prepared or prepare(text)
    help_cry = _HELP_RE.search(f)
    found: dict[str, list[tuple[int, int, str | None]]] = {EMERGENCY: [], URGENT: []}
    clauses = [(cm.start(), cm.end()) for cm in _CLAUSE_RE.finditer(f)]
    # whole-message rules run once; each match is then judged in the clause where it starts
    whole_hits = {id(r): [(m.start(), m.end()) for m in r.regex.finditer(f)] for r in _RULES if r.whole}
    whole_starts = {key: [h[0] for h in hits] for key, hits in whole_hits.items()}
    for i, (c_start, c_end) in enumerate(clauses):
        clause = f[c_start:c_end]
        next_clause = f[clauses[i + 1][0] : clauses[i + 1][1]].strip() if i + 1 < len(clauses) else ""
        habitual = bool(_HABIT_RE.search(clause))
        for rule in _RULES if _ANY_CLAUSE_RULE.search(clause) else _WHOLE_RULES:
            if rule.whole:
                starts = whole_starts[id(rule)]
                lo, hi = bisect_left(starts, c_start), bisect_left(starts, c_end)
                hits = whole_hits[id(rule)][lo:hi]
            else:
                hits = [(c_start + m.start(), c_start + m.end()) for m in rule.regex.finditer(clause)]
            for start, end in hits:
                if not _counts(rule, f, clause, c_start, start - c_start, end - c_start, next_clause):
                    continue
                if end > c_end and not _end_clause_counts(rule, f, clauses, start, end):
                    continue
                level = rule.level
                if level == EMERGENCY and (
                    (rule.habit and habitual) or _MITIGATED_RE.search(f, end, end + FOLLOW_WINDOW)
                    # a fight broken up, an intruder run off (散了, 劝住了, 他跑了): over, urgent (round 21)
                    or (rule.hazard == "violence" and _VIOLENCE_OVER_RE.search(f, end, end + FOLLOW_WINDOW))
                ):
                    level = URGENT
                elif level == URGENT and rule.boost and help_cry:
                    level = EMERGENCY
                found[level].append((start, end, rule.hazard))
    if _NOT_URGENT_RE.search(f):
        found[URGENT] = []  # "不急，有空来看看": the resident says it can wait
    for level in (EMERGENCY, URGENT):
        spans = sorted(found[level])
        if spans:
            if level == EMERGENCY and help_cry and not any(s[0] <= help_cry.start() < s[1] for s in spans):
                spans = sorted([*spans, (help_cry.start(), help_cry.end(), None)])
            hazard = next((h for _, _, h in spans if h is not None), None)
            return RuleReading(level, hazard, _texts(t, spans))
    if help_cry and len(t) <= SHORT_HELP:
        return RuleReading(URGENT, None, (t[help_cry.start() : help_cry.end()],))
    return RuleReading(NORMAL, None, ())


def _texts(t: str, spans: list[tuple[int, int, str | None]]) -> tuple[str, ...]:
    """The resident's words for the given spans; overlapping spans are merged into one phrase."""
    merged: list[list[int]] = []
    for start, end, _ in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(dict.fromkeys(t[a:b] for a, b in merged))
