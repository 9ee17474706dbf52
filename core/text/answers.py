"""What an answer to one of the intake's questions is: the place that was asked for, or a second
problem the resident brings up in the middle of the form ("对了还有，楼下垃圾好几天没人收了").

The intake asks one question at a time and used to take any words as the answer. These readers let
it tell an answer from an aside, so an aside is never stored as a field. Pure, like every reader here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.text.address import CommunitySpec, parse_address
from core.text.matter_signs import ANIMAL_NOISE as _ANIMAL_NOISE
from core.text.matter_signs import CONDUCT as _CONDUCT
from core.text.matter_signs import FAULT, OUT_OF_DATE
from core.text.matter_signs import NEXT_TIME as _NEXT_TIME
from core.text.matter_signs import REFER as _REFER
from core.text.matter_signs import VISIT as _VISIT
from core.text.normalize import fold, normalize
from core.text.vocab import (
    ASIDE_MARKERS,
    HOME_WORDS,
    MATTER_LEADS,
    PLACE_ANSWER_MAX,
    PLACE_WORDS,
    PROBLEM_WORDS,
    QUESTION_CUES,
)
from core.text.when_fixed import asks_when_fixed

__all__ = [
    "FAULT", "about_the_estate", "another_matter", "another_party_too", "asks_back", "new_matter", "new_problem", "opens_aside", "points_back", "reads_as_place", "remark",
    "shares_subject", "stall", "to_staff", "without_lead",
]


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PUNCT = r"[\s,，.。!！:：、~～]*"
# an interjection may come first: 「哦还有卫生间地漏也下水很慢」
_INTERJECTION = r"(?:哦|噢|喔|诶|欸|哎|哎呀|啊|嗯|呃)"
_LEAD = re.compile(rf"^{_PUNCT}(?:{_INTERJECTION}{_PUNCT})?(?:(?:{_alt(ASIDE_MARKERS)}){_PUNCT})+")
_PROBLEM = re.compile(_alt(PROBLEM_WORDS))
# which one it is, by its number (楼上是401, 那个电梯就是2号梯, 对门那户是302的): no matter of its own
_NAMES_WHICH = re.compile(r"\W*[^，,。\s\d]{0,6}?(?:就)?是(?:第)?(?:\d{1,4}|[一二两三四五六七八九十零〇]{1,4})(?:号[梯楼门]?|室|楼|栋|梯|层|单元|的)?"
                          r"(?:$|[\s，,。])")
# an errand at the desk with nothing wrong (a fee, a receipt, a card, a certificate): asked after filing, its own matter
_ERRAND = re.compile(r"物业费|停车费|水费|电费|燃气费|暖气费|发票|收据|门禁卡|停车卡|居住证明|证明|车位")
_ASKS = re.compile(r"什么时候|啥时候|几时|哪天|在哪|去哪|哪里|怎么|能不能|可不可以|[吗么嘛?？]")
_PLACE = re.compile(_alt(PLACE_WORDS))
_QUESTION = re.compile(rf"(?:{_alt(QUESTION_CUES)})|[吗么嘛?？][啊呀呢吧]?\W*$")
_CLAUSE = re.compile(r"[,，;；。!！?？]")
# said to someone, not a place: a stall, the staff addressed (你们 …), the resident's own doings (我先 / 我去)
_REMARK = re.compile(
    r"^(?:等一?下|等等|稍等|等会儿?|等一会儿?)|你们|你(?:能|会|帮|快|说|看|听)|我(?:先|去|让|不想|看一?下|找找|查一?下)"
    r"|没人(?:理|管|来|应)|管不管|会不会"
    # a visit asked to be announced (师傅来之前麻烦先打个电话: seventeenth session, taken as when it began)
    r"|麻烦(?:你们|师傅|先|提前|帮|给)|(?:来|上门)(?:之前|以前|前)[^，。]{0,6}(?:打|联系|说一?声|通知)"
)
# a stall alone: nothing worth keeping (等一下, 稍等我看一下门牌)
_STALL = re.compile(r"^(?:等一?下|等等|稍等|等会儿?|等一会儿?|我(?:先|去)?(?:看一?下|找找|查一?下))")
# a sentence about the resident, the staff or how it feels (我孩子明年高考，真的很影响, 您那什么时候能来啊，
# 冻得够呛): told to the bot, not a place, when no place is named in it
_TOLD = re.compile(r"^(?:我|您|你|咱|孩子|老人|家里人|俺)|[,，;；。!！](?:我|咱|俺)(?!家)"
                   # how the fault goes now (现在开始往下滴了, 水越来越大): the matter told, not where (round 23)
                   r"|越来越|开始[^，,。\s]{0,4}了|(?:真的|实在|太|好|很)[\u4e00-\u9fff]{0,3}(?:影响|难受|着急|受罪|够呛|不行|烦)"
                   r"|[啊呀吧呢嘛哈](?:[,，。!！~～]|$)"
                   # what it does to someone (叫得我家孩子午觉都睡不了, 吵得老人心慌): how bad it is
                   r"|得[\u4e00-\u9fff]{0,8}?(?:睡不|没法|没办法|不能|受不了|难受|哭|醒|头疼|头痛|心慌)")
# not knowing how to say where (我也不太清楚怎么说) is about the question: asked about kindly, not kept
_UNSURE = re.compile(r"不(?:太)?(?:清楚|知道|晓得|懂|会说|记得)|说不(?:清|好|上来)")
_LOCATED = re.compile(rf"在[^,，。;；!！?？]{{0,10}}?(?:{_alt(PLACE_WORDS)}|那边|这边|那儿|这儿|附近)")
# "电梯也坏了": 也/又 right before what is wrong names another thing that is wrong too
_ALSO = re.compile(rf"[也又](?:都|还|是|经常|老是|一直)?(?:{_alt(PROBLEM_WORDS)})")


def _folded(text: str) -> str:
    return fold(normalize(text[:PLACE_ANSWER_MAX * 50]))


def new_problem(text: str, about: str | None = None) -> bool:
    """The message brings up another problem: it opens with 另外 / 还有 / 对了 … and says what is
    wrong, or says that something else is broken too ("电梯也坏了"). With `about` (the complaint so
    far), 也 before the very fault it names (「下雨的时候 昨晚也漏」 about a leak) is that fault again."""
    f = _folded(text)
    if another_party_too(f, about):
        return True
    if _PROBLEM.search(f):
        if _LEAD.search(f):
            return True
        return any(not (about and _same_fault_again(f, m, _folded(about))) for m in _ALSO.finditer(f))
    # what is wrong said as a state (还有楼道那窗户玻璃碎了) or someone's doing (另外 楼梯间有人吐痰了: round 27): only
    # after a lead, since a state alone is often an answer (出不去, 没水)
    return bool(_LEAD.search(f) and (FAULT.search(f) or _CONDUCT.search(f)))


# when, or nothing, before 也 in its clause: the fault at another time (昨晚也漏), not another thing (电梯也坏了)
_WHEN_BEFORE = re.compile(r"[昨今前明每夜]|天天|几天|晚上|早上|白天|时候|刚才|[上这那]次|[上这那]回|有时|下雨|修完|修好"
                          r"|周末|周[一二三四五六日天]|星期|礼拜|平时|节假日")
_CLAUSE_START = re.compile(r"[\s,，.。;；!！?？][^\s,，.。;；!！?？]*$")


# 也 before doing it every day (楼上那家的孩子也天天在楼道里踢球): someone else doing something too (round 22)
_ALSO_HABIT = re.compile(r"也(?:天天|老是|总是|经常|一直|每天|整天|成天|动不动)(?!在家|有人)")
_SELF = re.compile(r"^(?:我|俺|咱|自己)")


def another_party_too(text: str, about: str | None = None) -> bool:
    """Someone or something else does it too, every day (楼上那家的孩子也天天…, 对面那户也经常半夜…): the words
    before 也 name a subject, not a time (晚上也一直关不上), not the resident (我老婆也一直在家) and nothing the
    complaint so far (`about`) names."""
    f = _folded(text)
    for m in _ALSO_HABIT.finditer(f):
        clause = _CLAUSE_START.search(f, 0, m.start())
        before = f[clause.start() + 1 if clause else 0 : m.start()].strip()
        if (re.search(r"[\u4e00-\u9fff]", before) and not _WHEN_BEFORE.search(before) and not _SELF.search(before)
                and not (about and shares_subject(before, about))):
            return True
    return False


def _same_fault_again(f: str, also: re.Match[str], about: str) -> bool:
    word = _PROBLEM.search(f, also.start() + 1, also.end())
    if word is None or word.group() not in {m.group() for m in _PROBLEM.finditer(about)}:
        return False
    clause = _CLAUSE_START.search(f, 0, also.start())
    before = f[clause.start() + 1 if clause else 0 : also.start()]
    return not before or bool(_WHEN_BEFORE.search(before)) or shares_subject(before, about)


def reads_as_place(text: str, known_communities: Sequence[CommunitySpec] = ()) -> bool:
    """The message reads as an answer to "where?": a structured address (小区, 楼栋, 单元, 室), or a
    short phrase that names a place ("菜市场门口", "小区东门") without saying what is wrong."""
    if new_problem(text):
        return False
    if not parse_address(text, known_communities).is_empty:
        return True
    f = "".join(_folded(text).split())
    return (
        len(f) <= PLACE_ANSWER_MAX
        and len(_CLAUSE.findall(f.rstrip(",，;；。!！?？"))) <= 1
        and bool(_PLACE.search(_MOVE_FLOOR.sub("", f)))
        and not _PROBLEM.search(f)
    )


# going down or up the stairs (要人帮忙抬下楼, 我跑下楼了), or showing the way (保安过来帮忙引路): a movement,
# not where
_MOVE_FLOOR = re.compile(r"[抬背扶送跑走搬冲]?[下上]楼(?![上下道梯顶])|[引带领指]个?路")


def without_lead(text: str) -> str:
    """The words of a second problem without the 另外 / 对了还有 that introduced it mid-form."""
    m = _LEAD.search(fold(text))  # fold keeps every position
    rest = text[m.end() :] if m else text
    return rest or text


def matter_words(text: str) -> str:
    """A new matter's words without the 另外 / 还有个事 / 哦对了 that brought it up after filing: the lead
    only when set apart (a space, a comma) or closed (对了, 还有个事), so 「还有人在楼道抽烟」 keeps its 还有."""
    m = _LEAD_MATTER.search(fold(text))  # fold keeps every position
    if m is None:
        return text
    rest = text[m.end() :]
    closed = m.group().rstrip(" ,，、。.!！:：").endswith(("了", "事", "题"))
    thing = _LEAD_THING.match(rest)  # 还有 + 个事 / 一个问题, then a pause
    if thing is not None:
        rest = rest[thing.end() :]
    elif not (closed or re.match(r"[\s,，、。.!！:：]", rest)):
        return text
    return rest.lstrip(" ,，、。.!！:：\t") or text


_LEAD_THING = re.compile(r"(?:一?个|一?件)?(?:事|问题)(?=[\s,，、。.!！:：])")


def opens_aside(text: str) -> bool:
    """The message opens with 另外 / 还有 / 对了 … and goes on: something else is being brought up,
    whether or not its words say what is wrong (「还有他们把装修垃圾全扔在电梯口」)."""
    m = _LEAD.search(_folded(text))
    return m is not None and len(_folded(text)) - m.end() >= 4


# 我家孩子, 家里老人: someone of the household, not the flat (round 16: 那狗叫得我家孩子午觉都睡不了)
_FAMILY = re.compile(r"(?:我家|家里|家中)(?=孩子|小孩|宝宝|娃|老人|老公|老婆|爱人|媳妇|男人|女人|奶奶|爷爷|外婆|姥姥|老太太|老爷子|爸|妈|狗|猫)")


def remark(text: str, known_communities: Sequence[CommunitySpec] = ()) -> bool:
    """At the address question, words said to the bot instead of the address: a stall (等一下, 稍等我看一
    下门牌), a request or a complaint to the staff (你们能不能直接去跟他说, 你们还管不管事啊), an account of
    what the resident did (楼上那家我去敲过门了) or a question back. They name no address, so there is
    nothing to confirm: the bot asks again instead of 「…看起来不太像地址。是在这里吗？」."""
    if not parse_address(text, known_communities).is_empty or new_problem(text):
        return False
    f = "".join(_folded(text).split())
    if _LOCATED.search(f):  # 「我在步行街那边，不在你们那几个小区」 says where, whoever it is said to
        return False
    if bool(_REMARK.search(f)) or asks_back(text):
        return True
    # 「就在我家」 names the flat; 「…啊，家里就一个厕所」 tells how it is there
    home = any(w in _FAMILY.sub("", f) for w in HOME_WORDS) and not _CLAUSE.search(f.rstrip(",，;；。!！?？"))
    return _TOLD.search(f) is not None and not _PLACE.search(f) and not home and not _UNSURE.search(f)


def to_staff(text: str) -> bool:
    """A request or a complaint said to the staff (你们师傅来之前先打电话, 你们还管不管), not a stall."""
    f = "".join(_folded(text).split())
    # 「我在步行街那边，不在你们那几个小区」 says where, whoever it is said to
    return bool(_REMARK.search(f)) and not _STALL.search(f) and not _LOCATED.search(f)


# What a question to the property is about when its answer depends on the estate: its fees, rules, staff and
# shared things differ from one 小区 to the next (物业费 can be paid online in one and not another), and the
# 小区's own staff answer it; asking where (在哪交, 去哪开) needs to know where the resident is, too.
_ESTATE = re.compile(r"物业|小区|业主|楼栋|单元|电梯|车位|车库|地库|停车|门禁|装修|充电桩|快递柜|公示|维修(?:基金|资金)|保安|保洁"
                     r"|绿化|垃圾|院子|楼道|门卫|养(?:狗|猫|鸡|鸭|宠物)|宠物|[^\s]{1,4}费|在哪|去哪|哪里|哪儿"
                     r"|停(?:水|电|气|暖)|断(?:水|电)|供(?:水|电|气|暖)|暖气")  # a planned cut is the 小区's (round 21)


def about_the_estate(text: str) -> bool:
    """A question or a suggestion whose answer depends on which 小区 the resident lives in."""
    return bool(_ESTATE.search(_folded(text)))


def stall(text: str) -> bool:
    """「等一下」, 「稍等我看一下门牌」: the resident needs a moment; nothing in it to keep."""
    return bool(_STALL.search("".join(_folded(text).split())))


def asks_back(text: str) -> bool:
    """The message is a question to the bot (「你们是不是机器人啊」), not an answer to one."""
    f = _folded(text)
    return bool(_QUESTION.search(f)) or asks_when_fixed(f)  # 几时能修好: not when it began


# ---- after filing: a new matter, or more about the ticket just filed ---------------------------------

# 补充 says outright that it adds to this ticket; 忘了说 only that something was left out, which may be
# about something else (刚才忘了说，垃圾房门口的污水流了一地 after a noise complaint): judged by what it names
_MORE = re.compile(r"补充一下|补充一句|再补充(?!个|一个)")
_FORGOT = re.compile(r"刚才忘(?:了)?说|忘了说|漏说了")
_BACK = re.compile(f"{_REFER.pattern}|{_MORE.pattern}|{_FORGOT.pattern}")
# Said to be another thing or place than the ticket just filed: 跟刚才那个不是一处, 另一处.
_OTHER = re.compile(r"不是一处|不是一回事|不是同一(?:个|处|家)|不是一个地方|不是那个|另一处|另外一处|别的地方也")
# 然后 is a filler (然后师傅几点来) unless a thing of the estate follows (好的 然后我们那栋的电梯又停了)
_THEN = re.compile(rf"^{_PUNCT}(?:(?:哦|嗯|好的|好|行|谢谢|收到){_PUNCT})*然后{_PUNCT}[^，,。\s]{{0,6}}?(?=电梯|路灯|楼道|门禁|水管|车库|道闸|信箱)")
# a filler or an interjection may come first (那个 另外的事…, 嗯 还有…), and after one, 对 alone is 对了 (噢对 二楼…)
_LEAD_MATTER = re.compile(
    # a thanks or an OK before the lead (谢谢 另外楼上天天往下扔烟头) leaves it a lead
    # who it is said to or who wants it (跟你说个别的, 我要再报一个) leave it a lead too (round 19)
    rf"^{_PUNCT}(?:(?:哦|噢|诶|欸|哎|哎呀|啊|嗯|嗯嗯|那个|然后|就是|谢谢|谢了|好的|好|行|收到|辛苦了|麻烦了"
    rf"|(?:跟|和|给)(?:你|您|你们)|我(?:要|想|还要|还想)){_PUNCT})*"
    rf"(?:(?<=[哦噢喔诶欸])对(?:了)?{_PUNCT}(?=\w)|{_alt(MATTER_LEADS)})"
)
_CONTENT = re.compile(r"[\w]")
# A thing of the estate and when its trouble began (3栋电梯…今天早上开始): a report, whatever the verb.
_SUBJECT = re.compile(r"电梯|路灯|楼道灯|门禁|单元门|大门|水管|下水|马桶|垃圾|井盖|车位|道闸|监控|外墙|楼顶|屋顶|天花板|吊顶"
                      r"|窗户|水龙头|暖气|空调|燃气|热水器|信箱|快递柜|健身器材|绿化|树|狗|猫|装修|广场舞|充电桩|水压|水箱")
_ONSET = re.compile(r"开始|以来|几天了|好几天|一直|老是|经常|天天|每天")
_GONE = re.compile(r"(?:不|没|没有|不再|没再)$")
# 会 / 怕 …, or about to (冰箱里的东西都要坏了 during a power cut: what the ticket's fault will do, round 18)
# and 再 alone, a warning should it come again (今晚再吵我就报警了: round 19)
# 要是还吵 (should it still be so: 今晚要是还吵我再找你们, round 26) is feared too
_FEARED = re.compile(r"(?:会不会|会|怕|担心|万一|要是|如果|快要|都要|就要|快)(?:再|又|被|还)?$|再$")
# 投诉 / 反映 naming the complaint just filed, not something wrong: 别说是我反映的, 那个投诉能撤销吗
_FILING_AFTER = re.compile(r"的|人|者|了吗|能|可以|进度|结果|编号")
_FILING_BEFORE = re.compile(r"(?:是我|那个|这个|我的|的)$")
MATTER_MIN = 5  # characters a lead must be followed by to say anything (还有多久 says nothing new)


def _the_filing(f: str, m: re.Match[str]) -> bool:
    return m.group() in ("投诉", "反映") and bool(
        _FILING_AFTER.match(f, m.end()) or _FILING_BEFORE.search(f[max(0, m.start() - 2) : m.start()]))


def points_back(text: str) -> bool:
    """The message points back at the ticket just filed (刚才说的那个, 还是那家), corrects it (说错了, 漏水的
    是厨房那边 不是卫生间) or is about its visit or the wait (能不能上午来, 已经等了两天了)."""
    f = _folded(text)
    return bool(_BACK.search(f) or _VISIT.search(f))


def another_matter(text: str) -> bool:
    """The message says outright that it is about something else: it opens with a lead (另外 / 还有个事 /
    对了 …) and goes on, says something else is wrong too (电梯也坏了, 隔壁也着火了), or that it is
    another place (跟刚才那个不是一处)."""
    f = _folded(text)
    lead = _LEAD_MATTER.search(f)
    if lead is not None and len(_CONTENT.findall(f[lead.end():])) >= MATTER_MIN:
        return True
    return bool(_OTHER.search(f) or _ALSO.search(f))


# Something starting again (楼下那个棋牌室又开始打麻将了): news of this ticket only if it names its subject.
# a doing that runs to a late hour (楼下KTV又唱到三点) is a noise of its own (round 28)
_AGAIN = re.compile(r"(?:[\u4e00-\u9fff]{2}|[a-z]{2,})又(?:开始|在|[\u4e00-\u9fff]到(?:半夜|凌晨|深夜)?[\d一二两三四五六七八九十]{1,2}点)")
# a time before 又 names no subject (今晚又开始了: the ticket's noise tonight)
_AGAIN_TIME = re.compile(r"(?:今|昨|前|明)(?:晚|天|早|夜)|(?:早上|晚上|半夜|凌晨|上午|下午|中午|夜里|刚才|现在)")
# What names a subject when two messages are compared: runs of characters without function words and
# without the positions any two complaints share (楼下, 隔壁, 门口 …).
_POSITIONS = re.compile(r"楼下|楼上|隔壁|对面|门口|旁边|附近|小区|那边|这边|里面|外面|刚才|现在|已经"
                        # and the times of day any two share (叫了一晚上 beside 每天晚上: round 22)
                        r"|[一整]?(?:晚上|早上|上午|下午|中午|半夜|凌晨|夜里|白天|天天|每天|今天|昨天|今晚|昨晚)")
_FUNCTION_CHARS = re.compile(r"[^\u4e00-\u9fff]|[的了是在我你他她们那这个一下说才忘补充又开始还就也都很有没不吗呢吧啊呀哦对把被给和跟与要会能]")


# asked to pass this on as well (楼上最近一直半夜洗衣服 这个也麻烦说一下): another matter, whatever it names
_THIS_TOO = re.compile(r"(?:这个|这事|这件事|这也)也?(?:麻烦|帮忙|顺便|一起|请)?(?:帮我)?(?:说|反映|投诉|登记|报|管)一下")
# 又 and a verb with no subject of its own (又掉了一块, 又漏了): the ticket's own fault once more
# (今天又被占了: a time first, 被 before the verb, round 25)
_MORE_OF_IT = re.compile(r"^(?:[哦噢啊嗯诶哎]\W*)?(?:今天|今晚|今早|昨天|昨晚|刚才|现在|这会儿?|早上|上午|下午|晚上)*又(?:被人?)?(\w)")
_MORE_OF_IT_MAX = 8


def _more_of_it(f: str, filed: str) -> bool:
    m = _MORE_OF_IT.match(f)
    return (m is not None and len(f) <= _MORE_OF_IT_MAX and m.group(1) in _folded(filed)
            and not _SUBJECT.search(f))


# the staff treating someone badly (刚才那个保安对我老婆大喊大叫, 保洁阿姨骂人): news unless the ticket is about them (round 25;
# 刚才那个 there says when, not "the one I reported")
_STAFF_DID = re.compile(r"(保安|保洁|物业|门卫|管家|清洁工|快递员?|外卖员?)[^，,。\s]{0,8}?(?:大喊大叫|大吼|吼|骂|凶|推搡|推了|动手|打人|甩脸)")
# a repair asked for a thing (你们什么时候能把楼道的扶手修一下): news when the ticket does not name that thing (round 25)
# the door and the phone in a ticket's words (3栋2单元501, 电话138…) name no thing that could be repaired
_ADDRESS_BITS = re.compile(r"\d+\s*(?:栋|号楼|幢|座|单元|室|号|楼)?|电话|手机|联系方式")
_FIX_ASKED = re.compile(r"把([^，,。\s]{1,10}?)(?:修|换|补|装|疏通|清理|清走|拉走|搬走)")


def _bigrams(text: str) -> set[str]:
    runs = _FUNCTION_CHARS.split(_POSITIONS.sub(" ", text))
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def shares_subject(text: str, filed: str) -> bool:
    """The message names something the ticket just filed names too (a word of two characters, or the
    same thing wrong: 漏, 吵), leaving aside positions and function words."""
    f, g = _folded(text), _folded(filed)
    if _bigrams(f) & _bigrams(g):
        return True
    return bool({m.group() for m in _PROBLEM.finditer(f)} & {m.group() for m in _PROBLEM.finditer(g)})


def _wrong_words(f: str) -> set[str]:
    """What the words say is wrong: problem words and faults said as states, not as gone (已经不吵了, 没再漏了),
    feared (会不会塌) or naming the filing (别说是我反映的)."""
    wrong = {m.group() for m in _PROBLEM.finditer(f) if not _GONE.search(f[max(0, m.start() - 3) : m.start()])
             and not _FEARED.search(f[max(0, m.start() - 4) : m.start()]) and not _the_filing(f, m)}
    # a fault said as gone (现在不漏了, 已经不卡了: round 23) is no more wrong than a problem word said as gone
    return wrong | {m.group() for m in FAULT.finditer(f) if not _FEARED.search(f[max(0, m.start() - 4) : m.start()])
                    and not _GONE.search(f[max(0, m.start() - 3) : m.start()])} | set(OUT_OF_DATE.findall(f))


def _says_wrong(f: str) -> bool:
    return bool(_wrong_words(f) or (_SUBJECT.search(f) and _ONSET.search(f)))


def _the_ticket_s_thing(rest: str, filed: str | None) -> bool:
    """After a lead, words about the thing the ticket names with nothing wrong it did not say (还有喷点药吧 蚊子真的多
    after 蚊子特别多, 还有 让烧烤店早点收摊吧): a request about the ticket's own matter (round 22)."""
    return filed is not None and bool(_REQUEST.search(rest)) and _about_its_thing(rest, filed)


