"""Who hears about a ticket event, and what they are sent: outbox rows written in the same
transaction as the event (the transactional outbox). Nothing is sent from here."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import messages as m
from core.db.engine import per_transaction
from core.db.models import (
    ChannelIdentity,
    Grid,
    GroupBinding,
    Staff,
    StaffGrid,
    Ticket,
    TicketEvent,
    TicketFollower,
)
from core.enums import EventType, Role, Status, Urgency
from core.outbox import enqueue_later
from core.service import keys
from core.service import texts as tx

WECOM = "wecom"

# Built once: every filing's notifications run them, and building a select and computing its cache
# key costs more Python than running it from SQLAlchemy's compiled cache.
_BINDINGS = (select(GroupBinding)
             .where(GroupBinding.purpose == bindparam("purpose"), GroupBinding.unbound_at.is_(None))
             .order_by(GroupBinding.id))
_GRID_BINDINGS = _BINDINGS.where(GroupBinding.grid_id == bindparam("grid_id"))
_DIRECT_STAFF = (
    select(ChannelIdentity)
    .join(StaffGrid, StaffGrid.staff_id == ChannelIdentity.staff_id)
    .join(Staff, Staff.id == StaffGrid.staff_id)
    .where(StaffGrid.grid_id == bindparam("grid_id"), Staff.active.is_(True), ChannelIdentity.channel == "wechat"))


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


class Notifier:
    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    async def on_event(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime) -> None:
        kind = EventType(ev.type)
        post = _Poster(s, t, ev, now)
        if kind is EventType.FILED:
            if t.urgency == Urgency.EMERGENCY:
                alert = tx.alert_emergency(t, self.tz, list(t.emergency_triggers))
                await post.desk("supervisors", "emergency", [m.Text(alert)])
            if t.grid_id is None or t.needs_dispatcher:
                await post.desk("dispatchers", "unrouted", [m.Text(tx.alert_unrouted(t, t.flag_reason or "未能自动派单"))])
            return
        if kind is EventType.ASSIGNED:
            grid = await _grid(s, t.grid_id)
            old_grid = ev.data.get("from_grid_id")
            if old_grid and old_grid != t.grid_id:
                await self._card(post, old_grid, note=f"已改派至「{grid.name if grid else ''}」", actions=False)
            await self._card(post, t.grid_id, photos=True)
            await self._wecom(post, grid, "assignment")
            await self._grid_staff_direct(post, t.grid_id)
            if grid is not None:
                await post.residents("assigned", [m.Text(tx.to_resident_assigned(t, grid.name, self.tz))])
            return
        if kind is EventType.CLAIMED:
            worker = await self._staff_name(s, t.assignee_id)
            await self._card(post, t.grid_id)
            await post.residents("claimed", [m.Text(tx.to_resident_claimed(t, worker))])
            if t.assignee_id:
                await post.staff(t.assignee_id, "contact", [m.Text(tx.to_claimer_phone(t))])
            return
        if kind is EventType.PROGRESS:
            await self._card(post, t.grid_id, latest=ev.note)
            photos = [m.Photo(m.MediaRef.from_json(p)) for p in ev.attachments]
            await post.residents("progress", [m.Text(tx.to_resident_progress(t, ev.note or "处理中")), *photos])
            return
        if kind is EventType.RESOLVED:
            await self._card(post, t.grid_id, latest=ev.note)
            photos = [m.Photo(m.MediaRef.from_json(p)) for p in ev.attachments]
            survey = m.Choices(
                tx.survey_prompt(t),
                tuple(m.Choice(keys.encode(keys.SURVEY, t.number, t.round, code), label)
                      for code, label in tx.SURVEY_OPTIONS),
            )
            await post.residents("resolution", [m.Text(tx.to_resident_resolved(t, ev.note or "已处理")), *photos])
            await post.residents("survey", [survey])
            return
        if kind is EventType.RETURNED:
            grid_id = ev.data.get("from_grid_id", t.grid_id)
            grid = await _grid(s, grid_id)
            await self._card(post, grid_id, latest=f"已退回：{ev.note}", actions=False)
            await post.desk("dispatchers", "returned", [m.Text(tx.alert_returned(t, ev.note or "", grid.name if grid else None))])
            return
        if kind is EventType.REOPENED:
            await self._card(post, t.grid_id, latest=f"居民不满意：{ev.note}" if ev.note else None)
            grid = await _grid(s, t.grid_id)
            await self._wecom(post, grid, "reopened")
            if ev.actor_role != Role.RESIDENT:
                await post.residents("reopened", [m.Text(tx.to_resident_reopened(t))])
            return
        if kind in (EventType.CANCELLED, EventType.CLOSED):
            await self._card(post, t.grid_id, actions=False)
            if kind is EventType.CLOSED and ev.actor_role != Role.RESIDENT:
                await post.residents("closed", [m.Text(tx.to_resident_closed(t))])
            return
        if kind is EventType.MERGED:
            await self._card(post, t.grid_id, latest=f"已合并到 {ev.data.get('into')}", actions=False)
            await post.residents("merged", [m.Text(tx.to_resident_merged(t, str(ev.data.get("into"))))])
            return
        if kind is EventType.ESCALATED:
            text = tx.alert_escalated(t, t.escalation_level, ev.note or "")
            await post.desk("supervisors", "escalation", [m.Text(text)])
            if int(ev.data.get("level", 0)) >= 2:
                # level 2 is the written report to the head (seed 004): each supervisor in person too
                await post.supervisors("escalation", [m.Text(tx.alert_manager_escalation(t, self.tz, ev.note or ""))])
            await self._card(post, t.grid_id)
            return
        if kind is EventType.REMINDED:
            await self._reminded(post, str(ev.data.get("reminder", "")))
            return
        if kind is EventType.REPLIED:
            await post.owner("desk_reply", [m.Text(tx.to_resident_reply(t, ev.note or ""))])
            return
        if kind is EventType.FLAGGED:
            await post.desk("dispatchers", "flagged", [m.Text(tx.alert_flagged(t, ev.note or "居民要求人工服务"))])
            return

    async def _reminded(self, post: _Poster, reminder: str) -> None:
        """A timer's nudge: who hears it depends on what it is about."""
        t, s = post.ticket, post.session
        actions = tuple(m.Choice(keys.encode(verb, t.number), label)
                        for verb, label in tx.worker_action_labels(Status(t.status)))
        grid = await _grid(s, t.grid_id)
        if reminder in ("deadline", "unclaimed", "first_response"):
            if reminder == "deadline":
                text = tx.remind_deadline(t, self.tz, int(post.event.data.get("percent", 0)))
            elif reminder == "unclaimed":
                text = tx.remind_unclaimed(t, self.tz)
            else:
                text = tx.remind_first_response(t, self.tz)
            await post.grid(t.grid_id, "reminder", [m.Choices(text, actions) if actions else m.Text(text)])
            if grid is not None and grid.wecom_robot_url:
                await post.add(WECOM, grid.wecom_robot_url, "group", "reminder", [m.Text(text)])
            if t.assignee_id:
                await post.staff(t.assignee_id, "reminder", [m.Text(text)])
        elif reminder == "survey":
            survey = m.Choices(
                tx.survey_reminder_prompt(t),
                tuple(m.Choice(keys.encode(keys.SURVEY, t.number, t.round, code), label)
                      for code, label in tx.SURVEY_OPTIONS),
            )
            await post.residents("survey_reminder", [survey])
        elif reminder == "phone_followup":
            task = m.Choices(
                tx.phone_followup_task(t, self.tz),
                tuple(m.Choice(keys.encode(keys.FOLLOW_UP, t.number, t.round, code), label)
                      for code, label in tx.FOLLOW_UP_OPTIONS),
            )
            await post.grid(t.grid_id, "followup_task", [task])
            if grid is not None and grid.wecom_robot_url:
                await post.add(WECOM, grid.wecom_robot_url, "group", "followup_task",
                               [m.Text(tx.phone_followup_task(t, self.tz) + "请在公众号中登记回访结果。")])
            if t.assignee_id:
                await post.staff(t.assignee_id, "followup_phone", [m.Text(tx.phone_followup_private(t))])

    # -- building blocks -----------------------------------------------------------------------

    async def _card(
        self, post: _Poster, grid_id: int | None, *, latest: str | None = None, note: str | None = None,
        actions: bool = True, photos: bool = False,
    ) -> None:
        if grid_id is None:
            return
        t, s = post.ticket, post.session
        grid = await _grid(s, grid_id)
        assignee = await self._staff_name(s, t.assignee_id) if t.assignee_id else None
        text = tx.card(t, tz=self.tz, grid_name=grid.name if grid else None, assignee=assignee,
                       latest=note or latest or await _latest_progress(s, t))
        options = tuple(
            m.Choice(keys.encode(verb, t.number), label)
            for verb, label in tx.worker_action_labels(Status(t.status))
        ) if actions else ()
        card: m.OutMessage = m.Choices(text, options) if options else m.Text(text)
        for binding in await _groups(s, "grid", grid_id):
            await post.add(binding.channel, binding.chat_id, "group", "card", [card], edit_key=f"card:{t.id}")
            if photos and t.photos:
                same_channel = [m.Photo(m.MediaRef.from_json(p)) for p in t.photos if p.get("channel") == binding.channel]
                if same_channel:
                    await post.add(binding.channel, binding.chat_id, "group", "photos", list(same_channel))

    async def _wecom(self, post: _Poster, grid: Grid | None, purpose: str) -> None:
        """A WeCom group robot only posts (no buttons, no edits), so it gets the card at the moments
        a worker must act: a new assignment and a reopened ticket."""
        if grid is None or not grid.wecom_robot_url:
            return
        t = post.ticket
        text = tx.card(t, tz=self.tz, grid_name=grid.name, assignee=None, latest=None)
        text += f"\n请在公众号回复「接单 {t.number}」处理。"
        await post.add(WECOM, grid.wecom_robot_url, "group", purpose, [m.Text(text)])

    async def _grid_staff_direct(self, post: _Poster, grid_id: int | None) -> None:
        """Staff who work from their own chat (WeChat has no bot groups) get the card there."""
        if grid_id is None:
            return
        s, t = post.session, post.ticket

        async def load() -> list[ChannelIdentity]:
            return list((await s.execute(_DIRECT_STAFF, {"grid_id": grid_id})).scalars())

        identities = await per_transaction(s, "notify_direct_staff", grid_id, load)
        if not identities:
            return
        options = tuple(
            m.Choice(keys.encode(verb, t.number), label)
            for verb, label in tx.worker_action_labels(Status(t.status))
        )
        text = tx.card(t, tz=self.tz, grid_name=None, assignee=None, latest=None)
        for identity in identities:
            await post.add(identity.channel, identity.external_id, "staff", "assignment",
                           [m.Choices(text, options)], identity_id=identity.id)

    async def _staff_name(self, s: AsyncSession, staff_id: int | None) -> str:
        if staff_id is None:
            return ""
        staff = await s.get(Staff, staff_id)
        return staff.name if staff else ""


