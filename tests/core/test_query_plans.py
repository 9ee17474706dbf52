"""The open queue and the overdue list read the partial index on open tickets' deadlines, not every
open ticket through the status index and a sort, once the statistics are refreshed (as `serve` does
hourly and `import` after filing). Without them both databases chose the sort."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, insert

from core.db.engine import Database
from core.db.models import Resident, Ticket
from core.service import queries
from tests.conftest import START


async def _fill(db: Database, open_tickets: int, closed_tickets: int) -> None:
    async with db.transaction() as s:
        resident = Resident(name="居民", created_at=START)
        s.add(resident)
        await s.flush()
        rows = [dict(
            number=f"Q{i:07d}", kind="complaint", category="其他", urgency="normal", complexity="simple",
            description="楼道灯坏了", resident_id=resident.id, channel="test",
            status="assigned" if i < open_tickets else "closed", photos=[], emergency_triggers=[],
            escalation_level=0, needs_dispatcher=False, round=1, reopen_count=0, return_count=0, legal_hold=False,
            created_at=START, updated_at=START, due_at=START + timedelta(minutes=i % 5000),
            claim_due_at=START, first_response_due_at=START, escalate_at=START, version=1,
        ) for i in range(open_tickets + closed_tickets)]
        await s.execute(insert(Ticket), rows)


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
