"""The read-back's answers in words: a yes files it, a field named is asked again (改地址), a correction or a new
value typed straight away changes its field (改一下 是11栋2单元, 电话写错了 是139…), anything else is more details."""

from __future__ import annotations

from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs.context import Context
from bot.dialogs.inputs import corrected_value, meaningful, only_words, word
from bot.dialogs.intake import place_edit
from bot.dialogs.intake.answers import answer_address, answer_occurred, answer_phone
from bot.dialogs.intake.fields import absorb, address_label, clear_address, draft_of, remember
from bot.dialogs.intake.flow import proceed, submit
from bot.dialogs.intake.place_late import bare_room
from bot.dialogs.intake.questions import ask, invalid, review
from bot.dialogs.place_fix import corrected_place
from bot.dialogs.state import Asking, ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import mask_phones, normalize_phone, parse_time_phrase, place_answer, read_address
from core.messages import OutMessage, Text
from core.text.address import Address


def answer_review(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """Words at the read-back: a yes (对, 确认) files it; thanks are told how to finish; a field named (改地址) is asked
    again; a phone number alone is the phone; anything else is more details, added to the description."""
    d = draft_of(state)
    said = word(text)
    if said in vocab.REVIEW_CONFIRM_WORDS:  # 「对」「没错」「确认」: the read-back is right
        return submit(state, ctx)
    words = only_words(said, _YES_OR_POLITE)
    if words and any(w in vocab.REVIEW_CONFIRM_WORDS for w in words):  # 「好的谢谢」「对的 辛苦了」: a yes, politely
        return submit(state, ctx)
    if not meaningful(text) or only_words(said, _NO_DETAIL):
        return invalid(state, ctx, None, tx.REVIEW_HOW)  # 「谢谢啊」 is no detail of the matter
    field = _field_named(text)
    if field is not None and field != "back":  # 「改地址」「电话写错了」: that field asked again
        return edit(state, ctx, field)
    phone = normalize_phone(text)
    if phone is not None:  # a number alone: the phone to call, not words for the description (masked there)
        d.phone, d.phone_declined = phone, False
        return proceed(state, ctx, [*replies, Text(tx.PHONE_CHANGED)])
    fixed = corrected_place(text, ctx.communities)
    if fixed is not None:  # 「不好意思 刚才说错了 是3单元 不是2单元」: the part of the place said (was added to the content)
        step = _new_value(state, ctx, fixed.label(), replies)
        if step is not None:
            return step
    corrected = corrected_value(text)
    if corrected:  # 「改一下 是11栋2单元」「不对，应该是昨天晚上」: the new value
        step = _new_value(state, ctx, corrected, replies)
        if step is not None:
            return step
    combined = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
    if len(combined) > ctx.settings.max_input:
        return Step(state, [Text(tx.too_long(ctx.settings.max_input))])
    d.description = combined
    remember(d, text)
    absorb(d, text, ctx, description=False)
    return proceed(state, ctx, [*replies, Text(tx.DESCRIPTION_APPENDED)])


_NO_DETAIL = (*vocab.SMALL_TALK_THANKS, *vocab.SMALL_TALK_HELLO, *vocab.SMALL_TALK_FILLERS)  # thanks or hello: nothing to add
_YES_OR_POLITE = (*vocab.REVIEW_CONFIRM_WORDS, *vocab.SMALL_TALK_THANKS, *vocab.SMALL_TALK_FILLERS)


def answer_which(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """「要修改哪一项？」 answered in words: the field named (地址, 手机号, 改一下时间), or the new value itself (a phone,
    a place, a time), which is taken at once."""
    field = _field_named(text)
    if field is not None:
        return edit(state, ctx, field)
    if _submits(text):  # 「提交」 here: the read-back was already shown and nothing is to change
        return submit(state, ctx)
    # 「电话写错了，应该是139…」「手机号改成…」: the value after the correction's lead, else the text itself
    step = _new_value(state, ctx, corrected_value(text) or text, replies)
    return step or invalid(state, ctx, None, tx.BAD_WHICH)


def _submits(text: str) -> bool:
    words = only_words(word(text), vocab.SUBMIT_WORDS)
    return bool(words) and any("提交" in w or "确认" in w for w in words)




def _new_value(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step | None:
    """A phone, a place or a time given as the new value of its field, taken at once; None if `text` is none
    of them. A place without a community (11栋2单元) keeps the community already read: residents correct the
    part they got wrong."""
    d = draft_of(state)
    if normalize_phone(text) is not None:
        d.asking, d.editing = Asking.PHONE, True
        return answer_phone(state, ctx, text, replies)
    room = bare_room(text)
    if room and d.building:  # 「改一下 是1202」: the door of the building read back
        place_edit.remember(d)
        d.room = room
        return review(state, ctx, replies)
    if place_answer(text, ctx.communities) and parse_time_phrase(text, ctx.now) is None:
        text = _rest_kept(d, text, ctx)
        place_edit.remember(d)
        clear_address(d)
        d.asking, d.editing = Asking.ADDRESS, True
        return answer_address(state, ctx, text, replies)
    if parse_time_phrase(text, ctx.now) is not None and read_address(text, ctx.communities).is_empty:
        d.occurred_text, d.occurred_at, d.occurred_vague, d.occurred_hint = None, None, False, None
        d.asking, d.editing = Asking.OCCURRED, True
        return answer_occurred(state, ctx, text, replies)
    return None


def place_fixed_at_duplicate(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step | None:
    """「不好意思 说错了 是5栋 不是3栋」 at the duplicate offer (sixteenth session: 「没太明白」): the offer was for the old
    place, so it is dropped, the part of the place said is changed and read back; 提交 looks for a duplicate again."""
    fixed = corrected_place(text, ctx.communities)
    if fixed is None:
        return None
    d = draft_of(state)
    offer = d.dup_checked, d.duplicate_of, d.duplicate_own
    d.dup_checked, d.duplicate_of, d.duplicate_own = False, None, False
    step = _new_value(state, ctx, fixed.label(), replies)
    if step is None:
        d.dup_checked, d.duplicate_of, d.duplicate_own = offer
    return step


def place_corrected(state: ConvState, ctx: Context, fixed: Address, replies: list[OutMessage]) -> Step:
    """「不对 是4栋」 at the time or phone question (usertest27: added to the content, the address kept 3栋): the part of
    the place said replaces the one read before, the rest kept; then the form goes on where it was."""
    d = draft_of(state)
    text = _rest_kept(d, fixed.label(), ctx)
    clear_address(d)
    d.asking = Asking.ADDRESS
    step = answer_address(state, ctx, text, replies)
    if d.address_ok and d.asking != Asking.ADDRESS_CONFIRM:  # taken: said, so the resident sees it was
        step.replies.insert(len(replies), Text(tx.PLACE_CORRECTED.format(place=address_label(d))))
    return step


def _rest_kept(d: Draft, text: str, ctx: Context) -> str:
    """The corrected place with the parts it does not say kept from the address read back, above and below what it
    says: residents correct the part they got wrong (「地址错了 应该是8栋」 keeps 3单元1203室, 「11栋2单元」 the 小区,
    「是1202」 the building and unit). Another 小区 named starts the address afresh."""
    place = read_address(text, ctx.communities)
    if place.community and place.community != d.community:
        return text
    old = (d.building, d.unit, d.room)
    new = (place.building, place.unit, place.room)
    given = [i for i, part in enumerate(new) if part]
    if not given:
        return text if place.community else f"{d.community or ''}{text}"
    above = Address(None if place.community else d.community, *(p if i < given[0] else None for i, p in enumerate(old)))
    below = Address(None, *(p if i > given[-1] else None for i, p in enumerate(old)))
    return f"{above.label()}{text}{below.label()}"


def _field_named(text: str) -> str | None:
    said = word(text)
    if len(said) > 10:
        return None
    found = only_words(said, (*vocab.EDIT_FIELD_WORDS, *vocab.EDIT_FILLERS))
    named = {vocab.EDIT_FIELD_WORDS[f] for f in found or () if f in vocab.EDIT_FIELD_WORDS}
    return named.pop() if len(named) == 1 else None


def edit(state: ConvState, ctx: Context, field: str) -> Step:
    d = draft_of(state)
    if field == "back":
        return review(state, ctx)
    if field == "photos":
        d.photos = []
        return review(state, ctx, [Text(tx.PHOTOS_CLEARED)])
    if field not in ("description", "address", "occurred", "phone"):
        return review(state, ctx, [Text(tx.EXPIRED_BUTTON)])
    question = Asking(field)
    d.editing = True
    if question == Asking.DESCRIPTION:
        d.description = None
    elif question == Asking.ADDRESS:
        place_edit.remember(d)
        clear_address(d)
    elif question == Asking.OCCURRED:
        d.occurred_text, d.occurred_at, d.occurred_vague, d.occurred_hint = None, None, False, None
    elif question == Asking.PHONE:
        if d.phone and d.description:  # the number being changed goes from 内容 too (usertest29: the old one stayed)
            d.description = d.description.replace(mask_phones(d.phone), "").strip("，,；; ") or d.description
        d.phone, d.phone_declined = None, False
    step = ask(state, ctx, question, force=True)
    if question == Asking.DESCRIPTION:  # a fresh wording, not the first-message prompt
        step.replies[-1] = Text(tx.ASK_NEW["description"])
    return step
