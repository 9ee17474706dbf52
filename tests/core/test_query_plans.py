"""The open queue and the overdue list read the partial index on open tickets' deadlines, not every
open ticket through the status index and a sort, once the statistics are refreshed (as `serve` does
hourly and `import` after filing). Without them both databases chose the sort."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Integer, case, cast, event, func, insert, literal, select

from core.db.engine import Database
from core.db.models import Resident, Ticket
from core.service import queries
from tests.conftest import START

BASE = 5000  # due times repeat every 5,000 tickets


async def _fill(db: Database, open_tickets: int, closed_tickets: int) -> None:
    """Ticket i (number Q + 7 digits) is due i % 5000 minutes after START, open below `open_tickets`.
    The first 5,000 rows go through the ORM; the rest are copies of them made by the database (an
    INSERT … SELECT per 5,000), which fills 100,000 rows in a fraction of the time 100,000 bound rows take."""
    total = open_tickets + closed_tickets
    async with db.transaction() as s:
        resident = Resident(name="居民", created_at=START)
        s.add(resident)
        await s.flush()
        rows = [dict(
            number=f"Q{i:07d}", kind="complaint", category="其他", urgency="normal", complexity="simple",
            description="楼道灯坏了", resident_id=resident.id, channel="test",
            status="assigned" if i < open_tickets else "closed", photos=[], emergency_triggers=[],
            escalation_level=0, needs_dispatcher=False, round=1, reopen_count=0, return_count=0, legal_hold=False,
            created_at=START, updated_at=START, due_at=START + timedelta(minutes=i % BASE),
            claim_due_at=START, first_response_due_at=START, escalate_at=START, version=1,
        ) for i in range(min(total, BASE))]
        await s.execute(insert(Ticket), rows)
        columns = [c for c in Ticket.__table__.columns if c.name not in ("id", "number", "status")]
        for start in range(BASE, total, BASE):
            count = min(BASE, total - start)
            # the base rows are Q00 + 5 digits; copy k of them Qkk + the same 5 digits
            number = literal(f"Q{start // BASE:02d}") + func.substr(Ticket.number, 4)
            status = case((literal(start) + cast(func.substr(Ticket.number, 4), Integer) < open_tickets,
                           literal("assigned")), else_=literal("closed"))
            await s.execute(insert(Ticket).from_select(
                [*(c.name for c in columns), "number", "status"],
                select(*columns, number, status).where(Ticket.number < f"Q00{count:05d}",
                                                       Ticket.number.like("Q00%"))))


async def _plans(db: Database) -> list[str]:
    seen: list[tuple[str, object]] = []

    def remember(conn: object, cursor: object, statement: str, params: object, context: object,
                 executemany: bool) -> None:
        if "FROM tickets" in statement and not statement.startswith("EXPLAIN"):
            seen.append((statement, params))

    event.listen(db.engine.sync_engine, "before_cursor_execute", remember)
    try:
        async with db.transaction() as s:
            await queries.open_queue(s)
            await queries.overdue(s, START + timedelta(days=1))
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", remember)
    plans = []
    async with db.engine.connect() as conn:
        for statement, params in seen:
            prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
            rows = (await conn.exec_driver_sql(prefix + statement, params)).all()  # type: ignore[arg-type]
            plans.append(" | ".join(" ".join(str(c) for c in r) for r in rows))
    return plans


async def test_both_databases_use_the_index_once_statistics_are_refreshed(db: Database) -> None:
    await _fill(db, open_tickets=100_000, closed_tickets=0)  # as the bench: a sample was fooled at this size
    await db.refresh_statistics()
    for plan in await _plans(db):
        assert "ix_tickets_open_due" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan
