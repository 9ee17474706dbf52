"""Is the message a question (咨询) rather than a report of a problem?

A consultation asks for information (「想问下燃气费在哪里交」, 「请问物业几点下班」, 「厨余垃圾要不要把袋子
去掉」); it is answered by the desk and gets no repair deadline. A complaint may be worded as a question
too, and that is the costly mistake (a repair told it will be answered): the question is a complaint when

* it reports a fault that exists now (「楼顶漏水漏到我家了，有没有人来修啊」, 「排风扇不转了，啥时候来修？」):
  the problem words, or a fault said as a state (:data:`core.text.answers.FAULT`);
* it blames or asks why (rhetorical: 「你们管不管？」, 「凭什么…？」, 「为什么每次报修都要等一个星期？」);
* it asks management to do something in a shared place (a request or suggestion: 「能否把垃圾桶挪远一
  点？」), unless the resident asks what they may do themselves (「我家楼板能不能打孔？」).

A question shows by its words (请问, 在哪里交 …), its form (A-not-A 要不要 / 算不算, which or who, an
indirect 不知道…能不能) or a question mark; the kind model's 咨询 probability decides what neither settles.
"""

from __future__ import annotations

import re

from core.text.answers import FAULT
from core.text.normalize import fold, normalize
from core.text.urgency_vocab import HYPOTHETICAL, PAST, PAST_EXPERIENTIAL, PAST_WEAK, read_data_toml

__all__ = ["consultation_cues", "is_consultation"]

_DATA = read_data_toml("consult_cues.toml")
_ASK = re.compile(_DATA["ask"])
_PROBLEM = re.compile(_DATA["problem"])
_RHETORICAL = re.compile(_DATA["rhetorical"])
_REQUEST = re.compile(_DATA["request"])
_SELF = re.compile(_DATA["self_actor"])
_FORM = re.compile(_DATA["form"])
_RULES = re.compile(_DATA["rules"])
_BUILD = re.compile(_DATA["build"])
_ACTOR = re.compile(_DATA["conduct_actor"])
_JUDGED = re.compile(_DATA["conduct_judged"])
_SERVICE = re.compile(_DATA["service"])
_PRICE = re.compile(_DATA["price"])
_HELP = re.compile(_DATA["help"])
# a fault in the past, the hypothetical (上次漏水…, 万一着火了怎么办), a notice (停水通知里说的…) or a stoppage asked
# about before it comes (下周哪天停电, 几点开始停水: round 19; 下礼拜停水: round 24) or what to do in a fire
# (学学着火了怎么逃生), a stoppage at the month's end or a rise only heard of (月底要停电, 听说又涨了: round 27) is no
# fault now: the question stays one
_NOT_NOW = re.compile(
    f"{PAST}|{PAST_EXPERIENTIAL}|{PAST_WEAK}|{HYPOTHETICAL}|(?:通知|公告|告示)(?:里|上|中|说)|(?:停水|停电|停气)(?:通知|公告)"
    r"|(?:哪天|哪一天|哪几天|几号|几点|什么时候|啥时候)(?:开始|要|会)?(?:停水|停电|停气)|下礼拜|下星期|(?:怎么|如何)(?:逃生|自救|灭火)"
    r"|(?:月底|月初|月中|下个?月|周末|过几天)[^，,。\s]{0,2}(?:要|会|将)?(?:停水|停电|停气)|听说|据说"
)
# the resident says outright that they complain (我想投诉一下…, 我要举报), not how or where one complains
_COMPLAINED = re.compile(r"(?:我|俺|我们)(?:想|要|得|必须|强烈)?(?:投诉|举报)(?!电话|渠道|热线|方式|邮箱|的|了吗|进度|结果|怎么|流程|要|需要|可以|能)")
# 咋个交 / 咋交 / 啷个办 (south-western and northern "how") read as 怎么, so every cue on 怎么 applies; 咋还 / 咋又 become
# 怎么还 / 怎么又, rhetorical as before (fourteenth session: 「物业费咋个交嘛」 was asked where, as a complaint)
# the resident says outright that they ask (我想咨询一下…, 咨询下…): a change to a shared place they ask about
# (能不能装充电桩) is then their question, not a suggestion they make (usertest28: filed as 建议)
_CONSULTS = re.compile(r"咨询(?!电话|热线|台|处|窗口|服务|中心)")
_HOW = re.compile(r"咋个(?!回事)|咋样|咋(?!回事|整的|办(?=$|[，,。？?！!吗嗎呀啊]))|啷个|哪个样")
_CLAUSE = re.compile(r"[^，,。.！!？?；;\s]+[，,。.！!？?；;\s]*")
_QUESTION_END = re.compile(r"(?:吗|么|呢|没有|不)?[?？]\s*$|吗\s*$")
# a question mark after a sentence with no question word (你们就看着？) echoes, it does not ask
_LAST_SENTENCE = re.compile(r"[^，,。.！!；;\s]*[?？]?\s*$")
# A-not-A of a verb (开不开门, 来不来, 收不收) asks, and its 不 starts no fault (不开门); not 一动不动,
# nor 会不会 (a hypothetical, 会不会有人投诉), which the cues read on their own
_A_NOT_A = re.compile(r"(?<!一)([^\W\d_会])不\1")
_INTERROGATIVE = re.compile(r"吗|嗎|么|呢|什么|啥|神马|哪|谁|几|多少|多久|怎|咋|是否|能否|可否|可以|能不能|要不要|有没有|还是|没有[?？]|不[?？]")


