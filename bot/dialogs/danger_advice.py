"""Which row of the advice table (emergency_texts.ADVICE) an emergency gets: the hazard's, unless who is at risk and
how says otherwise (branch danger30, usertest1). The table is the texts; this module only chooses:

    who / how (from the words)                                      row
    wants to end their life                                        self_harm
    violence, and the resident hiding (躲在房间里, 锁在卧室不敢出去)     hiding
    someone locked in a car (孩子被锁在车里)                           locked_in_car
    a child shut in or caught (反锁在卫生间, 手卡在防盗窗里)             child_confined
    a stroke, chest pain, someone who does not respond, with no
      hazard of fire, gas, smoke, fumes, electricity or water         illness
    a smell with nobody in a bad state and no hazard named           odour
    nobody answers the phone or the door (打了一下午电话都没人接)       unreachable
    someone at risk and not hurt, the hazard only "injury"          at_risk (emergency_texts.emergency_numbers)
    otherwise                                                       the hazard's own row (generic when none)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dialogs import emergency_texts as etx
from bot.dialogs import vocabulary as vocab
from core.text.urgency import assess_urgency, people_named, states_named


@dataclass(frozen=True)
class Choice:
    row: str | None  # a situation's row of emergency_texts.ADVICE, or None for the hazard's own
    hazard: str | None
    self_harm: bool
    hurt: bool


def choose(hazard: str | None, words: str) -> Choice:
    """The advice for an emergency of `hazard` told in `words` (the draft's description)."""
    self_harm = bool(vocab.SELF_HARM.search(words))
    states = set(assess_urgency(words).state) | states_named(words)
    who = set(people_named(words))
    hurt = bool(states & _HURT)
    row: str | None = None
    if self_harm:
        row = "self_harm"
    elif hazard == "violence" and _HIDING.search(words):
        row = "hiding"
    elif "trapped" in states and _IN_A_CAR.search(words) and (who - {"animal"}):
        row = "locked_in_car"
    elif "child" in who and "trapped" in states and hazard in ("confined", "injury", None):
        row = "child_confined"
    elif hazard in _NOT_A_HAZARD and (states & _ILLNESS or ("dizzy" in states and _CHEST.search(words))):
        row = "illness"
    elif hazard in (None, "injury") and not states - _FUMES and _ODOUR.search(words):
        row = "odour"  # 「孩子一个人在家…说家里闻到怪味」: not the advice for a child on a ledge (usertest28)
    elif hazard in _NOT_A_HAZARD and not states - {"unaccounted"} and _UNREACHABLE.search(words):
        row = "unreachable"  # a smell at the door of someone not seen for days is theirs (states: unaccounted)
    return Choice(row, hazard, self_harm, hurt)


def watch_for(words: str) -> str | None:
    """After 「没有」 to the triage question about a person's body (爸爸有点胸口闷), what would make it an emergency after
    all: the chest's signs, or a body's in general; None when the words name no state of a person."""
    states = set(assess_urgency(words).state) | states_named(words)
    if _CHEST.search(words) and states & (_HURT | _ILLNESS):
        return etx.WATCH_CHEST
    return etx.WATCH_BODY if states & (_HURT | _ILLNESS) - {"choking"} else None


def someone_else(words: str) -> bool:
    """The words name someone other than the resident (我妈一个人在家): a welfare check, not a look at a thing."""
    return bool(set(people_named(words)) - {"self", "animal"})


# the triage question answered with not knowing (我也不知道, 说不准, 我在外地, 不在家): it could be
CANNOT_KNOW = re.compile(r"不知道|不清楚|说不好|说不准|说不清|不确定|不晓得|不好说|没法(?:确定|知道)|"
                         r"不在(?:家|现场|身边|跟前|那边|本地)|(?:在|人在)(?:外地|外面|上班|单位|国外|外省)|联系不上")


# what breathing a smell does (头晕, 呛得): a sign of the smell, not another state of the person
_FUMES = frozenset({"dizzy", "choking"})
# a smell said, with no hazard and no state of a person named: what to do is what a gas leak asks (a smell at the door
# of someone not seen for days is a sign of them, not of gas: the injury advice stays)
_ODOUR = re.compile(r"闻到|[怪异臭]味|气味|有股[^，,。]{0,6}味|味道(?:很|好|特别|有点)?(?:大|重|冲|怪|难闻)")
# a body already harmed: the injured are not to be moved, an ambulance called
_HURT = frozenset({"collapsed", "unconscious", "bleeding", "burnt", "dizzy", "choking", "injured", "shocked", "attack",
                   "freezing", "drowning"})
# an illness of the body itself (a stroke, a heart attack, a seizure) or someone who does not respond
_ILLNESS = frozenset({"attack", "unconscious"})
# the hazards that leave the illness to itself: none, or only "a person in danger"
_NOT_A_HAZARD = frozenset({None, "injury"})
# nobody answers the phone or the door, or nobody has seen them for days
_UNREACHABLE = re.compile(r"(?:电话|手机|打过去|打了)[^，。！？]{0,8}(?:没人接|不接|没接|打不通|关机)|联系不上|敲门[^，。！？]{0,4}没(?:人)?(?:应|开|反应)"
                          r"|(?:好几|几|两|三|多)天[^，。！？]{0,4}没(?:见|看到|出门|露面)")
_CHEST = re.compile(r"胸口|心口|胸闷|胸痛|心慌|chest")
_HIDING = re.compile(r"躲(?:在|进|到|起来)|不敢出(?:去|来|声)|(?:锁|关)(?:在|上)[^，。！？\s]{0,4}(?:门|房间|屋|卧室|卫生间|厕所)")
_IN_A_CAR = re.compile(r"(?:车|车子|汽车|轿车)(?:里|内|上)(?:面|头)?|锁车里")