def _about_its_thing(f: str, filed: str) -> bool:
    """The words name something the ticket names and nothing wrong that it did not say."""
    g = _folded(filed)
    return bool(_bigrams(f) & _bigrams(g)) and not (_wrong_words(f) - _wrong_words(g))


# asked for (喷点药吧, 让…收摊, 帮忙…, 能不能…): a request, not news (还有 烧烤店的油烟也很大 is news)
_REQUEST = re.compile(r"吧(?:[\W]|$)|^\W*(?:让|请|帮|麻烦|给|把|顺便)|能不能|可不可以|能否")


# the fault still there (下水道现在还是堵的, 烧烤店到现在还不关门): the ticket's when what comes before it in its clause is
# the ticket's thing (round 23; 还是漏 with nothing before it is `_REFER`'s)
_STILL = re.compile(r"(?:现在|目前|到现在|今天|至今)?(?:还是|仍然|依然|仍旧|还)(?:在|一直)?(?:漏|吵|响|滴|堵|臭|不|没|坏)")


_STILL_MAX = 16


def _still_the_ticket_s(f: str, filed: str) -> bool:
    m = _STILL.search(f)
    if m is None or len(f) > _STILL_MAX:  # the whole complaint sent again (…还在吵，幸福里小区3栋…) is a report
        return False
    clause = _CLAUSE_START.search(f, 0, m.start())
    before = f[clause.start() + 1 if clause else 0 : m.start()]
    return bool(before.strip()) and shares_subject(before, filed)


