"""A resident withdrawing a ticket they filed (撤销投诉, 不投诉了, 已经修好了 不用来了): two taps to confirm,
then the core cancels it. The core is asked first whether it may (eighteenth session: a ticket a worker had taken,
or someone else's number, was offered 「确认撤销」 and refused only after the tap), and says why not — once a
worker has taken it, to tell the worker instead (core/lifecycle.py). Which ticket: the number they name, else the
one filed last in this chat."""

from __future__ import annotations

import re

from bot.dialogs import flow_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs import withdraw_which
from bot.dialogs.context import Context
from bot.dialogs.effects import CheckWithdraw, Done, Effect, ListMine, Refused, TicketLine, Withdraw
from bot.dialogs.inputs import number_in_text
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from core.messages import Choice, Choices, Text
from core.privacy import mask_phones
from core.text.normalize import nfkc

WITHDRAW = "withdraw"  # the scope of the two buttons
K_YES, K_NO, K_PICK = "wd:yes:", "wd:no", "wd:pick:"
# what they said, kept in the dialog state until they tap, then the reason on the ticket's timeline
_WORDS_KEPT = 60


# 「确认」「是的」「对，撤了吧」 typed to 「要撤销工单 … 吗？」 (eighteenth session's user test: each was added to the ticket as
# a remark, and only 「1」 withdrew it); read only while that question is the last one asked
_YES = re.compile(r"(?:确认|确定|是的?|对的?|好的?|嗯+|行|可以)?[,\s]*(?:撤(?:销|回|掉)?(?:了|掉)?(?:吧|了吧)?|确认|确定|是的?|对的?"
                  r"|好的?|嗯+|行|可以)(?:撤销)?")
_NO = re.compile(r"(?:不用?|不要|别|先不|还是(?:不|别))(?:撤(?:销|了|回)?)?了?(?:吧)?|算了(?:吧)?|不了")


def typed(state: ConvState, text: str | None) -> str | None:
    """The button a typed yes or no stands for, while 「要撤销工单 … 吗？」 is the question asked last."""
    if state.last_scope != WITHDRAW or not text:
        return None
    said = nfkc(text).strip().rstrip("。.!！~～")
    keys = [key for key, _ in state.offered.get(WITHDRAW, [])]
    if _NO.fullmatch(said):
        return next((k for k in keys if k == K_NO), None)
    if _YES.fullmatch(said):
        return next((k for k in keys if k.startswith(K_YES)), None)
    return None


# 「取消 261205-0001」「撤销 261205-0001」: a cancel word and one ticket number, nothing else — the ticket, even mid-form
_NUMBERED = re.compile(r"(?:取消|撤销|撤回|撤掉|删除)(?:工单|投诉|报修)?")


def names_a_ticket(text: str | None) -> bool:
    """A withdrawal of a numbered ticket, said with nothing else (the number is the whole object)."""
    if not text or number_in_text(text) is None:
        return False
    rest = re.sub(r"#?\d{6}[-－]?\d{4}|[\s,，。.!！:：]", "", nfkc(text))
    return bool(_NUMBERED.fullmatch(rest))


def asked(text: str | None) -> bool:
    """Words that ask to withdraw a ticket filed, not a question about one withdrawn."""
    t = nfkc(text or "")
    return bool(t) and len(t) <= 60 and bool(vocab.WITHDRAW.search(t)) and not vocab.WITHDRAW_NOT.search(t)


def offered_for(state: ConvState, text: str | None) -> bool:
    """Whether to offer it: asked, and not about an emergency just filed — there 「不用来了 人已经出来了」 is the
    emergency's course, told to those on the way (bot/dialogs/aftercare.py), never a cancellation by a tap."""
    return asked(text) and not (state.last_filed_emergency and _which(state, text) == state.last_filed)


def _which(state: ConvState, text: str | None) -> str | None:
    """The number named, else the ticket filed last in this chat."""
    return number_in_text(text) or state.last_filed


