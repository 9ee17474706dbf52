"""「不好意思 刚才说错了 是3单元 不是2单元」 right after filing: the resident corrects the address of the ticket just filed
(sixteenth session: it was only a note, and the ticket, the grid's card and the worker kept 2单元). As for the phone
(aftercare.phone_fix), within the window after filing: words that say the place was said wrong or is another one,
and a place read from them. Only the parts said change (core/service/address_change.py). Words that complain
or only add a detail (6楼, 在楼梯口) stay a note on the ticket, as before."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.dialogs import aftercare_texts as atx
from bot.dialogs import emergency_texts as etx
from bot.dialogs.context import Context
from bot.dialogs.effects import AddLocation, ChangeAddress, Done, Effect, Refused
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from bot.dialogs.understand import read_address
from core.messages import GeoPoint, OutMessage, Text
from core.text.address import Address, CommunitySpec
from core.text.answers import another_matter
from core.text.normalize import nfkc
from core.text.urgency import EMERGENCY, assess_urgency

# the place said wrong (说错了, 写错了, 地址不对, 单元号错了), set right (应该是, 改成, 更正), or said against the old one
# (是3单元不是2单元, 不是5栋是6栋)
_FIXES = re.compile(r"[说写填打弄搞输记]错|(?:地址|小区|楼号|栋|单元|门牌|房号|房间号|室)[^，,。\d]{0,4}(?:错|不对)"
                    r"|不对[^，,。\d]{0,3}[，,\s]*(?:应该)?是|应该是|改(?:成|为|一下)|更正|是[^，,。！!]{1,12}[，,\s]*不是|不是[^，,。！!]{1,12}[，,\s]*(?:而|应该|就)?是")
# someone else's mistake (师傅弄错了 去了3单元: where the worker went, not where the matter is), or the phone's (楼上3单元
#打错电话了)
_NOT_MINE = re.compile(r"(?:师傅|工人|维修工|你们|他们|他|她|物业|保安)[^，,。]{0,3}[说写填打弄搞输记找走跑去]错"
                       r"|打错(?:了)?电话|电话[^，,。]{0,4}打错")
# the old place, said to be wrong: 不是2单元, 2单元改成 — left out before reading the new one
_NOT_THIS = re.compile(r"(?:不是|并非)[^，,。；;！!\s]*?(?=而是|是|[，,。；;！!\s]|$)")
_CHANGED_FROM = re.compile(r"^.*?(?:改成|改为|换成)")
_MAX = 60  # characters: a longer message tells a matter of its own


def address_fix(state: ConvState, ctx: Context, text: str | None) -> Address | None:
    """After filing, within the window: the place the resident corrects the ticket just filed to; None when the
    words do not correct a place (a detail, a complaint, another matter, danger)."""
    if not text or not _soon_after_filing(state, ctx):
        return None
    if state.place_wanted_for is not None and state.place_wanted_for == state.last_filed:
        wanted = _wanted_place(text, ctx.communities)
        if wanted is not None:
            return wanted
    return corrected_place(text, ctx.communities)


def _wanted_place(text: str, communities: Sequence[CommunitySpec]) -> Address | None:
    """The address an emergency filed with loose words asked for (「翠湖苑3座1502」 after 「就我家啊」): a 小区 or a
    building read, said on its own."""
    t = nfkc(text)
    if len(text) > _MAX or another_matter(t):
        return None
    place = read_address(t, communities)
    if not (place.community or place.building):
        return None
    return Address(place.community, place.building, place.unit, place.room)


def corrected_place(text: str, communities: Sequence[CommunitySpec]) -> Address | None:
    """The place words correct a place to (「不好意思 刚才说错了 是3单元 不是2单元」 → 3单元), only the parts said; None
    when they do not correct a place. Also read at the read-back, before filing."""
    if len(text) > _MAX:
        return None
    t = nfkc(text)
    if not _FIXES.search(t) or _NOT_MINE.search(t) or another_matter(t):
        return None
    place = read_address(_CHANGED_FROM.sub("", _NOT_THIS.sub(" ", t)), communities)
    if place.is_empty or assess_urgency(text).level == EMERGENCY:
        return None
    return Address(place.community, place.building, place.unit, place.room)


def change_address(state: ConvState, place: Address) -> Step:
    assert state.last_filed is not None
    return Step(state, [], [ChangeAddress(number=state.last_filed, place=place, then=_address_changed)])


def _address_changed(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, ChangeAddress)
    if isinstance(result, Refused):
        return Step(state, [Text(result.message)])
    if not isinstance(result, Done):
        return Step(state, [Text(atx.ADDRESS_NOT_CHANGED)])
    state.place_wanted_for = None
    return Step(state, [Text(atx.address_changed_on_ticket(effect.number, result.detail))])


def location_for_last(state: ConvState, ctx: Context, text: str | None) -> bool:
    """A location shared on its own soon after filing belongs to the ticket just filed (an emergency's alert asks
    for one; many send it after 「提交」): it must not open a new draft asking what happened."""
    if text and text.strip():
        return False
    if state.place_wanted_for is not None and state.place_wanted_for == state.last_filed:
        return _soon_after_filing(state, ctx)
    return (state.last_filed is not None and state.last_filed_at is not None
            and ctx.now - state.last_filed_at <= ctx.settings.photos_follow_filing)


def add_location(state: ConvState, point: GeoPoint) -> Step:
    assert state.last_filed is not None
    return Step(state, [], [AddLocation(number=state.last_filed, point=point, then=_location_added)])


def _location_added(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, AddLocation)
    if isinstance(result, Refused):
        return Step(state, [Text(result.message)])
    if not isinstance(result, Done):
        return Step(state, [Text(atx.LOCATION_NOT_ADDED)])
    replies: list[OutMessage] = [Text(atx.location_added_to_ticket(effect.number, emergency=state.last_filed_emergency))]
    if state.place_wanted_for == effect.number:
        state.place_wanted_for = None
    if state.phone_wanted_for == effect.number:  # the place is there now; the phone is still wanted
        replies.append(Text(etx.ASK_PHONE_AFTER_EMERGENCY))
    return Step(state, replies)


def _soon_after_filing(state: ConvState, ctx: Context) -> bool:
    return (state.last_filed is not None and state.last_filed_at is not None
            and ctx.now - state.last_filed_at <= ctx.settings.desk_thread)
