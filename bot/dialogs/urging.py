"""A resident hurrying the ticket they filed (催一下, 帮我催催, 催办, 都三个小时了 帮忙催一下, 怎么还没人来处理啊):
a real 催办 (work30, usertest1: the chat said 已催促 while only a note 「居民回复：催一下」 reached the ticket and nobody in
the grid heard; with how long they had waited it was a plain note). The core's urge (core/service/urge.py, the desk's
催办 with the resident as its actor) records a REMINDED event and tells the grid's group; at most one in half an hour
per ticket, so a second hurry is told when the first went and nothing is sent again. A ticket no grid holds yet keeps
the words as a note and the resident is told it waits for the desk; a ticket that is done is shown as it stands.

An emergency's words (快点来啊) stay with the emergency's own answers (bot/dialogs/aftercare.py): the grid and the
heads were alerted at filing, and its advice is repeated there."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dialogs import texts as tx
from bot.dialogs import tracking
from bot.dialogs import vocabulary as vocab
from bot.dialogs.aftercare import impatient
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect
from bot.dialogs.inputs import number_in_text, word
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from bot.dialogs.vocabulary import URGE
from core.messages import Text

URGE_NOTE = "居民催促尽快处理"  # the note kept when the words were the urge alone and no grid holds the ticket yet


@dataclass(frozen=True, kw_only=True)
class UrgeTicket(Effect):
    """Hurry the grid on the resident's ticket `number`; `said` is what they added (how long they waited), if anything."""

    number: str
    said: str | None = None


@dataclass(frozen=True)
class Urged:
    """The urge went (`already` None), or one went at `already` (HH:MM) within the half hour; `waiting`: no grid holds
    the ticket yet, the words were noted for the desk."""

    number: str
    already: str | None = None
    waiting: bool = False


def urges(state: ConvState, text: str | None) -> bool:
    """Words that only hurry the ticket filed last: an urge word with how long they waited and politeness around it,
    or impatience alone (aftercare.impatient). Anything else in them (另外5栋路灯也不亮了) is not only a hurry."""
    if state.last_filed is None or state.last_filed_emergency or not text:
        return False
    return _only_hurry(text)


def urged_number(text: str | None) -> str | None:
    """「都两天了还没人来，能不能快点 261208-0005」: a hurry that names its ticket by number — any of the resident's
    own or followed tickets, not only the one filed last (second user test: it was added as a note)."""
    number = number_in_text(text)
    if number is None or not text:
        return None
    rest = _NAMED.sub("", word(_A_NUMBER.sub(" ", text)))  # 路灯那个: the number already says which
    return number if rest and _only_hurry(rest) else None


_A_NUMBER = re.compile(r"(?:工单|编号|单号)?[:：]?\s*\d{6}\s*-?\s*\d{4}(?:号|这单|那单|的)?")


_NAMED = re.compile(r"^[^，,。\s]{1,6}?(?:那个|那件事|的事|这个)")


def _only_hurry(text: str) -> bool:
    said = word(text)
    if URGE.fullmatch(said) or impatient(text):
        return True
    if not (_URGE_WORD.search(said) or vocab.IMPATIENCE.search(said)) or len(said) > 30:
        return False
    rest = vocab.IMPATIENCE.sub("", _URGE_WORD.sub("", said))
    rest = vocab.WAITING_SPAN.sub("", _WAITED.sub("", rest))
    return not _FILLERS.sub("", rest)


# the urge itself, with the asking words before and after it (麻烦再催一下吧, 能不能催一催, 帮忙催办一下)
_URGE_WORD = re.compile(r"(?:请|麻烦|帮我|帮忙|能不能|能否|可以|可不可以|再|给我|你们)*"
                        r"(?:(?:催办|催一下|催催|催下|催一催|催促一下|催促|催)(?:一下|下)?|(?:快点|快一点|尽快|抓紧|赶紧|早点)(?:派人)?)"
                        r"(?:处理|解决|来人|过来|来修|修|来|安排|好吗|行吗|可以吗|谢谢|吧|啊|呀|哈|嘛)*")
# how long they waited, beyond vocab.WAITING_SPAN's counted spans: 大半天, 一上午, 好久, 这么久
_WAITED = re.compile(r"(?:都|已经|等了|等)?(?:大半天|一整天|一上午|一下午|一晚上|一早上|半天|好久|很久|这么久|那么久|老半天)了?"
                     r"|[一二两三四五六七八九十几\d]+个?多(?:小时|钟头|天|星期|礼拜|月)了?")
_FILLERS = re.compile(r"[你们我到底究竟还了啊呀吧嘛呢吗哦哈的又啦都已经等，,。.!！?？~～\s]")


def urge(state: ConvState, ctx: Context, text: str, number: str | None = None) -> Step:
    """Hurry `number`, or the ticket filed last."""
    number = number or state.last_filed
    assert number is not None
    said = None if URGE.fullmatch(word(text)) else text.strip()
    return Step(state, [], [UrgeTicket(number=number, said=said, then=_after_urge)])


def _after_urge(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, UrgeTicket)
    if not isinstance(result, Urged):  # done, withdrawn or not theirs: where it stands, not a word that it was urged
        return tracking.show(state, ctx, effect.number)
    if result.waiting:
        return Step(state, [Text(waiting_for_desk(result.number))])
    if result.already is not None:
        return Step(state, [Text(urged_already(result.number, result.already))])
    return Step(state, [Text(tx.urged_on_ticket(result.number))])  # 已催促…: true now


def urged_already(number: str, at: str) -> str:
    return (f"工单 {number} 在 {at} 已经催办过，网格处理人员已收到提醒，半小时内不再重复催办。"
            "有进展会第一时间通知您；情况变严重了请直接告诉我。")


def waiting_for_desk(number: str) -> str:
    return f"工单 {number} 还在等调度中心派给负责的网格，您的催促已记在工单上，调度员会看到并尽快安排。"
