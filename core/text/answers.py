"""What an answer to one of the intake's questions is: the place that was asked for, or a second
problem the resident brings up in the middle of the form ("对了还有，楼下垃圾好几天没人收了").

The intake asks one question at a time and used to take any words as the answer. These readers let
it tell an answer from an aside, so an aside is never stored as a field. Pure, like every reader here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.text.address import CommunitySpec, parse_address
from core.text.normalize import fold, normalize
from core.text.vocab import (
    ASIDE_MARKERS,
    MATTER_LEADS,
    PLACE_ANSWER_MAX,
    PLACE_WORDS,
    PROBLEM_WORDS,
    QUESTION_CUES,
)

__all__ = [
    "FAULT", "asks_back", "new_matter", "new_problem", "opens_aside", "points_back", "reads_as_place", "without_lead",
]


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PUNCT = r"[\s,，.。!！:：、~～]*"
_LEAD = re.compile(rf"^{_PUNCT}(?:(?:{_alt(ASIDE_MARKERS)}){_PUNCT})+")
_PROBLEM = re.compile(_alt(PROBLEM_WORDS))
_PLACE = re.compile(_alt(PLACE_WORDS))
_QUESTION = re.compile(rf"(?:{_alt(QUESTION_CUES)})|[吗么嘛?？][啊呀呢吧]?\W*$")
_CLAUSE = re.compile(r"[,，;；。!！?？]")
# "电梯也坏了": 也/又 right before what is wrong names another thing that is wrong too
_ALSO = re.compile(rf"[也又](?:都|还|是|经常|老是|一直)?(?:{_alt(PROBLEM_WORDS)})")


def _folded(text: str) -> str:
    return fold(normalize(text[:PLACE_ANSWER_MAX * 50]))


def new_problem(text: str) -> bool:
    """The message brings up another problem: it opens with 另外 / 还有 / 对了 … and says what is
    wrong, or says that something else is broken too ("电梯也坏了")."""
    f = _folded(text)
    if not _PROBLEM.search(f):
        return False
    return bool(_LEAD.search(f) or _ALSO.search(f))


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
        and bool(_PLACE.search(f))
        and not _PROBLEM.search(f)
    )


def without_lead(text: str) -> str:
    """The words of a second problem without the 另外 / 对了还有 that introduced it mid-form."""
    m = _LEAD.search(fold(text))  # fold keeps every position
    rest = text[m.end() :] if m else text
    return rest or text


def opens_aside(text: str) -> bool:
    """The message opens with 另外 / 还有 / 对了 … and goes on: something else is being brought up,
    whether or not its words say what is wrong (「还有他们把装修垃圾全扔在电梯口」)."""
    m = _LEAD.search(_folded(text))
    return m is not None and len(_folded(text)) - m.end() >= 4


def asks_back(text: str) -> bool:
    """The message is a question to the bot (「你们是不是机器人啊」), not an answer to one."""
    return bool(_QUESTION.search(_folded(text)))


# ---- after filing: a new matter, or more about the ticket just filed ---------------------------------

# What is wrong, said as a state rather than a listed word: something does not work (不亮, 打不着, 刷不开,
# 关不上, 没声音), is damaged or out of place (松了, 翘起来, 生锈, 断了, 死在), or bothers (声音, 味, 吵).
FAULT = re.compile(
    r"(?:不|唔|冇|没)(?:亮|转|热|凉|灵|响|通|够|在岗|出水|上水|下水|干净|见了|开门|理人|搭理)|[打刷取关锁拉推插](?:不|唔)(?:着|开|出|上|严|动|通)"
    r"|没(?:有)?(?:声音|信号|水|电|气|网|人(?:管|收|修|扫|清|理))|[坏破断裂碎松歪倒塌翘锈霉满堵漏掉丢死占堆](?:了|掉|开|起来|咗|在|的)"
    r"|被(?:划|偷|撬|砸|刮|剐|盗|占|堵|扔|弄坏)"
    r"|异响|怪响|响声|异味|怪味|生锈|发霉|发臭|一闪一闪|[灯屏]闪|太(?:热|冷|吵|臭|脏|暗|慢)|no (?:water|power|electricity|gas|hot water)|臭到|声音|噪|味(?:道)?(?:很|太|好)?(?:大|重|冲|难闻)|烟味|狗屎|拉屎|抽烟|多扣|多收|乱收"
    r"|broken|not working|doesn.t work|leak|noise|noisy|smell|blocked|stuck"
)
# Pointing back at the ticket just filed: its details, not a new matter (就是刚才说的那个漏水).
_BACK = re.compile(r"刚才(?:说|讲|报|反映|提)的|上次(?:说|讲|报|反映)的|还是那个|就是那个|那个问题|这个问题|同一个|我刚报的|刚报的"
                   r"|还是(?:那|他|她|他们|她们)(?:家|户|个人|帮人)|比刚才|跟刚才|(?:说|打|写|填|搞)错了?")
# About the visit or the wait for the ticket just filed (能不能上午来, 已经等了两天了, 来之前打电话), or a
# correction of its details (漏水的是厨房那边 不是卫生间): the ticket's, not a new matter.
_VISIT = re.compile(r"等了|快点|催一下|(?:上午|下午|晚上|明天|今天|周末|早点|中午)(?:能|可以)?来|来之前|上门前|在家等"
                    r"|的是[^，,。\s]{1,8}[\s，,]*(?:不是|而不是)|^不是[^，,。\s]{1,6}[\s，,]*是")
# Someone else doing something (有人把电动车推进楼道充电了, 有人往楼下扔东西): a report of its own.
_CONDUCT = re.compile(r"有人(?:把|往|乱|偷|天天|又|在(?![家\s，,。]|$))")
_LEAD_MATTER = re.compile(rf"^{_PUNCT}(?:哦|噢|诶|欸|哎|哎呀|啊|嗯)?{_PUNCT}(?:{_alt(MATTER_LEADS)})")
_CONTENT = re.compile(r"[\w]")
# A thing of the estate and when its trouble began (3栋电梯…今天早上开始): a report, whatever the verb.
_SUBJECT = re.compile(r"电梯|路灯|楼道灯|门禁|单元门|大门|水管|下水|马桶|垃圾|井盖|车位|道闸|监控|外墙|楼顶|屋顶|天花板|吊顶"
                      r"|窗户|水龙头|暖气|空调|燃气|热水器|信箱|快递柜|健身器材|绿化|树|狗|猫|装修|广场舞|充电桩|水压|水箱")
_ONSET = re.compile(r"开始|以来|几天了|好几天|一直|老是|经常|天天|每天")
_GONE = re.compile(r"(?:不|没|没有|不再|没再)$")
MATTER_MIN = 5  # characters a lead must be followed by to say anything (还有多久 says nothing new)


def points_back(text: str) -> bool:
    """The message points back at the ticket just filed (刚才说的那个, 还是那家), corrects it (说错了, 漏水的
    是厨房那边 不是卫生间) or is about its visit or the wait (能不能上午来, 已经等了两天了)."""
    f = _folded(text)
    return bool(_BACK.search(f) or _VISIT.search(f))


def new_matter(text: str) -> bool:
    """After filing: does the message bring up a matter of its own, rather than add to the ticket just
    filed (a time they are home, what the worker should bring, that it is fixed, impatience)?

    A new matter opens with a lead (另外 / 还有个事 / 对了 / also …) and goes on to say something, or
    says what is wrong (a listed problem word or a fault said as a state: 打不着, 没声音, 松了) without
    pointing back at the ticket (刚才说的那个, 还是那个问题), or says that something else is wrong too
    (电梯也坏了). Danger is judged by the caller (the urgency reader)."""
    f = _folded(text)
    if _BACK.search(f):  # 还是那家 / 说错了 point back even after a lead such as 又开始
        return False
    lead = _LEAD_MATTER.search(f)
    if lead is not None and len(_CONTENT.findall(f[lead.end():])) >= MATTER_MIN:
        return True
    if points_back(text):
        return False
    if _ALSO.search(f) or _CONDUCT.search(f):
        return True
    # a problem said as gone is news about the ticket (已经不吵了, 没再漏了)
    wrong = [m for m in _PROBLEM.finditer(f) if not _GONE.search(f[max(0, m.start() - 3) : m.start()])]
    return bool(wrong or FAULT.search(f) or (_SUBJECT.search(f) and _ONSET.search(f)))
