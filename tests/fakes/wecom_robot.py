"""A local WeCom group-robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…) on
127.0.0.1: records posts per robot key, refuses texts over 2048 bytes (40058) and more than 20
posts a minute per robot (45009) by the test's clock, answers scripted errors on demand. Like WeCom
it refuses a message type it does not know (40008) without posting, and a key it never handed out
(93000) once `removed` names it. `/cgi-bin/gettoken` stands in for a WeCom application's token call."""

from __future__ import annotations

import json
from collections import defaultdict, deque
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from core.clock import Clock


class FakeWeComRobot:
    def __init__(self, clock: Clock, *, per_minute: int = 20) -> None:
        self.clock, self.per_minute = clock, per_minute
        self.posts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.refused: list[tuple[str, int]] = []
        self.scripted: deque[int] = deque()
        self._times: dict[str, deque[datetime]] = defaultdict(deque)
        self._runner: web.AppRunner | None = None
        self.base = ""
        self.removed: set[str] = set()  # robot keys whose robot was taken out of its group
        self.corp: tuple[str, str] | None = None  # (corp id, secret) gettoken accepts

    def url(self, key: str) -> str:
        return f"{self.base}cgi-bin/webhook/send?key={key}"

    def texts(self, key: str) -> list[str]:
        return [p["text"]["content"] for p in self.posts[key] if p.get("msgtype") == "text"]

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/cgi-bin/webhook/send", self._send)
        app.router.add_get("/cgi-bin/gettoken", self._gettoken)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}/"
        return self.base

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _answer(self, errcode: int) -> web.Response:
        return web.Response(text=json.dumps({"errcode": errcode, "errmsg": "ok" if not errcode else "fake"}),
                            content_type="application/json")

    async def _send(self, request: web.Request) -> web.Response:
        key = request.query.get("key", "")
        body = json.loads((await request.read()).decode("utf-8"))
        if self.scripted:
            code = self.scripted.popleft()
            self.refused.append((key, code))
            return self._answer(code)
        if not key or key in self.removed:
            return self._answer(93000)
        if body.get("msgtype") not in ("text", "markdown", "image", "news", "file", "template_card"):
            self.refused.append((key, 40008))
            return self._answer(40008)
        now = self.clock.now()
        times = self._times[key]
        while times and times[0] <= now - timedelta(minutes=1):
            times.popleft()
        if len(times) >= self.per_minute:
            self.refused.append((key, 45009))
            return self._answer(45009)
        if body.get("msgtype") == "text" and len(body["text"]["content"].encode()) > 2048:
            self.refused.append((key, 40058))
            return self._answer(40058)
        times.append(now)
        self.posts[key].append(body)
        return self._answer(0)

    async def _gettoken(self, request: web.Request) -> web.Response:
        given = (request.query.get("corpid", ""), request.query.get("corpsecret", ""))
        if self.corp is None or given[0] != self.corp[0]:
            return self._answer(40013)
        if given[1] != self.corp[1]:
            return self._answer(40001)
        return web.json_response({"errcode": 0, "errmsg": "ok", "access_token": "wecom-token", "expires_in": 7200})
