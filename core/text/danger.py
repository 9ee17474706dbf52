"""Concepts of danger in a message: who is at risk, in what state, from what hazard, and how each
mention is framed (happening now, denied, past, hypothetical, a question, habitual, over).

This is the part of the urgency detector that generalises: instead of whole phrases (老人摔倒起不来)
it knows meanings (老人 = elderly, 一动不动 = collapsed, 煤气 = gas, 没有 = denied …) from
``data/danger_concepts.toml`` and combines them, so a new wording of a known danger is still read.
The reading feeds the learned model as features (:mod:`core.text.urgency_model`) and decides when
the evidence is partial enough to ask the resident (the triage question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from core.text.urgency_vocab import (
    CLAUSE_BREAKS,
    HYPOTHETICAL,
    NAMED_AFTER,
    NEGATION,
    PAST,
    PAST_EXPERIENTIAL,
    PAST_WEAK,
    VIOLENCE_OVER,
    read_data_toml,
)

__all__ = ["DangerReading", "Mention", "read_danger", "FRAMES", "SEVERE_HAZARDS"]

# How a mention is framed, strongest first: a denied mention is denied even in a question.
FRAMES = ("neg", "over", "past", "hyp", "q", "habit", "now")
# Hazards that endanger people by themselves when present (a water leak or a stuck lift need more).
SEVERE_HAZARDS = frozenset({"gas", "co", "fire", "smoke", "chemical", "steam", "violence", "heat"})
NEGATION_REACH = 8  # characters before a mention in which a negator applies to it
PAIR_REACH = 1  # a person and a state this many clauses apart still belong together

_DATA = read_data_toml("danger_concepts.toml")


def _compile(table: dict[str, str]) -> dict[str, re.Pattern[str] | None]:
    return {name: (re.compile(p) if p else None) for name, p in table.items()}


_WHO = _compile(_DATA["who"])
_STATES = _compile(_DATA["states"])
_HAZARDS = _compile(_DATA["hazards"])
_HARMLESS = _compile(_DATA["harmless"])
_FRAME = {name: re.compile(p) for name, p in _DATA["frames"].items()}
# One search tells whether a clause mentions any hazard or state at all: most clauses of an ordinary
# complaint mention none, and that one search is far cheaper than fifty.
_ANY_DANGER = re.compile("|".join(f"(?:{p.pattern})" for t in (_HAZARDS, _STATES) for p in t.values() if p))
_CLAUSE_RE = re.compile(f"[^{re.escape(CLAUSE_BREAKS)}]+")
_NEG_RE = re.compile(NEGATION)
_PAST_RE = re.compile(f"{PAST}|{PAST_EXPERIENTIAL}")
_PAST_WEAK_RE = re.compile(PAST_WEAK)
_HYP_RE = re.compile(HYPOTHETICAL)
# a sentence-final particle then a space ends a spoken sentence (物业吗 我妈在电梯里犯心脏病了): the
# question 「物业吗」 asks who is listening, it does not frame what follows
_PARTICLE_GAP = re.compile(r"(?<=[吗呢啊吧嘛呀哦喂])\s+")
_ONGOING_RE = re.compile(r"还在|还是|仍|依然|现在|一直|至今|正在|越来越|没停|不停|又")
# nobody is the subject (没人被困, 没有人受伤, 冇人喺入面): the state or hazard is denied of everyone
_NOBODY_BEFORE = re.compile(r"(?:没有?|沒有?|无|冇|并没有)(?:任何)?人(?:被|在|给|会|有)?$")
# nobody named where the danger is (没人在下面, 没有人在里面): the "person" word names no one at risk
_NONE_BEFORE = re.compile(r"(?:没有?|沒有?|无|冇|并没有)(?:任何)?$")
# a stopped machine (电梯停在一楼不动了, 车子动不了): 不动了 / 动不了 is its fault, not a person's state
_MACHINE_BEFORE = re.compile(r"(?:电梯|梯|车|门|闸|机|锁)[^人我他她孩娃老爸妈爷奶公婆]{0,6}$")
_MACHINE_STILL = ("不动了", "动不了", "不能动")
# a card reader or a button that does not respond (刷卡没反应, 按了没反应) is a fault, not a person
_DEVICE_BEFORE = re.compile(r"(?:刷卡|卡|门禁|按钮|按键|按了|按(?:哪|几)[^，。！？]{0,2}|输了|扫了|点了|遥控|屏幕|开关|电梯|柜|机器)[^人我他她孩娃老爸妈爷奶]{0,4}$")
# a vehicle that cannot get out (车都出不去, 车进不来) is stuck, not a person
_VEHICLE_BEFORE = re.compile(r"车(?:子|辆)?(?:都|也|全|全都|开)?(?:[堵困卡关]在(?:里面|里头|库里|外面)|[进出][不]?[去来](?:也|又)?)?$")
_VEHICLE_STUCK = ("出不去", "出不来", "进不来", "进不去")
_STRANDED_WORDS = ("下不来", "下不去", "上不去", "上不来")
# a car parked or things piled across a way out (车堵在我车库门口 我出不去了; 家具堆我家门口: round 27): nobody is shut in
_BLOCKING_VEHICLE = re.compile(
    r"(?:车|垃圾|杂物|家具|沙发|柜子|东西|建材|材料|纸箱|箱子)[^，。！？]{0,8}(?:堵|挡|停|横|堆|摆|放)(?:在|住|着|到)?[^，。！？]{0,8}(?:门口|出口|入口|通道|车库|车位|路口|前面|后面)"
)
# a worker named by role then a kinship address (保安大爷, 门卫大妈, 保洁阿姨): staff, not an elderly person at risk
_STAFF_BEFORE = re.compile(r"(?:保安|门卫|保洁|宿管|看门的?|清洁工?|环卫|物业|维修|前台|客服|值班)$")
# a person only speaking or sent for (工人说找不到总阀, 赶紧来个人整一下) is not one at risk
_SPEAKS_AFTER = re.compile(r"(?:说|讲|告诉|打电话|报的|报了|问)")
_SENT_FOR_BEFORE = re.compile(r"(?:来|派|找|叫|请|归)$")
# a cry for help about a nuisance, a chore or in play (救救我的耳朵, 救命 物业费怎么交, 孩子玩捉迷藏喊救命): hyperbole, a game
_NUISANCE = re.compile(r"耳朵|广场舞|钢琴|音响|噪音|装修|吵|唱歌|的歌|弹琴|喇叭|打呼|狗叫|物业费|缴费|交费|快递|取件|门禁|指纹|登不上"
                       r"|电钻|打桩|打孔|不让睡|捉迷藏|躲猫猫|做游戏|玩游戏|闹着玩|过家家|玩(?:打仗|警察)")
# a falling object or a failing structure that threatens people: people or a busy place beneath or beside it, a way
# people pass under (底下就是进出单元的门) or must take (学生上学就走这条路), or the failure still going on (咔咔响, 晃得厉害)
_EXPOSED = re.compile(
    r"(?:下面|底下|下方|楼下|旁边|边上)[^，。！？]{0,8}(?:人|小孩|孩子|老人|学生|行人|车|小卖部|摊|路|操场|门口)"
    r"|全是人|人来人往|好多人|很多人|人多|(?:下面|底下|下方|正下方)[^，。！？]{0,6}(?:进出|出入|单元门|大门|走道|通道|车站|公交站)|从(?:底下|下面)(?:过|走|经过)"
    r"|(?:人|学生|孩子|小孩|老人|行人|居民)[^，。！？]{0,4}(?:只能走|就走|都走|天天走|每天走|必经|要从)"
)
_PROGRESSING = re.compile(r"咔咔|咔嚓|嘎吱|咯吱|在变大|越来越(?:大|宽|长|斜|多)|还在(?:裂|掉|往下掉|响|晃)|鼓出来|鼓起来|晃得厉害|一直在晃|突然裂")
# the person named is away (他家人不在, 家里没人住, 联系不上): nobody of them is at risk there
_ABSENT = re.compile(r"不在家?|没人在|没有人在|出差|联系不上|没人住|空置|外出|出门了|人走了|在外地|回老家|出国|旅游|度假")
# a bare conductor touching metal people hold or lean on (铜丝露出来了 正好搭在扶手上), or within a
# hand's reach: electricity that can reach a person, not a fault in a wall
_BARE = re.compile(r"铜丝|铜线|线芯|裸露|露出|露着|破皮|破了皮|皮破|外皮.{0,3}(?:破|烂|掉)")
_CONTACT = re.compile(
    r"(?:搭|碰|挨|贴|缠|垂|掉|耷拉|挂|绕)(?:在|到|着)[^，。！？]{0,6}"
    r"(?:扶手|栏杆|护栏|铁门|铁栏|铁架|铁管|水管|防盗网|防盗门|晾衣|门把|信报箱|报箱|铁皮|金属|单车|车棚|滑梯|秋千)"
)
_REACH = re.compile(r"够得着|够得到|摸得到|摸得着|能摸到|一伸手|伸手就")
# someone who already fell where the hazard still is (已经有两个人滑倒了, 又有人绊倒了): the fall tells of
# the hazard, the person is not said to be lying there now
_EARLIER_FALL = re.compile(
    r"(?:已经|又|早上|上午|之前|好几|好多|不少|几个)[^，。！？]{0,2}有?[^，。！？]{0,4}"
    r"(?:人|老人|小孩|孩子|行人|业主|住户|路人)[^，。！？]{0,3}$"
)
_FALL_WORDS = re.compile(r"摔|滑倒|绊倒|跌")
# a later "just now" starts a new event in a run-on clause (车每天都停在通道上 … 刚才看到地下室冒烟了):
# the habit said before it does not frame what follows
_NEW_EVENT = re.compile(r"刚才|刚刚|现在|这会儿?|今天")
# a question word's own object (two characters or more), then a pause, in a spoken run-on
_ASKED_APART = re.compile(r"[^\s]{2,}\s")
RUN_ON_REACH = 12  # characters after a mention within which a question or habit word still frames it
# an experiential 过 right after a mention whose verb is its own (狗咬过人, 追过小孩): it happened before
_EXPERIENCED = re.compile(r"过(?![来去])")
# a request after a mention (能不能帮…, 可不可以派…): help asked with what was told, not a question about it
_REQUEST = re.compile(r"[^，。！？\s]{0,2}(?:帮|派|叫|来|过来|上来|送|抬|扶(?!手))")
# violence over (散了, 劝住了, 他跑了) frames the violence only: whoever was hurt is read apart (撞倒了 流血 那人跑了)
_VIOLENCE_OVER = re.compile(VIOLENCE_OVER)
# someone stranded upstairs by a stopped lift (电梯坏了 我爸住二十楼 要去医院下不来): the way down is out,
# nobody is shut in — said across clauses, so read on the whole message
_STRANDED = re.compile(
    r"电梯[^。！？]{0,12}(?:坏|停|不能用|不动|维修|检修)[^。！？]{0,40}(?:下不来|下不去|上不去|上不来)"
)
_STRANDED_FLOOR = re.compile(r"住[^，。！？\s]{0,4}(?:\d+|[一二三四五六七八九十几]+)[楼层]")
# a mild symptom (a cough, sore eyes, a headache) put down to an ordinary nuisance (楼上抽烟 孩子闻了一直咳, 灯一直闪
# 晃得眼睛疼, 吵得我头疼) with no severe hazard read: a complaint about the nuisance, not a person in danger
_MILD_SYMPTOM = re.compile(r"一直咳|咳个不停|咳嗽不止|眼睛疼|睁不开眼|头疼|头痛|头晕|不舒服|难受得|恶心|想吐|呛(?:得|到|人)?|明火")
_ORDINARY_CAUSE = re.compile(
    r"抽烟|吸烟|二手烟|烟味|香烟|油烟|烧烤|烧香|烧纸|香火|装修味|油漆味|甲醛|灯光|强光|广告屏|噪音|音响|广场舞"
    r"|(?:照|晃|闪|吵|闹|震|熏|臭)(?:得|到)|电钻|打孔|钻墙|施工声|垃圾"
)
# a wish to die told to someone (昨晚跟我说不想活了): the telling is past, the intent is not
_TOLD_BEFORE = re.compile(r"(?:说|讲|告诉我|发消息|发微信|发朋友圈|留言|留了?(?:张|个)?(?:纸条|字条))[^，。！？]{0,3}$")
# something sensed now (有股怪味, 听见嘶嘶响, 看见冒烟): a severe hazard then guessed at is suspected, not asked about
_SENSED = re.compile(r"味|闻到|闻着|听到|听见|看到|看见|冒|嘶嘶|呲呲")
# a fire read from a smell only (焦味, 糊味, 烧焦)
_SMELL = re.compile(r"味|焦")
SELF_EVIDENT_STATES = frozenset({"suicidal"})  # states that name the person in danger themselves (one who wants to die)
# a dated event named as what it left behind (前天着火的那户, 上周着火那家: round 25): told, not happening
_NOUN_AFTER = re.compile(NAMED_AFTER)


@dataclass(frozen=True)
class Mention:
    concept: str  # "gas", "collapsed", "elderly" …
    kind: str  # "hazard" | "state" | "who"
    frame: str  # one of FRAMES
    words: str  # as matched in the folded text
    clause: int  # index of the clause


@dataclass
class DangerReading:
    mentions: list[Mention] = field(default_factory=list)
    now_cue: bool = False  # 救命 / 快来 / 报警 … anywhere
    ongoing: bool = False  # 现在 / 正在 / 刚才 … anywhere
    dismissed: bool = False  # 测试 / 原来是 / 没人在里面 / 别慌 … anywhere
    contained: bool = False  # 关了总阀 / 拉了电闸 / 浇灭 … anywhere
    persisting: bool = False  # 还在响 / 还是很大 / 关了也没用 … anywhere: what was contained goes on
    hearsay: bool = False  # 听说 / 群里有人说 … anywhere
    exclamations: int = 0
    exposed: bool = False  # people or a busy place beneath or beside (下面小区路上全是人)
    progressing: bool = False  # the failure still going on (咔咔响, 裂缝在变大, 鼓出来了, 晃得厉害)
    in_reach: bool = False  # a bare conductor on metal people touch, or within reach (搭在扶手上)
    sensed: bool = False  # a smell, a sound or a sight reported (有股怪味, 听见嘶嘶响)
    safe: bool = False  # nobody where the danger is, nobody hurt yet, the person fine (现在没人在那, 还没蜇到人) anywhere
    unseen: bool = False  # a fire's visible sign looked for and not seen (没看到烟, 也没见明火) anywhere
    slow: bool = False  # a failure growing over days (这几天越来越宽), nothing sudden (刚才, 一声响, 咔咔) anywhere

    def present(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind and m.frame == "now"]

    @cached_property
    def hazards_now(self) -> list[str]:
        return list(dict.fromkeys(m.concept for m in self.present("hazard")))

    @cached_property
    def states_now(self) -> list[str]:
        return list(dict.fromkeys(m.concept for m in self.present("state")))

    @cached_property
    def who(self) -> list[str]:
        """People mentioned (animals are told apart: a dog locked in a car is not a child)."""
        return list(dict.fromkeys(m.concept for m in self._people()))

    def _people(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "who" and m.concept != "animal" and m.frame != "neg"]

    def person_in_state(self) -> bool:
        """Someone (not only "I think") is in a bad state now: the core of a medical emergency."""
        if not self.states_now:
            return False
        if SELF_EVIDENT_STATES & set(self.states_now):
            return True  # 说不想活了: whoever said it is the one at risk
        states = self.present("state")
        people = self._people()
        return any(abs(s.clause - p.clause) <= PAIR_REACH for s in states for p in people)

    def partial(self) -> bool:
        """Evidence of danger that the text alone does not settle: a severe hazard or a person in a
        bad state, said as present."""
        return bool(set(self.hazards_now) & SEVERE_HAZARDS) or self.person_in_state() or self.live_water() or (
            "lift" in self.hazards_now and "trapped" in self.states_now
        ) or self.failing_now() or self.live_conductor() or self.suspected()

    def suspected(self) -> bool:
        """A severe hazard guessed at about something sensed now (楼道里有股怪味，不知道是不是煤气): the
        guess is framed as a question, the smell is not; nobody can tell from the text, so ask."""
        if not self.sensed or self.hearsay or self.dismissed:
            return False
        return any(m.kind == "hazard" and m.frame == "q" and m.concept in SEVERE_HAZARDS for m in self.mentions)

    def suspected_hazard(self) -> str | None:
        """The severe hazard guessed at (煤气 in 不知道是不是煤气), when the guess is `suspected`."""
        if not self.suspected():
            return None
        return next(m.concept for m in self.mentions
                    if m.kind == "hazard" and m.frame == "q" and m.concept in SEVERE_HAZARDS)

    def live_conductor(self) -> bool:
        """Electricity said as present where a person can touch it: a bare wire on a handrail or a
        railing, or within a child's reach (铜丝都露出来了，正好搭在扶手上). A bare wire in a wall or a
        dead socket alone is a fault for the day."""
        return "electric" in self.hazards_now and self.in_reach

    def failing_now(self) -> bool:
        """Something heavy falling or a structure failing, said as present, and either people beneath
        it or the failure still going on (塔吊吊着的钢管晃得厉害 下面全是人, 墙上裂了一条大缝 还听见咔咔响)."""
        return bool({"falling", "structure"} & set(self.hazards_now)) and (self.exposed or self.progressing)

    def live_water(self) -> bool:
        """Water and electricity together, both now (水没过了插线板，还通着电): each alone is a fault,
        together they can kill."""
        return "water" in self.hazards_now and "electric" in self.hazards_now

    def property_only(self) -> bool:
        """Water (or a failing structure, a stopped lift) said as present, and nobody named near it nor
        in a bad state: a burst pipe flooding a garage is a fault for the day, not a danger to life
        (楼上水管爆了 水从天花板往下滴 他家人不在)."""
        hazards = set(self.hazards_now) - {"lift"}
        if not hazards or hazards & SEVERE_HAZARDS or self.states_now or self.live_water():
            return False
        return not any(m.concept != "self" for m in self._people())

    def held(self) -> bool:
        """Contained (拉上了警戒线, 浇灭了, 把下面的路拦上了) with nothing going on despite it (关了阀门还在响, 拉了闸
        但还是有烟), nobody in a bad state and no cry for help: the danger is held for now."""
        return self.contained and not self.persisting and not self.person_in_state() and not self.now_cue

    def said_safe(self) -> bool:
        """The writer says nobody is at the danger, nobody hurt yet or the person fine (这会儿没人在那, 还没蜇到人, 人好好的),
        nobody is in a bad state, no cry for help: the triage question is answered (rounds 21, 22 file these urgent)."""
        growing = self.persisting and bool(set(self.hazards_now) & SEVERE_HAZARDS)  # 烟越来越大 里面没人: still called
        return self.safe and not self.person_in_state() and not self.now_cue and not growing

    def unconfirmed(self) -> bool:
        """A fire known by a smell only (焦味, 糊味) whose smoke or flame was looked for and not seen (没看到烟)."""
        fire = [m for m in self.present("hazard") if m.concept in ("fire", "smoke")]
        others = set(self.hazards_now) & SEVERE_HAZARDS - {"fire", "smoke"}
        return self.unseen and bool(fire) and not others and all(_SMELL.search(m.words) for m in fire) and not (
            self.now_cue or self.person_in_state())

    def slow_failure(self) -> bool:
        """A failing structure said to grow over days, nothing sudden (刚才一声响, 咔咔), nobody beneath it nor in a bad
        state (墙上的缝这几天越来越宽 还掉渣): a repair for the day, asked (round 22 files it urgent)."""
        hazards = set(self.hazards_now)
        return self.slow and bool({"falling", "structure"} & hazards) and not hazards & SEVERE_HAZARDS and not (
            self.exposed or self.now_cue or self.person_in_state())

    def called_off(self) -> bool:
        """The message calls the alarm off or contains it (燃气公司测过了说没漏气, 是误会, 总阀我已经关了,
        没人受伤) and says nothing severe as present: the rules' emergency alone is not asked about then."""
        return (self.dismissed or self.contained) and not self.partial()

    def contradicted(self) -> bool:
        """Hazards or states are mentioned (a stopped lift alone is none), none as present and some as
        denied, over or past (没人被困, 已经自己出来了, 前天着火的那户): the rules' emergency is not what
        the message says."""
        said = [m for m in self.mentions if m.kind != "who" and m.concept != "lift"]
        return bool(said) and all(m.frame != "now" for m in said) and any(
            m.frame in ("neg", "over", "past") for m in said
        )

    def water_only(self) -> bool:
        """Water said as present and nothing else that endangers: no person named near it, none in a
        bad state, no live electricity. The reader may then ask whether anyone is in danger, never
        call an emergency outright (rounds 7 and 8, written apart, file such a leak as urgent)."""
        return self.property_only() and set(self.hazards_now) - {"lift"} == {"water"}

    def tokens(self) -> list[str]:
        """Features for the learned model."""
        out: set[str] = set()
        for m in self.mentions:
            prefix = {"hazard": "H", "state": "S", "who": "W"}[m.kind]
            out.add(f"{prefix}:{m.concept}")
            if m.kind != "who":
                out.add(f"{prefix}:{m.concept}:{m.frame}")
                out.add(f"{prefix}*:{m.frame}")
        hazards, states = self.hazards_now, self.states_now
        if self.person_in_state():
            out.add("WS:now")
            out.update(f"WS:{s}" for s in states)
        if hazards and states:
            out.add("HS:now")
            out.update(f"HS:{h}:{s}" for h in hazards for s in states)
        if hazards and self.who:
            out.add("HW:now")
        if set(hazards) & SEVERE_HAZARDS:
            out.add("H:severe:now")
        if self.live_water():
            out.add("H:water+electric:now")
        if self.property_only():
            out.add("H:property-only")
        if self.now_cue:
            out.add("NOW")
            if hazards or states:
                out.add("NOW+danger")
        if self.ongoing:
            out.add("ONGOING")
            if hazards or states:
                out.add("ONGOING+danger")
        if self.exclamations:
            out.add("EXCL")
        if self.dismissed:
            out.add("DISMISS")
        if self.hearsay:
            out.add("HEARSAY")
        if self.contained:
            out.add("CONTAINED")
        if self.safe:
            out.add("SAFE")
        if self.failing_now():
            out.add("FAILING:now")
        if self.live_conductor():
            out.add("H:electric+reach:now")
        return sorted(out)

    def reasons(self) -> list[str]:
        """Concepts that count, for staff: "gas (煤气味, now)", "elderly + collapsed (一动不动)"."""
        out = []
        for m in self.mentions:
            if m.kind != "who" and m.frame == "now":
                out.append(f"{m.kind} {m.concept}: {m.words}")
        if self.person_in_state():
            out.append("at risk: " + ", ".join(self.who))
        return list(dict.fromkeys(out))


