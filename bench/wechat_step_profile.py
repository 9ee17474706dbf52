"""Profile one WeChat message's path: the same servers as bench/wechat_webhook.py, driven one
message at a time from this process (no concurrency, so the figures repeat), under cProfile or as
plain counts for `valgrind --tool=callgrind`.

    PYTHONPATH=. .venv/bin/python bench/wechat_step_profile.py [--database-url …] [--redis-url …]
        [--messages 300] [--target webhook|floor|bare] [--cprofile out.prof]
    valgrind --tool=callgrind --instr-atstart=no python bench/wechat_step_profile.py --callgrind …

Each resident sends a few messages in turn (a dialog goes description → address → …), as in the
bench. `--callgrind` switches valgrind's collection on for the measured messages only (the
instruction count repeats on a busy machine, where CPU time does not). Prints CPU per message of this whole process (client included: compare targets, or run
`--target bare` for the client's share). `--count` prints what repeats on a loaded machine: statements
(as SQLAlchemy's cursor events see them: neither asyncpg's BEGIN nor SQLite's, which goes with the
first statement), transactions, on SQLite trips to aiosqlite's thread, and with Redis its commands
and round trips (a pipeline is one) per message.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import wechat_webhook as wb  # noqa: E402

KINDS: Counter[str] = Counter()  # statements and Redis commands by their first words (--count)


def _callgrind(switch: str) -> None:
    """Blocking on purpose: nothing else runs between the measured messages."""
    subprocess.run(["callgrind_control", f"--instr={switch}", str(os.getpid())], check=True, capture_output=True)


async def run(args: argparse.Namespace) -> None:
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{tmp.name}/bench.db"
    wb.DIALOG_STATE = args.dialog_state
    full_url, bare_url, app, runners = await wb.start_servers(url, "real", args.redis_url, 1, args.grids)
    target = {"webhook": full_url, "floor": wb.floor_url(bare_url), "bare": bare_url}[args.target]
    import aiohttp

    def batch(offset: int, n: int) -> list[tuple[dict[str, str], bytes]]:
        residents = max(1, n // args.per_resident)
        phase = wb.Phase(target, residents, args.per_resident * 0.01, 0.01, encrypted=True)
        reqs = wb._requests(phase, offset)
        return [r[i] for i in range(args.per_resident) for r in reqs][:n]  # residents take turns

    warm, measured = batch(1, args.warmup), batch(2, args.messages)
    async with aiohttp.ClientSession() as http:
        async def send(reqs: list[tuple[dict[str, str], bytes]]) -> int:
            bad = 0
            for query, body in reqs:
                async with http.post(target, params=query, data=body) as resp:
                    text = await resp.text()
                    bad += resp.status != 200 or text == "success"
            return bad

        await send(warm)
        counts = _counting(app.db.engine) if args.count else None
        profiler = cProfile.Profile() if args.cprofile else None
        if args.callgrind:
            _callgrind("on")
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        bad = await send(measured)
        if args.callgrind:
            _callgrind("off")
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.cprofile)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(measured)
    if counts is not None:
        print(f"{args.target}: per message {counts['statements'] / n:.2f} statements, "
              f"{counts['commits'] / n:.2f} transactions committed, {counts['trips'] / n:.2f} trips to aiosqlite's thread, "
              f"{counts['redis'] / n:.2f} Redis commands in {counts['redis_trips'] / n:.2f} round trips")
        for sql, times in KINDS.most_common():
            print(f"  {times / n:5.2f}  {sql}")
    print(f"{args.target}: {n} messages, {cpu / n * 1000:.2f} ms CPU and {wall / n * 1000:.2f} ms wall per message"
          f" (this process, client included){f'; {bad} failed' if bad else ''}")
    for runner in reversed(runners):
        await runner.cleanup()
    await app.close()
    tmp.cleanup()


def _counting(engine: Any) -> dict[str, int]:
    """Counters of the statements, commits, aiosqlite thread trips and Redis commands (replies
    read) and round trips (writes to a connection: a pipeline is one) from now on."""
    import aiosqlite
    from redis.asyncio.connection import AbstractConnection
    from sqlalchemy import event

    counts = {"statements": 0, "commits": 0, "trips": 0, "redis": 0, "redis_trips": 0}
    kinds = KINDS

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        counts["statements"] += 1
        kinds[" ".join(sql.split())[:90]] += 1

    def commit(*_: Any) -> None:
        counts["commits"] += 1

    event.listen(engine.sync_engine, "before_cursor_execute", statement)
    event.listen(engine.sync_engine, "commit", commit)
    queued = aiosqlite.Connection._execute

    async def trip(self: Any, fn: Any, *a: Any, **kw: Any) -> Any:
        counts["trips"] += 1
        return await queued(self, fn, *a, **kw)

    aiosqlite.Connection._execute = trip  # type: ignore[method-assign]  # this bench process only
    sent, read = AbstractConnection.send_packed_command, AbstractConnection.read_response

    async def send(self: Any, *a: Any, **kw: Any) -> Any:
        counts["redis_trips"] += 1
        return await sent(self, *a, **kw)

    async def reply(self: Any, *a: Any, **kw: Any) -> Any:
        counts["redis"] += 1
        return await read(self, *a, **kw)

    packed = AbstractConnection.pack_commands, AbstractConnection.pack_command

    def pack_all(self: Any, commands: Any) -> Any:
        for command in commands:
            kinds[f"redis {command[0]}"] += 1
        return packed[0](self, commands)

    def pack_one(self: Any, *args: Any) -> Any:
        kinds[f"redis {args[0]}"] += 1
        return packed[1](self, *args)

    AbstractConnection.pack_commands = pack_all  # type: ignore[method-assign]
    AbstractConnection.pack_command = pack_one  # type: ignore[method-assign]

    AbstractConnection.send_packed_command = send  # type: ignore[method-assign]
    AbstractConnection.read_response = reply  # type: ignore[method-assign]
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--redis-url")
    parser.add_argument("--dialog-state", choices=("auto", "database", "redis"), default="auto",
                        help="as DIALOG_STATE (`redis`, with --redis-url, keeps state and options in Redis)")
    parser.add_argument("--target", choices=["webhook", "floor", "bare"], default="webhook")
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--per-resident", type=int, default=6, help="messages each resident sends in turn")
    parser.add_argument("--grids", type=int, default=0)
    parser.add_argument("--callgrind", action="store_true", help="under valgrind --tool=callgrind --instr-atstart=no")
    parser.add_argument("--count", action="store_true", help="statements, transactions and thread trips per message")
    parser.add_argument("--cprofile", help="write cProfile stats of the measured messages here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
