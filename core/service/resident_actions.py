"""The resident's actions on their ticket: cancel it, rate the result (and say why), join a ticket
about the same problem, answer the desk's reply in their chat, correct the contact phone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.db.models import SurveyAnswer, Ticket, TicketFollower
from core.enums import FINAL_STATUSES, OPEN_STATUSES, EventType, Rating, Status, Urgency
from core.errors import InvalidInput, NotAllowed, NotFound
from core.lifecycle import Action, target
from core.service import permissions
from core.service.actor import Actor
from core.service.permissions import Verb
from core.service.ticket_writer import MAX_PHOTOS, TicketWriter, short
from core.text.third_party import own_phone
from core.texts import errors, notes, refusals

# how long after rating the resident may still say it is not fixed and have the rating count as 不满意
REVISE_WINDOW = timedelta(hours=2)


@dataclass(frozen=True)
class RateOutcome:
    recorded: bool
    ticket: Ticket
    reopened: bool = False
    closed: bool = False
    reason: str = ""  # why not recorded: "already" / "late" / "not_resolved"


class ResidentActions:
    """What a resident does in their chat; a worker's follow-up call (回访) records a rating as the resident's."""

    def __init__(self, writer: TicketWriter) -> None:
        self.writer = writer

    async def check_cancel(self, number: str, actor: Actor) -> Ticket:
        """Would `cancel` be allowed now? Raises its refusal (not their ticket, one a worker has taken) before the
        resident is asked to confirm: 「确认撤销」 followed by 「无法撤销」 was a tap for nothing."""
        t = await self.writer.check(number, actor, Verb.CANCEL)
        target(Action.CANCEL, Status(t.status), t.number)
        return t

    async def cancel(self, number: str, actor: Actor, reason: str | None = None) -> Ticket:
        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.CANCEL, t)
            await self.writer.transition(s, t, Action.CANCEL, actor, EventType.CANCELLED, now, note=reason)
            t.closed_at = now

        return await self.writer.change(number, work)

    async def rate(self, number: str, actor: Actor, rating: Rating, *, round_: int | None = None,
                   comment: str | None = None, via: str = "chat") -> RateOutcome:
        if rating is Rating.NO_ANSWER:
            raise InvalidInput("no_answer is recorded by close_unanswered, not given by a resident")
        outcome: dict[str, Any] = {}

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if via == "phone":
                await permissions.require(s, actor, Verb.FOLLOW_UP, t)
            # a worker's follow-up call (回访) records the answer of the ticket's resident
            resident_id = t.resident_id if via == "phone" else actor.resident_id
            is_owner = resident_id == t.resident_id
            asked_round = round_ if round_ is not None else t.round
            existing = await self.writer.answer(s, t.id, asked_round, resident_id)
            if existing is not None or asked_round != t.round or t.status != Status.RESOLVED:
                # a round closed for silence ("no answer" recorded by the timer) is late, not answered
                answered = existing is not None and existing.rating != Rating.NO_ANSWER.value
                why = "already" if answered else "late"
                outcome.update(recorded=False, reason=why)
                # keep what they said, without counting it as a second answer
                await self.writer.event(s, t, EventType.NOTE, actor, None, None, now,
                                         note=notes.late_rating(rating.label, comment),
                                         data={"late_rating": rating.value, "round": asked_round}, notify=False)
                return
            s.add(SurveyAnswer(ticket_id=t.id, round=t.round, resident_id=resident_id, rating=rating.value,
                               comment=short(comment), via=via, answered_at=now))
            await self.writer.event(s, t, EventType.RATED, actor, None, None, now, note=comment,
                                     data={"rating": rating.value, "round": t.round, "owner": is_owner}, notify=False)
            outcome.update(recorded=True)
            if not is_owner:
                if rating is Rating.DISSATISFIED:
                    t.needs_dispatcher = True
                    await self.writer.event(s, t, EventType.FLAGGED, actor, None, None, now,
                                             note=notes.FOLLOWER_DISSATISFIED)
                return
            if rating is Rating.DISSATISFIED:
                await self.writer.reopen_round(s, t, actor, now, comment or None, dissatisfied=True)
                outcome.update(reopened=True)
            else:
                t.closed_at = now
                await self.writer.transition(s, t, Action.CLOSE, actor, EventType.CLOSED, now,
                                              data={"outcome": rating.value})
                outcome.update(closed=True)

        t = await self.writer.change(number, work, visible_to=None if via == "phone" else actor)
        return RateOutcome(ticket=t, **outcome)

    async def add_survey_comment(self, number: str, actor: Actor, round_: int, comment: str, *,
                                 unresolved: bool = False) -> Ticket:
        """The optional comment after a rating, or the reason for 不满意: attached to the same answer. `unresolved`:
        the words say the matter is not fixed though the rating was not 不满意 — said by the ticket's resident within
        `REVISE_WINDOW` of rating the round that closed it, the rating becomes 不满意 and the ticket reopens."""
        comment = (comment or "").strip()
        if not comment:
            raise InvalidInput(errors.EMPTY)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            answer = await self.writer.answer(s, t.id, round_, actor.resident_id)
            if answer is None:
                raise NotFound(errors.NO_SURVEY_ANSWER)
            answer.comment = short(((answer.comment + "；") if answer.comment else "") + comment)
            # a reason for 不满意 goes to the grid's card (the rating came a message earlier)
            dissatisfied = answer.rating == Rating.DISSATISFIED.value
            await self.writer.event(s, t, EventType.NOTE, actor, None, None, now, note=notes.survey_comment(comment),
                                     data={"survey_comment": True, "round": round_, "rating": answer.rating,
                                           "comment": short(comment), "show_on_card": dissatisfied})
            if (unresolved and not dissatisfied and t.resident_id == actor.resident_id and t.round == round_
                    and t.status == Status.CLOSED.value and now - answer.answered_at <= REVISE_WINDOW):
                # the owner's verdict, revised at once: 不满意 after all, and 不满意 reopens the ticket
                answer.rating = Rating.DISSATISFIED.value
                await self.writer.reopen_round(s, t, actor, now, short(comment), dissatisfied=True)  # the card shows why

        return await self.writer.change(number, work, visible_to=actor)

    async def join(self, number: str, actor: Actor) -> Ticket:
        """A resident reporting the same problem joins the open ticket (重复投诉) instead of filing again."""
        if actor.resident_id is None:
            raise NotAllowed(refusals.RESIDENTS_ONLY_FOLLOW)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if t.status not in OPEN_STATUSES:
                raise InvalidInput(errors.cannot_join(t.number, Status(t.status).label))
            if t.resident_id == actor.resident_id or await self.writer.is_follower(s, t, actor.resident_id):
                return
            s.add(TicketFollower(ticket_id=t.id, resident_id=actor.resident_id,
                                 identity_id=actor.identity_id, joined_at=now))
            await self.writer.event(s, t, EventType.FOLLOWER_JOINED, actor, None, None, now, notify=False)

        return await self.writer.change(number, work)

    async def say(self, number: str, actor: Actor, text: str | None, photos: Sequence[dict[str, Any]] = ()) -> Ticket:
        """What the resident wrote in their chat after the desk replied: a RESIDENT_SAID event on their
        own ticket (the desk's page shows it live). Someone else's ticket answers as an unknown one; a
        closed one refuses (a new message then is a new matter)."""
        text = (text or "").strip()
        if not text and not photos:
            raise InvalidInput(errors.EMPTY)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            own_and_open(t, actor)
            await self.writer.event(s, t, EventType.RESIDENT_SAID, actor, None, None, now, note=short(text) or None,
                                     attachments=list(photos)[:MAX_PHOTOS],
                                     notify=t.urgency == Urgency.EMERGENCY)  # those on the way read it (said_notice)

        return await self.writer.change(number, work, visible_to=actor)

    async def change_phone(self, number: str, actor: Actor, said: str) -> Ticket:
        """「刚才电话留错了 是139…」: the ticket's contact phone corrected by its resident while it is open (the
        worker who holds it is sent the new number in private, as after a claim)."""
        phone = own_phone(said or "")  # not the number of the driver or the property said beside it (third30)
        if phone is None:
            raise InvalidInput(errors.BAD_PHONE)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            own_and_open(t, actor)
            if t.contact_phone == phone:
                return
            t.contact_phone = phone
            await self.writer.event(s, t, EventType.PHONE_CHANGED, actor, None, None, now, note=notes.PHONE_CHANGED)

        return await self.writer.change(number, work, visible_to=actor)


def own_and_open(t: Ticket, actor: Actor) -> None:
    """A resident's words or phone go only on their own ticket (someone else's answers as an unknown one), and only
    while it is open (a closed one refuses: what they send then is a new matter)."""
    if t.resident_id != actor.resident_id:
        raise NotFound(refusals.unknown_ticket(t.number))
    if Status(t.status) in FINAL_STATUSES:
        raise InvalidInput(errors.ticket_finished(t.number, Status(t.status).label))
