"""How long tasks wait for a connection from the async pool when 200 of them want one of 20: the
pool alone, with connections that do nothing (no database), each task looping through a little
CPU outside its transaction, a checkout, two waits for the event loop (round trips) with a little
CPU each, and the checkin. Compares SQLAlchemy's pool with core/db/fair_pool.py's. Wall-clock
figures: on a shared machine the throughput moves between runs; the tail is the point.

    PYTHONPATH=. .venv/bin/python bench/pool_wait_sim.py [--seconds 4] [--tasks 200] [--runs 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.pool import AsyncAdaptedQueuePool  # noqa: E402
from sqlalchemy.util import greenlet_spawn  # noqa: E402

from core.db.fair_pool import FairAsyncPool  # noqa: E402


class _Connection:
    def rollback(self) -> None:
        return None

    def close(self) -> None:
        return None


def _busy(ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


async def run(pool_class: type[Any], seconds: float, tasks: int) -> str:
    pool = pool_class(_Connection, pool_size=10, max_overflow=10, timeout=60)
    waits: list[float] = []
    stop = time.perf_counter() + seconds

    async def task() -> None:
        while time.perf_counter() < stop:
            _busy(0.3)  # the request read and decided outside the transaction
            asked = time.perf_counter()
            connection = await greenlet_spawn(pool.connect)
            waits.append(time.perf_counter() - asked)
            for _ in range(2):  # two round trips
                await asyncio.sleep(0.0005)
                _busy(0.2)
            await greenlet_spawn(connection.close)

    await asyncio.gather(*(task() for _ in range(tasks)))
    waits.sort()
    n = len(waits)
    return (f"{pool_class.__name__:>22}: {n / seconds:6.0f} checkouts/s, wait median {waits[n // 2] * 1000:6.1f} ms, "
            f"p99 {waits[int(n * .99)] * 1000:5.0f} ms, p99.9 {waits[int(n * .999)] * 1000:5.0f} ms, "
            f"max {waits[-1] * 1000:5.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for _ in range(args.runs):
        for pool_class in (AsyncAdaptedQueuePool, FairAsyncPool):
            print(asyncio.run(run(pool_class, args.seconds, args.tasks)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
