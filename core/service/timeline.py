"""A ticket's timeline in plain words, read from its events. Residents see a gentler version:
no internal reasons, no staff notes meant for the desk."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo

from core.db.models import TicketEvent
from core.enums import EventType, Rating, Role
from core.service.texts import fmt_time

Audience = Literal["resident", "staff"]
# how a complaint the desk took for someone reached the hotline (the FILED event's data["source"])
SOURCES = {"phone": "来电", "walk_in": "来访", "transfer_12345": "12345转办"}

_RESIDENT_HIDDEN = {EventType.RECLASSIFIED, EventType.NOTE, EventType.FLAGGED, EventType.REMINDED,
                    EventType.ESCALATED, EventType.REPLIED, EventType.PHONE_REVEALED}


def describe(ev: TicketEvent, names: dict[int, str], audience: Audience = "staff") -> str | None:
    kind = EventType(ev.type)
    if audience == "resident" and kind in _RESIDENT_HIDDEN:
        return None
    who = _who(ev, names, audience)
    note = f"：{ev.note}" if ev.note else ""
    photos = f"（附{len(ev.attachments)}张照片）" if ev.attachments else ""
    match kind:
        case EventType.FILED:
            source = SOURCES.get(str(ev.data.get("source"))) if audience == "staff" else None
            text = "受理登记" + (f"（{source}，{who}代登记）" if source and who else f"（{source}）" if source else "")
        case EventType.ASSIGNED:
            grid = ev.data.get("grid")
            text = "派单" + (f"至网格 {grid}" if grid and audience == "staff" else "至责任网格")
        case EventType.CLAIMED:
            text = f"{who}接单"
        case EventType.PROGRESS:
            text = f"{who}反馈进展{note}{photos}"
        case EventType.RESOLVED:
            text = f"{who}办结{note}{photos}"
        case EventType.RETURNED:
            text = f"{who}退回{note}" if audience == "staff" else "重新安排处理部门"
        case EventType.REOPENED:
            text = f"重新处理{note}"
        case EventType.CLOSED:
            outcome = ev.data.get("outcome")
            text = "结案" + (f"（{Rating(outcome).label}）" if outcome else "")
        case EventType.CANCELLED:
            text = f"撤销{note}"
        case EventType.MERGED:
            text = f"合并到工单 {ev.data.get('into')}"
        case EventType.RATED:
            rating = ev.data.get("rating")
            text = "评价：" + (Rating(rating).label if rating else "") + (f"，{ev.note}" if ev.note else "")
        case EventType.ESCALATED:
            text = f"升级督办（{ev.data.get('level')}级）{note}"
        case EventType.REPLIED:
            text = f"{who}回复居民{note}"
        case EventType.PHONE_REVEALED:
            text = f"{who}查看了完整电话"
        case EventType.FOLLOWER_JOINED:
            text = "又有居民反映同一问题，加入关注"
        case EventType.RECLASSIFIED:
            d = ev.data
            text = ("确认分类" if not d.get("corrected") else
                    f"更正分类：{d.get('from_category')}→{d.get('to_category')}") + (f"（{who}）" if who else "")
        case _:
            text = f"{kind.label}{note}"
    return text


def lines(events: list[TicketEvent], names: dict[int, str], tz: ZoneInfo, audience: Audience = "staff") -> list[str]:
    out = []
    for ev in events:
        text = describe(ev, names, audience)
        if text is not None:
            out.append(f"{fmt_time(ev.at, tz)}  {text}")
    return out


def _who(ev: TicketEvent, names: dict[int, str], audience: Audience) -> str:
    if ev.actor_staff_id and ev.actor_staff_id in names:
        role = Role(ev.actor_role).label
        return f"{role}{names[ev.actor_staff_id]}" if audience == "staff" else f"工作人员{names[ev.actor_staff_id][:1]}师傅"
    if ev.actor_role == Role.SYSTEM:
        return "系统"
    return ""
