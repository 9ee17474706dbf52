"""Who hears about a ticket event, and what they are sent: outbox rows written in the same
transaction as the event (the transactional outbox). Nothing is sent from here.

One small handler per event type (`HANDLERS`). Each message is a `Message`: rendered once for
every audience that receives it (core/privacy.py), so a group, a staff member who does not hold the
ticket, the worker who does and the resident each see the resident's words as they may.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import channels
from core import messages as m
from core.db.engine import per_transaction
from core.db.models import (
    ChannelIdentity,
    Grid,
    GroupBinding,
    Resident,
    Staff,
    StaffGrid,
    Ticket,
    TicketFollower,
)
from core.enums import EventType, Rating, Role, Status, Urgency
from core.outbox import enqueue_later
from core.privacy import Audience, View
from core.service import keys, said_notice, urge_notice
from core.service.card_lines import fresh as _fresh
from core.service.card_lines import latest_line, reopen_line
from core.service.downgrade_notice import downgraded
from core.service.notice_message import Message
from core.service.wecom_notices import WeComNotices
from core.text.danger_over import says_danger_over
from core.text.self_name import introduced_names
from core.texts import desk as to_desk
from core.texts import resident as to_resident
from core.texts import workers as to_workers

# Built once: every filing's notifications run them, and building a select and computing its cache
# key costs more Python than running it from SQLAlchemy's compiled cache.
_BINDINGS = (select(GroupBinding)
             .where(GroupBinding.purpose == bindparam("purpose"), GroupBinding.unbound_at.is_(None))
             .order_by(GroupBinding.id))
_GRID_BINDINGS = _BINDINGS.where(GroupBinding.grid_id == bindparam("grid_id"))
# staff whose channel has no groups for the bot (WeChat) get the grid's cards in their own chat
_DIRECT_STAFF = (
    select(ChannelIdentity)
    .join(StaffGrid, StaffGrid.staff_id == ChannelIdentity.staff_id)
    .join(Staff, Staff.id == StaffGrid.staff_id)
    .where(StaffGrid.grid_id == bindparam("grid_id"), Staff.active.is_(True),
           ChannelIdentity.channel.in_(bindparam("channels", expanding=True))))

# the outbox's audience column: who the row is for, as the senders and the dead-letter alerts read it
_COLUMN = {Audience.RESIDENT: "resident", Audience.FOLLOWER: "resident", Audience.CLAIMER: "staff",
           Audience.STAFF: "staff", Audience.GROUP: "group"}


class Event(Protocol):
    """What the notifier reads of an event: a TicketEvent, or the values a bulk filing just wrote."""

    @property
    def id(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def actor_role(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    @property
    def attachments(self) -> list[Any]: ...
    @property
    def data(self) -> dict[str, Any]: ...


Handler = Callable[["Notifier", "_Poster"], Awaitable[None]]


class Notifier:
    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.wecom = WeComNotices(tz)

    async def on_event(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime) -> None:
        # the chat name, and a name the resident gave in the description (我叫王秀英): masked in a
        # worker's later note too, where no 我叫 leads it
        names = (*await _resident_names(s, t), *introduced_names(t.description))
        await self.wecom.on_event(s, t, ev, now, names)  # the WeCom app's cards and alerts
        handler = HANDLERS.get(EventType(ev.type))
        if handler is not None:
            await handler(self, _Poster(s, t, ev, now, names))

    # -- one handler per event type ------------------------------------------------------------

    async def filed(self, post: _Poster) -> None:
        t = post.ticket
        if t.urgency == Urgency.EMERGENCY:
            triggers = list(t.emergency_triggers)
            await post.desk("supervisors", "emergency",
                            Message.text(lambda v: to_desk.alert_emergency(t, v, self.tz, triggers)))
        if t.grid_id is None or t.needs_dispatcher:
            reason = t.flag_reason or to_desk.UNROUTED
            await post.desk("dispatchers", "unrouted", Message.text(lambda v: to_desk.alert_unrouted(t, v, reason)))

    async def assigned(self, post: _Poster) -> None:
        t, s, ev = post.ticket, post.session, post.event
        grid = await _grid(s, t.grid_id)
        old_grid = ev.data.get("from_grid_id")
        if old_grid and old_grid != t.grid_id:
            await self._card(post, old_grid, note=to_workers.latest_reassigned(grid.name if grid else ""), actions=False)
        await self._card(post, t.grid_id, photos=True)
        if ev.data.get("assignee_id"):
            await self._assigned_worker(post, grid)
            return
        await self._wecom(post, grid, "assignment")
        await self._grid_staff_direct(post, t.grid_id)
        if grid is not None and not ev.data.get("filer_told"):
            await post.residents("assigned", Message.text(lambda v: to_resident.assigned(t, grid.name, self.tz)))

    async def _assigned_worker(self, post: _Poster, grid: Grid | None) -> None:
        """The desk named the worker: told in person with the phone (as after a claim), the former
        holder relieved, the resident told who; nobody else is asked to claim."""
        t, ev, worker = post.ticket, post.event, str(post.event.data.get("assignee") or "")
        await post.staff(int(ev.data["assignee_id"]), "assignment",
                         Message.text(lambda v: to_workers.assigned_to_you(t, v, self.tz, ev.note)))
        if (before := ev.data.get("from_assignee_id")) and before != t.assignee_id:
            await post.staff(int(before), "unassigned", Message.text(lambda v: to_workers.relieved(t, worker)))
        if grid is not None and grid.wecom_robot_url:
            await post.group(channels.ROBOT, grid.wecom_robot_url, "assignment", Message.text(
                lambda v: to_workers.card(t, v, tz=self.tz, grid_name=grid.name, assignee=worker, latest=None)))
        await post.residents("claimed", Message.text(lambda v: to_resident.claimed(t, worker)))

    async def claimed(self, post: _Poster) -> None:
        t = post.ticket
        worker = await self._staff_name(post.session, t.assignee_id)
        await self._card(post, t.grid_id)
        await post.residents("claimed", Message.text(lambda v: to_resident.claimed(t, worker)))
        if t.assignee_id:
            await post.staff(t.assignee_id, "contact", Message.text(lambda v: to_workers.claimer_contact(t, v)))

    async def phone_changed(self, post: _Poster) -> None:
        """The worker who holds the ticket had the old number in private: the new one goes the same way; the grid's
        card shows the masked number instead of 未留 (an emergency is filed before its phone is asked)."""
        t = post.ticket
        await self._card(post, t.grid_id)
        if t.assignee_id:
            await post.staff(t.assignee_id, "contact", Message.text(lambda v: to_workers.phone_changed(t, v)))

    async def progress(self, post: _Poster) -> None:
        t, ev = post.ticket, post.event
        await self._card(post, t.grid_id, latest=ev.note)
        photos = [m.Photo(m.MediaRef.from_json(p)) for p in ev.attachments]
        note = ev.note or to_resident.NO_PROGRESS_NOTE
        await post.residents("progress", Message(lambda v: [m.Text(to_resident.progress(t, v, note)), *photos]))

    async def resolved(self, post: _Poster) -> None:
        t, ev = post.ticket, post.event
        await self._card(post, t.grid_id, latest=ev.note)
        photos = [m.Photo(m.MediaRef.from_json(p)) for p in ev.attachments]
        note = ev.note or to_resident.NO_RESOLUTION_NOTE
        await post.residents("resolution", Message(lambda v: [m.Text(to_resident.resolved(t, v, note)), *photos]))
        await post.residents("survey", Message(lambda v: [self._survey(t, to_resident.survey_prompt(t))]))

    async def returned(self, post: _Poster) -> None:
        t, ev = post.ticket, post.event
        grid_id = ev.data.get("from_grid_id", t.grid_id)
        grid = await _grid(post.session, grid_id)
        await self._card(post, grid_id, latest=to_workers.latest_returned(ev.note or ""), actions=False)
        alert = Message.text(lambda v: to_desk.alert_returned(t, v, ev.note or "", grid.name if grid else None))
        await post.desk("dispatchers", "returned", alert)
        if t.urgency == Urgency.EMERGENCY:  # usertest27: an emergency given back, with nobody on it, reached no head
            await post.desk("supervisors", "returned", alert)
        over = says_danger_over(ev.note)  # 「误报 人已经出来了」: checked by the desk, not people sent again
        await post.residents("returned", Message.text(lambda v: to_resident.returned(t, self.tz, danger_over=over)))

    async def reopened(self, post: _Poster) -> None:
        t, ev = post.ticket, post.event
        await self._card(post, t.grid_id, latest=reopen_line(ev.actor_role, ev.note, ev.data))
        await self._wecom(post, await _grid(post.session, t.grid_id), "reopened")
        if ev.actor_role != Role.RESIDENT:
            await post.residents("reopened", Message.text(lambda v: to_resident.reopened(t)))

    async def ended(self, post: _Poster) -> None:
        """Cancelled or closed: the card loses its buttons."""
        t, ev = post.ticket, post.event
        await self._card(post, t.grid_id, actions=False)
        if ev.type == EventType.CLOSED and ev.actor_role != Role.RESIDENT:
            await post.residents("closed", Message.text(lambda v: to_resident.closed(t)))

    async def merged(self, post: _Poster) -> None:
        t, into = post.ticket, str(post.event.data.get("into"))
        await self._card(post, t.grid_id, latest=to_workers.latest_merged(into), actions=False)
        await post.residents("merged", Message.text(lambda v: to_resident.merged(t, into)))

    async def escalated(self, post: _Poster) -> None:
        t, ev = post.ticket, post.event
        reason = ev.note or ""
        await post.desk("supervisors", "escalation",
                        Message.text(lambda v: to_desk.alert_escalated(t, v, t.escalation_level, reason)))
        if int(ev.data.get("level", 0)) >= 2:
            # level 2 is the written report to the head (seed 004): each supervisor in person too
            await post.supervisors("escalation",
                                   Message.text(lambda v: to_desk.alert_manager_escalation(t, v, self.tz, reason)))
        await self._card(post, t.grid_id)

    async def replied(self, post: _Poster) -> None:
        """The desk wrote to the resident: to the resident who filed it, on the identity they filed from."""
        t, text = post.ticket, post.event.note or ""
        await post.owner("desk_reply", Message.text(lambda v: to_resident.desk_reply(t, text)))

    async def address_changed(self, post: _Poster) -> None:
        """The resident corrected the address: the grid's card shows the new one, the worker who holds the ticket
        is told, and the dispatchers hear when the new address reads as another grid's (the ticket stays)."""
        t, data = post.ticket, post.event.data
        if data.get("location"):  # a location shared after filing: the card's map link, the pin, the worker told
            await self._card(post, t.grid_id, latest=to_workers.LATEST_LOCATION_ADDED, pin=True)
            if t.assignee_id:
                await post.staff(t.assignee_id, "contact", Message.text(lambda v: to_workers.location_added(t, v)))
            return
        old = str(data.get("from") or "")
        await self._card(post, t.grid_id, latest=to_workers.latest_address_changed(old))
        if t.assignee_id:
            await post.staff(t.assignee_id, "contact", Message.text(lambda v: to_workers.address_changed(t, v, old)))
        if data.get("other_grid"):
            reason = to_desk.address_changed(post.event.note or "")
            await post.desk("dispatchers", "flagged", Message.text(lambda v: to_desk.alert_flagged(t, v, reason)))

    async def flagged(self, post: _Poster) -> None:
        t, reason = post.ticket, post.event.note or to_desk.HUMAN_WANTED
        await post.desk("dispatchers", "flagged", Message.text(lambda v: to_desk.alert_flagged(t, v, reason)))

    async def noted(self, post: _Poster) -> None:
        """A note the grid should see on the card: a resident's reason for 不满意."""
        ev = post.event
        if ev.data.get("show_on_card") and ev.data.get("rating") == Rating.DISSATISFIED.value:
            reason = str(ev.data.get("comment") or "")
            await self._card(post, post.ticket.grid_id, latest=to_workers.latest_dissatisfied(reason))

    async def reminded(self, post: _Poster) -> None:
        """A timer's nudge: who hears it depends on what it is about."""
        t, s, reminder = post.ticket, post.session, str(post.event.data.get("reminder", ""))
        actions = tuple(m.Choice(keys.encode(verb, t.number), label)
                        for verb, label in to_workers.worker_action_labels(Status(t.status)))
        grid = await _grid(s, t.grid_id)
        if reminder in ("deadline", "unclaimed", "first_response"):
            percent = int(post.event.data.get("percent", 0))

            def text(v: View) -> str:
                if reminder == "deadline":
                    return to_workers.remind_deadline(t, v, self.tz, percent)
                if reminder == "unclaimed":
                    return to_workers.remind_unclaimed(t, v, self.tz)
                return to_workers.remind_first_response(t, self.tz)

            await post.grid(t.grid_id, "reminder",
                            Message(lambda v: [m.Choices(text(v), actions) if actions else m.Text(text(v))]))
            if grid is not None and grid.wecom_robot_url:
                await post.group(channels.ROBOT, grid.wecom_robot_url, "reminder", Message.text(text))
            if t.assignee_id:
                await post.staff(t.assignee_id, "reminder", Message.text(text))
        elif reminder == "survey":
            await post.residents("survey_reminder", Message(lambda v: [self._survey(t, to_resident.survey_reminder_prompt(t))]))
        elif reminder == "phone_followup":
            options = tuple(m.Choice(keys.encode(keys.FOLLOW_UP, t.number, t.round, code), label)
                            for code, label in to_workers.FOLLOW_UP_OPTIONS)
            await post.grid(t.grid_id, "followup_task",
                            Message(lambda v: [m.Choices(to_workers.phone_followup_task(t, v, self.tz), options)]))
            if grid is not None and grid.wecom_robot_url:
                await post.group(channels.ROBOT, grid.wecom_robot_url, "followup_task", Message.text(
                    lambda v: to_workers.phone_followup_task(t, v, self.tz) + to_workers.ROBOT_FOLLOWUP_HINT))
            if t.assignee_id:
                await post.staff(t.assignee_id, "followup_phone",
                                 Message.text(lambda v: to_workers.phone_followup_private(t, v)))

    # -- building blocks -----------------------------------------------------------------------

    @staticmethod
    def _survey(t: Ticket, prompt: str) -> m.Choices:
        return m.Choices(prompt, tuple(m.Choice(keys.encode(keys.SURVEY, t.number, t.round, code), label)
                                       for code, label in to_resident.SURVEY_OPTIONS))

    async def _card(
        self, post: _Poster, grid_id: int | None, *, latest: str | None = None, note: str | None = None,
        actions: bool = True, photos: bool = False, pin: bool = False,
    ) -> None:
        """The grid's card, edited in place; `photos` adds the ticket's photos and its location pin (at assignment),
        `pin` the pin alone (a location shared after filing)."""
        if grid_id is None:
            return
        t, s = post.ticket, post.session
        grid = await _grid(s, grid_id)
        assignee = await self._staff_name(s, t.assignee_id) if t.assignee_id else None
        shown = note or latest or await latest_line(s, t)
        options = tuple(
            m.Choice(keys.encode(verb, t.number), label)
            for verb, label in to_workers.worker_action_labels(Status(t.status))
        ) if actions else ()

        def render(v: View) -> list[m.OutMessage]:
            text = to_workers.card(t, v, tz=self.tz, grid_name=grid.name if grid else None, assignee=assignee, latest=shown)
            return [m.Choices(text, options) if options else m.Text(text)]

        card = Message(render)
        for binding in await _groups(s, "grid", grid_id):
            await post.group(binding.channel, binding.chat_id, "card", card, edit_key=f"card:{t.id}")
            if photos and t.photos:
                same_channel = [m.Photo(m.MediaRef.from_json(p)) for p in t.photos if p.get("channel") == binding.channel]
                if same_channel:
                    await post.group(binding.channel, binding.chat_id, "photos", Message.fixed(same_channel))
            if (photos or pin) and t.lat is not None and t.lng is not None and channels.capabilities(binding.channel).map_pins:
                # the shared location as a pin the worker can open in their maps (the card has the link)
                await post.group(binding.channel, binding.chat_id, "location", Message(lambda v: [m.Location(
                    m.GeoPoint(t.lat or 0.0, t.lng or 0.0, v.text(t.location_label) if t.location_label else None))]))

    async def _wecom(self, post: _Poster, grid: Grid | None, purpose: str) -> None:
        """A WeCom group robot only posts (no buttons, no edits), so it gets the card at the moments
        a worker must act: a new assignment and a reopened ticket."""
        if grid is None or not grid.wecom_robot_url:
            return
        t = post.ticket
        hint = await self.wecom.robot_hint(post.session, grid.id) or to_workers.robot_claim_hint(t)
        await post.group(channels.ROBOT, grid.wecom_robot_url, purpose, Message.text(
            lambda v: to_workers.card(t, v, tz=self.tz, grid_name=grid.name, assignee=None, latest=None)
            + hint))

    async def _grid_staff_direct(self, post: _Poster, grid_id: int | None) -> None:
        """Staff who work from their own chat (their channel has no bot groups) get the card there."""
        without_groups = channels.without_groups()
        if grid_id is None or not without_groups:
            return
        s, t = post.session, post.ticket

        async def load() -> list[ChannelIdentity]:
            return list((await s.execute(_DIRECT_STAFF, {"grid_id": grid_id, "channels": without_groups})).scalars())

        identities = await per_transaction(s, "notify_direct_staff", grid_id, load)
        if not identities:
            return
        options = tuple(
            m.Choice(keys.encode(verb, t.number), label)
            for verb, label in to_workers.worker_action_labels(Status(t.status))
        )
        card = Message(lambda v: [m.Choices(to_workers.card(t, v, tz=self.tz, grid_name=None, assignee=None, latest=None),
                                            options)])
        for identity in identities:
            audience = Audience.CLAIMER if identity.staff_id == t.assignee_id else Audience.STAFF
            await post.add(identity.channel, identity.external_id, audience, "assignment", card,
                           identity_id=identity.id)

    async def _staff_name(self, s: AsyncSession, staff_id: int | None) -> str:
        if staff_id is None:
            return ""
        staff = await s.get(Staff, staff_id)
        return staff.name if staff else ""


