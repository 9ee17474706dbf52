"""Emergency detection: is someone in danger right now, and if the text does not settle it, should
the bot ask?

Three readers, one decision:

1. the reviewed rules (:mod:`core.text.urgency_rules`): precise phrases with negation, tense,
   ordinary causes and idioms handled clause by clause; their trigger words are shown to staff;
2. the danger concepts (:mod:`core.text.danger`): who is at risk, in what state, from what hazard,
   and whether it is happening now — meanings rather than phrases, so new wordings are read;
3. a learned model (:mod:`core.text.urgency_model`) over character n-grams, the concepts and the
   rules' verdict, trained on the project's labelled messages (``python -m core.text.urgency_train``).

The decision (thresholds are chosen at training on out-of-fold predictions and stored in the
model file):

* ``emergency`` when the model is confident (P(emergency) ≥ ``emergency``), or the rules say
  emergency and the model does not rule it out (P ≥ ``rule_emergency``);
* otherwise ``urgent`` when the rules say so, or the model (P(urgent) + P(emergency) ≥ 0.6) with a
  hazard or a person's state said as present; else ``normal``;
* ``triage`` — the dialog asks "is anyone hurt or trapped, is there gas / fire / water / electricity
  danger?" — when it is not an emergency but the evidence is partial: P(emergency) ≥ ``triage``,
  or a severe hazard / a person in a bad state said as present with P ≥ ``triage_partial``, or the
  rules said emergency and the model overruled them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from core.text.danger import DangerReading, read_danger
from core.text.looked_after import looked_after
from core.text.praise import is_praise
from core.text.urgency_model import (
    Features,
    UrgencyModel,
    featurize,
    load_default_model,
    model_text,
    simplified,
    without_doors,
)
from core.text.urgency_rules import EMERGENCY, NORMAL, URGENT, RuleReading, prepare, rule_urgency

__all__ = [
    "UrgencyAssessment",
    "assess_urgency",
    "names_someone",
    "people_named",
    "EMERGENCY",
    "URGENT",
    "NORMAL",
    "HAZARDS",
    "hazard_of",
    "rule_tokens",
    "asked_not_called",
    "denies_danger",
    "hazard_said_present",
    "danger_contained",
]

# What endangers: the rules' names plus those only the concepts know.
HAZARDS = (
    "gas", "co", "fire", "smoke", "heat", "steam", "chemical", "trapped", "confined", "water",
    "electric", "falling", "structure", "injury", "violence",
)  # fmt: skip
SEVERE_RULE_HAZARDS = frozenset({"gas", "fire", "electric", "violence"})
SEVERE_ORDER = ("gas", "co", "fire", "smoke", "chemical", "steam", "electric", "violence", "heat")
# A state without a hazard: what the emergency is about ("trapped" is a lift, "confined" anywhere else).
_STATE_HAZARD = {"trapped": "confined", "drowning": "water", "shocked": "electric", "threatened": "violence"}
# Defaults when a model file carries no thresholds (never for the shipped one).
DEFAULT_THRESHOLDS = {"emergency": 0.6, "rule_emergency": 0.15, "triage": 0.25, "triage_partial": 0.1}
# (a model file without "triage_alone" asks the model-alone reading at "triage", as before the fifteenth session)
MAX_REASONS = 8
RECENT_TEXTS = 1024  # results kept for texts read again (the assessment is immutable)
# The model alone makes a message urgent only this sure, with this many known character n-grams (a
# message with little left to read, "心态炸了" with its idiom blanked, leans on the intercepts) and
# with a hazard or a person's state in it: an urgent ticket's deadlines are hours, and without that
# condition the model also hurried one ordinary complaint in seven ("楼道灯坏了一个星期了").
URGENT_MODEL = 0.6
MIN_EVIDENCE = 4
# someone not seen for days with no other sign (好几天没出门了 信箱都塞满了: round 21 files it urgent) is asked, not called;
# a smell, a light or a television on all along, a knock unanswered is the sign (rounds 14, 20, 23, 26, 27: emergencies)
_SIGN_BEHIND_THE_DOOR = re.compile(r"味|臭|电视|灯[^，。！？\s]{0,3}亮|敲门|动静|不应|没人应|叫不开")
# what the triage question names (燃气泄漏、起火冒烟 …): said as present in its answer, the answer is yes
_ASKED_ABOUT = frozenset({"fire", "smoke", "gas", "co", "chemical", "electric"})
# what a door is written with (digits, letters, 号楼 栋 单元 室 …) and what separates its parts
_WORDS_OF_A_DOOR = re.compile(r"[0-9A-Za-z\s\-#/.,，。!！?？~～、号楼栋幢单元室层座户门期区零一二两三四五六七八九十百]+")


@dataclass(frozen=True)
class UrgencyAssessment:
    level: str  # "emergency" | "urgent" | "normal"
    hazard: str | None  # one of HAZARDS, or None
    triggers: tuple[str, ...]  # the resident's words that the rules matched
    triage: bool = False  # not settled: the dialog should ask whether anyone is in danger
    reasons: tuple[str, ...] = ()  # words and concepts that decided, for staff
    confidence: float = 1.0  # the model's probability of ``level`` (1.0 when rules alone decided)
    emergency_probability: float = 0.0
    at_risk: tuple[str, ...] = ()  # child / elderly / self / person
    state: tuple[str, ...] = ()  # trapped / collapsed / unconscious … said as present
    # an emergency the model alone called: no rule read, no hazard nor state said as present (外婆一个人在
    # 屋里, 工人还在敲); right after a filing such a reading is asked about (:func:`asked_not_called`)
    model_alone: bool = False


def rule_tokens(rule: RuleReading) -> list[str]:
    out = [f"R:{rule.level}"]
    if rule.hazard:
        out.append(f"R:hazard:{rule.hazard}")
        out.append(f"R:{rule.level}:{rule.hazard}")
    return out


def hazard_of(rule: RuleReading, danger: DangerReading, emergency: bool = False) -> str | None:
    """What the danger comes from. A hazard that endangers people by itself (gas, fire, smoke,
    electricity, violence …) wins over a water leak or a stopped lift said in the same message (a
    scalding pipe is steam, not water); so does a state that names its hazard (被电了一下 on a wet
    floor is electricity); the rules' generic "injury" gives way to a hazard the concepts read (a child
    fallen into a pond is water); a structure failing wins over what falls from it (墙上的裂缝在变大，
    灰一直往下掉); an emergency with no hazard is a person in danger."""
    ruled = rule.hazard if rule.level != NORMAL else None
    if ruled in SEVERE_RULE_HAZARDS:
        return ruled
    hazards = [h for h in danger.hazards_now if h != "lift"]  # a lift alone endangers nobody
    severe = [h for h in SEVERE_ORDER if h in hazards]
    if severe:
        return severe[0]
    states = danger.states_now
    named = [_STATE_HAZARD[s] for s in states if _STATE_HAZARD.get(s) in SEVERE_RULE_HAZARDS]
    if named:
        return named[0]
    if ruled and ruled != "injury":
        return ruled
    if "lift" in danger.hazards_now and ("trapped" in states or (emergency and not hazards)):
        return "trapped"  # a stopped lift in an emergency with nothing else: someone is in it
    if "structure" in hazards and "falling" in hazards:
        return "structure"
    if hazards:
        return hazards[0]
    for s in states:
        if s in _STATE_HAZARD:
            return _STATE_HAZARD[s]
    if ruled:
        return ruled
    return "injury" if danger.person_in_state() or emergency else None


def quiet_praise(text: str, rule: RuleReading, danger: DangerReading) -> bool:
    """A praise (:func:`core.text.praise.is_praise`) that says no hazard nor state as present, no rules'
    emergency and no cry for help: none of the development sets' praises is an emergency."""
    if rule.level == EMERGENCY or danger.hazards_now or danger.states_now or danger.now_cue:
        return False
    return is_praise(text)


