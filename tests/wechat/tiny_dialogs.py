"""A deliberately small conversation engine with the dialogs' contract
(`handle(Incoming) -> list[OutMessage]`) that calls the real core services, so the WeChat channel
can be tested end to end before and apart from bot/dialogs. A gate lets a test hold a step open
(to stage WeChat's resends while the first attempt is still running)."""

from __future__ import annotations

import asyncio

from bot.app import App
from core.enums import Rating, Role
from core.messages import Choice, Choices, Incoming, OutMessage, Text
from core.service import keys
from core.service.actor import Actor
from core.service.tickets import NewTicket, identify_resident


class TinyDialogs:
    def __init__(self, app: App, *, grid: str = "A") -> None:
        self.app, self.grid = app, grid
        self.gate: asyncio.Event | None = None
        self.seen: list[Incoming] = []

    async def handle(self, incoming: Incoming) -> list[OutMessage]:
        self.seen.append(incoming)
        if self.gate is not None:
            await self.gate.wait()
        app = self.app
        staff = await app.directory.staff_by_identity(incoming.channel, incoming.sender)
        actor = Actor.staff(staff.staff.id, Role(staff.staff.role), staff.identity.id) if staff else None
        if incoming.choice:
            key = keys.decode(incoming.choice)
            if key is not None and key.verb == keys.SURVEY:
                resident = await self._resident(incoming)
                outcome = await app.tickets.rate(key.number, resident, Rating(key.args[1]), round_=int(key.args[0]))
                return [Text(f"感谢评价（{Rating(key.args[1]).label}）" if outcome.recorded else "已收到")]
            if key is not None and key.verb == keys.CLAIM and actor is not None:
                await app.tickets.claim(key.number, actor)
                return [Text(f"已接单 {key.number}")]
            return [Text(f"选择了 {incoming.choice}")]
        if incoming.command == "start":
            return [Text("tiny：欢迎")]
        if incoming.command in ("help", "new", "my"):
            return [Text(f"tiny：{incoming.command}")]
        if incoming.photos:
            return [Text(f"收到{len(incoming.photos)}张照片")]
        if incoming.location is not None:
            return [Text(f"收到位置：{incoming.location.label}")]
        text = (incoming.text or "").strip()
        words = text.split()
        if words and words[0] == "绑定" and len(words) == 2:
            bound = await app.directory.redeem_staff_invite(incoming.channel, incoming.sender, words[1])
            return [Text(f"绑定成功：{bound.name}")]
        if actor is not None and words and words[0] in ("接单", "办结", "进展"):
            number = words[1]
            note = " ".join(words[2:])
            if words[0] == "接单":
                await app.tickets.claim(number, actor)
            elif words[0] == "进展":
                await app.tickets.add_progress(number, actor, note)
            else:
                await app.tickets.resolve(number, actor, note)
            return [Text(f"{words[0]}成功：{number}")]
        if text == "选水果":
            return [Choices("选一个水果：", (Choice("fruit:a", "苹果"), Choice("fruit:b", "香蕉")))]
        if text in ("你好", "在吗"):
            return [Text("您好，请问有什么可以帮您？")]
        if text == "长消息":
            return [Text("很长的一段话。" * 400)]
        ticket = await app.tickets.file(NewTicket(
            description=text, channel=incoming.channel, external_id=incoming.sender, grid_code=self.grid,
            category="工程维修", contact_phone="13812345678"))
        return [Text(f"已受理，工单号 {ticket.number}")]

    async def _resident(self, incoming: Incoming) -> Actor:
        async with self.app.db.transaction() as s:
            resident, identity = await identify_resident(s, incoming.channel, incoming.sender, None,
                                                         self.app.clock.now())
            return Actor.resident(resident.id, identity.id)