HANDLERS: dict[EventType, Handler] = {
    EventType.FILED: Notifier.filed,
    EventType.ASSIGNED: Notifier.assigned,
    EventType.CLAIMED: Notifier.claimed,
    EventType.PROGRESS: Notifier.progress,
    EventType.RESOLVED: Notifier.resolved,
    EventType.RETURNED: Notifier.returned,
    EventType.REOPENED: Notifier.reopened,
    EventType.CANCELLED: Notifier.ended,
    EventType.CLOSED: Notifier.ended,
    EventType.MERGED: Notifier.merged,
    EventType.ESCALATED: Notifier.escalated,
    EventType.REMINDED: urge_notice.reminded,  # a 催办 by hand, else Notifier.reminded
    EventType.FLAGGED: Notifier.flagged,
    EventType.REPLIED: Notifier.replied,
    EventType.NOTE: Notifier.noted,
    EventType.PHONE_CHANGED: Notifier.phone_changed,
    EventType.ADDRESS_CHANGED: Notifier.address_changed,
    EventType.DOWNGRADED: downgraded, EventType.RESIDENT_SAID: said_notice.resident_said,  # heads told (emergency)
}


class _Poster:
    """Writes outbox rows for one event, each rendered for its recipient's audience."""

    def __init__(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, names: tuple[str, ...]) -> None:
        self.session, self.ticket, self.event, self.now = s, t, ev, now
        self.names = names
        self._views: dict[Audience, View] = {}

    async def add(self, channel: str, address: str, audience: Audience, purpose: str, message: Message,
                  *, edit_key: str | None = None, identity_id: int | None = None) -> None:
        enqueue_later(self.session, self.now, channel=channel, address=address, audience=_COLUMN[audience],
                      purpose=purpose, messages=message.for_view(self._view(audience)),
                      ticket_id=self.ticket.id, event_id=self.event.id, identity_id=identity_id, edit_key=edit_key)

    def _view(self, audience: Audience) -> View:
        view = self._views.get(audience)
        if view is None:
            view = self._views[audience] = View(audience, self.names)
        return view

    async def group(self, channel: str, address: str, purpose: str, message: Message, *,
                    edit_key: str | None = None) -> None:
        await self.add(channel, address, Audience.GROUP, purpose, message, edit_key=edit_key)

    async def residents(self, purpose: str, message: Message) -> None:
        """The ticket's resident, on the identity they filed from, and every resident who joined it
        (who see the resident's words as another resident may)."""
        t = self.ticket
        identity_ids: list[int] = [t.origin_identity_id] if t.origin_identity_id else []
        if not _fresh(self.session, t):
            followers = await self.session.execute(
                select(TicketFollower.identity_id).where(TicketFollower.ticket_id == t.id)
            )
            identity_ids += [i for i in followers.scalars() if i is not None and i not in identity_ids]
        for identity_id in identity_ids:
            identity = await self.session.get(ChannelIdentity, identity_id)
            if identity is None or identity.unsubscribed_at is not None:
                continue
            own = identity.resident_id == t.resident_id
            await self.add(identity.channel, identity.external_id, Audience.RESIDENT if own else Audience.FOLLOWER,
                           purpose, message, identity_id=identity.id)

    async def owner(self, purpose: str, message: Message) -> None:
        """The resident who filed the ticket, on the identity they filed from (a desk's reply)."""
        t = self.ticket
        identity = await self.session.get(ChannelIdentity, t.origin_identity_id) if t.origin_identity_id else None
        if identity is not None and identity.unsubscribed_at is None:
            await self.add(identity.channel, identity.external_id, Audience.RESIDENT, purpose, message,
                           identity_id=identity.id)

    async def staff(self, staff_id: int, purpose: str, message: Message) -> None:
        """A staff member in their own chat: the worker who holds the ticket sees the resident's contact."""
        audience = Audience.CLAIMER if staff_id == self.ticket.assignee_id else Audience.STAFF
        rows = await self.session.execute(select(ChannelIdentity).where(ChannelIdentity.staff_id == staff_id))
        for identity in rows.scalars():
            await self.add(identity.channel, identity.external_id, audience, purpose, message,
                           identity_id=identity.id)

    async def grid(self, grid_id: int | None, purpose: str, message: Message) -> None:
        if grid_id is None:
            return
        for binding in await _groups(self.session, "grid", grid_id):
            await self.group(binding.channel, binding.chat_id, purpose, message)

    async def supervisors(self, purpose: str, message: Message) -> None:
        rows = await self.session.execute(select(Staff.id).where(
            Staff.role == Role.SUPERVISOR.value, Staff.active.is_(True)))
        for staff_id in rows.scalars():
            await self.staff(staff_id, purpose, message)

    async def desk(self, purpose_group: str, purpose: str, message: Message) -> None:
        for binding in await _groups(self.session, purpose_group, None):
            await self.group(binding.channel, binding.chat_id, purpose, message)


