"""Retention (记录保存): residents' personal data is kept as long as the seeds say and no longer.

Tickets closed (closed, cancelled or merged) more than `anonymise_after_days` ago are anonymised:
the phone, the room and free-text address, the exact point, photos, the link to the resident's chat
identity, and phone or ID numbers written in descriptions, notes and survey comments are removed;
what the figures need (category, kind, times, grid, 小区/楼栋/单元, ratings) stays. Residents whose
every ticket is anonymised lose name and phone; their chat identities go once they have been silent
as long. Tickets closed more than `delete_after_days` ago are deleted with everything attached to
them. Tickets under legal hold are left alone. Every run — dry or not — is logged in
`retention_runs`.

A dry run does the whole work in one transaction and rolls it back, so its counts are exact.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.engine import Database
from core.db.models import (
    ChannelIdentity,
    OutboxMessage,
    Resident,
    RetentionRun,
    SentRef,
    SurveyAnswer,
    Ticket,
    TicketEvent,
    TicketFollower,
    TimerFiring,
)
from core.enums import FINAL_STATUSES
from core.followthrough.settings import RetentionSettings
from core.privacy import erase
from core.progress import SILENT, Progress
from core.service.once import claim

log = logging.getLogger(__name__)

FINAL = sorted(s.value for s in FINAL_STATUSES)


def redact(text: str | None) -> str | None:
    """Personal data (core/privacy.py decides what counts) erased from a record for good."""
    return erase(text)


@dataclass
class RetentionResult:
    run_id: int
    dry_run: bool
    anonymise_before: datetime
    delete_before: datetime
    anonymised_tickets: int = 0
    deleted_tickets: int = 0
    anonymised_residents: int = 0
    deleted_residents: int = 0
    held: int = 0
    numbers: dict[str, list[str]] = field(default_factory=lambda: {"anonymised": [], "deleted": []})


class _DryRun(Exception):
    """Raised to roll the dry run's transaction back."""


