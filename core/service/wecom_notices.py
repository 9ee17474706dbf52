"""Who hears what in the WeCom app (企业微信自建应用): the staff bound to a WeCom userid (a channel
identity on "wecom_app"). The notifier calls `WeComNotices.on_event` once per event, inside the
event's transaction; like the notifier it only writes rows (outbox messages, card records).

- A ticket reaches a grid (assigned, reopened): one button card (接单 / 退回) to every WeCom-bound
  worker of the grid. The card is a `WeComCard` row; its outbox rows go to `card:<task_id>`.
- Whenever what a card shows changes — someone claims (「已由张伟接单」, buttons greyed for every
  holder so nobody acts twice), a progress note from any channel or the desk, 办结, an escalation —
  every live card of the ticket gets its whole current content again (status, latest line, and its
  buttons or the grey label): a `card_update` row carrying the card as its holders should see it
  now. The sender updates it in place when WeCom still lets it, else sends a fresh copy
  (bot/adapters/wecom_app/sender.py). The worker who claimed gets a card of their own (进展 / 办结 /
  退回).
- The ticket leaves a card (returned, reassigned, reopened for another round, cancelled, merged,
  closed): its last update shows why, then it is retired and no longer changed.
- The desk names a worker (assigned with an assignee): every live card is retired with
  「已指派给张伟」 and that worker gets the work card, as after their own claim.
- An unclaimed ticket's reminders, escalations and emergencies: a text to those who must act.

What a staff member hears in person (the claimer's full phone, reminders to the assignee, the
written escalation to supervisors) reaches their WeCom identity through the notifier's staff rows
already, since those go to every identity a staff member has.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import messages as m
from core.db.engine import per_transaction
from core.db.models import ChannelIdentity, Grid, Staff, StaffGrid, Ticket, WeComCard
from core.enums import EventType, Role, Status, Urgency
from core.outbox import enqueue_later
from core.privacy import Audience, View
from core.service import keys
from core.service.card_lines import fresh, latest_line
from core.service.urge_notice import MANUAL
from core.texts import desk as to_desk
from core.texts import wecom as wtx
from core.texts import workers as to_workers

CHANNEL = "wecom_app"
CARD = "card:"  # outbox address prefix of a card: card:<task_id>

_GRID_USERS = (
    select(ChannelIdentity.external_id, ChannelIdentity.id)
    .join(StaffGrid, StaffGrid.staff_id == ChannelIdentity.staff_id)
    .join(Staff, Staff.id == StaffGrid.staff_id)
    .where(StaffGrid.grid_id == bindparam("grid_id"), Staff.active.is_(True), ChannelIdentity.channel == CHANNEL)
    .order_by(ChannelIdentity.external_id))
_STAFF_USERS = (
    select(ChannelIdentity.external_id, ChannelIdentity.id)
    .join(Staff, Staff.id == ChannelIdentity.staff_id)
    .where(ChannelIdentity.staff_id == bindparam("staff_id"), Staff.active.is_(True),
           ChannelIdentity.channel == CHANNEL))
_SUPERVISOR_USERS = (
    select(ChannelIdentity.external_id, ChannelIdentity.id)
    .join(Staff, Staff.id == ChannelIdentity.staff_id)
    .where(Staff.role == Role.SUPERVISOR.value, Staff.active.is_(True), ChannelIdentity.channel == CHANNEL)
    .order_by(ChannelIdentity.external_id))
# the cards still showing the ticket's present: not retired, not replaced by a fresh copy
_LIVE_CARDS = (select(WeComCard).where(WeComCard.ticket_id == bindparam("ticket_id"), WeComCard.retired_at.is_(None),
                                       WeComCard.replaced_by.is_(None))
               .order_by(WeComCard.created_at, WeComCard.task_id))
GRID, WORK = "g", "w"  # a card for the grid's workers / for the worker who claimed

User = tuple[str, int]  # (userid, identity id)


class Event(Protocol):
    """What is read of an event (a TicketEvent, or the values a bulk filing just wrote)."""

    @property
    def id(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    @property
    def data(self) -> dict[str, Any]: ...


class WeComNotices:
    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    async def on_event(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, names: Sequence[str]) -> None:
        """`names`: the resident's own name(s), masked wherever their words reach staff here."""
        kind = EventType(ev.type)
        staff = View.of(Audience.STAFF, names)  # what a staff member who does not hold the ticket sees
        if kind is EventType.FILED:
            if t.urgency == Urgency.EMERGENCY:
                text = to_desk.alert_emergency(t, staff, self.tz, list(t.emergency_triggers))
                users = await _supervisors(s) + await _grid_users(s, t.grid_id)
                self._texts(s, t, ev, now, _unique(users), "emergency", text)
            return
        if kind is EventType.DOWNGRADED:  # the emergency's alert reached them in person: so does its retraction
            users = await _supervisors(s) + await _grid_users(s, t.grid_id)
            self._texts(s, t, ev, now, _unique(users), "emergency", to_desk.alert_downgraded(t, staff, self.tz,
                                                                                  ev.data.get("checked")))
            return
        if kind is EventType.ASSIGNED and ev.data.get("assignee_id"):
            # the desk named the worker: every open card says so, and the worker gets the work card
            if not fresh(s, t):
                await self._refresh(s, t, ev, now, names, close=wtx.assigned_to(str(ev.data.get("assignee") or "")),
                                    retire=True)
            await self._work_card(s, t, ev, now, View.of(Audience.CLAIMER, names))
            return
        if kind in (EventType.ASSIGNED, EventType.REOPENED):
            if not fresh(s, t):
                moved = kind is EventType.ASSIGNED and ev.data.get("from_grid_id") not in (None, t.grid_id)
                label = wtx.REOPENED if kind is EventType.REOPENED else (
                    wtx.REASSIGNED if moved else wtx.REDISPATCHED)
                await self._refresh(s, t, ev, now, names, close=label, retire=True)
            await self._grid_card(s, t, ev, now, staff)
            return
        if kind is EventType.CLAIMED:
            await self._refresh(s, t, ev, now, names, close=wtx.claimed_by(await _staff_name(s, t.assignee_id)))
            if t.assignee_id is not None:
                await self._work_card(s, t, ev, now, View.of(Audience.CLAIMER, names))
            return
        if kind is EventType.ADDRESS_CHANGED:  # the cards show the corrected address
            await self._refresh(s, t, ev, now, names, latest=to_workers.latest_address_changed(str(ev.data.get("from") or "")))
            return
        if kind in (EventType.PROGRESS, EventType.RESOLVED):
            # the note is the card's new "最新" line; 办结 greys the work card's buttons out
            await self._refresh(s, t, ev, now, names, latest=ev.note,
                                close=wtx.RESOLVED if kind is EventType.RESOLVED else None)
            return
        ending = {EventType.RETURNED: wtx.RETURNED, EventType.CANCELLED: wtx.CANCELLED, EventType.CLOSED: wtx.CLOSED,
                  EventType.MERGED: wtx.merged(str(ev.data.get("into", "")))}
        if kind in ending:
            await self._refresh(s, t, ev, now, names, close=ending[kind], retire=True)
            return
        if kind is EventType.REMINDED:
            reminder = str(ev.data.get("reminder"))
            if t.assignee_id is None and reminder == MANUAL:  # 催办 by hand from the desk (desk30)
                text = to_workers.remind_urged(t, staff, self.tz, str(ev.data.get("by") or ""), ev.note)
                self._texts(s, t, ev, now, await _grid_users(s, t.grid_id), "reminder", text)
            elif t.assignee_id is None and reminder in ("deadline", "unclaimed", "first_response"):
                text = _reminder(t, staff, self.tz, reminder, int(ev.data.get("percent", 0)))
                self._texts(s, t, ev, now, await _grid_users(s, t.grid_id), "reminder", text)
            return
        if kind is EventType.ESCALATED:
            text = to_desk.alert_escalated(t, staff, t.escalation_level, ev.note or "")
            # level 2 reaches every supervisor in person through the notifier already
            users = [] if int(ev.data.get("level", 0)) >= 2 else await _supervisors(s)
            users += await (_staff_users(s, t.assignee_id) if t.assignee_id else _grid_users(s, t.grid_id))
            self._texts(s, t, ev, now, _unique(users), "escalation", text)
            await self._refresh(s, t, ev, now, names)  # the cards show 已升级督办

    async def robot_hint(self, s: AsyncSession, grid_id: int) -> str | None:
        """Where the group robot's post sends the grid to act: the app, once its workers have it
        (None: as before)."""
        return wtx.ROBOT_HINT_APP if await _grid_users(s, grid_id) else None

    # ---- cards ---------------------------------------------------------------------------------

    async def _grid_card(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, staff: View) -> None:
        """For the grid's workers, none of whom holds the ticket yet: the phone masked."""
        users = await _grid_users(s, t.grid_id)
        if users:
            text = await self._text(s, t, GRID, staff, latest=None)
            self._card(s, t, ev, now, users, GRID, text)

    async def _work_card(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, claimer: View) -> None:
        """For the worker who claimed it: the ticket as its holder sees it, and the work's buttons."""
        users = await _staff_users(s, t.assignee_id)
        if users:
            text = await self._text(s, t, WORK, claimer, latest=await latest_line(s, t))
            self._card(s, t, ev, now, users, WORK, text)

    async def _text(self, s: AsyncSession, t: Ticket, kind: str, v: View, *, latest: str | None) -> str:
        grid = await s.get(Grid, t.grid_id) if t.grid_id and kind == GRID else None
        return to_workers.card(t, v, tz=self.tz, grid_name=grid.name if grid else None,
                               assignee=await _staff_name(s, t.assignee_id) or None, latest=latest)

    def _card(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, users: Sequence[User], kind: str,
              text: str) -> None:
        task_id = f"t{t.id}e{ev.id}{kind}"
        s.add(WeComCard(task_id=task_id, ticket_id=t.id, userids=[u for u, _ in users], created_at=now, kind=kind))
        enqueue_later(s, now, channel=CHANNEL, address=CARD + task_id, audience="staff", purpose="card",
                      messages=[_choices(t, kind, text)], ticket_id=t.id, event_id=ev.id)

    async def _refresh(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, names: Sequence[str], *,
                       latest: str | None = None, close: str | None = None, retire: bool = False) -> None:
        """Every live card of the ticket shows what is true now, for all its holders. `close`: the
        label that greys out the buttons of the cards still open; `retire`: the ticket leaves these
        cards, every one shows `close` and none is changed again."""
        cards = list((await s.execute(_LIVE_CARDS, {"ticket_id": t.id})).scalars())
        if not cards:
            return
        shown = latest if latest is not None else await latest_line(s, t)
        views = {GRID: View.of(Audience.STAFF, names), WORK: View.of(Audience.CLAIMER, names)}
        for card in cards:
            if close and (card.closed_at is None or retire):
                card.closed_at, card.closed_label = now, close[:100]
            if retire:
                card.retired_at = now
            text = await self._text(s, t, card.kind, views.get(card.kind, views[GRID]), latest=shown)
            messages: list[m.OutMessage] = [_choices(t, card.kind, text)]
            if card.closed_label:
                messages.append(m.Notice(card.closed_label))
            # a newer update of the same card not yet sent makes this one pointless (core/outbox.py)
            enqueue_later(s, now, channel=CHANNEL, address=CARD + card.task_id, audience="staff",
                          purpose="card_update", messages=messages, ticket_id=t.id, event_id=ev.id,
                          edit_key=CARD + card.task_id)

    # ---- texts ---------------------------------------------------------------------------------

    def _texts(self, s: AsyncSession, t: Ticket, ev: Event, now: datetime, users: Sequence[User], purpose: str,
               text: str) -> None:
        for userid, identity_id in users:
            enqueue_later(s, now, channel=CHANNEL, address=userid, audience="staff", purpose=purpose,
                          messages=[m.Text(text)], ticket_id=t.id, event_id=ev.id, identity_id=identity_id)


