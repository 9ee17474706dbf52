"""The desk under test: the real `serve` web application with the desk mounted, on SQLite and
PostgreSQL, driven over HTTP by aiohttp's test client (a real server on loopback)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from bot.app import App, desk_part
from bot.desk import DeskComponent, desk_component
from bot.server import build_web_app
from tests.world import World, build_world

PASSWORD = "correct-horse-42"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Desk:
    app: App
    world: World
    component: DeskComponent
    client: TestClient  # type: ignore[type-arg]

    @property
    def root(self) -> str:
        return self.app.settings.desk.path

    async def csrf(self, path: str = "/") -> str:
        response = await self.client.get(self.root + path)
        found = CSRF.search(await response.text())
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    async def login(self, username: str = "赵敏", password: str = PASSWORD) -> ClientResponse:
        token = await self.csrf("/login")
        return await self.client.post(self.root + "/login", data={
            "username": username, "password": password, "csrf_token": token}, allow_redirects=False)

    async def logged_in(self, username: str = "赵敏") -> None:
        response = await self.login(username)
        assert response.status == 303, await response.text()

    async def post(self, path: str, data: dict[str, str] | None = None, **kwargs: object) -> ClientResponse:
        token = await self.csrf("/")
        return await self.client.post(self.root + path, data={**(data or {}), "csrf_token": token},
                                      allow_redirects=False, **kwargs)  # type: ignore[arg-type]


async def start_desk(app: App, world: World) -> Desk:
    component = desk_part(app)
    assert isinstance(component, DeskComponent)
    client = TestClient(TestServer(build_web_app(app, [component])))
    await client.start_server()
    await component.start()
    return Desk(app, world, component, client)


@pytest.fixture
async def world(app: App) -> World:
    w = await build_world(app)
    accounts = desk_component(app.settings, db=app.db, clock=app.clock, tz=app.tz, tickets=app.tickets,
                              queries=app.queries, directory=app.directory).deps.accounts
    for staff in (w.dispatcher, w.supervisor, w.worker, w.other_worker):
        await accounts.set_password(staff.id, PASSWORD)
    return w


@pytest.fixture
async def desk(app: App, world: World) -> AsyncIterator[Desk]:
    d = await start_desk(app, world)
    yield d
    await d.component.stop()
    await d.client.close()
