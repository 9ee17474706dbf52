"""A local stand-in for WeCom's server API (https://qyapi.weixin.qq.com/cgi-bin/…) for one corp and
one self-built app, on 127.0.0.1: gettoken, message/send (text, image, template_card), the
update_template_card call with its one-use response codes (the buttons greyed with a label, or the
whole card replaced), message/recall, media upload and download, agent/get with the app's visible
range. It keeps WeCom's rules by the test's clock — a token lives 7200 s and gettoken hands out the
same one meanwhile; a response code works once, for 72 hours (document/path/94888); a task_id is
used once per app; a message can be recalled for 24 hours; userids must be members — and answers
scripted error codes on demand, including 60020 for a server IP the app does not trust. Where
WeCom's documents give no number for a refusal (a spent code, a late recall) the fake answers
40058 (invalid parameter); the code under test must not depend on it."""

from __future__ import annotations

import itertools
import json
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from core.clock import Clock

CODE_LIFETIME = timedelta(hours=72)
RECALL_WITHIN = timedelta(hours=24)
IP_REFUSED = ("not allow to access from your ip, hint: [1700000000_1_abc], from ip: {ip}, "
              "more info at https://open.work.weixin.qq.com/devtool/query?e=60020")


@dataclass
class Call:
    path: str
    query: dict[str, str]
    body: dict[str, Any] | None
    errcode: int
    at: float = field(default_factory=time.monotonic)  # when it was answered (what the member saw when)


@dataclass
class Card:
    """A template card as each holder sees it."""

    task_id: str
    holders: list[str]
    body: dict[str, Any]  # the card as its holders see it now (a whole-card update replaces it)
    replaced: dict[str, str] = field(default_factory=dict)  # userid → the grey label its buttons show now
    msgid: str = ""
    sent_at: datetime | None = None
    recalled: bool = False
    updates: int = 0

    def text(self) -> str:
        """Everything the card shows, as one string."""
        return json.dumps(self.body, ensure_ascii=False)