def _denies(before: str) -> bool:
    """A negator before the mention denies it, unless it is part of a modifier (一条没拴的大狗: 的
    between them) or means "gone" (栏杆被冲没了 水涨得好快: 没 then 了), nor past a turn (但是, 不过)."""
    for m in _NEG_RE.finditer(before):
        rest = before[m.end() :]
        if not rest.startswith("了") and "的" not in rest and not _CONTRAST.search(rest):
            return True
    return False


# something done to a thing and over (被人撬了, 被砸坏了, 被偷走了): the act is past, whoever did it has gone
_DONE_TO_IT = re.compile(r"被[^，。\s]{0,3}(?:撬|砸|偷|抢)(?:了|开了|坏了|走了|烂了)")
_A_HOME = re.compile(r"门|锁|家|屋|房|窗")
# a turn between the negator and the mention ends its reach (没有人受伤 但是煤气味很大: the gas is not denied)
_CONTRAST = re.compile(r"但是|可是|不过|但|然而|只是|而是")


def _frame(clause: str, start: int, end: int, later: str) -> str:
    before = clause[max(0, start - NEGATION_REACH) : start]
    after = clause[end:]
    # the mention's own words are no frame (一动不动 holds 动不动, 没反应 holds 没)
    clause = clause[:start] + " " * (end - start) + clause[end:]
    if _denies(before) or _NOBODY_BEFORE.search(before):
        return "neg"
    # over later in its own clause too (困了人已经自己出来了), or in the clauses that follow
    if _FRAME["over"].search(after) or _FRAME["over"].search(later):
        return "over"
    head = clause[:start]
    weak_past = _PAST_WEAK_RE.search(head)
    if _PAST_RE.search(clause) or (weak_past and (not _ONGOING_RE.search(clause) or _NOUN_AFTER.match(after))):
        return "past"
    if _HYP_RE.search(head):
        return "hyp"
    if _EXPERIENCED.match(after):
        return "past"  # 狗咬过人, 追过小孩: the verb is the mention's own, its 过 follows it
    if _frames(_FRAME["question"], clause, start, end):
        return "q"
    if _frames(_FRAME["habit"], clause, start, end):
        return "habit"
    return "now"


