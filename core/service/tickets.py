"""The service layer: the only writer of tickets. Every change runs in one transaction that also
appends its event and writes the outbox rows it causes. Dialogs, adapters, timers and the CLI all
come through here.

`TicketService` is composed of one part per actor — filing (core/service/filing.py), the grid's work
(grid_work.py), the resident's actions (resident_actions.py), the desk's (desk_actions.py), the
timers' (timer_actions.py) — over the one writer of tickets (ticket_writer.py: transaction, events); who may do what
is decided in permissions.py. It keeps the method names callers know; a caller that needs only one
part may take that part (`service.grid`, `service.desk`, …)."""

from __future__ import annotations

from collections.abc import Sequence

from core.clock import Clock
from core.db.engine import Database
from core.db.models import Ticket
from core.deadlines import DeadlinePolicy
from core.service.actor import Actor
from core.service.address_change import AddressChange
from core.service.desk_actions import DeskActions
from core.service.downgrade import Downgrade
from core.service.filing import (
    MAX_DESCRIPTION,
    Assessment,
    Assessor,
    DuplicateFinder,
    Filing,
    NewTicket,
    OwnDuplicateFinder,
    Route,
    Router,
    WrittenEvent,
    identify_resident,
)
from core.service.grid_work import GridWork
from core.service.notify import Notifier
from core.service.permissions import Verb
from core.service.resident_actions import RateOutcome, ResidentActions
from core.service.ticket_writer import MAX_NOTE, MAX_PHOTOS, TicketWriter
from core.service.timer_actions import TimerActions
from core.service.urge import Urge

__all__ = [
    "MAX_DESCRIPTION", "MAX_NOTE", "MAX_PHOTOS", "Assessment", "Assessor", "DuplicateFinder", "NewTicket",
    "OwnDuplicateFinder", "RateOutcome", "Route", "Router", "TicketService", "WrittenEvent", "identify_resident",
]


class TicketService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        policy: DeadlinePolicy,
        notifier: Notifier,
        *,
        categories: Sequence[str],
        departments: dict[str, str] | None = None,
        confidence_threshold: float = 0.55,
        assessor: Assessor | None = None,
        router: Router | None = None,
    ) -> None:
        self.writer = TicketWriter(db, clock, policy, notifier)
        self.filing = Filing(self.writer, categories=categories, departments=departments,
                             confidence_threshold=confidence_threshold, assessor=assessor, router=router)
        self.grid = GridWork(self.writer)
        self.residents = ResidentActions(self.writer)
        self.desk = DeskActions(self.writer, self.filing)
        self.timers = TimerActions(self.writer)

        # filing
        self.file, self.file_many, self.meet_residents = self.filing.file, self.filing.file_many, self.filing.meet_residents
        # the grid's work
        self.claim, self.add_progress = self.grid.claim, self.grid.add_progress
        self.resolve, self.return_ = self.grid.resolve, self.grid.return_
        # the resident's (and a follow-up call's rating)
        self.cancel, self.rate, self.join = self.residents.cancel, self.residents.rate, self.residents.join
        self.check_cancel = self.residents.check_cancel
        self.add_survey_comment, self.resident_says = self.residents.add_survey_comment, self.residents.say
        self.change_phone = self.residents.change_phone
        places = AddressChange(self.writer, self.filing)
        self.change_address, self.add_location = places.change, places.locate
        self.downgrade = Downgrade(self.writer, self.filing).downgrade  # 「点错了」 after an emergency
        # the desk's
        self.assign, self.assign_worker, self.reclassify = self.desk.assign, self.desk.assign_worker, self.desk.reclassify
        self.merge, self.split, self.escalate = self.desk.merge, self.desk.split, self.desk.escalate
        self.reopen, self.flag, self.add_note = self.desk.reopen, self.desk.flag, self.desk.add_note
        self.set_legal_hold = self.desk.set_legal_hold
        self.urge = Urge(self.writer).urge  # 催办 by hand (desk30); 解除紧急 at the desk is `downgrade` with staff
        # the timers'
        self.remind, self.close_unanswered = self.timers.remind, self.timers.close_unanswered

    async def check(self, number: str, actor: Actor, verb: Verb) -> Ticket:
        """Would `verb` be allowed now? Raises the refusal, as the action itself would (a chat asks
        before prompting for a note that could not be used). Returns the ticket as read."""
        return await self.writer.check(number, actor, verb)

    # what callers read of the service's set-up
    @property
    def policy(self) -> DeadlinePolicy:
        return self.writer.policy

    @property
    def notifier(self) -> Notifier:
        return self.writer.notifier

    @property
    def categories(self) -> list[str]:
        return self.filing.categories

    @property
    def departments(self) -> dict[str, str]:
        return self.filing.departments

    @property
    def assessor(self) -> Assessor | None:
        return self.filing.assessor

    @assessor.setter
    def assessor(self, assessor: Assessor | None) -> None:
        self.filing.assessor = assessor

    @property
    def router(self) -> Router | None:
        return self.filing.router
