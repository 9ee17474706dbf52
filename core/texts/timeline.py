"""A ticket's timeline in plain words, read from its events, for one audience (core/privacy.py):
residents see a gentler version (no internal reasons, no staff notes meant for the desk); everyone
sees the notes' personal data as their audience may (a follower or the desk before 显示电话: masked)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal
from zoneinfo import ZoneInfo

from core.db.models import TicketEvent
from core.enums import EventType, Rating, Role
from core.privacy import Audience, View
from core.texts.common import fmt_time
from core.texts.notes import LOCATION_ADDED

# the two words callers used before audiences were the privacy rule's: the resident's own view
# and the office's (the desk before 显示电话)
AudienceName = Literal["resident", "staff"]
_NAMED = {"resident": Audience.RESIDENT, "staff": Audience.DESK}
_RESIDENTS = frozenset({Audience.RESIDENT, Audience.FOLLOWER})
# how a complaint the desk took for someone reached the hotline (the FILED event's data["source"])
SOURCES = {"phone": "来电", "walk_in": "来访", "transfer_12345": "12345转办"}

_RESIDENT_HIDDEN = {EventType.RECLASSIFIED, EventType.NOTE, EventType.FLAGGED, EventType.REMINDED,
                    EventType.ESCALATED, EventType.REPLIED, EventType.PHONE_REVEALED,
                    EventType.RESIDENT_SAID}


def describe(ev: TicketEvent, names: dict[int, str], audience: Audience | AudienceName = Audience.DESK, *,
             resident_names: Iterable[str | None] = (), grid_names: dict[str, str] | None = None) -> str | None:
    """One event in words for `audience`; None if they do not see it. `names`: staff names by id;
    `resident_names`: the ticket's resident's name, masked where the audience may not see it."""
    audience = audience if isinstance(audience, Audience) else _NAMED[audience]
    view = View.of(audience, resident_names)
    kind = EventType(ev.type)
    for_residents = audience in _RESIDENTS
    if for_residents and kind in _RESIDENT_HIDDEN:
        return None
    who = _who(ev, names, for_residents)
    note = f"：{view.text(ev.note)}" if ev.note else ""
    photos = f"（附{len(ev.attachments)}张照片）" if ev.attachments else ""
    match kind:
        case EventType.FILED:
            source = None if for_residents else SOURCES.get(str(ev.data.get("source")))
            text = "受理登记" + (f"（{source}，{who}代登记）" if source and who else f"（{source}）" if source else "")
        case EventType.ASSIGNED:
            grid, worker = ev.data.get("grid"), ev.data.get("assignee")
            grid = (grid_names or {}).get(str(grid), grid) if grid else grid
            text = "派单" + (f"至网格 {grid}" if grid and not for_residents else "至责任网格")
            if worker:
                text = (f"{who}" if who and not for_residents else "") + text + (
                    f"，指派{worker}处理{note}" if not for_residents else "，已安排工作人员处理")
        case EventType.CLAIMED:
            text = f"{who}接单"
        case EventType.PROGRESS:
            text = f"{who}反馈进展{note}{photos}"
        case EventType.RESOLVED:
            text = f"{who}办结{note}{photos}"
        case EventType.RETURNED:
            text = "重新安排处理部门" if for_residents else f"{who}退回{note}"
        case EventType.REOPENED:
            text = ("居民不满意，" if ev.data.get("dissatisfied") else "") + f"重新处理{note}"
        case EventType.CLOSED:
            outcome = ev.data.get("outcome")
            text = "结案" + (f"（{Rating(outcome).label}）" if outcome else "")
        case EventType.CANCELLED:  # a reason that only repeats the word (「撤销：撤销」, older tickets) is not shown
            text = "撤销" + (note if ev.note and ev.note.strip("。.!！ ") != kind.label else "")
        case EventType.MERGED:
            text = f"合并到工单 {ev.data.get('into')}"
        case EventType.RATED:
            rating = ev.data.get("rating")
            text = "评价：" + (Rating(rating).label if rating else "") + (f"，{view.text(ev.note)}" if ev.note else "")
        case EventType.ESCALATED:
            text = f"升级督办（{ev.data.get('level')}级）{note}"
        case EventType.REPLIED:
            text = f"{who}回复居民{note}"
        case EventType.RESIDENT_SAID:
            text = f"居民回复{note}{photos}"
        case EventType.ADDRESS_CHANGED:
            if ev.data.get("location"):
                text = LOCATION_ADDED
            else:
                text = f"居民更正地址为 {ev.data.get('to')}" if for_residents else f"居民更正地址{note}"
        case EventType.PHONE_REVEALED:
            text = f"{who}查看了完整电话"
        case EventType.FOLLOWER_JOINED:
            text = "又有居民反映同一问题，加入关注"
        case EventType.DOWNGRADED:  # by the resident (no name) or, since desk30, by the desk
            text = f"{who}解除紧急{note}"
        case EventType.REMINDED if ev.data.get("reminder") == "manual":  # 催办 by hand (desk30)
            text = f"{who or ('居民' if ev.actor_role == Role.RESIDENT else '')}催办{note}"  # 居民: work30
        case EventType.RECLASSIFIED:
            d = ev.data
            text = ("确认分类" if not d.get("corrected") else
                    f"更正分类：{d.get('from_category')}→{d.get('to_category')}") + (f"（{who}）" if who else "")
        case _:
            text = f"{kind.label}{note}"
    return text


def lines(events: list[TicketEvent], names: dict[int, str], tz: ZoneInfo,
          audience: Audience | AudienceName = Audience.DESK, *, resident_names: Iterable[str | None] = (),
          grid_names: dict[str, str] | None = None) -> list[str]:
    out = []
    resident_names = tuple(resident_names)
    for ev in events:
        text = describe(ev, names, audience, resident_names=resident_names, grid_names=grid_names)
        if text is not None:
            out.append(f"{fmt_time(ev.at, tz)}  {text}")
    return out


def _who(ev: TicketEvent, names: dict[int, str], for_residents: bool) -> str:
    if ev.actor_staff_id and ev.actor_staff_id in names:
        role = Role(ev.actor_role).label
        name = names[ev.actor_staff_id]
        return f"工作人员{name[:1]}师傅" if for_residents else f"{role}{name}"
    if ev.actor_role == Role.SYSTEM:
        return "系统"
    return ""
