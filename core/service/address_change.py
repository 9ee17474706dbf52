"""「不好意思 刚才说错了 是3单元」: the resident corrects where the matter of their open ticket is (sixteenth session:
it was only a note, and the ticket, the grid's card and the worker kept the wrong unit).

Only the parts said change: 「是3单元」 keeps 幸福里小区5栋 and its room; 「是阳光花园」 alone keeps the building and
unit, but 「是阳光花园5栋」 says the place anew (nothing of the old one is kept). A free-text detail of the old place
(南门, 2栋旁边的车棚) goes when the 小区 or the building changes, since it described the old one.

The grid stays: a resident's correction never moves the ticket by itself. Moving it is the desk's assign, which
may take it from a worker who already holds it (claimed, on the way) and restarts the grid's clock; a misread
word would then send the work away from the people doing it. When the router reads the corrected address as
another grid's, the event says so and the dispatchers are alerted (core/service/notify.py), as for an unrouted
ticket: a person decides."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from core.db.models import Grid, Ticket
from core.enums import EventType
from core.errors import InvalidInput
from core.messages import GeoPoint
from core.service.actor import Actor
from core.service.filing import Router
from core.service.resident_actions import own_and_open
from core.service.ticket_writer import TicketWriter
from core.text.address import Address, display
from core.texts import errors, notes


class _Routing(Protocol):
    """Where filing keeps its router (core/service/filing.py): which grid an address reads as."""

    @property
    def router(self) -> Router | None: ...


class AddressChange:
    def __init__(self, writer: TicketWriter, routing: _Routing) -> None:
        self.writer, self.routing = writer, routing  # the router is read at each call (it may be set later)

    async def change(self, number: str, actor: Actor, said: Address) -> Ticket:
        """The parts of `said` replace the ticket's; an ADDRESS_CHANGED event keeps the old and new address.
        Only the resident's own open ticket (someone else's answers as an unknown one, a closed one refuses)."""
        if said.is_empty:
            raise InvalidInput(errors.BAD_ADDRESS)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            own_and_open(t, actor)
            before = _parts(t)
            after = merged(before, said)
            if after == before:
                return
            old_label = label(t)
            if after.community != before.community or after.building != before.building:
                t.address_text = None  # a detail of the old place (南门, 2栋旁边)
            t.community, t.building, t.unit, t.room = after.community, after.building, after.unit, after.room
            new_label = label(t)
            data: dict[str, Any] = {"from": old_label, "to": new_label,
                                    "from_parts": _as_dict(before), "to_parts": _as_dict(after)}
            note = notes.address_changed(old_label, new_label)
            other = await self._other_grid(s, t) if (after.community, after.building) != (
                before.community, before.building) else None
            if other is not None:
                data.update(other_grid_id=other[0], other_grid=other[1])
                note += notes.address_other_grid(other[1])
            await self.writer.event(s, t, EventType.ADDRESS_CHANGED, actor, None, None, now, note=note, data=data)

        return await self.writer.change(number, work, visible_to=actor)

    async def locate(self, number: str, actor: Actor, point: GeoPoint) -> Ticket:
        """A location the resident shares right after filing (the emergency's 「或直接发送位置」 came after the alert
        was out): the ticket carries it from now on, its card shows it with a map link and the grid gets the pin.
        The words of the address stay; a point shared again replaces the earlier one."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            own_and_open(t, actor)
            if (t.lat, t.lng, t.location_label) == (point.lat, point.lng, point.label):
                return
            old_label = label(t)
            t.lat, t.lng, t.location_label = point.lat, point.lng, point.label
            await self.writer.event(s, t, EventType.ADDRESS_CHANGED, actor, None, None, now,
                                    note=notes.LOCATION_ADDED, data={"from": old_label, "to": label(t), "location": True})

        return await self.writer.change(number, work, visible_to=actor)

    async def _other_grid(self, s: AsyncSession, t: Ticket) -> tuple[int, str] | None:
        """The grid the router reads the corrected address as, when it is not the ticket's."""
        router = self.routing.router
        if router is None:
            return None
        route = await router.route(s, t)
        if route is None or route.grid_id == t.grid_id:
            return None
        grid = await s.get(Grid, route.grid_id)
        return route.grid_id, grid.name if grid is not None else f"#{route.grid_id}"


def merged(before: Address, said: Address) -> Address:
    """The ticket's place with the parts said put in. A 小区 said with more (应该是阳光花园5栋) says the place anew
    from the top: what it leaves out is not known of the new place, and the old 2单元 would send the worker wrong."""
    if said.community and said.community != before.community and (said.building or said.unit or said.room):
        return said
    return Address(said.community or before.community, said.building or before.building,
                   said.unit or before.unit, said.room or before.room)


def label(t: Ticket) -> str:
    return display(t.community, t.building, t.unit, t.room, t.address_text or t.location_label) or ""


def _parts(t: Ticket) -> Address:
    return Address(t.community, t.building, t.unit, t.room)


def _as_dict(a: Address) -> dict[str, str | None]:
    return {"community": a.community, "building": a.building, "unit": a.unit, "room": a.room}
