"""WeCom (企业微信) group robots: how a grid's workers on the WeChat side hear about new and
reopened tickets. A robot only posts — no buttons, no edits, nothing heard back — so a card says
how to act ("在公众号回复「接单 编号」"). The robot's webhook URL is the address; WeCom allows about
20 messages a minute per robot (`limits`: the outbox sender's rate limiter keeps it, across
processes when it lives in Redis) and 2048 bytes of text per message."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlsplit

import aiohttp

from bot.adapters.http import LazySession
from bot.adapters.wechat.render import truncate_bytes
from bot.metrics import platform_error
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.messages import Choices, Location, Notice, OutMessage, Photo, Text

log = logging.getLogger(__name__)

CHANNEL = "wecom"
MAX_TEXT_BYTES = 2048
PER_MINUTE = 20
ELLIPSIS = "…"
RATE_LIMITED = {45009}  # "api freq out of limit"


def robot_key(url: str) -> str:
    """The robot's `key` (a secret: logs show only its start), or the URL for other endpoints."""
    query = parse_qs(urlsplit(url).query)
    return query.get("key", [url])[0]


def masked(url: str) -> str:
    key = robot_key(url)
    return f"robot {key[:6]}…"


def render_text(messages: tuple[OutMessage, ...] | list[OutMessage]) -> str:
    parts: list[str] = []
    for message in messages:
        match message:
            case Text(text=text) | Notice(text=text):
                parts.append(text.strip())
            case Choices(prompt=prompt, options=options):
                parts.append(prompt.strip() + ("\n可选操作：" + " / ".join(o.label for o in options) if options else ""))
            case Photo(caption=caption):
                parts.append("[图片]" + (f" {caption}" if caption else ""))
            case Location(point=point):
                parts.append(f"[位置] {point.label or ''}（{point.lat:.5f}, {point.lng:.5f}）")
    return "\n\n".join(p for p in parts if p)


def fit(text: str, limit: int = MAX_TEXT_BYTES) -> str:
    """At most `limit` UTF-8 bytes, cut on a character boundary and marked as cut."""
    if len(text.encode()) <= limit:
        return text
    return truncate_bytes(text, limit - len(ELLIPSIS.encode())) + ELLIPSIS


class WeComSender:
    channel = CHANNEL

    def __init__(self, *, per_minute: int = PER_MINUTE, timeout: float = 10.0) -> None:
        self.per_minute = per_minute
        self.http = LazySession(timeout)

    def limits(self, item: Delivery) -> list[RateLimit]:
        return [RateLimit(f"wecom:{robot_key(item.address)}", self.per_minute, 60.0)]

    async def close(self) -> None:
        await self.http.close()

    async def deliver(self, item: Delivery) -> DeliveryResult:
        url = item.address
        if urlsplit(url).scheme not in ("http", "https"):
            return DeliveryResult("failed", reason="not a robot webhook URL")
        text = render_text(item.messages)
        if not text:
            return DeliveryResult("sent", reason="nothing to post")
        body = json.dumps({"msgtype": "text", "text": {"content": fit(text)}}, ensure_ascii=False).encode()
        try:
            async with self.http.get().post(url, data=body,
                                          headers={"Content-Type": "application/json; charset=utf-8"}) as resp:
                raw = await resp.read()
                status = resp.status
        except (TimeoutError, aiohttp.ClientError) as exc:
            return DeliveryResult("retry", reason=f"{masked(url)}: {type(exc).__name__} {exc}"[:300])
        if status >= 500 or status == 429:
            return DeliveryResult("retry", reason=f"{masked(url)}: HTTP {status}")
        try:
            answer = json.loads(raw.decode())
            errcode = int(answer.get("errcode", -1))
            errmsg = str(answer.get("errmsg", ""))
        except (ValueError, AttributeError, UnicodeDecodeError):
            return DeliveryResult("retry", reason=f"{masked(url)}: HTTP {status}, not JSON")
        if errcode == 0:
            return DeliveryResult("sent")
        platform_error("wecom", errcode)
        if errcode in RATE_LIMITED:
            return DeliveryResult("retry", retry_after=60.0, reason=f"{masked(url)}: {errcode} {errmsg}")
        if errcode == -1:  # system busy
            return DeliveryResult("retry", reason=f"{masked(url)}: {errcode} {errmsg}")
        log.warning("wecom %s refused a post: %s %s", masked(url), errcode, errmsg)
        return DeliveryResult("failed", reason=f"{masked(url)}: {errcode} {errmsg}")