def model_alone_reading(rule: RuleReading, danger: DangerReading) -> bool:
    """Nothing but the model to go on: no rules' verdict, no hazard nor state said as present, no cry for help
    (救命, 快来人). Asked only at the ``triage_alone`` threshold."""
    return rule.level == NORMAL and not danger.hazards_now and not danger.states_now and not danger.now_cue


def assess_urgency(text: str, model: UrgencyModel | None = None) -> UrgencyAssessment:
    """Classify a message as ``emergency`` / ``urgent`` / ``normal``, say whether to ask the triage
    question, and give the words and concepts that decided it."""
    if model is None:
        return _assess_shipped(text)
    return _assess(text, model)


@lru_cache(maxsize=RECENT_TEXTS)
def _assess_shipped(text: str) -> UrgencyAssessment:
    # one filing reads the same text several times (the dialog, the assessor, the service): once is enough
    return _assess(text, None)


def _evidence(model: UrgencyModel, features: Features) -> int:
    known = model.vocabulary.get("char", {})
    return sum(1 for gram in features.char if gram in known)


def _assess(text: str, model: UrgencyModel | None) -> UrgencyAssessment:
    prepared = prepare(text)
    rule = rule_urgency(text, prepared)
    simple = simplified(prepared[1])
    danger = read_danger(simple)
    model = model or load_default_model()
    at_risk = tuple(danger.who) if danger.person_in_state() else ()
    states = tuple(danger.states_now)
    if model is None:  # only while the shipped model is being rebuilt
        hazard = hazard_of(rule, danger, rule.level == EMERGENCY)
        return UrgencyAssessment(rule.level, hazard if rule.level != NORMAL else None, rule.triggers,
                                 reasons=rule.triggers, at_risk=at_risk, state=states)
    if rule.level == NORMAL and not _WORDS_OF_A_DOOR.sub("", simple):
        # nothing but a door's numbers (1102, 3单元1102, 5栋): the model learned terse calls (救命 5栋) and leans on
        # the numbers alone — a room number typed at the triage question was called an emergency
        return UrgencyAssessment(NORMAL, None, ())
    features = featurize(without_doors(model_text(simple)), danger.tokens(), rule_tokens(rule))
    vector = model.vector(features)
    probs = model.probabilities(features, vector)
    th = {**DEFAULT_THRESHOLDS, **model.thresholds}
    p_em = probs[EMERGENCY]
    called = p_em >= th["emergency"] or (rule.level == EMERGENCY and p_em >= th["rule_emergency"])
    # water with nobody at risk (no person named, none in a bad state, no live electricity) is asked
    # about rather than called: a false alarm shouts 119 / 120 at a resident with a burst pipe
    # a danger held for now (把下面的路拦上了, 浇灭了 还有一点烟) is asked about, not called (round 20 files these as urgent)
    # so is a fire known only by a smell whose smoke the writer looked for and did not see (round 22)
    # and a crack growing over days with nothing sudden and nobody beneath (这几天越来越宽 还掉渣; round 22)
    held = danger.held() or danger.unconfirmed() or danger.slow_failure()
    # a danger the writer says nobody is at (这会儿没人在那, 还没蜇到人, 人好好的) is not called; nor asked unless it
    # goes on or grows (越来越浓): the resident has answered the triage question already (round 22)
    alone = model_alone_reading(rule, danger)
    # so is someone lost, found and looked after now (现在在保安亭陪着, 我先陪着她) when nothing but the model speaks (round 25)
    # or someone unaccounted for, the only state said (说不清住哪, 孩子走丢了: round 26), now found and looked after
    lost = rule.level == NORMAL and set(danger.states_now) == {"unaccounted"} and not danger.hazards_now
    safe = danger.said_safe() or ((alone or (lost and not danger.now_cue)) and looked_after(simple))
    unseen = lost and any("天" in m.words for m in danger.present("state")) and not _SIGN_BEHIND_THE_DOOR.search(simple)
    # water on electrics that crackles or sparks (滴到电表箱上了 噼啪响) is arcing now: called whatever the model says
    arcing = danger.live_water() and bool(_ARCING.search(simple))
    emergency = (called or arcing) and not danger.water_only() and not held and not safe and not unseen
    if emergency:
        level = EMERGENCY
    elif rule.level != NORMAL or (
        probs[URGENT] + p_em >= URGENT_MODEL
        and _evidence(model, features) >= MIN_EVIDENCE
        and (danger.hazards_now or danger.states_now)
    ):
        level = URGENT
    else:
        level = NORMAL
    # a praise with nothing said as present (保安大叔扶老人过马路 点个赞) is thanked, not asked about (issue #15)
    # the model alone — no rule, no hazard nor state said as present, no cry — asks only at its own, higher threshold
    # (chosen at training): a third of the ordinary rows asked in rounds 14-24 were such (快递柜满了, 楼下小孩在楼道里玩摔炮)
    # the model alone is asked about only when the words without their exclamation marks still lean that way: an angry
    # complaint's 「！！！」 is tone, not danger (usertest1: 垃圾堆在门口三天了臭死了 with three of them was asked)
    p_alone = min(p_em, _calm_probability(text, model)) if alone and not called and _TONE.search(text) else p_em
    triage = not emergency and not quiet_praise(text, rule, danger) and not (safe and not danger.persisting) and (
        (p_alone >= th.get("triage_alone", th["triage"]) if alone else p_em >= th["triage"])
        or (danger.partial() and p_em >= th["triage_partial"])
        # a bare conductor on a handrail or within a child's reach: one question whatever the model says,
        # since the words are narrow and the model has few such rows (round 11's miss scored 0.06)
        or danger.live_conductor()
        # so is a child or an elder unaccounted for now (孩子放学就不见了, 儿子到现在没回家): a plea to check the cameras
        # beside it (小区监控能不能帮我看看) took the model under triage_partial (round 27)
        or ("unaccounted" in danger.states_now and bool({"child", "elderly"} & set(danger.who))
            and danger.person_in_state())
        # so is gas or fire guessed at about a smell sensed now (有股怪味，不知道是不是煤气): the words are narrow and the
        # model's P for them fell under triage_partial when study24u's negatives were trained on (0.16 → 0.078)
        or danger.suspected()
        # the rules' emergency the model overruled is asked about unless the concepts read its danger
        # only as denied, over or past (没人被困, 已经自己出来了, 前天着火的那户), or the message calls it
        # off or contains it with nothing severe left (测过了说没漏气, 总阀我已经关了; since round 12); water with
        # nobody at risk, the class rounds 7 to 14 file as urgent, only with P ≥ triage_partial (issue #15)
        or (rule.level == EMERGENCY and not danger.contradicted() and not danger.called_off() and (
            # water with nobody named at risk (水管爆了 地板全泡了) is partial evidence, not the rules' emergency:
            # asked when the model leans that way at all, like a severe hazard said as present
            not danger.water_only() or p_em >= th["triage_partial"]))
        or called
    )
    reasons: list[str] = [f"rule: {w}" for w in rule.triggers]
    if called and not emergency:
        reasons.append("not called: nobody at risk, said so" if safe else
                       "asked: contained, nobody in danger" if danger.held() else
                       "asked: a burning smell, no smoke seen" if danger.unconfirmed() else
                       "asked: not seen for days, no other sign" if unseen else
                       "asked: growing over days, nothing sudden" if held else "asked: water, nobody named at risk")
    if emergency or triage or level == URGENT:
        reasons += danger.reasons()
    if emergency or triage:  # the model's own reasons where a person may be in danger
        top = model.top_features(features, EMERGENCY, vector=vector)
        reasons += [f"model: {', '.join(top)}"] if top else []
    hazard = hazard_of(rule, danger, emergency)
    if hazard is None and triage:
        hazard = danger.suspected_hazard()  # asked about a guessed gas leak: "yes" is a gas emergency
    shown_hazard = hazard if (level != NORMAL or triage) else None
    return UrgencyAssessment(
        level=level,
        hazard=shown_hazard,
        triggers=rule.triggers if level == rule.level or emergency else (),
        triage=triage,
        reasons=tuple(dict.fromkeys(reasons))[:MAX_REASONS],
        confidence=round(probs[level], 4),
        emergency_probability=round(p_em, 4),
        at_risk=at_risk,
        state=states,
        # without a rule, a hazard or a state the level would be normal: nothing else may make it urgent
        model_alone=emergency and rule.level == NORMAL and not (danger.hazards_now or danger.states_now),
    )


