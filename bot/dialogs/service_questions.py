"""Questions about the service itself, asked in the middle of the form: how long it will take, when someone is
there, whether the other side will learn who complained. They are answered and the form's question put again
(thirteenth session, talking to the chat at midnight: 「会不会让他知道是我投诉的」 and 「多久能处理啊」 were added to
the complaint as remarks, and at the time question 「多久能处理啊」 was told 「没看出是什么时候」)."""

from __future__ import annotations

import re
from typing import Literal

from core.text.normalize import fold, nfkc
from core.text.when_fixed import ASKS_WHEN_FIXED

ServiceQuestion = Literal["when", "hours", "privacy"]

_WHO = r"(?:他|她|他们|她们|人家|对方|邻居|楼上|楼下|隔壁|那家|那户|店家|老板|商家)"
_PRIVACY = re.compile(
    r"匿名|保密|(?:知道|晓得|发现|查到|看到)(?:是)?(?:我|谁)(?:家)?(?:投诉|举报|反映|报|说|打)的?"
    rf"|(?:别|不要|不想|不能|千万别)(?:让|告诉|跟)?{_WHO}.{{0,4}}(?:知道|晓得|是我)"
    r"|(?:会不会|会)(?:泄露|暴露|透露)|(?:信息|名字|电话|号码)(?:会|会不会)?(?:被)?(?:泄露|公开|告诉)"
    # a fear of the other side (怕他报复, 怕邻居找麻烦): answered the same way
    r"|报复|找(?:我|我们|我家)?(?:的)?麻烦|记恨|穿小鞋|得罪"
)
_HOURS = re.compile(
    r"几点(?:上班|下班|开门|关门)|上班时间|办公时间|工作时间"
    r"|(?:晚上|夜里|半夜|周末|周六|周日|星期天|礼拜天|节假日|放假|过年)(?:也|还)?(?:有人(?:处理|值班|上班|管|在)?|上班|处理|值班)"
    r"|24小时|二十四小时|有人值班"
    # asked of now, late (这么晚了还有人处理吗, 大半夜的有人管吗: fifteenth session)
    r"|(?:这么晚|这个点|这会儿|大半夜|深更半夜|半夜三更)(?:了|的)?(?:也|还)?有人(?:处理|值班|上班|管|在)?"
)
# a question (or a wish said as one) — 「晚上有人吵」 is a complaint, 「晚上有人处理吗」 a question
_ASKED = re.compile(r"[吗嗎么嘛呢？?]|不$|没有?$|多久|多长|几天|几点|什么时候|啥时候|哪天|怎么")


_FILLERS = re.compile(r"[\s，,。.！!？?、~～…]|你们|您们|请问|问一下|大概|大约|一般|到底|究竟|这个|这事|那个|我想|想问|就是"
                      r"|还|又|能|会|可以|吗|嗎|么|嘛|呢|啊|呀|吧|哦|喔|哈|了|的|要|得|不")


def only_the_question(text: str) -> bool:
    """Whether `text` says nothing besides its question about the service (「几时能恢复？老人要吃药」 says more: the
    words are kept for the staff)."""
    return len(_rest(fold(nfkc(text)))) <= 2


def _rest(said: str) -> str:
    """What is left once the questions and the fillers are taken out."""
    for pattern in (_PRIVACY, ASKS_WHEN_FIXED, _HOURS):
        said = pattern.sub("", said)
    return _FILLERS.sub("", said)


def service_question(text: str) -> ServiceQuestion | None:
    """Which question about the service `text` asks, or None. Privacy is read as a wish too (别让他知道是我说的)."""
    said = fold(nfkc(text)).strip()
    if not said or len(said) > 40 or any(ch.isdigit() for ch in said):
        return None  # long words carry a matter, digits an answer: not for this reader
    if _PRIVACY.search(said):
        return "privacy"
    if not _ASKED.search(said):
        return None
    if _ELSEWHERE.search(said):
        return None  # 「快递驿站几点关门」「快递什么时候到」: someone else's service, a consultation of its own
    if ASKS_WHEN_FIXED.search(said) and (only_the_question(said) or _OURS.search(said)):
        return "when"
    if _HOURS.search(said) and not _rest(said):
        return "hours"  # 「物业几点上班」 says whose hours: a consultation for the desk
    return None


# another service's hours or delivery (round 19's 「快递驿站几点关门啊」 was answered as ours when first written)
_ELSEWHERE = re.compile(r"快递|外卖|驿站|超市|菜场|菜市场|银行|医院|诊所|学校|幼儿园|公交|地铁|药店|营业厅|食堂|健身房|游泳")
# the work asked about is the staff's (你们什么时候能来修, 师傅几时到)
_OURS = re.compile(r"你们|您们|师傅|物业|工作人员|维修|来人|派人|处理|修|恢复")