def new_matter(text: str, filed: str | None = None) -> bool:
    """After filing: does the message bring up a matter of its own, rather than add to the ticket just
    filed (a time they are home, what the worker should bring, that it is fixed, impatience)?

    A new matter opens with a lead (另外 / 还有个事 / 对了 / also …) and goes on to say something, or
    says what is wrong (a listed problem word or a fault said as a state: 打不着, 没声音, 松了) without
    pointing back at the ticket (刚才说的那个, 还是那个问题), or says that something else is wrong too
    (电梯也坏了). With `filed` (the ticket's description), something left out (刚才忘了说 …)
    or something starting again is a new matter when it names nothing the ticket names.
    Danger is judged by the caller (the urgency reader)."""
    f = _folded(text)
    if _OTHER.search(f):  # 跟刚才那个不是一处: said to be another matter, though it names the first
        return True
    if (staff := _STAFF_DID.search(f)) is not None and not (filed is not None and staff.group(1) in _folded(filed)):
        return True
    if _REFER.search(f) or _MORE.search(f):  # 还是那家 / 说错了 point back even after a lead such as 又开始
        return False
    if (animal := _ANIMAL_NOISE.search(f)) is not None and not (filed is not None and animal.group(1) in _folded(filed)):
        return True  # 对门的狗一直叫 after a barbecue's noise: another party (round 27)
    if filed is not None and _still_the_ticket_s(f, filed):
        return False
    if _FORGOT.search(f):
        return filed is not None and _says_wrong(f) and not shares_subject(text, filed)
    lead = _LEAD_MATTER.search(f)
    if lead is not None and len(_CONTENT.findall(f[lead.end():])) >= MATTER_MIN:
        # 对了 我下午三点以后才在家, 另外 师傅能不能带个梯子: a lead before a word for the visit (round 18)
        rest = f[lead.end():]
        if _NAMES_WHICH.match(rest) and not _says_wrong(rest):
            return False  # 对了 楼上是401, 那个电梯就是2号梯: which one, a detail of the ticket (round 29)
        if _CONDUCT.search(rest) or _ALSO.search(rest) or not (points_back(rest) or _the_ticket_s_thing(rest, filed)):
            return True
        return _says_wrong(rest) and not _the_ticket_s_thing(rest, filed)
    if points_back(text):
        return False
    if filed is not None and _more_of_it(f, filed):
        return False
    if filed is not None and _NEXT_TIME.match(f) and _about_its_thing(f, filed):  # 以后停电能不能提前说 (round 27)
        return False
    if _ALSO.search(f) or _CONDUCT.search(f) or _THIS_TOO.search(f) or another_party_too(f, filed):
        return True
    if (filed is not None and (fix := _FIX_ASKED.search(f)) is not None
            and not shares_subject(fix.group(1), _ADDRESS_BITS.sub(" ", _folded(filed)))):
        return True
    if filed is not None and _AGAIN.search(_AGAIN_TIME.sub("", f)) and not shares_subject(text, filed):
        return True
    if filed is not None and _THEN.search(f) and not shares_subject(text, filed):
        return True
    if filed is not None and (errand := _ERRAND.search(f)) is not None and _ASKS.search(f) and not _says_wrong(f) and (
            errand.group() not in _folded(filed)):
        return True  # 物业费的发票什么时候能开 after a noise: an errand of its own, asked (round 29)
    return _says_wrong(f)
