"""The reports' per-worker 接单 when the desk gives a ticket to a named worker (指派, Verb.ASSIGN_WORKER):
the worker counts as having taken it, once per round (a later claim of their own in the same round
adds nothing), their handling time runs from the assignment, and it is theirs at the end of the day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.app import build_reports
from core.clock import ManualClock
from core.enums import Rating
from tests.followthrough.timeline import local
from tests.world import World

DAY = date(2026, 11, 24)


async def test_a_desk_assignment_counts_as_the_workers_taking(world: World, clock: ManualClock) -> None:
    t = world.app.tickets
    w1, w2, desk = world.actor(world.worker), world.actor(world.worker2), world.actor(world.dispatcher)

    async def at(when, action):  # type: ignore[no-untyped-def]
        clock.set(when)
        return await action

    # A1: assigned to 张伟 09:00, resolved by him 11:00 (2 h from the assignment)
    clock.set(local(2026, 11, 24, 8))
    a1 = await world.file("电梯异响", who="r1")
    await at(local(2026, 11, 24, 9), t.assign_worker(a1, world.worker.id, desk))
    await at(local(2026, 11, 24, 11), t.resolve(a1, w1, "已检修"))
    # A2: 张伟 claims 09:30, the desk gives it to 李娜 10:00, she resolves 10:30 (0.5 h from the assignment)
    clock.set(local(2026, 11, 24, 9))
    a2 = await world.file("楼道灯坏了", who="r2")
    await at(local(2026, 11, 24, 9, 30), t.claim(a2, w1))
    await at(local(2026, 11, 24, 10), t.assign_worker(a2, world.worker2.id, desk))
    await at(local(2026, 11, 24, 10, 30), t.resolve(a2, w2, "已换灯"))
    # A3: given to 李娜 11:00, she hands it back 12:00, the desk sends it to the grid, she claims 13:00:
    # one taking in this round, not two
    clock.set(local(2026, 11, 24, 10))
    a3 = await world.file("垃圾没人收", who="r3")
    await at(local(2026, 11, 24, 11), t.assign_worker(a3, world.worker2.id, desk))
    await at(local(2026, 11, 24, 12), t.return_(a3, w2, "需要物业配合"))
    await at(local(2026, 11, 24, 12, 30), t.assign(a3, "A", desk))
    await at(local(2026, 11, 24, 13), t.claim(a3, w2))
    # A4: grid A's ticket given to 王强 of grid B 14:00: his, and still open at midnight
    clock.set(local(2026, 11, 24, 13))
    a4 = await world.file("水管漏水", who="r4")
    await at(local(2026, 11, 24, 14), t.assign_worker(a4, world.other_worker.id, desk, grid_code="B"))
    # A1 reopened (不满意) and given to 张伟 again: a new round, a new taking
    await at(local(2026, 11, 24, 15), t.rate(a1, await world.resident("r1"), Rating.DISSATISFIED))
    await at(local(2026, 11, 24, 16), t.assign_worker(a1, world.worker.id, desk))

    report = await build_reports(world.app).make("daily", DAY)
    work = {w.name: w for w in report.workload}
    zw, ln, wq = work["张伟"], work["李娜"], work["王强"]
    # 张伟: A1 (round 1), A2 (his own claim), A1 (round 2); resolved A1 in 2 h; A1 his at midnight
    assert (zw.claimed, zw.resolved, zw.open_at_end) == (3, 1, 1)
    assert zw.average_hours == pytest.approx(2.0)
    # 李娜: A2 and A3 once each; resolved A2 in 0.5 h (from the assignment, not 张伟's claim); A3 hers
    assert (ln.claimed, ln.resolved, ln.returned, ln.open_at_end) == (2, 1, 1, 1)
    assert ln.average_hours == pytest.approx(0.5)
    # 王强: A4, assigned across grids, open at midnight
    assert (wq.claimed, wq.open_at_end) == (1, 1)
