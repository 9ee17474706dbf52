"""Runs the effects the dialogs ask for against the real core. Who may do what is decided by the core
(core/service/permissions.py): the executor only says who acts and from where; every DomainError
comes back as `Refused` with its readable message. What it reads beside the ticket service comes
from core/service/chats.py and the queries; it writes nothing itself."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.conversation import worker_calls as calls
from bot.dialogs import emergency_texts as etx
from bot.dialogs import flow_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from bot.dialogs.context import Context
from bot.dialogs.effects import (
    AddLocation,
    BindGroup,
    ChangeAddress,
    ChangePhone,
    CheckWithdraw,
    CheckWorker,
    Done,
    Downgrade,
    DuplicateFound,
    Effect,
    Filed,
    FileTicket,
    FindDuplicate,
    FlagForDesk,
    FollowUp,
    JoinTicket,
    ListMine,
    ListWork,
    MatchAnswer,
    QuickReply,
    Rate,
    Rated,
    RecoverFiling,
    RedeemInvite,
    Refused,
    ShowTicket,
    SurveyComment,
    TellDesk,
    TicketLine,
    TicketView,
    UnbindGroup,
    Unfinished,
    Withdraw,
    WorkerAct,
    WorkListed,
)
from bot.dialogs.state import Draft
from bot.dialogs.understand import grid_for
from bot.dialogs.urging import URGE_NOTE, Urged, UrgeTicket
from core import logcontext
from core.clock import Clock
from core.db.engine import Database
from core.db.models import Ticket
from core.enums import OPEN_STATUSES, Kind, Rating, Role, Status, Urgency
from core.errors import DomainError, InvalidInput, NotFound, SoundsUnfinished
from core.messages import GeoPoint, Incoming, MediaRef
from core.privacy import Audience, View
from core.service import chats, timeline
from core.service.actor import Actor, Place
from core.service.directory import Directory
from core.service.permissions import StaffFacts
from core.service.placement import awaits_placement
from core.service.queries import TicketQueries
from core.service.quick_answers import QuickAnswers
from core.service.texts import fmt_time
from core.service.tickets import DuplicateFinder, NewTicket, OwnDuplicateFinder, TicketService
from core.service.urge import NOT_DISPATCHED, UrgedRecently
from core.text.self_name import introduced_names
from core.texts import resident as to_resident
from core.texts import workers as to_workers
from core.texts.common import address_label

log = logging.getLogger(__name__)
# the desk holds no tickets: its 我的工单 is what waits for the desk (dispatch queue, overdue)
_DESK_ROLES = frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})


class Executor:
    def __init__(self, *, tickets: TicketService, directory: Directory, queries: TicketQueries, db: Database,
                 clock: Clock, tz: ZoneInfo, duplicates: DuplicateFinder | None = None,
                 grid_from_community: bool = True, answers: QuickAnswers | None = None) -> None:
        self.tickets, self.directory, self.queries = tickets, directory, queries
        self.answers = answers  # the desk's short answers, offered to a consultation
        self.db, self.clock, self.tz = db, clock, tz
        self.duplicates = duplicates
        # no router configured: the 小区 or the shared location names the grid
        self.grid_from_community = grid_from_community

    async def run(self, effect: Effect, inc: Incoming, ctx: Context) -> Any:
        logcontext.bind(ticket=getattr(effect, "number", None))  # the log lines that follow are about it
        try:
            return await self._run(effect, inc, ctx)
        except DomainError as exc:
            log.info("refused %s for %s:%s: %s", type(effect).__name__, inc.channel, inc.sender, exc.code)
            return Refused(exc.message, exc.code)

    async def _run(self, effect: Effect, inc: Incoming, ctx: Context) -> Any:  # noqa: C901 - a dispatch table
        match effect:
            case FindDuplicate(draft=draft):
                return await self._duplicate(self._new_ticket(draft, inc, ctx))
            case FileTicket(draft=draft, flag_reason=reason):
                filed = await self._file(self._new_ticket(draft, inc, ctx, flag_reason=reason), ctx)
                if draft.triage_unknown and not filed.emergency and reason is None:
                    # the triage question went unanswered: the grid has it as usual, the desk calls back to ask
                    await self.tickets.flag(filed.number, await self._new_or_known_resident(inc),
                                            etx.WELFARE_REASON if draft.welfare_check else ftx.TRIAGE_UNKNOWN_REASON)
                return filed
            case RecoverFiling(draft=draft):
                return await self._recover(draft, inc, ctx)
            case JoinTicket(number=number):
                actor = await self._new_or_known_resident(inc)
                await self.tickets.join(number, actor)
                return Done(number)
            case FlagForDesk(reason=reason):
                return await self._flag(inc, ctx, reason)
            case ListMine():
                return await self._mine(ctx)
            case ListWork():
                staff = ctx.staff
                desk = staff is not None and not staff.grid_ids and Role(staff.role) in _DESK_ROLES
                tickets = (await self.queries.for_desk(self.clock.now()) if desk else
                           await self.queries.for_staff(staff.id, staff.grid_ids) if staff else [])
                empty, header = (to_workers.DESK_EMPTY, to_workers.DESK_HEADER) if desk else (
                    to_workers.MINE_EMPTY, to_workers.MINE_HEADER)
                if not tickets:
                    return WorkListed(empty)
                lines = to_workers.work_lines(tickets, View.of(Audience.STAFF), self.tz, self.clock.now())
                return WorkListed(header.format(count=len(tickets)), tuple(t.number for t in tickets), tuple(lines))
            case ShowTicket(number=number):
                return await self._show(number, ctx)
            case MatchAnswer(text=text, category=category):
                found = await self.answers.match(text, category) if self.answers is not None else None
                return QuickReply(found.answer.title, found.answer.body) if found is not None else None
            case TellDesk(number=number, text=text, photos=photos):
                speaker = await self._resident_of(inc, number)
                await self.tickets.resident_says(number, speaker, text, [p.to_json() for p in photos])
                return Done(number)
            case UrgeTicket(number=number, said=said):
                return await self._urge(number, said, inc)
            case ChangePhone(number=number, said=said):
                speaker = await self._resident_of(inc, number)
                await self.tickets.change_phone(number, speaker, said)
                return Done(number)
            case Downgrade(number=number, said=said):
                t = await self.tickets.downgrade(number, await self._resident_of(inc, number), said)
                return Done(number, fmt_time(t.due_at, self.tz))
            case ChangeAddress(number=number, place=place):
                speaker = await self._resident_of(inc, number)
                t = await self.tickets.change_address(number, speaker, place)
                return Done(number, address_label(t))
            case AddLocation(number=number, point=point):
                speaker = await self._resident_of(inc, number)
                await self.tickets.add_location(number, speaker, point)
                return Done(number)
            case CheckWithdraw(number=number):
                await self.tickets.check_cancel(number, await self._resident_of(inc, number))
                return Done(number)
            case Withdraw(number=number, words=words):
                withdrawer = await self._resident_of(inc, number)
                await self.tickets.cancel(number, withdrawer, words)
                return Done(number)
            case Rate(number=number, round=round_, rating=rating):
                rater = await self._resident_of(inc, number)
                outcome = await self.tickets.rate(number, rater, Rating(rating), round_=round_)
                return Rated(outcome.recorded, outcome.reason, outcome.reopened)
            case SurveyComment(number=number, round=round_, text=text, unresolved=unresolved):
                commenter = await self._resident_of(inc, number)
                t = await self.tickets.add_survey_comment(number, commenter, round_, text, unresolved=unresolved)
                return Done(number, "reopened" if unresolved and t.status == Status.REOPENED.value else "")
            case CheckWorker(verb=verb, number=number):
                number = await self._full_number(number, ctx, verb)
                await calls.check(self.tickets, self._staff_actor(inc, ctx), verb, number)
                return Done(number)
            case WorkerAct():
                return await self._act(effect, inc, ctx)
            case FollowUp(number=number, round=round_, rating=rating):
                staff_actor = self._staff_actor(inc, ctx)
                outcome = await self.tickets.rate(
                    number, staff_actor, Rating(rating), round_=round_, via="phone"
                )
                return Rated(outcome.recorded, outcome.reason, outcome.reopened)
            case BindGroup(target=target, code=code):
                await self.directory.bind_group(inc.channel, inc.chat, target, code, inc.sender)
                label = wtx.DESK_NAMES.get(target) or (await self.directory.grid(target)).name
                return Done(detail=wtx.group_bound(label))
            case UnbindGroup():
                return await self._unbind(inc, ctx)
            case RedeemInvite(code=code):
                staff = await self.directory.redeem_staff_invite(
                    inc.channel, inc.sender, code, inc.sender_name
                )
                return Done(detail=wtx.staff_bound(staff.name))
        raise TypeError(f"unknown effect {effect!r}")

    # ---- filing ---------------------------------------------------------------------------------

    def _new_ticket(
        self, d: Draft, inc: Incoming, ctx: Context, *, flag_reason: str | None = None
    ) -> NewTicket:
        point = GeoPoint(d.point.lat, d.point.lng, d.point.label) if d.point else None
        grid_code = None
        if self.grid_from_community:
            grid = grid_for(d.community, (point.lat, point.lng) if point else None, ctx.communities)
            grid_code = grid.grid_code if grid else None
        # once the triage question was put, the draft's urgency stands (the resident's answer, or the reading
        # after filing that asked rather than called): read afresh, the text may be the model's emergency alone
        urgency = Urgency(d.urgency) if d.urgency != Urgency.NORMAL.value or d.triage else None
        # an emergency the resident confirmed at the triage question: the text alone reads no emergency,
        # so the core would file it under the text's category; it goes where its hazard's go
        by_hazard = ctx.reader.emergency_category(d.hazard) if tx.TRIAGE_TRIGGER in d.triggers else None
        return NewTicket(
            description=d.description or "",
            channel=inc.channel,
            external_id=inc.sender,
            display_name=inc.sender_name,
            kind=Kind(d.kind) if d.kind else None,
            category=by_hazard,
            category_confidence=1.0 if by_hazard else None,
            urgency=urgency,
            emergency_triggers=tuple(d.triggers),
            community=d.community,
            building=d.building,
            unit=d.unit,
            room=d.room,
            address_text=d.address_text,
            point=point,
            occurred_at=d.occurred_at,
            occurred_text=d.occurred_text,
            photos=tuple(MediaRef.from_json(p) for p in d.photos),
            contact_phone=d.phone,
            grid_code=grid_code,
            needs_dispatcher=flag_reason is not None or d.desk,
            flag_reason=flag_reason,
            extra={"draft_id": d.id},
            told_in_reply=True,  # the reply to 提交 names the grid and the deadline (after_filed)
        )

    async def _duplicate(self, new: NewTicket) -> DuplicateFound | None:
        """The resident's own open ticket about the same problem first (sent again), then anyone's."""
        if self.duplicates is None:
            return None
        if isinstance(self.duplicates, OwnDuplicateFinder):
            own = await self.duplicates.find_own(new)
            if own:
                return DuplicateFound(own, own=True)
        number = await self.duplicates.find(new)
        return DuplicateFound(number) if number else None

    async def _file(self, new: NewTicket, ctx: Context) -> Filed:
        t = await self.tickets.file(new)
        return await self._filed(t, new.needs_dispatcher)

    async def _filed(self, t: Ticket, to_desk: bool) -> Filed:
        handler = await self.directory.grid_name(t.grid_id) if t.grid_id is not None else None
        return Filed(
            t.number,
            handler,
            fmt_time(t.due_at, self.tz),
            emergency=t.urgency == Urgency.EMERGENCY.value,
            to_desk=to_desk and t.urgency != "emergency",
            kind=t.kind,
            phone=t.contact_phone,
            unplaced=awaits_placement(t),
            community=t.community,
        )

    async def _recover(self, d: Draft, inc: Incoming, ctx: Context) -> Filed | None:
        """Did a filing that never reported back reach the database? Same resident, same words,
        filed after the submit began."""
        actor = await self._known_resident(inc)
        if actor is None or actor.resident_id is None or d.submitting_at is None:
            return None
        since = d.submitting_at - timedelta(seconds=1)
        for t in await self.queries.for_resident(actor.resident_id, limit=5):
            if t.created_at >= since and t.description == (d.description or "").strip():
                return await self._filed(t, t.needs_dispatcher)
        return None

    async def _flag(self, inc: Incoming, ctx: Context, reason: str) -> Filed:
        actor = await self._new_or_known_resident(inc)
        assert actor.resident_id is not None
        recent = self.clock.now() - timedelta(days=3)
        for t in await self.queries.for_resident(actor.resident_id, limit=5):
            if (
                Status(t.status) in OPEN_STATUSES
                and t.resident_id == actor.resident_id
                and t.created_at >= recent
            ):
                flagged = await self.tickets.flag(t.number, actor, reason)
                return Filed(flagged.number, None, fmt_time(flagged.due_at, self.tz), to_desk=True,
                             phone=flagged.contact_phone)
        new = NewTicket(
            description=f"（{reason}，尚未描述问题）",
            channel=inc.channel,
            external_id=inc.sender,
            display_name=inc.sender_name,
            needs_dispatcher=True,
            flag_reason=reason,
            kind=Kind.CONSULT, category="其他",  # no matter told yet: no complaint in the figures (user test)
        )
        return await self._file(new, ctx)

    # ---- reading --------------------------------------------------------------------------------

    async def _mine(self, ctx: Context) -> list[TicketLine]:
        if ctx.resident_id is None:
            return []
        lines = []
        for t in await self.queries.for_resident(ctx.resident_id):
            status = Status(t.status)
            due = fmt_time(t.due_at, self.tz) if status in OPEN_STATUSES and not awaits_placement(t) else None
            words = t.description if t.resident_id == ctx.resident_id else View.of(Audience.FOLLOWER, (
                await self.queries.resident_name(t.resident_id), *introduced_names(t.description))).text(t.description)
            summary = words if len(words) <= 16 else words[:16] + "…"
            lines.append(TicketLine(t.number, to_resident.status_label(status), summary, due, status in OPEN_STATUSES, words))
        return lines

    async def _show(self, number: str, ctx: Context) -> TicketView | None:
        detail = await self.queries.visible_to_resident(number, ctx.resident_id) if ctx.resident_id else None
        if detail is None:
            return await self._show_to_staff(number, ctx) if ctx.staff is not None else None
        t, status = detail.ticket, Status(detail.ticket.status)
        # one who joined another's ticket sees its words as their notices show them (usertest29b: name, phone in full)
        audience = Audience.RESIDENT if t.resident_id == ctx.resident_id else Audience.FOLLOWER
        names = (await self.queries.resident_name(t.resident_id), *introduced_names(t.description))
        return TicketView(
            t.number,
            to_resident.status_label(status),
            View.of(audience, names).text(t.description),
            fmt_time(t.due_at, self.tz) if status in OPEN_STATUSES and not awaits_placement(t) else None,
            timeline.lines(detail.events, detail.staff_names, self.tz, audience=audience, resident_names=names),
        )

    async def _show_to_staff(self, number: str, ctx: Context) -> TicketView | None:
        """查询 from a worker in their private chat: a ticket they may read (their grid's, one they hold), as
        staff see it: the phone and names masked unless they hold it (core/privacy)."""
        staff = ctx.staff
        assert staff is not None
        facts = StaffFacts(staff.id, Role(staff.role), staff.grid_ids)
        actor = Actor.staff(staff.id, Role(staff.role), staff.identity_id, place=Place("private"))
        detail = await self.queries.visible_to_staff(number, facts, actor)
        if detail is None:
            return None
        t, status = detail.ticket, Status(detail.ticket.status)
        names = (await self.queries.resident_name(t.resident_id), *introduced_names(t.description))
        audience = Audience.CLAIMER if t.assignee_id == staff.id else Audience.STAFF
        return TicketView(
            t.number,
            status.label,
            View.of(audience, names).text(t.description),
            fmt_time(t.due_at, self.tz) if status in OPEN_STATUSES else None,
            timeline.lines(detail.events, detail.staff_names, self.tz, audience=audience, resident_names=names,
                           grid_names=detail.grid_names),
        )

    async def _new_or_known_resident(self, inc: Incoming) -> Actor:
        return await chats.resident(self.db, self.clock.now(), inc.channel, inc.sender, inc.sender_name)

    async def _known_resident(self, inc: Incoming) -> Actor | None:
        return await chats.known_resident(self.db, inc.channel, inc.sender)

    async def _resident_of(self, inc: Incoming, number: str) -> Actor:
        """The sender as the resident acting on ticket `number`; a stranger is told it is unknown."""
        found = await self._known_resident(inc)
        if found is None:
            raise NotFound(tx.not_found(number))
        return found

    async def _urge(self, number: str, said: str | None, inc: Incoming) -> Urged:
        """A resident's 催一下 (work30): the core's 催办; within its half hour, when the last one went; before any grid
        holds the ticket, their words as a note for the desk."""
        speaker = await self._resident_of(inc, number)
        try:
            await self.tickets.urge(number, speaker, said)
        except UrgedRecently as exc:
            return Urged(number, already=exc.at)
        except InvalidInput as exc:
            if exc.code != NOT_DISPATCHED:
                raise
            await self.tickets.resident_says(number, speaker, said or URGE_NOTE, [])
            return Urged(number, waiting=True)
        return Urged(number)

    # ---- workers --------------------------------------------------------------------------------

    def _staff_actor(self, inc: Incoming, ctx: Context) -> Actor:
        """The sender as staff, acting from this chat. Not staff: the core refuses with NOT_STAFF."""
        if inc.chat_kind == "group":
            place = Place.group(ctx.binding.purpose, ctx.binding.grid_id) if ctx.binding else Place.group(None)
        else:
            place = Place("private")
        staff = ctx.staff
        if staff is None:
            return Actor(Role.WORKER, place=place)  # no staff id: refused as not registered
        return Actor.staff(staff.id, Role(staff.role), staff.identity_id, place=place)

    async def _full_number(self, number: str, ctx: Context, verb: str) -> str:
        """A serial alone or none (「接单 0005」, 「接单」): looked for among this group's grid's tickets."""
        grid_id = ctx.binding.grid_id if ctx.binding is not None else None
        staff_id = ctx.staff.id if ctx.staff is not None else None
        return await calls.whole_number(self.queries, verb, number, frozenset({grid_id} if grid_id is not None else ()),
                                        staff_id)

    async def _act(self, effect: WorkerAct, inc: Incoming, ctx: Context) -> Done | Unfinished:
        number = await self._full_number(effect.number, ctx, effect.verb)
        try:
            t = await calls.perform(self.tickets, self._staff_actor(inc, ctx), number, effect)
        except SoundsUnfinished as exc:  # the dialog asks: record as progress, or resolve all the same
            return Unfinished(exc.number, exc.note)
        return Done(t.number, "" if t.contact_phone else wtx.NO_PHONE)  # the claim says no phone was sent

    async def _unbind(self, inc: Incoming, ctx: Context) -> Done:
        if ctx.binding is None:
            return Done(detail=wtx.GROUP_WAS_NOT_BOUND)
        await self.directory.unbind_group(inc.channel, inc.chat, self._staff_actor(inc, ctx))
        return Done(detail=wtx.GROUP_UNBOUND)
