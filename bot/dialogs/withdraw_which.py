"""Which ticket a withdrawal said in words is about (flow30's user test: with the rubbish ticket and the street-lamp
one open, 「垃圾那个不用管了，撤销吧」 offered the lamp one — the one filed last — and a tired resident taps 确认).
With no number named, the words that are left once the request itself is taken out (垃圾那个) are matched with the
resident's open tickets: the one they name is offered (the core still says no, and why, once a worker has taken it),
several are offered to choose from. Words that name nothing (撤销投诉, 已经修好了 不用来了) or nothing the open tickets
name are about the ticket filed last in this chat, as before; with none filed here, the open tickets are offered
(one alone is offered directly)."""

from __future__ import annotations

import re

from bot.dialogs import vocabulary as vocab
from bot.dialogs.effects import TicketLine
from bot.dialogs.state import ConvState
from core.text.answers import shares_subject
from core.text.normalize import nfkc

# the request and its padding: what is left names the matter (垃圾那个不用管了，撤销吧 → 垃圾)
_REQUEST = re.compile(
    r"(?:不用|不需要|用不着|不要|别)(?:再)?(?:管|处理|来|修|上门|过来|派人|弄)?了?|算了|不想|不要了|取消|删除|删掉|撤\w?"
    r"|(?:我|帮我|麻烦|请|把|给|那个|这个|那件|这件|那条|这条|那单|这单|的|事|事情|投诉|工单|报修|单子|一下|掉|吧|了|啊|哈|呢|吗)")
_BLANKS = re.compile(r"[\s,，。.!！~～:：]")


def matter_words(text: str | None) -> str:
    """What the words name beside the request to withdraw (empty when they name nothing)."""
    t = _BLANKS.sub("", nfkc(text or ""))
    t = vocab.WITHDRAW.sub("", t)
    return _REQUEST.sub("", t)


def needs_list(state: ConvState, text: str | None) -> bool:
    """Whether the resident's open tickets must be looked at: none filed in this chat, or words that name a matter the
    ticket filed last does not."""
    if state.last_filed is None:
        return True
    said = matter_words(text)
    return len(said) >= 2 and not shares_subject(said, state.last_filed_about or "")


def named(lines: list[TicketLine], text: str | None) -> list[TicketLine]:
    """The open tickets the words name."""
    said = matter_words(text)
    if len(said) < 2:
        return []
    return [line for line in lines if line.open and shares_subject(said, line.words or line.summary)]
