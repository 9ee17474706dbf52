"""Words said at the since-when question that tell something other than when the trouble began: a question or a
request for the staff, their plan or deadline (rounds 16 and 25), how the thing is (round 26), news told with 刚才
(seventeenth session), a harm the trouble once did (round 27). Read by `bot.dialogs.intake.answers` and `.dialog`."""

from __future__ import annotations

import re
from datetime import datetime

from core.text.answers import new_matter, shares_subject
from core.text.matter_signs import FAULT
from core.text.timephrase import TimePhrase, parse_time_phrase

# a clause asked (…吗 / …？ before more words, or a verb asked both ways: 要不要钱, 管不管, 有没有), or a request to
# hurry: the answer is said to the staff
ASKED = re.compile(r"[吗么嘛?？][啊呀呢吧]?(?=[\s,，。.!！]|$)|([\u4e00-\u9fff])[不没]\1|能不能|可不可以|快点|早点|赶紧|尽快")
# a time followed by what someone still has to do (我下午还要去上班, 孩子晚上要写作业), or what must be done by then
# (今天必须拿出来, 明天一定要用, 晚上急着用) or by when the repair is wanted (能不能今天就修好, 今天就清走): round 25. A plan
# or a deadline, not when it began. A visit time asked (明天上午能来人吗) stays the time: round 11's writer wants it
_PLAN = re.compile(r"(?:还要|还得|要去|得去|要上|要写|要带|准备|打算|必须|一定(?:要|得)|非得|急着|等着(?:用|要)|要用|得[拿取用交]"
                   r"|(?:就|之前|以前)(?:修|来|过来|处理|弄|解决|搞定|上门|清|拉|搬|挪|拿|换|派)"
                   r"|(?:修好|清走|拉走|搬走|挪走)(?![过了]))")


# when it began told by an event (供暖开始就不热, 自从楼上装修就堵): an answer, though no time word is in it
_ONSET = re.compile(r"开始|以来|自从|从[^，,。\s]{1,8}?(?:就|起)|一直|以后|之后|后来|那天|那次")


def a_plan(text: str, phrase: TimePhrase) -> bool:
    """Said with a question or a request to the staff, a time followed by what someone has to do is their plan
    (round 16: 「你们能不能快点 俺妈下午还要去医院」 was stored as when the problem began); a bare night followed by a
    worry (晚上门关不上怎么办) is when the trouble will bite."""
    i = text.find(phrase.text)
    if i >= 0 and _NIGHT.fullmatch(phrase.text.strip()) and _WORRY.match(text, i + len(phrase.text)):
        return True  # 「晚上门关不上怎么办」: when the trouble will bite, a worry, not when it began (round 29)
    return i >= 0 and bool(ASKED.search(text)) and bool(_PLAN.match(text, i + len(phrase.text)))


# a bare part of the day (no 昨 / 今天 / 前天 to date it), then a worry in its own clause: 晚上门锁不上怎么办
_NIGHT = re.compile(r"(?:到了?|一到)?(?:晚上|夜里|半夜|夜间|晚间|天黑(?:了|以后|后)?)")
_WORRY = re.compile(r"[^，,。.!！?？]{0,12}?(?:怎么办|咋办|咋整|怎么弄|怎么睡|怎么过|多危险|不安全)")


def how_it_is(text: str) -> bool:
    """A fault said as a state (松的, 一踩就翘, 不亮) with nothing about when it began: a detail of the matter
    (round 26: 「台阶边上那块石头是松的 一踩就翘」 was stored as the time)."""
    return bool(FAULT.search(text)) and not _ONSET.search(text)


def news_at_time(text: str, about: str | None, now: datetime) -> bool:
    """A matter the complaint does not name told with 刚才 / 现在 alone (「刚才那个门卫对我爸大吼大叫」 after a noise): when
    that happened, not since when the complaint's trouble began (sixteenth session's chat)."""
    if not about or not new_matter(text, about) or shares_subject(text, about):
        return False
    phrase = parse_time_phrase(text, now)  # none at all (供暖开始就不热) may still say when: new_problem's to judge
    return phrase is not None and bool(_JUST_NOW.fullmatch(phrase.text.strip()))


_JUST_NOW = re.compile(r"刚才|刚刚|刚|现在|这会儿?|方才")


def harm_it_did(text: str) -> bool:
    """A harm the trouble once did, told with when it happened (「上个月我家电动车就是这么丢的」 about a guard asleep,
    「去年我妈就是在这摔的」): when that happened, not since when the trouble goes on (round 27)."""
    return bool(_HARM.search(text))


# 就是这么 / 就这样 / 就是因为这个 / 就是在这里, then what was lost or hurt
_HARM = re.compile(r"就(?:是)?(?:这么|这样|因为这个?|在这(?:里|儿)?|在那(?:里|儿)?)(?:给|被)?(?:人)?"
                   r"(?:丢|偷|摔|伤|划|撞|砸|淹|弄坏|磕|绊|滑)")