def _asks_either_way(clause: str, start: int) -> bool:
    """The problem word starts at the 不 of an A-not-A question (开不开门: 不开门 is no fault)."""
    return 0 < start < len(clause) - 1 and clause[start] == "不" and clause[start - 1] == clause[start + 1]


def consultation_cues(text: str) -> tuple[list[str], list[str]]:
    """(question words, problem words) found in the text. In order: a rhetorical question is a
    complaint; a question about rules (who is responsible or pays, which of two) is a question even
    with a fault in it; otherwise a problem word, a fault said as a state, or a request that the
    management act make it a complaint."""
    f = _HOW.sub("怎么", fold(normalize(text))).replace("不晓得", "不知道")  # 不晓得哪家: an unknown culprit too
    services = [m.group() for m in _SERVICE.finditer(f)]
    f = _SERVICE.sub(lambda m: "_" * len(m.group()), f)  # asked for oneself: no request, no problem
    asks = services + [m.group() for m in _ASK.finditer(f)] + [m.group() for m in _FORM.finditer(f)]
    asks += [m.group() for m in _A_NOT_A.finditer(f)]
    priced = [m.group() for m in _PRICE.finditer(f)]
    asks += priced
    last = _LAST_SENTENCE.search(f)
    if _QUESTION_END.search(f) and last is not None and _INTERROGATIVE.search(last.group()):
        asks.append("?")
    rhetorical = [m.group() for m in _RHETORICAL.finditer(f)]
    if not priced:  # a service ordered at a price is no request about a fault
        rhetorical += [m.group() for m in _REQUEST.finditer(f)]
    if _ACTOR.search(f):
        rhetorical += [m.group() for m in _JUDGED.finditer(f)]
    if rhetorical:
        return asks, rhetorical
    complained = _COMPLAINED.search(f)
    if complained:  # 我想投诉一下维修师傅…收了两百块上门费: a complaint said outright, whatever fee it names (round 23)
        return asks, [complained.group()]
    rules = [m.group() for m in _RULES.finditer(f)]
    if rules:
        return asks + rules, []
    problems: list[str] = []
    for clause in _CLAUSE.findall(f):
        if not _NOT_NOW.search(clause):
            found = [*_PROBLEM.finditer(clause), *FAULT.finditer(clause)]
            problems += [m.group() for m in found if not _asks_either_way(clause, m.start())]
    if priced:  # help with a priced service (物业能帮装防护栏吗 多少钱), not with a fault
        problems = [p for p in problems if not _HELP.match(p)]
        if _SELF.search(f):  # 家里马桶堵了 物业能通吗 怎么收费: a service for one's own home, its price asked (round 29)
            problems = []
    if not _SELF.search(f) and not _CONSULTS.search(f):
        problems += [m.group() for m in _BUILD.finditer(f)]
    return asks, problems


def is_consultation(text: str, model_says_consult: float = 0.0) -> bool:
    """True when the text asks and reports no problem; ``model_says_consult`` is the kind model's
    probability of 咨询, enough on its own (≥ 0.5) when no problem word is there."""
    asks, problems = consultation_cues(text)
    if problems:
        return False
    return bool(asks) or model_says_consult >= 0.5