def offer(state: ConvState, ctx: Context, text: str | None) -> Step:
    state.withdraw_words = mask_phones((text or "").strip())[:_WORDS_KEPT] if says_why(text) else None
    if number_in_text(text) is None and withdraw_which.needs_list(state, text):
        # 「垃圾那个不用管了」: the ticket the words name, among the open ones (flow30: the one filed last was offered)
        return Step(state, [], [ListMine(then=lambda st, eff, res, c: _by_words(st, res, text))])
    number = _which(state, text)
    if number is None:
        return Step(state, [Text(tx.WITHDRAW_WHICH)])
    return Step(state, [], [CheckWithdraw(number=number, then=_ask)])


def _by_words(state: ConvState, result: object, text: str | None) -> Step:
    lines: list[TicketLine] = list(result) if isinstance(result, list) else []
    named = withdraw_which.named(lines, text)
    open_ = [line for line in lines if line.open]
    if len(named) == 1:
        return Step(state, [], [CheckWithdraw(number=named[0].number, then=_ask)])
    if not named and state.last_filed is not None:
        return Step(state, [], [CheckWithdraw(number=state.last_filed, then=_ask)])
    among = named or open_
    if len(among) == 1:
        return Step(state, [], [CheckWithdraw(number=among[0].number, then=_ask)])
    if not among:
        state.withdraw_words = None
        return Step(state, [Text(ftx.WITHDRAW_NONE_OPEN if lines else tx.WITHDRAW_WHICH)])
    choices = Choices(ftx.WITHDRAW_PICK, (*(Choice(f"{K_PICK}{line.number}", f"{line.number} {line.summary}")
                                            for line in among), Choice(K_NO, ftx.WITHDRAW_PICK_NONE)))
    state.offer(WITHDRAW, choices)
    return Step(state, [choices])


# the request itself, which gives no reason (「撤销」「我要撤销投诉」「取消 261205-0001」): kept as the reason it read 「撤销：撤销」
_ASIDE = r"(?:我(?:要|想)?|帮我|麻烦|请|把|这个|那个|这条|刚才的?|的|工单|投诉|报修|一下|掉|吧|了|啊|哈)*"
_ONLY_ASKED = re.compile(rf"{_ASIDE}(?:撤销|撤回|撤掉|撤|取消|删除|删掉|不想?(?:投诉|报修|处理)|不要?(?:处理|投)){_ASIDE}")


def says_why(text: str | None) -> bool:
    """Whether the words give more than the request to withdraw (已经修好了 不用来了 is a reason; 撤销投诉 is not)."""
    rest = re.sub(r"#?\d{6}[-－]?\d{4}|[\s,，。.!！:：~～]", "", nfkc(text or ""))
    return bool(rest) and not _ONLY_ASKED.fullmatch(rest)


def _ask(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, CheckWithdraw)
    if isinstance(result, Refused):  # not theirs, or taken by a worker: said now, not after a tap
        state.withdraw_words = None
        return Step(state, [Text(result.message)])
    assert isinstance(result, Done)
    number = result.number
    choices = Choices(tx.withdraw_ask(number), (Choice(f"{K_YES}{number}", tx.WITHDRAW_YES), Choice(K_NO, tx.WITHDRAW_NO)))
    state.offer(WITHDRAW, choices)
    return Step(state, [choices])


def choose(state: ConvState, ctx: Context, key: str) -> Step:
    state.withdraw(WITHDRAW)
    if key.startswith(K_PICK):  # the ticket picked among the open ones: asked to confirm, as when named
        return Step(state, [], [CheckWithdraw(number=key[len(K_PICK):], then=_ask)])
    words, state.withdraw_words = state.withdraw_words, None
    if not key.startswith(K_YES):
        return Step(state, [Text(tx.WITHDRAW_KEPT)])
    return Step(state, [], [Withdraw(number=key[len(K_YES):], words=words, then=_after)])


def _after(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, Withdraw)
    if isinstance(result, Refused):
        return Step(state, [Text(result.message)])
    if state.last_filed == effect.number:
        state.last_filed_at = None  # what they say next is no longer about it
    return Step(state, [Text(tx.withdrawn(effect.number))])