_TONE = re.compile(r"[!！]+")


def _calm_probability(text: str, model: UrgencyModel) -> float:
    """The model's P(emergency) for the words with their exclamation marks made full stops."""
    calm = _TONE.sub("。", text)
    prepared = prepare(calm)
    simple = simplified(prepared[1])
    features = featurize(without_doors(model_text(simple)), read_danger(simple).tokens(),
                         rule_tokens(rule_urgency(calm, prepared)))
    return model.probabilities(features, model.vector(features))[EMERGENCY]


def asked_not_called(u: UrgencyAssessment) -> UrgencyAssessment:
    """Where the words follow a matter already told (right after a ticket was filed, or added to a draft about
    something else), an emergency the model alone called is the triage question instead: the model learned
    terse calls (救命 5栋, 火!!! 12栋) as openings, and leans on a few words about people (外婆一个人在屋里,
    工人还在敲) that, said after a noise complaint, tell of nobody in danger. With nothing else read the
    level is normal; "yes" to the question takes the emergency path. Any other reading is returned as is."""
    if not u.model_alone:
        return u
    reasons = ("asked: after another matter, the model alone", *u.reasons)[:MAX_REASONS]
    # confidence: the model's probability that it is no emergency
    return replace(u, level=NORMAL, hazard=None, triage=True, model_alone=False, reasons=reasons,
                   confidence=round(1 - u.emergency_probability, 4))


