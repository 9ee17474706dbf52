"""Desk benchmark: the hotline desk's pages at 10,000 and 1,000,000 tickets, and its live fan-out.

    python bench/desk_bench.py                                 # PostgreSQL, 10,000 then 1,000,000 tickets
    python bench/desk_bench.py --sizes 5000,50000 --backend sqlite --open 1000

For each size: open tickets filed through the service (as chats and imports do), the table padded
with closed ones (most tickets in a real deployment are closed), then the desk served on loopback
and timed from a logged-in client — the queue (default, searched, filtered, a deep page) and a
ticket page: p50 / p95 of repeated requests. Then live fan-out: 50 open event streams, a ticket
changed again and again, the time until each stream hears of it (p50 / p95).
Goal (issue #13): queue and ticket page p95 < 150 ms at 1,000,000; 50 queues hear a change < 1 s p95.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import ClientSession, ClientTimeout, CookieJar  # noqa: E402
from aiohttp.test_utils import TestServer  # noqa: E402
from core_bench import drop, file_tickets, pad, prepare  # noqa: E402

from bot.app import (
    build_app,  # noqa: E402
    desk_part,  # noqa: E402
)
from bot.desk import DeskComponent  # noqa: E402
from bot.server import build_web_app  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import Settings  # noqa: E402
from core.enums import Role  # noqa: E402
from core.service.actor import Actor  # noqa: E402

PASSWORD = "bench-password-1"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NUMBER = re.compile(r'<tr data-number="([^"]+)"')


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def timed(http: ClientSession, url: str, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        async with http.get(url) as response:
            await response.read()
            assert response.status == 200, (url, response.status)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), p(times, 0.95)


async def fan_out(http: ClientSession, base: str, tickets: Actor, app: object, number: str, streams: int,
                  changes: int) -> tuple[float, float]:
    """Open `streams` event streams, change a ticket `changes` times, measure when each stream hears."""
    heard: dict[int, list[float]] = {}
    changed_at: dict[int, float] = {}
    ready = asyncio.Event()
    opened = 0

    async def listen(k: int) -> None:
        nonlocal opened
        async with http.get(base + "/events", timeout=ClientTimeout(total=None, sock_read=None)) as stream:
            opened += 1
            if opened == streams:
                ready.set()
            seen = 0
            async for raw in stream.content:
                line = raw.decode().strip()
                if line.startswith("event: ticket"):
                    seen += 1
                    heard.setdefault(seen, []).append(time.perf_counter())
                    if seen == changes:
                        return

    tasks = [asyncio.create_task(listen(k)) for k in range(streams)]
    await asyncio.wait_for(ready.wait(), 30)
    await asyncio.sleep(0.5)  # every stream subscribed
    for n in range(1, changes + 1):
        changed_at[n] = time.perf_counter()
        await app.tickets.add_note(number, tickets, f"bench change {n}")  # type: ignore[attr-defined]
        await asyncio.sleep(0.3)
    await asyncio.wait_for(asyncio.gather(*tasks), 60)
    delays = [(t - changed_at[n]) * 1000 for n, ts in heard.items() for t in ts]
    return statistics.median(delays), p(delays, 0.95)


async def run(backend: str, size: int, open_n: int, repeats: int, streams: int) -> dict[str, tuple[float, float]]:
    db, schema, url = await prepare(backend)
    try:
        await file_tickets(db, url, open_n, min(200, open_n), 8, 1000, 2)
        total = await pad(db, size)
        settings = Settings(database_url=url)
        app = build_app(settings, clock=SystemClock(), db=db)
        dispatcher = await app.directory.add_staff("调度员", Role.DISPATCHER)
        component = desk_part(app)
        assert isinstance(component, DeskComponent)
        await component.deps.accounts.set_password(dispatcher.id, PASSWORD)
        server = TestServer(build_web_app(app, [component]))
        await server.start_server()
        await component.start()
        base = str(server.make_url(settings.desk.path))
        results: dict[str, tuple[float, float]] = {}
        try:
            async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:  # 127.0.0.1 keeps cookies
                async with http.get(base + "/login") as r:
                    token = CSRF.search(await r.text())[1]  # type: ignore[index]
                async with http.post(base + "/login", data={"username": "调度员", "password": PASSWORD,
                                                            "csrf_token": token}) as r:
                    assert r.status == 200, r.status
                async with http.get(base + "/") as r:
                    number = NUMBER.search(await r.text())[1]  # type: ignore[index]
                pages = {
                    "queue": "/", "queue newest": "/?sort=newest", "queue search words": "/?q=楼道",
                    "queue phone last 4": "/?q=5678", "queue grid+overdue": "/?grid=A&overdue=1",
                    "queue page 10": "/?page=10", "ticket page": f"/tickets/{number}",
                }
                for name, path in pages.items():
                    results[name] = await timed(http, base + path, repeats)
                actor = Actor.staff(dispatcher.id, Role.DISPATCHER)
                results[f"live fan-out ({streams} queues)"] = await fan_out(http, base, actor, app, number,
                                                                          streams, 10)
        finally:
            await component.stop()
            await server.close()
        print(f"\n{backend}: {total:,} tickets ({open_n:,} open)")
        for name, (p50, p95) in results.items():
            print(f"  {name:28s} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
        return results
    finally:
        await db.dispose()
        await drop(schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--sizes", default="10000,1000000", help="total tickets per run, comma-separated")
    parser.add_argument("--open", type=int, default=5000, dest="open_n", help="open tickets (filed) per run")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--streams", type=int, default=50)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    async def all_sizes() -> None:
        runs = [await run(args.backend, size, min(args.open_n, size), args.repeats, args.streams) for size in sizes]
        if len(runs) > 1:
            print(f"\np95 ratio, {sizes[-1]:,} against {sizes[0]:,} tickets (1.0 = no slower):")
            for name in runs[0]:
                print(f"  {name:28s} {runs[-1][name][1] / runs[0][name][1]:6.2f}")
        for name, (_, p95) in runs[-1].items():
            goal = 1000.0 if name.startswith("live") else 150.0
            print(f"  {'meets' if p95 < goal else 'MISSES'} the goal: {name} p95 {p95:.0f} ms < {goal:.0f} ms")

    asyncio.run(all_sizes())


if __name__ == "__main__":
    main()
