"""The draft's course after each answer: the next question, the read-back, or filing (an emergency
files at once); and what the filing's outcome means for the conversation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.dialogs import emergency_texts as etx
from bot.dialogs import filing_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.danger_advice import choose
from bot.dialogs.effects import (
    DuplicateFound,
    Effect,
    Filed,
    FileTicket,
    FindDuplicate,
    JoinTicket,
    RecoverFiling,
    Refused,
)
from bot.dialogs.intake.fields import draft_of, missing
from bot.dialogs.intake.keys import DRAFT, HUMAN_REASON
from bot.dialogs.intake.questions import ask, offer_asides, review
from bot.dialogs.state import Asking, ConvState, Draft, FiledPlace
from bot.dialogs.step import Step
from core.messages import OutMessage, Text
from core.text.phone import mask_phone


def proceed(state: ConvState, ctx: Context, replies: list[OutMessage] | None = None) -> Step:
    d = draft_of(state)
    replies = list(replies or [])
    question = missing(d)
    if question is None:
        d.editing = False
        if d.emergency:
            return submit(state, ctx, replies)  # file at once: no read-back in an emergency
        return review(state, ctx, replies)
    if question in (Asking.ADDRESS, Asking.COMMUNITY) and _offer_last_place(state, ctx, d):
        question = Asking.ADDRESS_CONFIRM
    return ask(state, ctx, question, prefix=replies)


def _offer_last_place(state: ConvState, ctx: Context, d: Draft) -> bool:
    """A new matter soon after filing, from the same resident (this chat), with no place of its own:
    the place just used is offered (还是「…」吗？) rather than asked for afresh. Never in an emergency,
    where any words will do and a wrong place costs most; once a draft."""
    place, filed_at = state.last_filed_place, state.last_filed_at
    if place is None or filed_at is None or d.emergency or d.place_offered or d.point is not None:
        return False
    if ctx.now - filed_at > ctx.settings.desk_thread:
        return False
    if place.room is None and _AT_HOME.search(d.description or ""):
        return False  # 「我家厨房…」 after a ticket at 5栋门口: the home's door was never said
    if d.community is None and (d.building or d.unit or d.room):
        if place.community is None:
            return False
        # 「7栋的路灯也坏了」 set aside while filing at 阳光花园: its building said, the 小区 the one just used
        d.place_offered, d.community, d.address_ok = True, place.community, False
        return True
    d.place_offered = True
    d.community, d.building, d.unit, d.room = place.community, place.building, place.unit, place.room
    said = d.description or ""
    if not _AT_HOME.search(said):  # thirteenth session: the flat of the ticket before was offered for a shared place
        if _ESTATE_WIDE.search(said) and not _SHARED.search(said):
            d.building = d.unit = d.room = None  # 「小区里的健身器材坏了」: the estate, not 3栋2单元501
        elif _SHARED.search(said):
            d.room = None  # 「楼下的车堵着消防通道」: the building, not their flat
    d.address_text, d.address_ok = place.address_text, False
    return True


_AT_HOME = re.compile(r"我家|我们家|家里|屋里|家中|室内|我房间")
# a shared part of a building, and of the estate at large: the matter is there, not in the flat of the ticket before
_SHARED = re.compile(r"楼下|楼道|楼梯|门口|消防通道|电梯|单元门|楼顶|天台|外墙|信箱|那栋|这栋")
_ESTATE_WIDE = re.compile(r"小区里|小区内|小区的|院子|广场|绿化|草坪|花坛|水池|池塘|喷泉|凉亭|滑梯|健身|大门|东门|南门|西门|北门"
                          r"|停车场|车库|路灯|垃圾站")


def submit(state: ConvState, ctx: Context, replies: Sequence[OutMessage] = ()) -> Step:
    d = draft_of(state)
    d.stage, d.submitting_at, d.asking = "submitting", ctx.now, Asking.REVIEW
    state.withdraw(DRAFT)
    snapshot = d.model_copy(deep=True)
    effect: Effect
    if d.emergency or d.dup_checked or d.kind == "praise":  # two residents thanking one person: both kept
        effect = FileTicket(draft=snapshot, then=after_filed)
    else:
        effect = FindDuplicate(draft=snapshot, then=after_duplicate_check)
    return Step(state, list(replies), [effect])


def still_submitting(state: ConvState, ctx: Context) -> Step:
    d = draft_of(state)
    if d.submitting_at is not None and ctx.now - d.submitting_at >= ctx.settings.submit_grace:
        return Step(state, [], [RecoverFiling(draft=d.model_copy(deep=True), then=after_recovery)])
    return Step(state, [Text(tx.SUBMITTING)])


def _same_draft(state: ConvState, draft_id: str) -> Draft | None:
    d = state.draft
    return d if d is not None and d.id == draft_id else None


def after_duplicate_check(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, FindDuplicate)
    d = _same_draft(state, effect.draft.id)
    if d is None:
        return Step(state)
    if isinstance(result, DuplicateFound):
        d.stage, d.submitting_at = "collecting", None
        d.dup_checked, d.duplicate_of, d.duplicate_own = True, result.number, result.own
        return ask(state, ctx, Asking.DUPLICATE)
    d.dup_checked = True
    return Step(state, [], [FileTicket(draft=d.model_copy(deep=True), then=after_filed)])


ABOUT_MAX = 200  # of the description kept after filing: enough to know what the ticket names


def after_filed(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, FileTicket)
    d = _same_draft(state, effect.draft.id)
    if isinstance(result, Refused):
        if d is None:
            return Step(state, [Text(tx.submit_failed(result.message))])
        d.stage, d.submitting_at = "collecting", None
        return review(state, ctx, [Text(tx.submit_failed(result.message))])
    assert isinstance(result, Filed)
    if d is not None:
        state.draft = None
        state.withdraw(DRAFT)
    state.last_filed, state.last_filed_at = result.number, ctx.now
    state.last_filed_emergency = bool(result.emergency)
    state.last_filed_hazard = effect.draft.hazard if result.emergency else None
    state.last_filed_advice = choose(effect.draft.hazard, effect.draft.description or "").row if result.emergency else None
    state.last_filed_triaged = bool(result.emergency) and tx.TRIAGE_TRIGGER in effect.draft.triggers
    state.last_filed_about = (effect.draft.description or "")[:ABOUT_MAX] or None
    state.last_filed_place = _place_of(effect.draft)
    asked: list[OutMessage] = []
    state.phone_wanted_for = state.place_wanted_for = None
    if effect.flag_reason == HUMAN_REASON and not result.emergency:
        d = effect.draft
        asked = human_phone(state, ctx, result.number, known=result.phone or d.phone or ctx.last_phone,
                            declined=d.phone_declined or d.asking == Asking.PHONE)
    if result.emergency:  # the alert is out: a number or a whole address sent next goes onto this ticket
        filed = effect.draft
        if not filed.phone and not filed.phone_declined:
            state.phone_wanted_for = result.number
        if not (filed.community or filed.point):
            state.place_wanted_for = result.number
        on_file = mask_phone(ctx.last_phone) if ctx.last_phone and state.phone_wanted_for else None
        wanted = etx.ask_after_emergency(phone=bool(state.phone_wanted_for), place=bool(state.place_wanted_for),
                                         on_file=on_file)
        asked = [Text(wanted)] if wanted else []
    return Step(state, [Text(filed_text(result)), *asked, *offer_asides(state)])


def human_phone(state: ConvState, ctx: Context, number: str, *, known: str | None, declined: bool = False
                ) -> list[OutMessage]:
    """人工: the desk must be able to call back. A phone on file is named; with none, asked once (a number sent next
    goes onto the ticket, 「不留」 is fine: the desk answers in the chat) — before, nobody could call the resident."""
    if known:
        return [Text(ftx.human_phone_on_file(mask_phone(known)))]
    if declined:  # declined, or given up at the phone question itself (三次无效): not asked again
        return [Text(ftx.HUMAN_IN_CHAT)]
    state.phone_wanted_for = number
    return [Text(ftx.HUMAN_ASK_PHONE)]


def _place_of(d: Draft) -> FiledPlace | None:
    if not (d.community or d.address_text):  # a shared location alone, or no place: nothing to offer in words
        return None
    return FiledPlace(community=d.community, building=d.building, unit=d.unit, room=d.room,
                      address_text=d.address_text)


def filed_text(result: Filed) -> str:
    if result.kind == "consult" and not result.emergency:  # a question: answered, never repaired
        return tx.filed_consult(result.number, result.due)
    if result.kind == "praise" and not result.emergency:  # thanks passed on: no deadline to keep
        return tx.filed_praise(result.number)
    if result.to_desk:
        return tx.filed_to_desk(result.number)
    if result.unplaced:  # a place no grid covers: the desk finds who is responsible, the deadline runs from then
        return ftx.filed_unplaced(result.number, result.community)
    handler = result.handler or tx.DESK
    if result.emergency:
        return tx.filed_emergency(result.number, handler)
    if result.kind == "suggestion":  # usertest28: a suggestion was acknowledged as 「您的投诉编号」
        return tx.filed_suggestion(result.number, handler, result.due)
    return tx.filed(result.number, handler, result.due)


def after_join(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, JoinTicket)
    d = _same_draft(state, effect.draft_id)
    if isinstance(result, Refused):
        # the other ticket closed meanwhile: file this one after all
        if d is None:
            return Step(state, [Text(result.message)])
        return Step(
            state, [Text(result.message)], [FileTicket(draft=d.model_copy(deep=True), then=after_filed)]
        )
    if d is not None:
        state.draft = None
        state.withdraw(DRAFT)
    return Step(state, [Text(tx.joined(effect.number)), *offer_asides(state)])


def after_recovery(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, RecoverFiling)
    d = _same_draft(state, effect.draft.id)
    if isinstance(result, Filed):
        return after_filed(state, FileTicket(draft=effect.draft, then=after_filed), result, ctx)
    if d is None:
        return Step(state)
    d.stage, d.submitting_at = "collecting", None
    return review(state, ctx, [Text(tx.SUBMIT_RETRY)])