def _frames(cue: re.Pattern[str], clause: str, start: int, end: int) -> bool:
    """Whether a question or habit word frames the mention. In a spoken run-on (one clause, pauses as
    spaces) a word far after it, past a pause, belongs to another sentence (冒烟了 … 是不是着火了,
    铜线露出来 挨着铁栏杆 小孩天天扶着走); a word before it is cut off by a later "just now" (车每天都停在
    通道上 … 刚才看到冒烟了)."""
    for m in cue.finditer(clause):
        if m.end() <= start:
            # a question with its own object then a pause (用的什么胶水 … 工人倒了一个, 是不是地基沉了 …
            # 地面鼓起来) asked about that object; what is said after the pause is reported
            asked_apart = cue is _FRAME["question"] and _ASKED_APART.match(clause, m.end(), start)
            if not _NEW_EVENT.search(clause, m.end(), start) and not asked_apart:
                return True
        elif m.start() >= end:
            if cue is _FRAME["question"] and _REQUEST.match(clause, m.end()):
                continue  # 嘴歪了 能不能帮开一下大门: asks for help with what was told, not whether it is so
            gap = clause[end : m.start()]
            if len(gap) <= RUN_ON_REACH or not any(c.isspace() for c in gap):
                return True
    return False


def _severe_beside(rest: str) -> bool:
    """A severe hazard's word left once the ordinary cause is taken out (楼下有人抽烟 楼道里全是浓烟)."""
    return any(p.search(rest) for name, p in _HAZARDS.items() if p is not None and name in SEVERE_HAZARDS)


