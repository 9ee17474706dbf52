"""The rest of the place sent after filing (flow30's user test: an emergency filed at 「翠湖苑3栋」, then 「3号楼1单元102」 —
told 「已转告…人员」, but the ticket, the grid's card and the worker kept 3栋, the door only in the timeline). Within the
window after filing, words that are only a place (a door: the building, unit and room, or some of them) that agree
with the ticket's place and say more of it — a unit or a room it lacked, or the building when it had none — go onto the
ticket as its address (ChangeAddress: the card and the worker are told, as for 「说错了 是3单元」, place_fix.py). A place
that disagrees (another building) is no refinement: a correction needs its words (说错了), else it stays a note."""

from __future__ import annotations

from bot.dialogs.context import Context
from bot.dialogs.state import ConvState
from bot.dialogs.understand import door_only, read_address
from core.text.address import Address
from core.text.normalize import nfkc

_MAX = 30  # characters: more is a message of its own


def fuller_place(state: ConvState, ctx: Context, text: str | None) -> Address | None:
    """The door said after filing that completes the ticket's place, as the parts to change; else None."""
    filed = state.last_filed_place
    if (not text or len(text) > _MAX or filed is None or state.last_filed is None or state.last_filed_at is None
            or ctx.now - state.last_filed_at > ctx.settings.desk_thread or not door_only(text)):
        return None
    place = read_address(nfkc(text), ctx.communities)
    if place.community and place.community != filed.community:
        return None
    if place.building and filed.building and place.building != filed.building:
        return None
    if place.unit and filed.unit and place.unit != filed.unit:
        return None
    if place.room and filed.room:
        return None
    adds = (place.building and not filed.building) or (place.unit and not filed.unit) or (place.room and not filed.room)
    if not adds:
        return None
    return Address(None, place.building or filed.building, place.unit or filed.unit, place.room)
