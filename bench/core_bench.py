"""Core benchmark: file tickets through the service layer, then time the open-queue and overdue
queries — at the filed size and again after padding the table with closed tickets (most tickets
in a real deployment are closed).

    python bench/core_bench.py                      # 100,000 filed, padded to 1,000,000, both databases
    python bench/core_bench.py --tickets 5000 --pad-to 50000 --backends sqlite

Prints tickets/s and query times (median and p95 of repeated runs) and the query plans.
Targets (issue #2): filing ≥ 2,000 tickets/s on PostgreSQL; each query < 50 ms at 1,000,000 tickets.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text  # noqa: E402

from bot.app import build_app  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import Settings  # noqa: E402
from core.db.engine import Database  # noqa: E402
from core.db.migrate import upgrade  # noqa: E402
from core.db.models import Resident, Ticket, ticket_is_open  # noqa: E402
from core.enums import Kind, Role  # noqa: E402
from core.importing import file_in_batches  # noqa: E402
from core.service.queries import open_queue, overdue  # noqa: E402
from core.service.tickets import NewTicket  # noqa: E402

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
TEXTS = ["楼道灯坏了", "楼下烧烤店太吵", "垃圾没人清运", "电梯按钮失灵", "物业态度差", "邻居装修噪音", "门禁坏了"]
CATEGORIES = ["工程维修", "噪音扰民", "环境卫生", "工程维修", "服务质量", "噪音扰民", "安全管理"]


async def prepare(backend: str) -> tuple[Database, str | None, str]:
    if backend == "sqlite":
        path = Path(tempfile.mkdtemp()) / "bench.db"
        url = f"sqlite:///{path}"
        db = Database(url)
        await upgrade(db)
        return db, None, url
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = Database(PG_URL)
    async with admin.engine.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await admin.dispose()
    db = Database(PG_URL, schema=schema)
    await upgrade(db)
    return db, schema, PG_URL


async def drop(schema: str | None) -> None:
    if schema:
        admin = Database(PG_URL)
        async with admin.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def new_ticket(i: int) -> NewTicket:
    k = i % len(TEXTS)
    return NewTicket(
        description=f"{TEXTS[k]}（{i}）", channel="bench", external_id=f"r{i % 5000}",
        # category and kind decided upstream, as a chat's read-back or the hotline desk does;
        # emergency detection still reads every text
        category=CATEGORIES[k], kind=Kind.REPAIR if k in (0, 3) else Kind.COMPLAINT,
        grid_code=None if i % 10 == 0 else "ABCD"[i % 4],
        building=str(i % 30), unit=str(i % 4 + 1), contact_phone="13812345678",
    )


async def file_tickets(db: Database, url: str, n: int, interactive: int, concurrency: int,
                       batch: int, importers: int) -> tuple[float, float]:
    """Returns (chat filings/s, bulk filings/s): the first `interactive` tickets one per transaction
    from `concurrency` callers, as chats file them; the rest through the bulk import path."""
    app = build_app(Settings(database_url=url), clock=SystemClock(), db=db)
    for code in ("A", "B", "C", "D"):
        await app.directory.add_grid(code, f"网格{code}", patterns=[f"小区{code}"])
        await app.directory.add_staff(f"worker{code}", Role.WORKER, grids=[code])
        await app.directory.bind_group_direct("bench", f"group-{code}", code)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(interactive):
        queue.put_nowait(i)

    async def caller() -> None:
        while True:
            try:
                i = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await app.tickets.file(new_ticket(i))

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    chat_rate = interactive / (time.perf_counter() - started)
    rest = [new_ticket(i) for i in range(interactive, n)]
    started = time.perf_counter()
    # as `complaint-bot import --parallel` does
    await file_in_batches(app.tickets, rest, batch, importers)
    bulk_rate = len(rest) / (time.perf_counter() - started) if rest else 0.0
    return chat_rate, bulk_rate


async def bare_baseline(schema: str, n_chat: int, n_bulk: int, concurrency: int, batch: int,
                        importers: int) -> tuple[float, float]:
    """The same rows a filing writes (1 ticket, 2 events, 2 outbox messages), straight through asyncpg
    into copies of our tables with their indexes: the most a durable write on this machine allows.
    Returns (one ticket per transaction, `batch` per transaction) in tickets/s."""
    import asyncpg  # the driver itself, nothing of ours

    dsn = PG_URL
    conns = [await asyncpg.connect(dsn, server_settings={"search_path": schema})
             for _ in range(max(concurrency, importers))]
    try:
        for table in ("tickets", "ticket_events", "outbox"):
            await conns[0].execute(f"CREATE TABLE bare_{table} (LIKE {table} INCLUDING ALL)")
        now = datetime.now(UTC)
        ticket_sql = (
            "INSERT INTO bare_tickets (number, kind, category, urgency, complexity, description, resident_id,"
            " channel, status, photos, emergency_triggers, escalation_level, needs_dispatcher, round, reopen_count,"
            " return_count, legal_hold, created_at, updated_at, due_at, claim_due_at, first_response_due_at,"
            " escalate_at, version, grid_id, building, unit, contact_phone) VALUES ($1, 'complaint', $2, 'normal',"
            " 'simple', $3, 1, 'bench', 'assigned', '[]', '[]', 0, false, 1, 0, 0, false, $4, $4, $4, $4, $4, $4,"
            " 1, 1, $5, $6, '13812345678') RETURNING id")
        event_sql = ("INSERT INTO bare_ticket_events (ticket_id, type, at, actor_role, attachments, data)"
                     " VALUES ($1, $2, $3, 'resident', '[]', '{}')")
        outbox_sql = ("INSERT INTO bare_outbox (created_at, channel, address, audience, purpose, ticket_id, payload,"
                      " status, attempts, next_attempt_at) VALUES ($1, 'bench', 'group-A', 'group', 'card', $2,"
                      " '[{\"type\": \"text\", \"text\": \"x\"}]', 'pending', 0, $1)")

        async def one(conn: asyncpg.Connection, i: int) -> None:
            async with conn.transaction():
                tid = await conn.fetchval(ticket_sql, f"B{i:09d}", CATEGORIES[i % 7], TEXTS[i % 7], now, str(i % 30),
                                          str(i % 4 + 1))
                await conn.executemany(event_sql, [(tid, "filed", now), (tid, "assigned", now)])
                await conn.executemany(outbox_sql, [(now, tid), (now, tid)])

        queue = list(range(n_chat))

        async def caller(conn: asyncpg.Connection) -> None:
            while queue:
                await one(conn, queue.pop())

        started = time.perf_counter()
        await asyncio.gather(*(caller(c) for c in conns))
        chat = n_chat / (time.perf_counter() - started)

        async def bulk(conn: asyncpg.Connection, first: int, count: int) -> None:
            for start in range(first, first + count, batch):
                ids = range(start, min(start + batch, first + count))
                async with conn.transaction():
                    tids = [await conn.fetchval(ticket_sql, f"C{i:09d}", CATEGORIES[i % 7], TEXTS[i % 7], now,
                                                str(i % 30), str(i % 4 + 1)) for i in ids]
                    await conn.executemany(event_sql, [(t, k, now) for t in tids for k in ("filed", "assigned")])
                    await conn.executemany(outbox_sql, [(now, t) for t in tids for _ in range(2)])

        share = -(-n_bulk // importers)  # as many connections as our import runs transactions at once
        started = time.perf_counter()
        await asyncio.gather(*(bulk(conns[k], k * share, min(share, n_bulk - k * share)) for k in range(importers)
                               if k * share < n_bulk))
        bulk_rate = n_bulk / (time.perf_counter() - started) if n_bulk else 0.0
        for table in ("tickets", "ticket_events", "outbox"):
            await conns[0].execute(f"DROP TABLE bare_{table}")
        return chat, bulk_rate
    finally:
        for c in conns:
            await c.close()


async def pad(db: Database, target: int, batch: int = 20000) -> int:
    """Bulk-insert closed tickets (the bulk of any real table) up to `target` rows."""
    async with db.transaction() as s:
        have = (await s.execute(text("SELECT count(*) FROM tickets"))).scalar_one()
        resident_id = (await s.execute(select(Resident.id).limit(1))).scalar_one()
    now = datetime.now(UTC)
    added = 0
    rng = random.Random(7)
    while have + added < target:
        size = min(batch, target - have - added)
        rows = []
        for j in range(size):
            created = now - timedelta(days=rng.randint(2, 700), minutes=j % 1440)
            rows.append(dict(
                number=f"P{have + added + j:09d}", kind="complaint", category=CATEGORIES[j % 7], urgency="normal",
                complexity="simple", description=TEXTS[j % 7], resident_id=resident_id, channel="bench",
                status="closed", photos=[], emergency_triggers=[], escalation_level=0, needs_dispatcher=False,
                round=1, reopen_count=0, return_count=0, legal_hold=False, created_at=created, updated_at=created,
                closed_at=created + timedelta(days=1), due_at=created + timedelta(hours=24),
                claim_due_at=created + timedelta(hours=4), first_response_due_at=created + timedelta(hours=24),
                escalate_at=created + timedelta(days=9), version=1,
            ))
        async with db.transaction() as s:
            await s.execute(insert(Ticket), rows)
        added += size
    await db.refresh_statistics()
    return have + added


async def time_queries(db: Database, repeats: int = 30) -> dict[str, tuple[float, float, int]]:
    now = datetime.now(UTC) + timedelta(days=2)  # so that every open ticket is overdue: the worst case
    results: dict[str, tuple[float, float, int]] = {}
    cases = {
        "open queue (50)": lambda s: open_queue(s, limit=50),
        "open queue, one grid (50)": lambda s: open_queue(s, grid_id=1, limit=50),
        "overdue (100)": lambda s: overdue(s, now, limit=100),
    }
    for name, query in cases.items():
        times = []
        rows = 0
        for _ in range(repeats):
            async with db.transaction() as s:
                started = time.perf_counter()
                rows = len(await query(s))
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        results[name] = (statistics.median(times), times[int(len(times) * 0.95) - 1], rows)
    return results


async def plan(db: Database) -> str:
    query = select(Ticket.id).where(ticket_is_open(), Ticket.due_at < datetime.now(UTC)).order_by(Ticket.due_at).limit(100)
    async with db.engine.connect() as conn:
        compiled = query.compile(conn.sync_engine if False else db.engine.sync_engine,  # noqa: SIM222
                                 compile_kwargs={"literal_binds": True})
        prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
        rows = (await conn.execute(text(prefix + str(compiled)))).all()
    return "\n".join("    " + " ".join(str(c) for c in r) for r in rows)


def report(results: dict[str, tuple[float, float, int]]) -> None:
    for name, (median, p95, rows) in results.items():
        flag = "ok" if p95 < 50 else "SLOW"
        print(f"    {name:<28} median {median:7.2f} ms   p95 {p95:7.2f} ms   rows {rows:4d}   [{flag} vs 50 ms]")


async def run(backend: str, n: int, pad_to: int, concurrency: int, chat: int, batch: int, importers: int) -> None:
    db, schema, url = await prepare(backend)
    try:
        print(f"\n== {backend} ==")
        interactive = min(n, chat)
        chat_rate, bulk_rate = await file_tickets(db, url, n, interactive, concurrency, batch, importers)
        target = "   (target ≥ 2,000/s)" if backend == "postgresql" else ""
        print(f"  filing, one ticket per transaction as a chat does, {concurrency} concurrent callers: "
              f"{chat_rate:,.0f} tickets/s ({interactive:,} tickets)")
        if n > interactive:
            print(f"  filing, bulk import (as `import --parallel {importers}`: {batch} per transaction, "
                  "same service path): "
                  f"{bulk_rate:,.0f} tickets/s ({n - interactive:,} tickets){target}")
        if schema is not None:
            bare_chat, bare_bulk = await bare_baseline(schema, interactive, min(n - interactive, 20000),
                                                       concurrency, batch, importers)
            print(f"  baseline, the same rows straight through asyncpg: {bare_chat:,.0f}/s one per transaction, "
                  f"{bare_bulk:,.0f}/s in bulk")
            print(f"  ratio ours / bare driver: {chat_rate / bare_chat:.2f} one per transaction, "
                  f"{(bulk_rate / bare_bulk) if bare_bulk else 0:.2f} in bulk")
        await db.refresh_statistics()  # as `serve` does every hour and `import` after filing (SQLite only)
        print(f"  queries at {n:,} tickets:")
        report(await time_queries(db))
        if pad_to > n:
            total = await pad(db, pad_to)
            print(f"  queries at {total:,} tickets ({total - n:,} closed ones bulk-inserted):")
            report(await time_queries(db))
        print("  plan of the overdue query:")
        print(await plan(db))
    finally:
        await db.dispose()
        await drop(schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--pad-to", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent chat-like callers")
    parser.add_argument("--chat", type=int, default=5000, help="how many of the tickets are filed one by one")
    parser.add_argument("--batch", type=int, default=500, help="tickets per transaction in the bulk path")
    parser.add_argument("--importers", type=int, default=4,
                        help="bulk transactions at once, as `complaint-bot import --parallel` (default 4, as it)")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        asyncio.run(run(backend.strip(), args.tickets, args.pad_to, args.concurrency, args.chat, args.batch,
                        args.importers))


if __name__ == "__main__":
    main()
