"""The rest of a place said late: a door (3单元1102, 是602) that finishes the address already taken, sent a
question after it was asked (at the time, phone or triage question), and how to tell words that name a place."""

from __future__ import annotations

import re

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.inputs import word
from bot.dialogs.intake.fields import address_label
from bot.dialogs.state import Draft
from bot.dialogs.understand import Place, door_only, place_answer, read_address
from core.messages import Text

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


def place_added(d: Draft) -> Text:
    return Text(tx.PLACE_ADDED.format(place=address_label(d)))