def names_someone(text: str) -> bool:
    """Whether a person is named in `text` (我奶奶, 工人, 小孩, 有人), as the danger concepts read people."""
    return bool(_danger_of(text).who)


def people_named(text: str) -> list[str]:
    """Who is named in `text` (child, elderly, self, person, animal), as the danger concepts read people: the advice
    for a child shut in is not the advice for an adult (bot/dialogs/danger_advice.py)."""
    return list(_danger_of(text).who)


def _danger_of(text: str) -> DangerReading:
    """The concepts read from one message, prepared as `_assess` prepares it."""
    return read_danger(simplified(prepare(text)[1]))


_ARCING = re.compile(r"噼(?:里)?啪|啪啪|滋滋(?:的)?响|冒火花|打火花|火花")


def states_named(text: str) -> set[str]:
    """A person's states said now or guessed at: 躺在地上 叫他也不理 不知道是不是喝多了 still lies there, and the advice
    for them is the ambulance's (usertest29b: an unresponsive man got 「110或119」)."""
    return {m.concept for m in _danger_of(text).mentions if m.kind == "state" and m.frame in ("now", "q")}


# 「不是困人」「搞错了」「人没事」: the alarm called off in words the concepts do not frame as denied
_DENIED = re.compile(r"不是(?:有人)?(?:被)?困|没(?:有)?(?:人)?(?:被)?困(?:人|住)?|没(?:有)?(?:什么)?危险|搞错了|弄错了|说错了|误会"
                     r"|(?:没|没有)人(?:受伤|出事|在里面)|人(?:都)?没事|不危险|不是紧急|不紧急")


