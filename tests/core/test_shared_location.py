"""A resident's shared location reaches the worker (#14): the group's card and the claimer's private
message carry the coordinates and a map link (and the platform's label), not 「（未提供地址）」."""

from __future__ import annotations

import json

from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket
from core.messages import GeoPoint
from core.privacy import Audience, View
from core.texts.common import NO_ADDRESS, location_line
from tests.world import World


async def _rows(world: World, **where: object) -> list[str]:
    async with world.app.db.transaction() as s:
        q = select(OutboxMessage).order_by(OutboxMessage.id)
        for k, v in where.items():
            q = q.where(getattr(OutboxMessage, k) == v)
        return [json.dumps(r.payload, ensure_ascii=False) for r in (await s.execute(q)).scalars()]


async def test_a_location_only_ticket_shows_its_place_on_the_card_and_to_the_claimer(world: World) -> None:
    number = await world.file("路灯不亮，晚上很黑", point=GeoPoint(30.2741, 120.1551))
    [card] = await _rows(world, address="group-A", purpose="card")
    assert NO_ADDRESS not in card
    assert "位置：30.27410, 120.15510" in card
    assert "https://uri.amap.com/marker?position=120.155100,30.274100&coordinate=wgs84" in card
    await world.app.tickets.claim(number, world.actor(world.worker))
    [contact] = await _rows(world, purpose="contact")
    assert "30.27410, 120.15510" in contact and "uri.amap.com" in contact and NO_ADDRESS not in contact


async def test_the_platforms_label_is_shown_and_masked_like_any_free_text(world: World) -> None:
    await world.file("路灯不亮", point=GeoPoint(30.2741, 120.1551, "幸福里小区东门 王小明家 13912345678"))
    [card] = await _rows(world, address="group-A", purpose="card")
    assert "幸福里小区东门" in card and "13912345678" not in card


def test_wechat_points_are_gcj02_and_telegram_points_gps() -> None:
    view = View(Audience.GROUP, ())
    wechat = Ticket(channel="wechat", lat=30.2741, lng=120.1551, location_label=None)
    telegram = Ticket(channel="telegram", lat=30.2741, lng=120.1551, location_label="西湖")
    assert "coordinate=gaode" in (location_line(wechat, view) or "")
    line = location_line(telegram, view) or ""
    assert "coordinate=wgs84" in line and line.startswith("位置：西湖（30.27410, 120.15510）")
    assert location_line(Ticket(channel="wechat", lat=None, lng=None), view) is None
