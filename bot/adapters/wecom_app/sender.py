"""Outbox rows out to the WeCom app (the `ChannelSender` for channel "wecom_app").

Two kinds of address:
- a WeCom userid: texts and photos to that worker (message/send). Photos taken in WeCom go by
  their media id; a photo from another channel is fetched through the media library and uploaded.
- `card:<task_id>`: a card of core/service/wecom_notices.py. Purpose "card" sends it (one
  button-interaction template card to all its holders, its response code and message id kept);
  "card_update" ([Choices(the card now), Notice(grey label)?]) shows every holder the card as it
  is now. With an unused response code (the send's or a click's; one use, 72 hours) the card is
  changed in place for all its holders (update_template_card with the whole card, atall; the label
  as `replace_text` greys the buttons out). With none, a fresh copy is sent to the holders (it
  brings its own code for the next change) and the old one recalled (message/recall, possible
  for 24 hours after it was sent); later rows for the old card follow the chain to the copy.

Every message/send is counted against WeCom's daily quota first (quota.py): near the limit a
message that is not urgent is postponed to the next day, uncounted as an attempt.

WeCom's answers decide the outcome: token errors → refreshed once; busy and frequency limits →
retry after a pause; 60020 (this server's IP is not trusted by the app) → retry after a long
pause, reported by `complaint-bot wecom status`; 81013 (no valid recipient) and the rest → dead.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select

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
from bot.adapters.wecom_app.quota import Quota, Taken
from core.clock import Clock
from core.db.engine import Database
from core.db.models import Ticket, WeComCard
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.enums import Urgency
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
RECALL_WITHIN = timedelta(hours=24)  # message/recall: messages sent in the last 24 hours
URGENT = frozenset({"emergency"})  # purposes that go whatever the quota says
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
                 media: MediaLibrary | None = None, quota: Quota | None = None) -> None:
        self.db, self.clock = db, clock
        self.api, self.tokens, self.media, self.quota = api, tokens, media or MediaLibrary(), quota
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
        taken = await self._count(item, [item.address], len(parts) - done) if len(parts) > done else None
        if taken is not None and taken.wait:
            return DeliveryResult("postponed", retry_after=taken.wait, reason=taken.why)
        for n, part in enumerate(parts):
            if n < done:
                continue
            try:
                answer = await self._send(item.address, part)
            except (WeComError, NetworkError):
                if n:
                    self._remember(item.id, n)
                if taken is not None and self.quota is not None:
                    await self.quota.give_back(Taken(taken.users, len(parts) - n, taken.day, taken.hour, 0.0))
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
        card = await self.cards.current(task_id)
        if card is None:
            return DeliveryResult("failed", reason=f"card {task_id} is not on record")
        choices = next((mm for mm in item.messages if isinstance(mm, Choices)), None)
        if choices is None:
            return DeliveryResult("failed", reason="a card row without a card")
        label = next((mm.text for mm in item.messages if isinstance(mm, Notice)), None)
        if item.purpose == "card":
            if card.sent_at is not None:  # sent before a crash kept us from recording it
                return DeliveryResult("sent", reason="already sent")
            return await self._send_card(item, card, card.task_id, choices, label)
        if card.sent_at is None:  # the first send never went out: this is the card now
            return await self._send_card(item, card, card.task_id, choices, label)
        if await self._update(card, choices, label):
            return DeliveryResult("sent", platform_ref=card.task_id)
        # no code left (nobody tapped since the last change, or 72 hours passed): a fresh copy
        fresh_id = f"{card.task_id.split('-')[0]}-{item.id}"
        return await self._send_card(item, card, fresh_id, choices, label)

    async def _send_card(self, item: Delivery, card: WeComCard, task_id: str, choices: Choices,
                         label: str | None) -> DeliveryResult:
        holders = [str(u) for u in card.userids]
        taken = await self._count(item, holders, 1)
        if taken is not None and taken.wait:
            return DeliveryResult("postponed", retry_after=taken.wait, reason=taken.why)
        try:
            answer = await self._post("cgi-bin/message/send", {
                "touser": "|".join(holders), "msgtype": "template_card", "agentid": self.api.agent_id,
                "template_card": cards.template_card(choices, task_id, greyed=label)})
        except (WeComError, NetworkError):
            if taken is not None and self.quota is not None:
                await self.quota.give_back(taken)
            raise
        msgid, code = answer.get("msgid"), answer.get("response_code")
        notes = _invalid(answer)
        refused = [u for u in str(answer.get("invaliduser") or "").split("|") if u in holders]
        if refused and taken is not None and self.quota is not None:
            await self.quota.give_back(taken, refused)  # WeCom did not count those it refused
        if task_id == card.task_id:
            await self.cards.sent(task_id, code, msgid)
        else:
            await self.cards.replaced(card, task_id, msgid, code)
            notes.append(f"no update code left: sent afresh as {task_id}")
            notes.append(await self._recall(card))
        return DeliveryResult("sent", platform_ref=str(msgid or task_id)[:200], reason="; ".join(n for n in notes if n))

    async def _update(self, card: WeComCard, choices: Choices, label: str | None) -> bool:
        """The whole card, as it is now, for every holder — if an unused code is left."""
        taken = await self.cards.take(card.task_id)
        if taken is None:
            return False
        code, code_at = taken
        body = {"atall": 1, "agentid": self.api.agent_id, "response_code": code,
                "template_card": cards.template_card(choices, card.task_id, greyed=label)}
        try:
            await self._post("cgi-bin/message/update_template_card", body)
        except WeComError as exc:
            if exc.errcode in BUSY or exc.errcode == IP_NOT_TRUSTED or exc.errcode < 0:
                await self.cards.give_back(card.task_id, code, code_at)  # WeCom did not use it: try again later
                raise
            # WeCom's number for a spent or expired code is not documented: any other refusal
            # means this code will not do, and a fresh copy goes out instead
            log.info("wecom card %s could not be updated (%s %s): sending it afresh", card.task_id,
                     exc.errcode, exc.errmsg)
            return False
        except NetworkError:
            await self.cards.give_back(card.task_id, code, code_at)
            raise
        return True

    async def _recall(self, card: WeComCard) -> str:
        """Take the replaced card out of its holders' chats, when WeCom still allows it."""
        if not card.msgid or card.sent_at is None:
            return "the old card stays (no message id)"
        if self.clock.now() - card.sent_at >= RECALL_WITHIN:
            return "the old card stays (sent over 24 hours ago: WeCom recalls only newer messages)"
        try:
            await self._post("cgi-bin/message/recall", {"msgid": card.msgid})
        except (WeComError, NetworkError) as exc:
            log.info("wecom card %s could not be recalled: %s", card.task_id, exc)
            return f"the old card stays (recall refused: {exc})"[:200]
        return "the old card recalled"

    # ---- the daily quota -------------------------------------------------------------------------

    async def _count(self, item: Delivery, users: list[str], times: int) -> Taken | None:
        """Count the message against WeCom's quota; past the line only urgent ones go."""
        if self.quota is None or times <= 0:
            return None
        taken = await self.quota.take(users, times)
        if taken.wait and await self._urgent(item):
            return Taken(taken.users, taken.times, taken.day, taken.hour, 0.0)
        if taken.wait:
            await self.quota.give_back(taken)
            log.warning("wecom outbox #%s postponed %.0f s: %s", item.id, taken.wait, taken.why)
        return taken

    async def _urgent(self, item: Delivery) -> bool:
        if item.purpose in URGENT:
            return True
        if item.ticket_id is None:
            return False
        async with self.db.transaction() as s:
            urgency = await s.scalar(select(Ticket.urgency).where(Ticket.id == item.ticket_id))
        return urgency == Urgency.EMERGENCY.value

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
