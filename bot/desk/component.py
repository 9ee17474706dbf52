"""The desk as a part of `serve`: mounts its application at DESK_PATH and runs the live feed."""

from __future__ import annotations

from aiohttp import web

from bot.desk.deps import DeskDeps
from bot.desk.live import LiveFeed
from bot.desk.web import build_desk_app


class DeskComponent:
    name = "desk"

    def __init__(self, deps: DeskDeps, *, live: bool = True) -> None:
        self.deps = deps
        self.live = live

    def setup_routes(self, web_app: web.Application) -> None:
        web_app.add_subapp(self.deps.settings.path, build_desk_app(self.deps))

    async def start(self) -> None:
        if self.live:
            feed = LiveFeed(self.deps.db)
            await feed.start()
            self.deps.live = feed

    async def stop(self) -> None:
        if self.deps.live is not None:
            await self.deps.live.stop()
            self.deps.live = None