def _reminder(t: Ticket, v: View, tz: ZoneInfo, reminder: str, percent: int) -> str:
    if reminder == "deadline":
        return to_workers.remind_deadline(t, v, tz, percent)
    if reminder == "unclaimed":
        return to_workers.remind_unclaimed(t, v, tz)
    return to_workers.remind_first_response(t, tz)


def _choices(t: Ticket, kind: str, text: str) -> m.Choices:
    """A card with its kind's buttons: a grey label replaces them once someone has acted."""
    status = Status.ACCEPTED if kind == WORK else Status.ASSIGNED
    return m.Choices(text, tuple(m.Choice(keys.encode(verb, t.number), label)
                                 for verb, label in to_workers.worker_action_labels(status)))


def _unique(users: Sequence[User]) -> list[User]:
    return list(dict.fromkeys(users))


async def _grid_users(s: AsyncSession, grid_id: int | None) -> list[User]:
    if grid_id is None:
        return []

    async def load() -> list[User]:
        return [(r[0], r[1]) for r in (await s.execute(_GRID_USERS, {"grid_id": grid_id})).all()]

    # a bulk filing asks for the same grids again and again within one transaction
    return await per_transaction(s, "wecom_grid_users", grid_id, load)


async def _staff_users(s: AsyncSession, staff_id: int | None) -> list[User]:
    if staff_id is None:
        return []
    return [(r[0], r[1]) for r in (await s.execute(_STAFF_USERS, {"staff_id": staff_id})).all()]


async def _supervisors(s: AsyncSession) -> list[User]:
    async def load() -> list[User]:
        return [(r[0], r[1]) for r in (await s.execute(_SUPERVISOR_USERS)).all()]

    return await per_transaction(s, "wecom_supervisors", None, load)


async def _staff_name(s: AsyncSession, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    staff = await s.get(Staff, staff_id)
    return staff.name if staff else ""
