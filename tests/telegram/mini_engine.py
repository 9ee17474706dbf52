"""A small but real conversation engine over the core services, standing in for bot/dialogs until
that lands: enough to file (description → 小区 buttons → location → phone), track (/my), rate the
survey, bind groups and staff, and let grid workers act from the group (buttons, then a reply to
the bot's prompt with a note and photos). State is kept in memory: this is a test helper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.app import App
from core import messages as m
from core.enums import Rating, Role, Urgency
from core.errors import NotAllowed
from core.service import keys
from core.service.actor import Actor
from core.service.tickets import NewTicket, identify_resident

COMMUNITIES = {"A": "幸福里小区", "B": "阳光花园"}


@dataclass
class Draft:
    description: str
    photos: list[m.MediaRef] = field(default_factory=list)
    grid: str | None = None
    point: m.GeoPoint | None = None
    step: str = "community"


class MiniEngine:
    def __init__(self, app: App) -> None:
        self.app = app
        self.drafts: dict[str, Draft] = {}
        self.prompts: dict[tuple[str, str], tuple[str, str]] = {}  # (chat, sender) → (verb, number)
        self.seen: list[m.Incoming] = []

    async def handle(self, incoming: m.Incoming) -> Sequence[m.OutMessage]:
        self.seen.append(incoming)
        if incoming.chat_kind == "group":
            return await self._group(incoming)
        return await self._private(incoming)

    # ---- residents and staff in private ------------------------------------------------------------

    async def _private(self, i: m.Incoming) -> list[m.OutMessage]:
        d = self.app.directory
        if i.command in ("start", "help"):
            return [m.Text("您好！直接描述您遇到的问题即可投诉。")]
        if i.command == "cancel":
            self.drafts.pop(i.sender, None)
            return [m.Text("已取消。")]
        if i.command == "bind" and len(i.args) == 1:
            staff = await d.redeem_staff_invite(i.channel, i.sender, i.args[0], i.sender_name)
            return [m.Text(f"绑定成功：{staff.name}")]
        if i.command == "my":
            actor = await self._resident(i)
            tickets = await self.app.queries.for_resident(actor.resident_id or 0)
            return [m.Text("\n".join(f"{t.number} {t.status}" for t in tickets) or "您还没有工单。")]
        if i.choice and i.choice.startswith(keys.SURVEY + ":"):
            return await self._rate(i)
        draft = self.drafts.get(i.sender)
        if i.photos:
            if draft is None:
                return [m.Text("请先用文字描述问题，再发照片。")]
            draft.photos.extend(i.photos)
            if not i.text:
                return []  # an album is several updates: photos alone never advance the dialog
        if draft is None:
            if not i.text:
                return [m.Text("请用文字描述您遇到的问题。")]
            self.drafts[i.sender] = Draft(i.text)
            return [m.Choices("请选择小区：", tuple(m.Choice(f"opt:{code}", name) for code, name in COMMUNITIES.items()))]
        if draft.step == "community":
            if not i.choice or not i.choice.startswith("opt:") or i.choice[4:] not in COMMUNITIES:
                return [m.Notice("请点选小区。")]
            draft.grid, draft.step = i.choice[4:], "location"
            return [m.Text("请发送位置（点下方「📍发送位置」）。")]
        if draft.step == "location":
            if i.location is None:
                return [m.Text("请发送位置。")]
            draft.point, draft.step = i.location, "phone"
            return [m.Text("请留下联系电话。")]
        if draft.step == "phone" and i.text:
            del self.drafts[i.sender]
            urgent = "燃气" in draft.description
            t = await self.app.tickets.file(NewTicket(
                description=draft.description, channel=i.channel, external_id=i.sender, display_name=i.sender_name,
                grid_code=draft.grid, community=COMMUNITIES[draft.grid or "A"], point=draft.point,
                photos=tuple(draft.photos), contact_phone=i.text.strip(), category="工程维修",
                urgency=Urgency.EMERGENCY if urgent else None, emergency_triggers=("燃气泄漏",) if urgent else (),
            ))
            return [m.Text(f"已受理，工单编号 {t.number}。")]
        return [m.Text("请按提示操作。")]

    async def _rate(self, i: m.Incoming) -> list[m.OutMessage]:
        action = keys.decode(i.choice or "")
        assert action is not None
        outcome = await self.app.tickets.rate(action.number, await self._resident(i), Rating(action.args[1]),
                                              round_=int(action.args[0]))
        if not outcome.recorded:
            return [m.Notice("这次评价已经收到过了。")]
        return [m.Text("已重新交办，我们会继续处理。" if outcome.reopened else "感谢您的评价！")]

    async def _resident(self, i: m.Incoming) -> Actor:
        async with self.app.db.transaction() as s:
            r, ident = await identify_resident(s, i.channel, i.sender, i.sender_name, self.app.clock.now())
            return Actor.resident(r.id, ident.id)

    # ---- grid workers in their group ---------------------------------------------------------------

    async def _group(self, i: m.Incoming) -> list[m.OutMessage]:
        d = self.app.directory
        if i.command == "bind" and len(i.args) == 2:
            await d.bind_group(i.channel, i.chat, i.args[0], i.args[1], by=i.sender)
            return [m.Text(f"本群已绑定：{i.args[0]}")]
        if i.command == "unbind":
            n = await d.unbind_group(i.channel, i.chat)
            return [m.Text("已解除绑定。" if n else "本群没有绑定。")]
        if i.choice:
            action = keys.decode(i.choice)
            if action is None or action.verb not in keys.WORKER_VERBS:
                return [m.Notice("无效操作")]
            actor = await self._staff(i)
            if action.verb == keys.CLAIM:
                await self.app.tickets.claim(action.number, actor)
                return [m.Notice(f"接单成功：{action.number}")]
            # the service checks again when the note comes; ask only those who may act
            t = await self.app.queries.by_number(action.number)
            if t is None or (action.verb != keys.RETURN and t.assignee_id != actor.staff_id):
                return [m.Notice("只有接单人可以操作")]
            self.prompts[(i.chat, i.sender)] = (action.verb, action.number)
            what = {keys.PROGRESS: "进展", keys.RESOLVE: "处理结果", keys.RETURN: "退回原因"}[action.verb]
            return [m.Text(f"请回复本消息，写明工单 {action.number} 的{what}（可附照片）。", force_reply=True)]
        pending = self.prompts.get((i.chat, i.sender))
        if pending is not None and i.reply_to is not None:
            verb, number = pending
            if not i.text and not i.photos:
                return []
            actor = await self._staff(i)
            del self.prompts[(i.chat, i.sender)]
            if verb == keys.PROGRESS:
                await self.app.tickets.add_progress(number, actor, i.text or "", i.photos)
            elif verb == keys.RESOLVE:
                await self.app.tickets.resolve(number, actor, i.text or "", i.photos)
            else:
                await self.app.tickets.return_(number, actor, i.text or "其他")
            return [m.Text(f"已记录：{number}")]
        return []

    async def _staff(self, i: m.Incoming) -> Actor:
        found = await self.app.directory.staff_by_identity(i.channel, i.sender)
        if found is None:
            raise NotAllowed("您不是登记的工作人员，不能操作工单")
        return Actor.staff(found.staff.id, Role(found.staff.role), found.identity.id)
