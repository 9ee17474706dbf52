"""Jinja filters and globals the templates share: local times, labels of the stored codes, the
deadline countdown, addresses and masked phones."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import jinja2

from bot.desk import texts as tx
from bot.desk.deps import DeskDeps
from core.enums import EventType, Kind, Rating, Role, Status, Urgency
from core.service.texts import mask_phone
from core.text.address import display

_ENUMS: dict[str, Any] = {"status": Status, "urgency": Urgency, "kind": Kind, "role": Role, "rating": Rating,
                          "event": EventType}


def label(value: str | None, kind: str) -> str:
    if not value:
        return "—"
    try:
        return str(_ENUMS[kind](value).label)
    except ValueError:
        return value


def remaining(due: datetime | None, now: datetime) -> tuple[str, str]:
    """("还剩 3小时20分" / "超时 2天4小时", css class) for a deadline."""
    if due is None:
        return "—", ""
    seconds = int((due - now).total_seconds())
    late = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        span = f"{days}天{hours}小时"
    elif hours:
        span = f"{hours}小时{minutes}分"
    else:
        span = f"{minutes}分钟"
    if late:
        return f"超时 {span}", "late"
    return f"还剩 {span}", "soon" if seconds < 4 * 3600 else ""


def install(env: jinja2.Environment, d: DeskDeps) -> None:
    def local(moment: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
        return moment.astimezone(d.tz).strftime(fmt) if moment else "—"

    def countdown(due: datetime | None) -> tuple[str, str]:
        return remaining(due, d.clock.now())

    env.filters.update(
        local=local, label=label, masked=mask_phone,
        iso=lambda moment: moment.isoformat() if moment else "",
    )
    env.globals.update(
        countdown=countdown, address=lambda r: display(r.community, r.building, r.unit, r.room, r.address_text) or "—",
        role_label=lambda role: tx.ROLE_LABELS.get(str(role), str(role)), title=tx.TITLE,
        statuses=list(Status), urgencies=list(Urgency), kinds=list(Kind), categories=list(d.categories),
    )
