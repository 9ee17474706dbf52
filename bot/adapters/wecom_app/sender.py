"""Outbox rows out to the WeCom app (the `ChannelSender` for channel "wecom_app").

Two kinds of address:
- a WeCom userid: texts and photos to that worker (message/send). Photos taken in WeCom go by
  their media id; a photo from another channel is fetched through the media library and uploaded.
- `card:<task_id>`: a card of core/service/wecom_notices.py. Purpose "card" sends it (one
  button-interaction template card to all its holders, its response code kept); "card_update"
  ([Notice(label), Text(fallback)]) greys its buttons out for every holder with `label`
  (update_template_card, atall) using the newest unused code — or, with none left, tells the
  holders in a text.

WeCom's answers decide the outcome: token errors → refreshed once; busy and frequency limits →
retry after a pause; 60020 (this server's IP is not trusted by the app) → retry after a long
pause, reported by `complaint-bot wecom status`; 81013 (no valid recipient) and the rest → dead.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from bot.adapters.wechat.render import split
from bot.adapters.wechat.token import AccessTokens
from bot.adapters.wecom_app import cards
from bot.adapters.wecom_app.api import (
    BUSY,
    IP_NOT_TRUSTED,
    NO_RECIPIENT,
    NetworkError,
    WeComAPI,
    WeComError,
    with_token,
)
from bot.adapters.wecom_app.cardstore import CardStore
from bot.adapters.wecom_app.inbound import CHANNEL
from core.clock import Clock
from core.db.engine import Database
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.media import Media, MediaLibrary
from core.messages import Choices, Location, MediaRef, Notice, OutMessage, Photo, Text, plain_text

log = logging.getLogger(__name__)

CARD = "card:"
MAX_TEXT_BYTES = 2000  # WeCom takes 2048 bytes of text
PER_USER_MINUTE = 30  # WeCom: an app may send one member at most 30 messages a minute
APP_PER_SECOND = 20  # a steady pace for the app as a whole
IP_PAUSE = 300.0  # seconds: an administrator has to add the IP first
BUSY_PAUSE = 60.0
MAX_REMEMBERED = 10_000
PHOTO_ELSEWHERE = "[图片未能转发]"
IP_HINT = "add this server's IP to the app's trusted IPs (企业可信IP)"


@dataclass(frozen=True)
class Part:
    kind: str  # text / image
    content: str


class WeComMedia:
    """The media source for photos workers send in the app (media/get, valid 3 days)."""

    def __init__(self, api: WeComAPI, tokens: AccessTokens) -> None:
        self.api, self.tokens = api, tokens

    async def fetch(self, ref: MediaRef) -> Media | None:
        try:
            data, kind, name = await with_token(self.tokens, lambda token: self.api.download(ref.media_id, token))
        except (WeComError, NetworkError) as exc:
            log.warning("wecom media %s could not be fetched: %s", ref.media_id[:12], exc)
            return None
        if not kind.startswith("image/"):
            return None
        return Media(data, kind, name)


class WeComAppSender:
    channel = CHANNEL

    def __init__(self, *, db: Database, clock: Clock, api: WeComAPI, tokens: AccessTokens,
                 media: MediaLibrary | None = None) -> None:
        self.api, self.tokens, self.media = api, tokens, media or MediaLibrary()
        self.cards = CardStore(db, clock)
        self._progress: OrderedDict[int, int] = OrderedDict()  # row → parts already sent (a retry resumes)

    def limits(self, item: Delivery) -> list[RateLimit]:
        app = [RateLimit(f"wecom_app:{self.api.app_id}", APP_PER_SECOND, 1.0)]
        if item.address.startswith(CARD):
            return app
        return app + [RateLimit(f"wecom_app:{self.api.app_id}:u:{item.address}", PER_USER_MINUTE, 60.0)]

    async def close(self) -> None:
        await self.api.close()

    async def deliver(self, item: Delivery) -> DeliveryResult:
        try:
            if item.address.startswith(CARD):
                return await self._card(item, item.address[len(CARD):])
            return await self._to_user(item)
        except WeComError as exc:
            return _failure(exc)
        except NetworkError as exc:
            return DeliveryResult("retry", reason=str(exc)[:300])

    # ---- a worker's chat -------------------------------------------------------------------------

    async def _to_user(self, item: Delivery) -> DeliveryResult:
        parts = await self._parts(item.messages)
        done = self._progress.pop(item.id, 0)
        notes: list[str] = []
        for n, part in enumerate(parts):
            if n < done:
                continue
            try:
                answer = await self._send(item.address, part)
            except (WeComError, NetworkError):
                if n:
                    self._remember(item.id, n)
                raise
            notes += _invalid(answer)
        if not parts:
            return DeliveryResult("sent", reason="nothing to show on WeCom")
        return DeliveryResult("sent", reason="; ".join(notes))

    async def _parts(self, messages: tuple[OutMessage, ...]) -> list[Part]:
        parts: list[Part] = []
        paragraphs: list[str] = []

        def flush() -> None:
            text = "\n\n".join(p for p in paragraphs if p.strip())
            parts.extend(Part("text", piece.strip()) for piece in split(text, MAX_TEXT_BYTES))
            paragraphs.clear()

        for message in messages:
            match message:
                case Text(text=text) | Notice(text=text):
                    paragraphs.append(text.strip())
                case Choices():
                    paragraphs.append(plain_text([message]))
                case Location():
                    paragraphs.append(plain_text([message]))
                case Photo(media=media, caption=caption):
                    media_id = await self._media_id(media)
                    if media_id is None:
                        paragraphs.append(PHOTO_ELSEWHERE + (f" {caption}" if caption else ""))
                        continue
                    if caption:
                        paragraphs.append(caption)
                    flush()
                    parts.append(Part("image", media_id))
        flush()
        return parts

    async def _media_id(self, media: MediaRef) -> str | None:
        if media.channel == CHANNEL:
            return media.media_id
        found = await self.media.fetch(media) if self.media.can_fetch(media) else None
        if found is None:
            return None
        return await with_token(self.tokens, lambda token: self.api.upload_image(
            found.data, found.filename, found.content_type, token))

    async def _send(self, touser: str, part: Part) -> dict[str, Any]:
        body: dict[str, Any] = {"touser": touser, "msgtype": part.kind, "agentid": self.api.agent_id}
        body[part.kind] = {"content": part.content} if part.kind == "text" else {"media_id": part.content}
        return await self._post("cgi-bin/message/send", body)

    # ---- cards -----------------------------------------------------------------------------------

    async def _card(self, item: Delivery, task_id: str) -> DeliveryResult:
        card = await self.cards.card(task_id)
        if card is None:
            return DeliveryResult("failed", reason=f"card {task_id} is not on record")
        holders = "|".join(str(u) for u in card.userids)
        if item.purpose == "card":
            if card.sent_at is not None:  # sent before a crash kept us from recording it
                return DeliveryResult("sent", reason="already sent")
            choices = next((mm for mm in item.messages if isinstance(mm, Choices)), None)
            if choices is None:
                return DeliveryResult("failed", reason="a card row without a card")
            answer = await self._post("cgi-bin/message/send", {
                "touser": holders, "msgtype": "template_card", "agentid": self.api.agent_id,
                "template_card": cards.template_card(choices, task_id)})
            await self.cards.sent(task_id, answer.get("response_code"))
            return DeliveryResult("sent", platform_ref=str(answer.get("msgid") or task_id)[:200],
                                  reason="; ".join(_invalid(answer)))
        label = next((mm.text for mm in item.messages if isinstance(mm, Notice)), "")
        fallback = next((mm.text for mm in item.messages if isinstance(mm, Text)), label)
        if card.sent_at is not None and label:
            changed = await self._replace_buttons(task_id, label)
            if changed:
                return DeliveryResult("sent", platform_ref=task_id)
        # the card never went out, or cannot be changed any more: the holders read it instead
        await self._send(holders, Part("text", fallback))
        return DeliveryResult("sent", reason="card not changeable: told in a text")

    async def _replace_buttons(self, task_id: str, label: str) -> bool:
        taken = await self.cards.take(task_id)
        if taken is None:
            return False
        code, code_at = taken
        body = {"atall": 1, "agentid": self.api.agent_id, "response_code": code,
                "button": cards.replaced_buttons(label)}
        try:
            await self._post("cgi-bin/message/update_template_card", body)
        except WeComError as exc:
            if exc.errcode in BUSY or exc.errcode == IP_NOT_TRUSTED or exc.errcode < 0:
                await self.cards.give_back(task_id, code, code_at)  # WeCom did not use it: try again later
                raise
            log.info("wecom card %s could not be updated (%s %s): telling its holders", task_id,
                     exc.errcode, exc.errmsg)
            return False
        except NetworkError:
            await self.cards.give_back(task_id, code, code_at)
            raise
        return True

    # ---- plumbing --------------------------------------------------------------------------------

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return await with_token(self.tokens, lambda token: self.api.post(path, body, token))

    def _remember(self, row: int, done: int) -> None:
        self._progress[row] = done
        while len(self._progress) > MAX_REMEMBERED:
            self._progress.popitem(last=False)


def _invalid(answer: dict[str, Any]) -> list[str]:
    """message/send succeeds when some recipients were refused: say who, for the operator."""
    notes = []
    for field in ("invaliduser", "unlicenseduser"):
        if answer.get(field):
            notes.append(f"{field}: {str(answer[field])[:100]}")
    return notes


def _failure(exc: WeComError) -> DeliveryResult:
    reason = f"{exc.errcode} {exc.errmsg}"[:300]
    if exc.ip_refused:
        log.error("wecom refused this server's IP (60020): %s; %s", exc.errmsg, IP_HINT)
        return DeliveryResult("retry", retry_after=IP_PAUSE, reason=f"{reason} — {IP_HINT}")
    if exc.errcode in BUSY or exc.errcode in (40014, 42001, 41001):
        return DeliveryResult("retry", retry_after=BUSY_PAUSE, reason=reason)
    if exc.errcode == NO_RECIPIENT:
        return DeliveryResult("failed", reason=f"{reason} (no recipient is a member allowed to use the app)")
    return DeliveryResult("failed", reason=reason)
