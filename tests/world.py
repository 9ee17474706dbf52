"""A small community for tests: two grids, their workers, a dispatcher, a supervisor, and group
chats on a test channel."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import App
from core.db.models import Staff
from core.enums import Kind, Role
from core.service.actor import Actor
from core.service.tickets import NewTicket

CHANNEL = "test"


@dataclass
class World:
    app: App
    worker: Staff  # grid A
    worker2: Staff  # grid A
    other_worker: Staff  # grid B
    dispatcher: Staff
    supervisor: Staff

    def actor(self, staff: Staff) -> Actor:
        return Actor.staff(staff.id, Role(staff.role))

    async def file(self, text: str = "3栋楼道灯坏了一个星期了", *, who: str = "resident-1",
                   grid: str | None = "A", **kwargs: object) -> str:
        new = NewTicket(description=text, channel=CHANNEL, external_id=who, grid_code=grid,
                        category=kwargs.pop("category", "工程维修"),  # type: ignore[arg-type]
                        contact_phone=kwargs.pop("contact_phone", "13812345678"),  # type: ignore[arg-type]
                        # tests state the kind; the classifier's guess is tested on its own
                        kind=kwargs.pop("kind", Kind.COMPLAINT),  # type: ignore[arg-type]
                        **kwargs)  # type: ignore[arg-type]
        t = await self.app.tickets.file(new)
        return t.number

    async def resident(self, who: str = "resident-1") -> Actor:
        from core.service.tickets import identify_resident

        async with self.app.db.transaction() as s:
            r, i = await identify_resident(s, CHANNEL, who, None, self.app.clock.now())
            return Actor.resident(r.id, i.id)


async def build_world(app: App) -> World:
    d = app.directory
    await d.add_grid("A", "幸福里网格", patterns=["幸福里小区"])
    await d.add_grid("B", "阳光花园网格", patterns=["阳光花园"])
    w1 = await d.add_staff("张伟", Role.WORKER, grids=["A"], department="维修")
    w2 = await d.add_staff("李娜", Role.WORKER, grids=["A"], department="保洁")
    w3 = await d.add_staff("王强", Role.WORKER, grids=["B"])
    disp = await d.add_staff("赵敏", Role.DISPATCHER)
    sup = await d.add_staff("孙主任", Role.SUPERVISOR)
    await d.bind_group_direct(CHANNEL, "group-A", "A")
    await d.bind_group_direct(CHANNEL, "group-B", "B")
    await d.bind_group_direct(CHANNEL, "group-sup", "supervisors")
    await d.bind_group_direct(CHANNEL, "group-desk", "dispatchers")
    for staff, ext in ((w1, "w1"), (w2, "w2"), (w3, "w3"), (disp, "d1"), (sup, "s1")):
        await d.bind_staff_identity(staff.id, CHANNEL, ext)
    return World(app, w1, w2, w3, disp, sup)
