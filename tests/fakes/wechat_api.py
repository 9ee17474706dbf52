"""A local stand-in for WeChat's API (https://api.weixin.qq.com/), on 127.0.0.1: the access_token
endpoints, customer-service, template and subscription messages, and the custom menu. It records
every call, keeps WeChat's own rules (tokens invalidated by a new `token`, the 48-hour window and 5
pushes per user message, unsubscribed users) by the test's clock, and answers scripted error codes
on demand."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from core.clock import Clock

WINDOW = timedelta(hours=48)
QUOTA = 5


@dataclass
class Call:
    path: str
    query: dict[str, str]
    body: dict[str, Any] | None
    errcode: int
    at: float = field(default_factory=time.monotonic)  # when it was answered (what the user saw when)


class FakeWeChatAPI:
    def __init__(self, clock: Clock, *, app_id: str, secret: str) -> None:
        self.clock, self.app_id, self.secret = clock, app_id, secret
        self.calls: list[Call] = []
        self.valid_tokens: dict[str, datetime] = {}
        self.stable_token: str | None = None
        self.token_requests = 0
        self.scripted: dict[str, deque[int]] = defaultdict(deque)  # path suffix → errcodes to answer
        self.http_errors: dict[str, deque[int]] = defaultdict(deque)  # path suffix → HTTP statuses
        self.last_message: dict[str, datetime] = {}  # what WeChat knows of each user's last message
        self.pushes: dict[str, int] = defaultdict(int)
        self.unsubscribed: set[str] = set()
        self.template_ids: set[str] | None = None  # None: any id is accepted
        self.subscriptions: set[tuple[str, str]] = set()  # (openid, template id) the user accepted
        self.menu: dict[str, Any] | None = None
        self.media: dict[str, bytes] = {}  # media/upload: media_id → the image's bytes
        self.hold: asyncio.Event | None = None  # set: customer-service sends wait for it (a slow API)
        self.held = 0  # customer-service sends waiting for `hold` now
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ---- driving it from a test ------------------------------------------------------------------

    def user_wrote(self, openid: str) -> None:
        self.last_message[openid] = self.clock.now()
        self.pushes[openid] = 0

    def fail(self, path: str, *errcodes: int) -> None:
        """The next calls to a path ending in `path` answer these errcodes, one each."""
        self.scripted[path].extend(errcodes)

    def http_fail(self, path: str, *statuses: int) -> None:
        self.http_errors[path].extend(statuses)

    def expire_tokens(self) -> None:
        self.valid_tokens.clear()
        self.stable_token = None

    def sent(self, path: str) -> list[dict[str, Any]]:
        """Bodies of the successful calls to a path ending in `path`."""
        return [c.body or {} for c in self.calls if c.path.endswith(path) and c.errcode == 0]

    def texts_to(self, openid: str) -> list[str]:
        return [b["text"]["content"] for b in self.sent("message/custom/send")
                if b.get("touser") == openid and b.get("msgtype") == "text"]

    # ---- the server ------------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/cgi-bin/token", self._token)
        app.router.add_post("/cgi-bin/stable_token", self._stable_token)
        app.router.add_post("/cgi-bin/message/custom/send", self._custom_send)
        app.router.add_post("/cgi-bin/message/template/send", self._template_send)
        app.router.add_post("/cgi-bin/message/subscribe/bizsend", self._subscribe_send)
        app.router.add_post("/cgi-bin/menu/create", self._menu_create)
        app.router.add_post("/cgi-bin/media/upload", self._media_upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- helpers ---------------------------------------------------------------------------------

    def _answer(self, request: web.Request, body: dict[str, Any] | None, errcode: int,
                extra: dict[str, Any] | None = None) -> web.Response:
        self.calls.append(Call(request.path, dict(request.query), body, errcode))
        payload: dict[str, Any] = {"errcode": errcode, "errmsg": "ok" if errcode == 0 else f"fake error {errcode}"}
        if errcode == 0 and extra:
            payload.update(extra)
        return web.Response(text=json.dumps(payload, ensure_ascii=False), content_type="application/json")

    def _scripted(self, path: str) -> int | web.Response | None:
        for suffix, statuses in self.http_errors.items():
            if path.endswith(suffix) and statuses:
                status = statuses.popleft()
                self.calls.append(Call(path, {}, None, -status))
                return web.Response(status=status, text="bad gateway")
        for suffix, codes in self.scripted.items():
            if path.endswith(suffix) and codes:
                return codes.popleft()
        return None

    def _check_token(self, request: web.Request) -> int:
        token = request.query.get("access_token", "")
        expires = self.valid_tokens.get(token)
        if expires is None:
            return 40001
        if expires <= self.clock.now():
            return 42001
        return 0

    def _new_token(self) -> str:
        token = "TOKEN-" + secrets.token_hex(8)
        self.valid_tokens[token] = self.clock.now() + timedelta(seconds=7200)
        return token

    async def _json(self, request: web.Request) -> dict[str, Any]:
        data = json.loads((await request.read()).decode("utf-8"))
        assert isinstance(data, dict)
        return data

    # ---- endpoints -------------------------------------------------------------------------------

    async def _token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        q = request.query
        if q.get("appid") != self.app_id or q.get("secret") != self.secret:
            return self._answer(request, None, 40125)
        # a new `token` invalidates every earlier one: why processes must share it
        self.valid_tokens.clear()
        token = self._new_token()
        return self._answer(request, None, 0, {"access_token": token, "expires_in": 7200})

    async def _stable_token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        body = await self._json(request)
        if body.get("appid") != self.app_id or body.get("secret") != self.secret:
            return self._answer(request, body, 40125)
        expires = self.valid_tokens.get(self.stable_token or "")
        if body.get("force_refresh") or expires is None or expires <= self.clock.now():
            if self.stable_token:  # a forced refresh invalidates the old one at once
                self.valid_tokens.pop(self.stable_token, None)
            self.stable_token = self._new_token()
        elif expires - self.clock.now() < timedelta(minutes=5):
            # in its last five minutes a new one is handed out; the old one lives out its time
            self.stable_token = self._new_token()
        assert self.stable_token is not None
        left = int((self.valid_tokens[self.stable_token] - self.clock.now()).total_seconds())
        return self._answer(request, body, 0, {"access_token": self.stable_token, "expires_in": left})

    async def _custom_send(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        if self.hold is not None:
            self.held += 1
            await self.hold.wait()
            self.held -= 1
        scripted = self._scripted(request.path)
        if isinstance(scripted, web.Response):
            return scripted
        errcode = scripted or self._check_token(request)
        if not errcode:
            errcode = self._custom_rules(body)
        if errcode == 0:
            self.pushes[str(body["touser"])] += 1
        return self._answer(request, body, errcode)

    def _custom_rules(self, body: dict[str, Any]) -> int:
        openid = str(body.get("touser", ""))
        if openid in self.unsubscribed:
            return 43004
        last = self.last_message.get(openid)
        if last is None or last <= self.clock.now() - WINDOW:
            return 45015
        if self.pushes[openid] >= QUOTA:
            return 45047
        if body.get("msgtype") == "text" and len(body["text"]["content"].encode()) > 2048:
            return 45002
        if body.get("msgtype") == "image" and body["image"]["media_id"].startswith("WXMEDIA-") \
                and body["image"]["media_id"] not in self.media:
            return 40007
        return 0

    async def _template_send(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        scripted = self._scripted(request.path)
        if isinstance(scripted, web.Response):
            return scripted
        errcode = scripted or self._check_token(request)
        if not errcode and str(body.get("touser")) in self.unsubscribed:
            errcode = 43004
        if not errcode and self.template_ids is not None and body.get("template_id") not in self.template_ids:
            errcode = 40037
        return self._answer(request, body, errcode, {"msgid": 200000 + len(self.calls)})

    async def _subscribe_send(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        scripted = self._scripted(request.path)
        if isinstance(scripted, web.Response):
            return scripted
        errcode = scripted or self._check_token(request)
        if not errcode and (str(body.get("touser")), str(body.get("template_id"))) not in self.subscriptions:
            errcode = 43101
        return self._answer(request, body, errcode)

    async def _media_upload(self, request: web.Request) -> web.Response:
        """A temporary image: multipart field `media`, ?type=image."""
        scripted = self._scripted(request.path)
        if isinstance(scripted, web.Response):
            return scripted
        errcode = scripted or self._check_token(request)
        posted = await request.post()
        upload = posted.get("media")
        if not errcode and (request.query.get("type") != "image" or not isinstance(upload, web.FileField)):
            errcode = 40004
        if errcode:
            return self._answer(request, None, errcode)
        assert isinstance(upload, web.FileField)
        media_id = "WXMEDIA-" + secrets.token_hex(6)
        self.media[media_id] = upload.file.read()
        return self._answer(request, {"filename": upload.filename}, 0,
                            {"type": "image", "media_id": media_id, "created_at": int(self.clock.now().timestamp())})

    async def _menu_create(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        scripted = self._scripted(request.path)
        if isinstance(scripted, web.Response):
            return scripted
        errcode = scripted or self._check_token(request)
        buttons = body.get("button")
        if not errcode and (not isinstance(buttons, list) or not 1 <= len(buttons) <= 3):
            errcode = 40016
        if not errcode and any(len(str(b.get("name", "")).encode()) > 16 for b in buttons or []):
            errcode = 40018
        if not errcode:
            self.menu = body
        return self._answer(request, body, errcode)
