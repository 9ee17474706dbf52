"""Pieces every audience's messages share: times, the ticket's place, its category line and badge."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote
from zoneinfo import ZoneInfo

from core.channels import capabilities
from core.enums import Kind
from core.text.address import display

if TYPE_CHECKING:  # light to import: core.messages takes its labels from here
    from core.db.models import Ticket
    from core.privacy import View

WEEKDAYS = "一二三四五六日"
NO_ADDRESS = "（未提供地址）"
NO_TIME = "—"
# how a channel without pictures or maps shows one (core.messages.plain_text)
PHOTO = "[图片]"
LOCATION = "[位置]"


@lru_cache(maxsize=4096)  # a bulk filing formats the same few deadlines hundreds of times
def fmt_time(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return NO_TIME
    local = moment.astimezone(tz)
    return f"{local.month}月{local.day}日(周{WEEKDAYS[local.weekday()]}) {local:%H:%M}"


def address_label(t: Ticket, v: View | None = None) -> str:
    """The ticket's place; its free-text part seen through `v` (a resident may write their name in it).
    Only a shared location: its coordinates (the map link is `location_line`'s)."""
    free = t.address_text or t.location_label
    label = display(t.community, t.building, t.unit, t.room, v.text(free) if v and free else free)
    if not label and t.lat is not None and t.lng is not None:
        return f"位置 {t.lat:.5f},{t.lng:.5f}"
    return label or NO_ADDRESS


def map_link(lat: float, lng: float, label: str | None, *, gcj02: bool) -> str:
    """A map anyone in China can open (Amap's URI API, no key); it is told which datum the point is in."""
    name = f"&name={quote(label[:40])}" if label else ""
    datum = "gaode" if gcj02 else "wgs84"
    return f"https://uri.amap.com/marker?position={lng:.6f},{lat:.6f}{name}&coordinate={datum}&callnative=0"


def location_line(t: Ticket, v: View | None = None) -> str | None:
    """「位置：label（lat, lng）地图：link」 for a ticket with a shared location, else None."""
    if t.lat is None or t.lng is None:
        return None
    label = v.text(t.location_label) if v and t.location_label else t.location_label
    head = f"{label}（{t.lat:.5f}, {t.lng:.5f}）" if label else f"{t.lat:.5f}, {t.lng:.5f}"
    return f"位置：{head}\n地图：{map_link(t.lat, t.lng, label, gcj02=capabilities(t.channel).gcj02)}"


def category_line(t: Ticket) -> str:
    return f"{Kind(t.kind).label}·{t.category}"


def urgency_badge(t: Ticket) -> str:
    return {"emergency": "🔴紧急", "urgent": "🟠较急"}.get(t.urgency, "一般")
EMPTY_MESSAGE = "（空消息）"  # a resident's message with nothing in it we can show
