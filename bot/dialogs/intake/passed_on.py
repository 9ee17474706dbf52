"""A consultation's or a suggestion's two questions answered out of turn (usertest28): a phone sent when the 小区 is
asked, a 小区 sent when the phone is asked. The complaint intake keeps such answers; here the phone was dropped (and
the 小区 asked no more), and the 小区 refused as a wrong number. Both are kept, said so, and the question put again."""

from __future__ import annotations

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.intake.fields import draft_of, remember
from bot.dialogs.intake.flow import proceed
from bot.dialogs.intake.keys import MAX_ADDRESS
from bot.dialogs.intake.questions import ask
from bot.dialogs.state import Asking, ConvState
from bot.dialogs.step import Step
from bot.dialogs.understand import mask_phones, normalize_phone, place_answer, read_address
from core.messages import OutMessage, Text
from core.text.consult import consultation_cues
from core.text.third_party import own_phone


def phone_at_community(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step | None:
    """A phone said at 「您是哪个小区的？」: kept; the 小区 asked again unless the same words name it too."""
    d = draft_of(state)
    phone = normalize_phone(text) or own_phone(text)
    if phone is None or d.phone:
        return None
    d.phone, d.phone_declined = phone, False
    place = read_address(text, ctx.communities)
    if place.community:
        return None  # 「幸福里的 13912345678」: the 小区 is read as before, the phone kept with it
    return ask(state, ctx, Asking.COMMUNITY, force=True, prefix=[*replies, Text(tx.slots_noted([tx.SLOT_NAMES[1]]))])


def community_at_phone(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step | None:
    """A 小区 said at the phone question of a consultation or a suggestion that has none, or only one the deployment
    does not serve (usertest29: 「金桥小区的物业费…」 then 阳光花园): kept (the door with it), the phone asked again — it
    was told the number looked wrong."""
    d = draft_of(state)
    if d.needs_place_and_time or (d.community and d.address_ok) or d.point:
        return None
    if normalize_phone(text) or own_phone(text):
        return None
    place = read_address(text, ctx.communities)
    if not (place.known is not None or (place.community and place_answer(text, ctx.communities) and not d.community)):
        return None
    d.community = (place.known.name if place.known is not None else place.community or "")[:MAX_ADDRESS]
    d.address_ok = place.known is not None
    d.building, d.unit, d.room = place.building, place.unit, place.room
    return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, Text(tx.slots_noted([tx.SLOT_NAMES[0]]))])


def question_community(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """A consultation's 小区, asked once: taken when the words name one (the door too, if given), and the
    question is not put again when they do not (跳过, 不知道)."""
    d = draft_of(state)
    if (kept := phone_at_community(state, ctx, text, replies)) is not None:
        return kept
    place = read_address(text, ctx.communities)
    if place.community:
        d.community, d.address_ok = place.community, place.known is not None
        d.building, d.unit, d.room = place.building, place.unit, place.room
    elif place_answer(text, ctx.communities) and not (place.building or place.room):
        d.community = text.strip()[:MAX_ADDRESS]
    elif consultation_cues(text)[0] and d.description:  # 「哦 那装修押金多少钱」: a further question, for the staff too
        d.description = f"{d.description}；{mask_phones(text)}"[: ctx.settings.max_input]
        remember(d, text)
    return proceed(state, ctx, replies)
