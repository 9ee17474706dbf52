"""The rest of a place said late: a door (3单元1102, 是602) that finishes the address already taken, sent a
question after it was asked (at the time, phone or triage question), and how to tell words that name a place."""

from __future__ import annotations

import re

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.inputs import word
from bot.dialogs.intake.fields import address_label
from bot.dialogs.intake.keys import MAX_ADDRESS
from bot.dialogs.state import Draft
from bot.dialogs.understand import Place, door_only, place_answer, place_detail, read_address
from core.messages import Text
from core.text.normalize import fold

_DOOR_SAID = re.compile(r"(?:楼上|楼下|隔壁|对门|对面)\s*[0-9]{3,4}|[0-9]{3,4}\s*(?:室|号房)")


def names_a_place(text: str, ctx: Context) -> bool:
    """Words with no time that name a door (楼上501, 1203室) or a building: said about where, often
    who causes it, so they go to the description and the time is asked again."""
    return bool(_DOOR_SAID.search(text)) or not read_address(text, ctx.communities).is_empty


def finish_place(d: Draft, text: str, ctx: Context, *, door_asked: bool = False) -> bool:
    """Words that are only a door (3单元1102, 是1102) finishing the address already taken, with nothing in them
    that contradicts it: merged into it (the resident sent the rest a question late; it was kept as a remark)."""
    if not (d.address_ok and (d.community or d.building)) or not door_only(text):
        return False
    place = read_address(text, ctx.communities)
    bare = _BARE_ROOM.fullmatch(word(text))
    if place.is_empty and bare and (d.unit or door_asked) and not d.room:  # 「是602」 after 3栋2单元: the room
        place = Place(None, None, None, bare.group(1), None)
    if place.community and place.community != d.community:
        return False
    if place.building and d.building and place.building != d.building:
        return False
    if not ((place.unit and not d.unit) or (place.room and not d.room) or (place.building and not d.building)):
        return False
    d.building, d.unit, d.room = d.building or place.building, d.unit or place.unit, d.room or place.room
    return True


def replace_loose_place(d: Draft, text: str, ctx: Context) -> bool:
    """A whole address (翠湖苑3座1502) said after the address taken named no 小区 and no building (an emergency takes
    any words: 「我已经出来了 在楼下」): it replaces them, and the loose words go to the description (thirteenth session:
    the address came at the phone question, was refused as a phone number, and the emergency kept 「在楼下」)."""
    if d.community or d.building or not d.address_text:
        return False
    place = read_address(text, ctx.communities)
    if not (place.known is not None or (place.community and place.building)) or not place_answer(text, ctx.communities):
        return False
    loose = d.address_text
    d.community, d.building, d.unit, d.room = place.community, place.building, place.unit, place.room
    d.address_text, d.address_ok = None, True
    if loose not in (d.description or ""):
        d.description = f"{d.description}；{loose}" if d.description else loose
    return True


_BARE_ROOM = re.compile(r"(?:是|在|住|我家|我家是)?(\d{3,4})(?:室|号|房)?")


def bare_room(text: str) -> str | None:
    """A door number said alone (1202, 是602, 1102室): the room of a building already read."""
    m = _BARE_ROOM.fullmatch(word(text))
    return m.group(1) if m else None


def place_again(d: Draft, text: str, ctx: Context) -> Text | None:
    """At the time question, words with no time that only say where: the address said again (幸福里小区3栋), what it
    lacked (its 小区), or a spot in it (主要是B区靠电梯那一片, 就在3栋后面). The place, not when (round 23: they were
    kept as a remark, or stored as the time): merged into the address taken, and the time asked again. None for
    words that say another place (我说的是楼上501: who causes it, a remark) or no place at all."""
    if not d.address_ok or _DOOR_SAID.search(text) or _ELSEWHERE.search(text) or not place_answer(text, ctx.communities):
        return None
    place = read_address(text, ctx.communities)
    if not _agrees(d, place):
        return None
    if place.community:
        spot = place_detail(text, place.community)
    else:
        spot = _SPOT_LEAD.sub("", text.strip(" ，,。")) if _SPOT.search(text) or (place.building and _NEAR.search(text)) else None
        if place.is_empty and not spot:
            return None  # 大概一个星期 (its 期) names no spot
    d.community = d.community or place.community
    d.building, d.unit, d.room = d.building or place.building, d.unit or place.unit, d.room or place.room
    if spot and not d.address_text:
        d.address_text = spot[:MAX_ADDRESS]
    return Text(tx.PLACE_KNOWN.format(place=address_label(d)))


# another door or building pointed at (不是我们这栋 是隔壁3栋, 对门那家): who causes it, a remark
_ELSEWHERE = re.compile(r"不是|隔壁|对门|那家|那户|别的")


def _agrees(d: Draft, place: Place) -> bool:
    """Nothing in `place` contradicts the address taken (幸福里 for 幸福里小区 agrees)."""
    if place.community and d.community:
        said, taken = fold(place.community), fold(d.community)
        if not (said.startswith(taken) or taken.startswith(said)):
            return False
    pairs = ((place.building, d.building), (place.unit, d.unit), (place.room, d.room))
    return all(not said or not taken or said == taken for said, taken in pairs)


# a spot in an estate said with no building (B区靠电梯那一片, 东门旁边, 地库入口那块)
_SPOT = re.compile(r"[A-Za-z\d]区|区域|那一?片|那块|那边|这边|旁边|边上|附近|门口|入口|出口|电梯口|楼道|车库|地库|停车场"
                   r"|花坛|绿化带|广场|[东南西北大侧后]门|路口")
_SPOT_LEAD = re.compile(r"^(?:主要是|主要在|就是在|就在|就是|位置在|是在|在)")
# a spot beside a building (3栋后面, 2号楼门口): kept with the address; a building alone is in it already
_NEAR = re.compile(r"旁边|边上|门口|门前|前面|后面|背后|对面|附近|中间|之间|侧面|外面|[那这][条段片块个]")


def place_added(d: Draft) -> Text:
    return Text(tx.PLACE_ADDED.format(place=address_label(d)))
