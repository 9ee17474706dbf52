"""A resolution note that says the work is not done yet: 「师傅明天上午去看」, 「等配件到了再换」, 「已联系楼上住户」.
Closing a ticket on such a note sends the resident a satisfaction survey for work that has not happened — the
false closure residents of hotline systems complain about most (thirteenth session: a worker pressed 办结 and
wrote 「师傅明天上午去看」; the ticket closed and the resident was asked to rate it)."""

from __future__ import annotations

import re

from core.text.normalize import fold, nfkc

# a visit or the work still to come: a later time, then someone going, coming or doing it
_LATER = (r"(?:明天|明早|明儿|后天|下午|晚上|今晚|待会儿?|等会儿?|一会儿?|稍后|过两天|过几天|下周|下礼拜|下星期|周[一二三四五六日天]"
          r"|星期[一二三四五六日天]|改天|回头|节后|月底)")
_PLAN = re.compile(
    rf"{_LATER}[^，,。；;]{{0,6}}?(?:再)?(?:去|来|过去|过来|上门|安排|处理|修|看|换|联系|清|弄|派)"
    r"|(?:还没|还未|尚未|暂未|未能|没能|没有?)(?:修|好|处理|弄|换|到|来|解决|完成|联系上|找到|清)"
    r"|(?:等|待)(?:配件|材料|零件|厂家|厂商|维保|电梯公司|供电|自来水|燃气公司|业主|住户|审批|回复|通知)"
    r"|(?:约了|已约|预约了|排期|已安排|安排了|已派|已上报|已报修|已转|已通知|已联系|联系了|通知了)"
    r"|(?:待|需)(?:修|维修|处理|更换|上门|复查)|修不了|换不了|处理不了"
)
# what says it is done, whichever plan words come with it (已联系住户 已修好; 今天换好了 明天再回访)
_DONE = re.compile(
    r"(?<![没未不])(?:修好|已修|修复|换好|已换|更换了|已更换|装好|已装|处理好|已处理|处理完|解决了|已解决|恢复了|已恢复|通了|疏通了|已疏通"
    r"|完成|搞定|弄好|清理干净|清理完|已清理|清走|已清|拆除了|已拆|关好|已关|停了|不响了|没有?声音了|亮了|不漏了"
    # an emergency over (second user test: 「已联系110破窗，孩子已救出，无碍」 was asked whether work was still to come)
    r"|救出|脱险|无碍|无大碍|平安|送医|送到医院|扑灭|火灭了|已灭|已撤离|已疏散)"
)


def sounds_unfinished(note: str) -> bool:
    """Whether a resolution note reads as work still to come, with nothing in it saying it is done."""
    said = fold(nfkc(note))
    return bool(_PLAN.search(said)) and not _DONE.search(said)


def sounds_done(note: str) -> bool:
    """Whether a note says the work is done, with no work still to come in it (已经清理完了, 灯换好了)."""
    said = fold(nfkc(note))
    return bool(_DONE.search(said)) and not _PLAN.search(said)