def read_danger(folded: str) -> DangerReading:
    """Read the concepts of a folded message (``core.text.normalize.fold`` of ``normalize``, with
    idioms blanked as :func:`core.text.urgency_rules.prepare` does)."""
    reading = DangerReading(
        now_cue=bool(_FRAME["now"].search(folded)),
        exposed=bool(_EXPOSED.search(folded)),
        progressing=bool(_PROGRESSING.search(folded)),
        ongoing=bool(_FRAME["ongoing"].search(folded)),
        dismissed=bool(_FRAME["dismiss"].search(folded)),
        contained=bool(_FRAME["contained"].search(folded)),
        persisting=bool(_FRAME["persisting"].search(folded)),
        hearsay=bool(_FRAME["hearsay"].search(folded)),
        exclamations=folded.count("!") + folded.count("！"),
        in_reach=bool(_BARE.search(folded) and (_CONTACT.search(folded) or _REACH.search(folded))),
        sensed=bool(_SENSED.search(folded)),
        safe=bool(_FRAME["safe"].search(folded)),
        unseen=bool(_FRAME["unseen"].search(folded)),
        slow=bool(_FRAME["slow"].search(folded)) and not _FRAME["sudden"].search(folded),
    )
    folded = _PARTICLE_GAP.sub("，", folded)
    stranded = bool(_STRANDED.search(folded) and _STRANDED_FLOOR.search(folded))
    hyperbole = reading.now_cue and _NUISANCE.search(folded) and not _ANY_DANGER.search(folded)
    if hyperbole:
        reading.now_cue = False
    # a question mark ends its clause: keep it on the clause it closes
    clauses = [(m.start(), m.group() + folded[m.end() : m.end() + 1]) for m in _CLAUSE_RE.finditer(folded)]
    for index, (offset, clause) in enumerate(clauses):
        later = folded[offset + len(clause) : offset + len(clause) + 40]
        tables = (("hazard", _HAZARDS), ("state", _STATES), ("who", _WHO))
        for kind, table in tables if _ANY_DANGER.search(clause) else tables[2:]:
            for concept, regex in table.items():
                if regex is None:
                    continue
                for m in regex.finditer(clause):
                    harmless = _HARMLESS.get(concept)
                    if harmless is not None and harmless.search(clause):
                        continue
                    before = clause[max(0, m.start() - 10) : m.start()]
                    if m.group() in _MACHINE_STILL and _MACHINE_BEFORE.search(before):
                        continue
                    if m.group() == "没反应" and _DEVICE_BEFORE.search(before):
                        continue
                    blocked = _VEHICLE_BEFORE.search(before) or _BLOCKING_VEHICLE.search(folded)
                    if m.group() in _VEHICLE_STUCK and blocked:
                        continue
                    if concept == "trapped" and stranded and m.group() in _STRANDED_WORDS:
                        continue
                    if kind == "who":
                        away = _ABSENT.search(clause, m.end()) or _SPEAKS_AFTER.match(clause, m.end())
                        sent_for = _SENT_FOR_BEFORE.search(clause[: m.start()])
                        nobody = _NONE_BEFORE.search(clause[max(0, m.start() - 4) : m.start()])
                        frame = "neg" if away or sent_for or nobody else "now"
                    else:
                        frame = _frame(clause, m.start(), m.end(), later)
                        if frame == "past" and concept == "suicidal" and _TOLD_BEFORE.search(clause[: m.start()]):
                            frame = "now"  # told yesterday that he wants to die: the intent stands
                        if frame == "now" and concept == "violence" and not _A_HOME.search(clause[: m.start()]) and (
                                _DONE_TO_IT.search(clause, max(0, m.start() - 4), min(len(clause), m.end() + 3))):
                            frame = "past"  # 信箱被人撬了, 车窗被砸了: found done, not going on (a home's door: who
                            # did it may still be inside, so it stays)
                        earlier = _EARLIER_FALL.search(clause[: m.start()])
                        if frame == "now" and earlier and _FALL_WORDS.search(clause[max(0, m.start() - 1) : m.end()]):
                            frame = "past"  # 已经有两个人滑倒了: a fall that told of the hazard
                        if frame == "now" and concept in ("violence", "threatened") and (
                                _VIOLENCE_OVER.search(clause, m.end()) or _VIOLENCE_OVER.search(later)):
                            frame = "over"  # 有人打架 散了, 拧门把手 我喊了一声他跑了
                    named = concept
                    if concept == "elderly" and _STAFF_BEFORE.search(clause[: m.start()]):
                        named = "person"
                    reading.mentions.append(Mention(named, kind, frame, m.group(), index))
                    if frame == "now" or kind == "who":
                        break  # one mention of a concept per clause is enough
                    # in a run-on, the concept asked about first (是不是地基沉了) may be said as present
                    # later (地面鼓起来 墙缝能伸进手指): read on
    if _ORDINARY_CAUSE.search(folded) and not _severe_beside(_MILD_SYMPTOM.sub(" ", _ORDINARY_CAUSE.sub(" ", folded))):
        reading.mentions = [m for m in reading.mentions if not (  # 烧纸 … 呛得我儿子直咳嗽, 烧烤 … 明火: a nuisance (round 24)
            m.concept in ("dizzy", "choking", "chemical", "fire") and _MILD_SYMPTOM.fullmatch(m.words))]
        reading.__dict__.pop("states_now", None)  # read again without them
    return reading
