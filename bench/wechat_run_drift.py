"""Why the same webhook code costs more CPU a message in one bench run than in the next: the
saturation phase of bench/wechat_webhook.py (the floor and the webhook in turn), several times in
one process, with what each run spent beyond the step itself.

    PYTHONPATH=. .venv/bin/python bench/wechat_run_drift.py --database-url postgresql://… [--runs 6]
        [--residents 200] [--seconds 5]

Per run: messages, the server's CPU per message, and what could make it vary — the cyclic GC
(collections per generation and their time, `gc.callbacks`), the heap (objects the GC tracks), a
dialog step tried more than once (claims per message), statements and transactions per message,
how often the servers' loop waited for I/O per message (and how many events each wait returned), the CPU the kernel gave to other guests
(steal, /proc/stat), user and kernel time apart (getrusage), and the bench's tables in PostgreSQL
(live and dead rows: autovacuum may be off).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import resource
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import wechat_webhook as wb  # noqa: E402

GC: dict[str, float] = {"count0": 0, "count1": 0, "count2": 0, "ms0": 0.0, "ms1": 0.0, "ms2": 0.0, "max2": 0.0}
_started: list[float] = [0.0]
CLAIMS = [0]
STATEMENTS = [0, 0]  # statements, commits
KINDS: Counter[str] = Counter()  # statements by their first words
POLLS = [0, 0]  # the servers' loop: waits for I/O, and the events they returned
CONNECTS = [0]  # connections the pool opened (each logs in, sets its codecs and prepares every statement anew)
LOGGED: Counter[str] = Counter()  # what the servers logged at WARNING and above, by its first words


class _Logged(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        LOGGED[" ".join(record.getMessage().split()[:6])[:100]] += 1


def _gc_callback(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started[0] = time.thread_time()
        return
    took = (time.thread_time() - _started[0]) * 1000  # the CPU of the thread collecting
    generation = info["generation"]
    GC[f"count{generation}"] += 1
    GC[f"ms{generation}"] += took
    if generation == 2:
        GC["max2"] = max(GC["max2"], took)


def _steal() -> tuple[int, int]:
    """(steal, all) jiffies of every CPU so far."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return fields[7], sum(fields)


async def _tables(app: Any) -> str:
    if app.db.is_sqlite:
        return ""
    from sqlalchemy import text

    async with app.db.transaction() as s:
        rows = (await s.execute(text(
            "SELECT relname, n_live_tup, n_dead_tup FROM pg_stat_user_tables"
            " WHERE schemaname = current_schema() AND relname IN ('dialog_states', 'processed_updates', 'channel_identities') ORDER BY relname"))).all()
    return " ".join(f"{r.relname}={r.n_live_tup}/{r.n_dead_tup}" for r in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--kinds", action="store_true", help="the webhook's statements by kind, per message")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger().addHandler(wb.ERRORS)
    logging.getLogger().addHandler(_Logged(logging.WARNING))
    logging.getLogger().setLevel(logging.WARNING)
    from core.inbound import InboundLog

    claim_noting = InboundLog.claim_noting

    async def counted(self: Any, *a: Any, **kw: Any) -> Any:
        CLAIMS[0] += 1
        return await claim_noting(self, *a, **kw)

    InboundLog.claim_noting = counted  # type: ignore[method-assign]  # this bench process only
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    full_url, bare_url, app, runners = asyncio.run_coroutine_threadsafe(
        wb.start_servers(args.database_url, "real"), loop).result()
    gc.callbacks.append(_gc_callback)
    from sqlalchemy import event

    def connected(*_: Any) -> None:
        CONNECTS[0] += 1

    event.listen(app.db.engine.sync_engine, "connect", connected)

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        STATEMENTS[0] += 1
        KINDS[" ".join(sql.split())[:70]] += 1

    def committed(*_: Any) -> None:
        STATEMENTS[1] += 1

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", statement)
    event.listen(app.db.engine.sync_engine, "commit", committed)
    selector = loop._selector  # type: ignore[attr-defined]  # the servers' loop: how often it waits, for how much
    select = selector.select

    def counted_select(timeout: float | None = None) -> Any:
        ready = select(timeout)
        POLLS[0] += 1
        POLLS[1] += len(ready)
        return ready

    selector.select = counted_select
    print(f"{'run':>3} {'target':<8} {'msg':>6} {'msg/s':>6} {'cpu/msg':>8} {'user+sys':>12} {'claims/msg':>10} {'stmt/tx':>9} {'polls(ev)':>10} "
          f"{'gc0/1/2':>12} {'gc ms/msg':>9} {'gen2 ms (max)':>14} {'tracked':>9} {'steal':>6} {'connects':>8}  tables")
    offset = 100
    for run in range(1, args.runs + 1):
        for target, url in (("floor", wb.floor_url(bare_url)), ("webhook", full_url)):
            offset += 1
            for key in GC:
                GC[key] = 0
            CLAIMS[0] = CONNECTS[0] = STATEMENTS[0] = STATEMENTS[1] = POLLS[0] = POLLS[1] = 0
            LOGGED.clear()
            KINDS.clear()
            steal0, all0 = _steal()
            user0, sys0 = resource.getrusage(resource.RUSAGE_SELF)[:2]
            result = wb.measure(wb.Phase(url, args.residents, args.seconds, 0.0, encrypted=True), offset)
            steal1, all1 = _steal()
            user1, sys1 = resource.getrusage(resource.RUSAGE_SELF)[:2]
            n = max(1, int(result["n"]))
            tables = asyncio.run_coroutine_threadsafe(_tables(app), loop).result() if target == "webhook" else ""
            print(f"{run:>3} {target:<8} {n:>6} {result['rate']:>6.0f} {result['cpu']:>6.2f}ms "
                  f"{(user1 - user0) / n * 1000:>5.2f}+{(sys1 - sys0) / n * 1000:.2f}ms "
                  f"{CLAIMS[0] / n:>10.3f} {STATEMENTS[0] / n:>4.2f}/{STATEMENTS[1] / n:.2f} "
                  f"{POLLS[0] / n:>4.2f}({POLLS[1] / max(1, POLLS[0]):.1f}) {GC['count0']:>4.0f}/{GC['count1']:.0f}/{GC['count2']:.0f} "
                  f"{(GC['ms0'] + GC['ms1'] + GC['ms2']) / n:>9.3f} {GC['ms2']:>7.0f} ({GC['max2']:>4.0f}) "
                  f"{len(gc.get_objects()):>9} {100 * (steal1 - steal0) / max(1, all1 - all0):>5.1f}% {CONNECTS[0]:>8}  {tables}"
                  + (f"  ({result['errors']} failed)" if result["errors"] else ""), flush=True)
            for said, times in LOGGED.most_common(2):
                print(f"      logged {times}x: {said}")
            if args.kinds and target == "webhook":
                for sql, times in KINDS.most_common(8):
                    print(f"      {times / n:5.2f}/msg  {sql}")

    async def stop() -> None:
        for runner in reversed(runners):
            await runner.cleanup()
        await app.close()

    asyncio.run_coroutine_threadsafe(stop(), loop).result()
    loop.call_soon_threadsafe(loop.stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