_NAMES = "notify_resident_names"


def know_residents(s: AsyncSession, residents: Iterable[Resident]) -> None:
    """Residents the caller has at hand (a filing's): their names need no query when their tickets'
    events are notified."""
    names: dict[int, tuple[str, ...]] = s.info.setdefault(_NAMES, {})
    for resident in residents:
        names[resident.id] = (resident.name,) if resident.name else ()


async def _resident_names(s: AsyncSession, t: Ticket) -> tuple[str, ...]:
    """The resident's own name, masked where their words are shown to those who may not see it."""
    if t.resident_id is None:
        return ()

    async def load() -> tuple[str, ...]:
        resident = await s.get(Resident, t.resident_id)
        return (resident.name,) if resident is not None and resident.name else ()

    return await per_transaction(s, _NAMES, t.resident_id, load)


async def _groups(s: AsyncSession, purpose: str, grid_id: int | None) -> list[GroupBinding]:
    async def load() -> list[GroupBinding]:
        if grid_id is None:
            rows = await s.execute(_BINDINGS, {"purpose": purpose})
        else:
            rows = await s.execute(_GRID_BINDINGS, {"purpose": purpose, "grid_id": grid_id})
        return list(rows.scalars())

    return await per_transaction(s, "notify_groups", (purpose, grid_id), load)


async def _grid(s: AsyncSession, grid_id: int | None) -> Grid | None:
    # the same object the identity map holds; kept at hand because each session.get costs a trip
    # through the async bridge
    if not grid_id:
        return None
    return await per_transaction(s, "notify_grids", grid_id, lambda: s.get(Grid, grid_id))
