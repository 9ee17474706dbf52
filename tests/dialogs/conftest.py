"""Fixtures for the conversations: an engine over the real core (SQLite and PostgreSQL through the
shared `app` fixture), the test world's grids and staff, and small helpers that talk like a
resident in a private chat or a worker in a group."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App, conversation_engine
from bot.conversation.engine import DialogEngine
from bot.conversation.store import DatabaseStateStore, RedisStateStore
from bot.dialogs import texts as tx
from core.db.models import OutboxMessage, Ticket
from core.messages import Choices, GeoPoint, Incoming, MediaRef, Notice, OutMessage, Text, plain_text
from core.service.tickets import NewTicket
from tests.conftest import IN_CI, REDIS_URL
from tests.world import CHANNEL, World, build_world


@pytest.fixture
async def world(app: App) -> World:
    return await build_world(app)


@pytest.fixture
def engine(app: App) -> DialogEngine:
    return conversation_engine(app, DatabaseStateStore(app.db))


async def _redis_reason() -> str | None:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
        return None
    except Exception as exc:  # not reachable, whatever the reason
        return f"{type(exc).__name__}: {exc}"
    finally:
        await client.aclose()


@pytest.fixture
async def redis_store() -> AsyncIterator[RedisStateStore]:
    reason = await _redis_reason()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is not reachable: {reason}")
        pytest.skip(f"Redis not reachable at {REDIS_URL} ({reason})")
    prefix = f"test:{os.getpid()}:{uuid.uuid4().hex[:8]}:"
    store = RedisStateStore(REDIS_URL, prefix=prefix)
    yield store
    keys = [k async for k in store.redis.scan_iter(f"{prefix}*")]
    if keys:
        await store.redis.delete(*keys)
    await store.close()


def text(replies: list[OutMessage]) -> str:
    return plain_text(replies)


def choices(replies: list[OutMessage]) -> Choices:
    found = [r for r in replies if isinstance(r, Choices)]
    assert found, f"no choices in {text(replies)!r}"
    return found[-1]


def key_of(replies: list[OutMessage], label: str) -> str:
    for option in choices(replies).options:
        if option.label == label:
            return option.key
    raise AssertionError(f"no option {label!r} in {text(replies)!r}")


@dataclass
class Person:
    """Someone talking to the bot: a resident in their private chat, or a worker in a group."""

    engine: DialogEngine
    sender: str
    chat: str
    kind: str = "private"
    channel: str = CHANNEL
    last: list[OutMessage] = field(default_factory=list)
    counter: int = 0

    async def send(self, **kwargs: Any) -> list[OutMessage]:
        self.counter += 1
        fields: dict[str, Any] = dict(
            channel=self.channel,
            sender=self.sender,
            chat=self.chat,
            chat_kind=self.kind,
            sender_name=self.sender,
            message_id=str(self.counter),
        )
        inc = Incoming(**{**fields, **kwargs})
        self.last = await self.engine.handle(inc)
        return self.last

    async def say(self, words: str | None) -> list[OutMessage]:
        return await self.send(text=words)

    async def file(self, words: str) -> str:
        """Say the whole complaint, press 提交 at the read-back, and return the ticket's number."""
        await self.say(words)
        await self.pick(tx.SUBMIT)
        return self.said.split("编号是 ")[1].split("。")[0]

    async def press(self, key: str) -> list[OutMessage]:
        return await self.send(choice=key)

    async def pick(self, label: str) -> list[OutMessage]:
        """Press the option with this label among the latest reply's choices."""
        return await self.press(key_of(self.last, label))

    async def photo(self, name: str, caption: str | None = None) -> list[OutMessage]:
        return await self.send(photos=(MediaRef(self.channel, name),), text=caption)

    async def location(self, lat: float, lng: float, label: str | None = None) -> list[OutMessage]:
        return await self.send(location=GeoPoint(lat, lng, label))

    async def command(self, name: str, *args: str) -> list[OutMessage]:
        return await self.send(command=name, args=args)

    @property
    def said(self) -> str:
        return text(self.last)


class SameBuilding:
    """A real (if simple) DuplicateFinder: an open ticket at the same 小区 and 楼栋."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def find(self, draft: NewTicket) -> str | None:
        async with self.app.db.transaction() as s:
            found = await s.execute(select(Ticket.number).where(
                Ticket.community == draft.community, Ticket.building == draft.building,
                Ticket.status.in_(["submitted", "assigned", "accepted"])))
            return found.scalars().first()


def resident(engine: DialogEngine, who: str = "resident-1") -> Person:
    return Person(engine, who, who)


def in_group(engine: DialogEngine, sender: str, group: str = "group-A") -> Person:
    return Person(engine, sender, group, kind="group")


async def tickets(app: App) -> list[Ticket]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(Ticket).order_by(Ticket.id))).scalars())


async def outbox(app: App, **where: Any) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        for name, value in where.items():
            query = query.where(getattr(OutboxMessage, name) == value)
        return list((await s.execute(query)).scalars())


def notices(replies: list[OutMessage]) -> list[str]:
    return [r.text for r in replies if isinstance(r, Notice)]


def texts_(replies: list[OutMessage]) -> list[str]:
    return [r.text for r in replies if isinstance(r, Text)]