def denies_danger(text: str) -> bool:
    """The words deny the danger a draft was taken as (没有人被困 就是电梯坏了, 不是困人, 没人受伤) and call none of
    their own: the dialog asks the triage question again rather than file an emergency no one has."""
    u = assess_urgency(text)
    if u.level == EMERGENCY or u.state:
        return False
    danger = _danger_of(text)
    if set(danger.hazards_now) - {"lift"} or danger.states_now:  # a stopped lift alone endangers no one
        return False
    return danger.contradicted() or danger.called_off() or bool(_DENIED.search(text))


def hazard_said_present(text: str) -> str | None:
    """A hazard the triage question asks about (gas, fire, smoke, fumes, electricity) said as present and not called
    off (没人受伤 但是煤气味很大, 人没事 火还在烧): as its answer, a yes whatever else the words deny."""
    danger = _danger_of(text)
    if danger.called_off():
        return None
    return next((h for h in danger.hazards_now if h in _ASKED_ABOUT), None)


def danger_contained(text: str) -> bool:
    """The danger the words tell of is held or called off (关了阀门, 拉了警戒线, 燃气公司来看过说没事) with nothing severe
    left as present: the written category guide files such a broken thing 工程维修, not 安全管理."""
    danger = _danger_of(text)
    return danger.held() or danger.called_off()
