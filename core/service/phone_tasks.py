"""Phone tasks: what a resident without a chat must be told by phone. The notifier writes their
updates to the outbox like anyone's, on the "phone" channel (address: their number); this channel's
sender turns each into a task on the desk's 回访 list instead of a message. Done when the desk
records the call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from core import messages as m
from core.clock import Clock
from core.db.desk_models import PhoneTask
from core.db.engine import Database, dialect_insert
from core.db.models import Ticket
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.errors import InvalidInput, NotFound
from core.service import permissions
from core.service.actor import Actor
from core.service.permissions import Verb

CHANNEL = "phone"
OUTCOMES = {"told": "已电话告知", "no_answer": "未接通"}


class PhoneTaskSender:
    """The `ChannelSender` of the "phone" channel."""

    channel = CHANNEL

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def limits(self, item: Delivery) -> list[RateLimit]:
        return []

    async def deliver(self, item: Delivery) -> DeliveryResult:
        text = m.plain_text(item.messages)
        async with self.db.transaction() as s:
            # once per outbox row, however often the sender retries it
            await s.execute(dialect_insert(self.db.is_sqlite)(PhoneTask).values(
                ticket_id=item.ticket_id, outbox_id=item.id, phone=item.address[:32], purpose=item.purpose,
                text=text, created_at=self.clock.now()).on_conflict_do_nothing())
        return DeliveryResult("sent", reason="phone task for the desk")


class PhoneTasks:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    async def open_tasks(self, *, limit: int = 200) -> list[tuple[PhoneTask, str | None]]:
        """Tasks not done yet, oldest first, with their ticket's number."""
        async with self.db.transaction() as s:
            rows = await s.execute(select(PhoneTask, Ticket.number).outerjoin(Ticket, Ticket.id == PhoneTask.ticket_id)
                                   .where(PhoneTask.done_at.is_(None)).order_by(PhoneTask.id).limit(limit))
            return [(task, number) for task, number in rows]

    async def complete(self, task_id: int, actor: Actor, outcome: str, note: str | None = None) -> PhoneTask:
        """The call was made: told / no_answer. Only staff who may note on the task's ticket."""
        if outcome not in OUTCOMES:
            raise InvalidInput("请选择电话结果")
        async with self.db.transaction() as s:
            task = await s.get(PhoneTask, task_id, with_for_update=True)
            if task is None:
                raise NotFound("没有这个电话任务")
            ticket = await s.get(Ticket, task.ticket_id) if task.ticket_id else None
            await permissions.require(s, actor, Verb.NOTE, ticket)
            if task.done_at is not None:
                raise InvalidInput("该电话任务已处理")
            if outcome == "no_answer":
                task.note = _append(task.note, f"{_stamp(self.clock.now())} 未接通" + (f"：{note}" if note else ""))
                return task
            task.done_at, task.done_by, task.outcome, task.note = self.clock.now(), actor.staff_id, outcome, \
                _append(task.note, note)
            return task


def _append(old: str | None, new: str | None) -> str | None:
    if not new:
        return old
    return f"{old}；{new}" if old else new


def _stamp(moment: datetime) -> str:
    return moment.strftime("%m-%d %H:%M")