class Retention:
    def __init__(self, db: Database, clock: Clock, settings: RetentionSettings) -> None:
        self.db, self.clock, self.settings = db, clock, settings

    async def run(self, *, dry_run: bool = False, actor: str = "cli",
                  progress: Progress = SILENT) -> RetentionResult:
        now = self.clock.now()
        result = RetentionResult(
            run_id=0, dry_run=dry_run,
            anonymise_before=now - timedelta(days=self.settings.anonymise_after_days),
            delete_before=now - timedelta(days=self.settings.delete_after_days),
        )
        async with self.db.transaction() as s:  # logged before anything happens
            run = RetentionRun(started_at=now, dry_run=dry_run, actor=actor[:100],
                               anonymise_before=result.anonymise_before, delete_before=result.delete_before)
            s.add(run)
            await s.flush()
            result.run_id = run.id
        try:
            if dry_run:
                try:
                    async with self.db.transaction() as s:
                        await self._work(s, result, now, progress)
                        raise _DryRun
                except _DryRun:
                    pass
            else:
                await self._work(None, result, now, progress)
        except Exception as exc:
            await self._log(result, error=f"{type(exc).__name__}: {exc}"[:1000])
            raise
        await self._log(result)
        log.info("retention run #%s%s: anonymised %s tickets and %s residents, deleted %s tickets and %s "
                 "residents, %s held", result.run_id, " (dry run)" if dry_run else "", result.anonymised_tickets,
                 result.anonymised_residents, result.deleted_tickets, result.deleted_residents, result.held)
        return result

    async def run_daily(self, day: object, *, worker: str | None = None) -> bool:
        """The timers' daily job: claimed once per local day across processes, then run."""
        async with self.db.transaction() as s:
            if not await claim(s, "retention", 0, 1, str(day), self.clock.now(), worker):
                return False
        await self.run(actor="timer")
        return True

    async def _log(self, result: RetentionResult, error: str | None = None) -> None:
        async with self.db.transaction() as s:
            run = await s.get(RetentionRun, result.run_id)
            assert run is not None
            run.finished_at = self.clock.now()
            run.anonymised_tickets, run.deleted_tickets = result.anonymised_tickets, result.deleted_tickets
            run.anonymised_residents, run.deleted_residents = result.anonymised_residents, result.deleted_residents
            run.held, run.error = result.held, error

    async def history(self, limit: int = 20) -> list[RetentionRun]:
        async with self.db.transaction() as s:
            return list((await s.execute(select(RetentionRun).order_by(RetentionRun.id.desc()).limit(limit))).scalars())

    # ---- the work -------------------------------------------------------------------------------

    async def _work(self, s: AsyncSession | None, result: RetentionResult, now: datetime,
                    progress: Progress = SILENT) -> None:
        async def step(fn: Callable[[AsyncSession], Awaitable[int]]) -> int:
            """In the dry run's one transaction, or each step in its own (committed as it goes)."""
            if s is not None:
                return await fn(s)
            async with self.db.transaction() as own:
                return await fn(own)

        closed = and_(Ticket.status.in_(FINAL), Ticket.closed_at.is_not(None))
        result.held = await step(lambda x: _count(x, and_(closed, Ticket.legal_hold.is_(True), or_(
            Ticket.closed_at < result.delete_before,
            and_(Ticket.closed_at < result.anonymise_before, Ticket.anonymised_at.is_(None))))))
        doomed = and_(closed, Ticket.legal_hold.is_(False), Ticket.closed_at < result.delete_before)
        progress.stage("deleting tickets", await step(lambda x: _count(x, doomed)))
        while True:
            batch = await step(lambda x: self._delete_batch(x, doomed, result))
            if not batch:
                break
            progress.advance(batch)
        stale = and_(closed, Ticket.legal_hold.is_(False), Ticket.anonymised_at.is_(None),
                     Ticket.closed_at < result.anonymise_before)
        progress.stage("anonymising tickets", await step(lambda x: _count(x, stale)))
        while True:
            batch = await step(lambda x: self._anonymise_batch(x, stale, result, now))
            if not batch:
                break
            progress.advance(batch)
        progress.stage("residents")
        await step(lambda x: self._residents(x, result, now))

    async def _ids(self, s: AsyncSession, condition: object) -> list[tuple[int, str]]:
        rows = await s.execute(select(Ticket.id, Ticket.number).where(condition)  # type: ignore[arg-type]
                               .order_by(Ticket.id).limit(self.settings.batch))
        return [(i, n) for i, n in rows.all()]

    async def _delete_batch(self, s: AsyncSession, condition: object, result: RetentionResult) -> int:
        found = await self._ids(s, condition)
        if not found:
            return 0
        ids = [i for i, _ in found]
        await s.execute(update(Ticket).where(Ticket.merged_into_id.in_(ids)).values(merged_into_id=None))
        for table, column in ((OutboxMessage, OutboxMessage.ticket_id), (TicketFollower, TicketFollower.ticket_id),
                              (SurveyAnswer, SurveyAnswer.ticket_id), (TicketEvent, TicketEvent.ticket_id)):
            await s.execute(delete(table).where(column.in_(ids)))
        await s.execute(delete(TimerFiring).where(TimerFiring.subject.in_(ids), TimerFiring.kind.not_in(
            ("daily_report", "retention"))))
        await s.execute(delete(SentRef).where(SentRef.edit_key.in_([f"card:{i}" for i in ids])))
        await s.execute(delete(Ticket).where(Ticket.id.in_(ids)))
        result.deleted_tickets += len(ids)
        result.numbers["deleted"] += [n for _, n in found]
        return len(ids)

    async def _anonymise_batch(self, s: AsyncSession, condition: object, result: RetentionResult,
                               now: datetime) -> int:
        found = await self._ids(s, condition)
        if not found:
            return 0
        ids = [i for i, _ in found]
        tickets = (await s.execute(select(Ticket).where(Ticket.id.in_(ids)))).scalars()
        for t in tickets:
            t.contact_phone, t.room, t.address_text, t.location_label = None, None, None, None
            if t.lat is not None and t.lng is not None:  # about 100 m: the 小区, not the door
                t.lat, t.lng = round(t.lat, 3), round(t.lng, 3)
            t.photos, t.origin_identity_id = [], None
            t.description = redact(t.description) or ""
            t.resolution_note = redact(t.resolution_note)
            t.anonymised_at = now
        for ev in (await s.execute(select(TicketEvent).where(TicketEvent.ticket_id.in_(ids)))).scalars():
            ev.note, ev.attachments = redact(ev.note), []
            if ev.data.get("comment"):  # a resident's survey comment kept for the grid's card
                ev.data = {**ev.data, "comment": redact(str(ev.data["comment"]))}
        for answer in (await s.execute(select(SurveyAnswer).where(SurveyAnswer.ticket_id.in_(ids)))).scalars():
            answer.comment = redact(answer.comment)
        await s.execute(update(TicketFollower).where(TicketFollower.ticket_id.in_(ids)).values(identity_id=None))
        # what was sent about them carries their phone (the claimer's copy) and their chat address
        await s.execute(delete(OutboxMessage).where(OutboxMessage.ticket_id.in_(ids)))
        await s.execute(delete(SentRef).where(SentRef.edit_key.in_([f"card:{i}" for i in ids])))
        result.anonymised_tickets += len(ids)
        result.numbers["anonymised"] += [n for _, n in found]
        return len(ids)

    async def _residents(self, s: AsyncSession, result: RetentionResult, now: datetime) -> int:
        cutoff = result.anonymise_before
        keeps_data = or_(  # a ticket of theirs, or one they joined, still carries personal data
            exists().where(Ticket.resident_id == Resident.id, Ticket.anonymised_at.is_(None)),
            exists().where(TicketFollower.resident_id == Resident.id, TicketFollower.ticket_id == Ticket.id,
                           Ticket.anonymised_at.is_(None)),
        )
        residents = list((await s.execute(select(Resident).where(
            Resident.anonymised_at.is_(None), Resident.created_at < cutoff, ~keeps_data))).scalars())
        for r in residents:
            r.name, r.phone, r.anonymised_at = None, None, now
        result.anonymised_residents += len(residents)
        # chat identities of anonymised residents who have been silent as long: the last link
        silent = and_(ChannelIdentity.staff_id.is_(None), ChannelIdentity.resident_id.in_(
            select(Resident.id).where(Resident.anonymised_at.is_not(None))),
            func.coalesce(ChannelIdentity.last_inbound_at, ChannelIdentity.created_at) < cutoff)
        identity_ids = list((await s.execute(select(ChannelIdentity.id).where(silent))).scalars())
        if identity_ids:
            await s.execute(update(OutboxMessage).where(OutboxMessage.identity_id.in_(identity_ids))
                            .values(identity_id=None))
            await s.execute(update(TicketFollower).where(TicketFollower.identity_id.in_(identity_ids))
                            .values(identity_id=None))
            await s.execute(update(Ticket).where(Ticket.origin_identity_id.in_(identity_ids))
                            .values(origin_identity_id=None))
            await s.execute(delete(ChannelIdentity).where(ChannelIdentity.id.in_(identity_ids)))
        # anonymised residents with nothing left that points at them
        orphan = and_(
            Resident.anonymised_at.is_not(None),
            ~exists().where(Ticket.resident_id == Resident.id),
            ~exists().where(TicketFollower.resident_id == Resident.id),
            ~exists().where(SurveyAnswer.resident_id == Resident.id),
            ~exists().where(TicketEvent.actor_resident_id == Resident.id),
            ~exists().where(ChannelIdentity.resident_id == Resident.id),
        )
        gone = await s.execute(delete(Resident).where(orphan))
        result.deleted_residents += int(gone.rowcount)  # type: ignore[attr-defined]
        return len(residents)


async def _count(s: AsyncSession, condition: object) -> int:
    return int((await s.execute(select(func.count()).select_from(Ticket).where(condition))).scalar_one())  # type: ignore[arg-type]