class _Poster:
    """Writes outbox rows for one event."""

    def __init__(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime) -> None:
        self.session, self.ticket, self.event, self.now = s, t, ev, now

    async def add(
        self, channel: str, address: str, audience: str, purpose: str, payload: list[m.OutMessage],
        *, edit_key: str | None = None, identity_id: int | None = None,
    ) -> None:
        enqueue_later(self.session, self.now, channel=channel, address=address, audience=audience, purpose=purpose,
                messages=payload, ticket_id=self.ticket.id, event_id=self.event.id, identity_id=identity_id,
                edit_key=edit_key)

    async def residents(self, purpose: str, payload: list[m.OutMessage]) -> None:
        """The ticket's resident, on the identity they filed from, and every resident who joined it."""
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
            await self.add(identity.channel, identity.external_id, "resident", purpose, payload, identity_id=identity.id)

    async def owner(self, purpose: str, payload: list[m.OutMessage]) -> None:
        """The resident who filed the ticket, on the identity they filed from (a desk's reply)."""
        t = self.ticket
        identity = await self.session.get(ChannelIdentity, t.origin_identity_id) if t.origin_identity_id else None
        if identity is not None and identity.unsubscribed_at is None:
            await self.add(identity.channel, identity.external_id, "resident", purpose, payload, identity_id=identity.id)

    async def staff(self, staff_id: int, purpose: str, payload: list[m.OutMessage]) -> None:
        rows = await self.session.execute(select(ChannelIdentity).where(ChannelIdentity.staff_id == staff_id))
        for identity in rows.scalars():
            await self.add(identity.channel, identity.external_id, "staff", purpose, payload, identity_id=identity.id)

    async def grid(self, grid_id: int | None, purpose: str, payload: list[m.OutMessage]) -> None:
        if grid_id is None:
            return
        for binding in await _groups(self.session, "grid", grid_id):
            await self.add(binding.channel, binding.chat_id, "group", purpose, payload)

    async def supervisors(self, purpose: str, payload: list[m.OutMessage]) -> None:
        rows = await self.session.execute(select(Staff.id).where(
            Staff.role == Role.SUPERVISOR.value, Staff.active.is_(True)))
        for staff_id in rows.scalars():
            await self.staff(staff_id, purpose, payload)

    async def desk(self, purpose_group: str, purpose: str, payload: list[m.OutMessage]) -> None:
        for binding in await _groups(self.session, purpose_group, None):
            await self.add(binding.channel, binding.chat_id, "group", purpose, payload)


def _fresh(s: AsyncSession, t: Ticket) -> bool:
    """Filed in this very transaction: no followers, no progress yet — skip those queries."""
    return t.id in s.info.get("fresh_tickets", ())


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


async def _latest_progress(s: AsyncSession, t: Ticket) -> str | None:
    if _fresh(s, t):
        return None
    row = await s.execute(
        select(TicketEvent.note)
        .where(TicketEvent.ticket_id == t.id, TicketEvent.type == EventType.PROGRESS, TicketEvent.note.is_not(None))
        .order_by(TicketEvent.id.desc()).limit(1)
    )
    return row.scalar_one_or_none()