class FakeWeComAPI:
    def __init__(self, clock: Clock, *, corp_id: str, secret: str, agent_id: int, members: set[str]) -> None:
        self.clock, self.corp_id, self.secret, self.agent_id = clock, corp_id, secret, agent_id
        self.members = set(members)
        self.calls: list[Call] = []
        self.tokens: dict[str, datetime] = {}
        self.current_token: str | None = None
        self.token_requests = 0
        self.scripted: dict[str, deque[int]] = defaultdict(deque)  # path suffix → errcodes to answer
        self.trusted_ips: set[str] | None = None  # None: every IP may call
        self.cards: dict[str, Card] = {}
        self.visible_users: list[str] | None = None  # agent/get's allow_userinfos (None: the members)
        self.visible_parties: list[int] = []
        self.closed = False
        self.codes: dict[str, tuple[str, datetime]] = {}  # unused response code → (task_id, issued)
        self.media: dict[str, tuple[bytes, str]] = {}  # media_id → (bytes, content type)
        self.messages: list[dict[str, Any]] = []  # message/send bodies that went through
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ---- driving it from a test ------------------------------------------------------------------

    def fail(self, path: str, *errcodes: int) -> None:
        """The next calls to a path ending in `path` answer these errcodes, one each."""
        self.scripted[path].extend(errcodes)

    def expire_tokens(self) -> None:
        self.tokens.clear()
        self.current_token = None

    def click_code(self, task_id: str) -> str:
        """The response code a click on the card brings (WeCom issues a fresh one per click)."""
        return self._issue(task_id)

    def add_photo(self, data: bytes, content_type: str = "image/jpeg") -> str:
        """A photo a worker sends in the app: WeCom stores it and the callback names its media id."""
        media_id = f"WWMEDIA-{next(self._ids)}"
        self.media[media_id] = (data, content_type)
        return media_id

    def texts_to(self, userid: str) -> list[str]:
        return [m["text"]["content"] for m in self.messages
                if m.get("msgtype") == "text" and userid in str(m.get("touser", "")).split("|")]

    def images_to(self, userid: str) -> list[str]:
        return [m["image"]["media_id"] for m in self.messages
                if m.get("msgtype") == "image" and userid in str(m.get("touser", "")).split("|")]

    def cards_of(self, userid: str) -> list[Card]:
        """The cards in the member's chat (a recalled one is gone)."""
        return [c for c in self.cards.values() if userid in c.holders and not c.recalled]

    def sends(self, userid: str) -> int:
        """How many messages went to the member (人次 counted the way WeCom's quota counts)."""
        return sum(1 for m in self.messages if userid in str(m.get("touser", "")).split("|"))

    def ok(self, path: str) -> list[dict[str, Any]]:
        return [c.body or {} for c in self.calls if c.path.endswith(path) and c.errcode == 0]

    # ---- the server ------------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_get("/cgi-bin/gettoken", self._gettoken)
        app.router.add_post("/cgi-bin/message/send", self._send)
        app.router.add_post("/cgi-bin/message/update_template_card", self._update_card)
        app.router.add_post("/cgi-bin/message/recall", self._recall)
        app.router.add_post("/cgi-bin/media/upload", self._upload)
        app.router.add_get("/cgi-bin/media/get", self._download)
        app.router.add_get("/cgi-bin/agent/get", self._agent)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- rules -----------------------------------------------------------------------------------

    def _answer(self, request: web.Request, body: dict[str, Any] | None, errcode: int, errmsg: str = "",
                extra: dict[str, Any] | None = None) -> web.Response:
        self.calls.append(Call(request.path, dict(request.query), body, errcode))
        payload: dict[str, Any] = {"errcode": errcode, "errmsg": errmsg or ("ok" if not errcode else f"fake {errcode}")}
        if not errcode and extra:
            payload.update(extra)
        return web.Response(text=json.dumps(payload, ensure_ascii=False), content_type="application/json")

    def _refusal(self, request: web.Request) -> tuple[int, str]:
        """What WeCom checks before a call's own rules: scripted answers, the IP, the token."""
        for suffix, codes in self.scripted.items():
            if request.path.endswith(suffix) and codes:
                code = codes.popleft()
                return code, IP_REFUSED.format(ip=request.remote) if code == 60020 else ""
        if self.trusted_ips is not None and request.remote not in self.trusted_ips:
            return 60020, IP_REFUSED.format(ip=request.remote)
        token = request.query.get("access_token")
        if not token:
            return 41001, "access_token missing"
        expires = self.tokens.get(token)
        if expires is None:
            return 40014, "invalid access_token"
        if expires <= self.clock.now():
            return 42001, "access_token expired"
        return 0, ""

    def _issue(self, task_id: str) -> str:
        code = f"RC-{next(self._ids)}-{secrets.token_hex(4)}"
        self.codes[code] = (task_id, self.clock.now())
        return code

    async def _json(self, request: web.Request) -> dict[str, Any]:
        data = json.loads((await request.read()).decode("utf-8"))
        assert isinstance(data, dict)
        return data

    # ---- endpoints -------------------------------------------------------------------------------

    async def _gettoken(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        q = request.query
        if q.get("corpid") != self.corp_id:
            return self._answer(request, None, 40013, "invalid corpid")
        if q.get("corpsecret") != self.secret:
            return self._answer(request, None, 40001, "invalid credential")
        current = self.current_token
        if current is None or self.tokens.get(current, self.clock.now()) <= self.clock.now():
            current = "WWTOKEN-" + secrets.token_hex(8)
            self.tokens[current] = self.clock.now() + timedelta(seconds=7200)
            self.current_token = current
        left = int((self.tokens[current] - self.clock.now()).total_seconds())
        return self._answer(request, None, 0, extra={"access_token": current, "expires_in": left})

    async def _send(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        errcode, errmsg = self._refusal(request)
        if errcode:
            return self._answer(request, body, errcode, errmsg)
        if body.get("agentid") != self.agent_id:
            return self._answer(request, body, 40056, "invalid agentid")
        users = [u for u in str(body.get("touser", "")).split("|") if u]
        valid = [u for u in users if u in self.members]
        invalid = [u for u in users if u not in self.members]
        if not valid:
            return self._answer(request, body, 81013, "user & party & tag all invalid")
        kind = body.get("msgtype")
        extra: dict[str, Any] = {"msgid": f"MSG-{next(self._ids)}"}
        if invalid:
            extra["invaliduser"] = "|".join(invalid)
        if kind == "text":
            content = body.get("text", {}).get("content", "")
            if not content:
                return self._answer(request, body, 44004, "empty content")
            if len(content.encode()) > 2048:
                return self._answer(request, body, 45002, "content size out of limit")
        elif kind == "image":
            if body.get("image", {}).get("media_id") not in self.media:
                return self._answer(request, body, 40007, "invalid media_id")
        elif kind == "template_card":
            card = body.get("template_card", {})
            buttons = card.get("button_list") or []
            if card.get("card_type") != "button_interaction" or not card.get("task_id") \
                    or not 1 <= len(buttons) <= 6 or not all(b.get("key") and b.get("text") for b in buttons) \
                    or not card.get("main_title", {}).get("title"):
                return self._answer(request, body, 40058, "invalid template_card")
            if card["task_id"] in self.cards:
                return self._answer(request, body, 40058, "task_id already used")  # unique per app
            self.cards[card["task_id"]] = Card(card["task_id"], valid, card, msgid=extra["msgid"],
                                               sent_at=self.clock.now())
            if card.get("replace_text"):
                self.cards[card["task_id"]].replaced = {u: card["replace_text"] for u in valid}
            extra["response_code"] = self._issue(card["task_id"])
        else:
            return self._answer(request, body, 40008, "invalid message type")
        self.messages.append(body)
        return self._answer(request, body, 0, extra=extra)

    async def _update_card(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        errcode, errmsg = self._refusal(request)
        if errcode:
            return self._answer(request, body, errcode, errmsg)
        found = self.codes.pop(str(body.get("response_code", "")), None)
        if found is None or found[1] + CODE_LIFETIME <= self.clock.now():
            return self._answer(request, body, 40058, "invalid response_code")  # unknown, used, or expired
        card = self.cards[found[0]]
        targets = card.holders if body.get("atall") == 1 else [u for u in body.get("userids", []) if u in card.holders]
        whole = body.get("template_card")
        if isinstance(whole, dict):  # the whole card replaced (any card type may be sent)
            if not whole.get("card_type") or whole.get("task_id") not in (None, card.task_id):
                return self._answer(request, body, 40058, "invalid template_card")
            card.body = whole
            for userid in targets:
                if whole.get("replace_text"):
                    card.replaced[userid] = whole["replace_text"]
                else:
                    card.replaced.pop(userid, None)
            card.updates += 1
            return self._answer(request, body, 0)
        label = (body.get("button") or {}).get("replace_name")
        if not label:
            return self._answer(request, body, 40058, "button.replace_name missing")
        for userid in targets:
            card.replaced[userid] = label
        card.updates += 1
        return self._answer(request, body, 0)

    async def _recall(self, request: web.Request) -> web.Response:
        body = await self._json(request)
        errcode, errmsg = self._refusal(request)
        if errcode:
            return self._answer(request, body, errcode, errmsg)
        card = next((c for c in self.cards.values() if c.msgid and c.msgid == body.get("msgid")), None)
        if card is None or card.recalled or card.sent_at is None or card.sent_at + RECALL_WITHIN <= self.clock.now():
            return self._answer(request, body, 40058, "invalid msgid")  # unknown, recalled, or too old
        card.recalled = True
        return self._answer(request, body, 0)

    async def _upload(self, request: web.Request) -> web.Response:
        errcode, errmsg = self._refusal(request)
        posted = await request.post()
        upload = posted.get("media")
        if errcode:
            return self._answer(request, None, errcode, errmsg)
        if request.query.get("type") != "image" or not isinstance(upload, web.FileField):
            return self._answer(request, None, 40004, "invalid media type")
        media_id = f"WWMEDIA-{next(self._ids)}"
        self.media[media_id] = (upload.file.read(), upload.content_type or "image/jpeg")
        return self._answer(request, {"filename": upload.filename}, 0,
                            extra={"type": "image", "media_id": media_id,
                                   "created_at": str(int(self.clock.now().timestamp()))})

    async def _download(self, request: web.Request) -> web.Response:
        errcode, errmsg = self._refusal(request)
        found = self.media.get(request.query.get("media_id", ""))
        if not errcode and found is None:
            errcode, errmsg = 40007, "invalid media_id"
        if errcode:
            return self._answer(request, None, errcode, errmsg)
        assert found is not None
        self.calls.append(Call(request.path, dict(request.query), None, 0))
        return web.Response(body=found[0], content_type=found[1],
                            headers={"Content-Disposition": 'attachment; filename="photo.jpg"'})

    async def _agent(self, request: web.Request) -> web.Response:
        errcode, errmsg = self._refusal(request)
        if not errcode and request.query.get("agentid") != str(self.agent_id):
            errcode, errmsg = 40056, "invalid agentid"
        users = sorted(self.members) if self.visible_users is None else self.visible_users
        return self._answer(request, None, errcode, errmsg, extra={
            "agentid": self.agent_id, "name": "社区工单", "close": int(self.closed),
            "allow_userinfos": {"user": [{"userid": u} for u in users]},
            "allow_partys": {"partyid": list(self.visible_parties)}, "allow_tags": {"tagid": []}})
