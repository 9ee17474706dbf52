"""Pushing updates to a WeChat user (the `ChannelSender` for channel "wechat"). In order:
customer-service messages while the 48-hour window is open and the quota lasts; else a template or
subscription message if one is configured for the update's purpose; else the update is deferred
and delivered with the next reply the person triggers. WeChat's answers decide the outcome:
45015/45047 → the window is shut (fall back), 43004 → unsubscribed (blocked), token errors →
refresh and retry once, network trouble → retry with backoff, anything else → dead letter."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.adapters.wechat import texts as tx
from bot.adapters.wechat.api import RETRYABLE_ERRORS, TOKEN_ERRORS, NetworkError, WeChatError
from bot.adapters.wechat.options import OptionsMemory
from bot.adapters.wechat.render import Rendered, render
from bot.adapters.wechat.templates import TemplateSpec, payload, spec_for, title_for
from bot.adapters.wechat.token import TokenUnavailable, WeChatTokens
from bot.adapters.wechat.window import Reach, ReplyWindow
from core.clock import Clock
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.media import MediaLibrary
from core.messages import MediaRef, OutMessage, Photo
from core.service.queries import TicketQueries

log = logging.getLogger(__name__)

WINDOW_SHUT = {45015, 45047}  # outside 48 h / more than 5 pushes since their last message
UNREACHABLE = {43004, 43019}  # not subscribed (any more) / blacklisted the account
NOT_SUBSCRIBED_TEMPLATE = {43101}  # a subscription message they did not (or no longer) accept


class _Shut(Exception):
    def __init__(self, errcode: int) -> None:
        super().__init__(str(errcode))
        self.errcode = errcode


@dataclass
class _Pushed:
    sent_texts: int = 0
    sent_images: int = 0
    note: str = ""


class WeChatSender:
    channel = "wechat"

    def __init__(self, *, clock: Clock, tokens: WeChatTokens, window: ReplyWindow, queries: TicketQueries,
                 options: OptionsMemory, templates: dict[str, TemplateSpec], tz: ZoneInfo,
                 rate_per_second: int = 50, media: MediaLibrary | None = None) -> None:
        self.clock, self.tokens, self.window, self.queries = clock, tokens, window, queries
        self.media = media or MediaLibrary()
        self.options, self.templates, self.tz = options, templates, tz
        self.rate_per_second = rate_per_second

    def limits(self, item: Delivery) -> list[RateLimit]:
        return [RateLimit(f"wechat:api:{self.tokens.api.app_id}", self.rate_per_second, 1.0)]

    # ---- photos from other channels ------------------------------------------------------------

    async def _bridge(self, messages: tuple[OutMessage, ...]) -> tuple[OutMessage, ...]:
        """A worker's photo taken in another channel (WeCom) uploaded as a WeChat image, so the
        resident sees the photo itself; one that cannot be fetched stays a note."""
        out: list[OutMessage] = []
        for message in messages:
            if isinstance(message, Photo) and message.media.channel != "wechat" and self.media.can_fetch(message.media):
                media_id = await self._upload(message.media)
                if media_id is not None:
                    out.append(Photo(MediaRef("wechat", media_id), message.caption))
                    continue
            out.append(message)
        return tuple(out)

    async def _upload(self, ref: MediaRef) -> str | None:
        media = await self.media.fetch(ref)
        if media is None:
            return None
        for attempt in (1, 2):
            try:
                token = await self.tokens.get()
            except WeChatError as exc:  # the token endpoint refused (secret, IP whitelist)
                raise NetworkError(f"access_token: {exc.errcode} {exc.errmsg}") from None
            try:
                return await self.tokens.api.upload_image(media.data, media.filename, media.content_type, token)
            except WeChatError as exc:
                if exc.errcode in TOKEN_ERRORS and attempt == 1:
                    await self.tokens.reject(token)
                    continue
                if exc.errcode in RETRYABLE_ERRORS:
                    raise NetworkError(f"media/upload: {exc.errcode} {exc.errmsg}") from None
                log.warning("wechat refused a photo upload: %s %s", exc.errcode, exc.errmsg)
                return None
        return None

    # ---- the decision --------------------------------------------------------------------------

    async def deliver(self, item: Delivery) -> DeliveryResult:
        openid = item.address
        try:
            rendered = render(await self._bridge(item.messages))
        except (NetworkError, TokenUnavailable) as exc:
            return DeliveryResult("retry", reason=f"uploading a photo: {exc}"[:300])
        if not rendered.texts and not rendered.images:
            return DeliveryResult("sent", reason="nothing to show on WeChat")
        now = self.clock.now()
        reach = await self.window.reach(openid, now)
        if reach.unsubscribed:
            return DeliveryResult("blocked", reason="unsubscribed from the Official Account")
        why = reach.why_not
        texts = len(rendered.texts)
        if not why and texts > reach.pushes_left:
            why = f"needs {texts} messages, {reach.pushes_left} left in the window"
        if not why:
            images = min(len(rendered.images), reach.pushes_left - texts)
            if await self.window.take(openid, texts + images, now):
                result = await self._push_or_fall_back(item, rendered, images)
                if result is not None:
                    return result
                why = "WeChat says the customer-service window is shut"
            else:
                why = "the window closed or the quota went while sending"
        return await self._outside_window(item, rendered, why, reach)

    async def _push_or_fall_back(self, item: Delivery, rendered: Rendered, images: int) -> DeliveryResult | None:
        openid, taken = item.address, len(rendered.texts) + images
        try:
            pushed = await self._push(openid, rendered, images)
        except _Shut as shut:
            await self.window.close(openid)
            log.info("wechat push to %s refused with %s: falling back", _mask(openid), shut.errcode)
            return None
        except WeChatError as exc:
            await self.window.give_back(openid, taken)
            if exc.errcode in UNREACHABLE:
                await self.window.unsubscribed(openid, self.clock.now())  # the notifier stops writing
            return self._failure(exc)
        except (NetworkError, TokenUnavailable) as exc:
            await self.window.give_back(openid, taken)
            return DeliveryResult("retry", reason=str(exc)[:300])
        unused = taken - pushed.sent_texts - pushed.sent_images
        if unused > 0:
            await self.window.give_back(openid, unused)
        if rendered.has_choices:
            await self.options.remember(openid, rendered.options)
        missing = len(rendered.images) - pushed.sent_images
        note = pushed.note or (tx.PHOTOS_NOT_SENT.format(n=missing) if missing else "")
        return DeliveryResult("sent", platform_ref="custom", reason=note)

    async def _push(self, openid: str, rendered: Rendered, images: int) -> _Pushed:
        """Texts first (the update itself), then as many photos as the quota allows. Only a
        refusal of the very first message falls back: later ones are reported, not resent."""
        pushed = _Pushed()
        parts = [("text", t) for t in rendered.texts] + [("image", m) for m in rendered.images[:images]]
        for n, (kind, content) in enumerate(parts):
            body = ({"touser": openid, "msgtype": "text", "text": {"content": content}} if kind == "text"
                    else {"touser": openid, "msgtype": "image", "image": {"media_id": content}})
            try:
                await self._call("cgi-bin/message/custom/send", body)
            except WeChatError as exc:
                if n == 0 and exc.errcode in WINDOW_SHUT:
                    raise _Shut(exc.errcode) from None
                if n == 0:
                    raise
                pushed.note = f"partly delivered: message {n + 1} of {len(parts)} refused ({exc.errcode} {exc.errmsg})"
                log.warning("wechat push to %s %s", _mask(openid), pushed.note)
                break
            except (NetworkError, TokenUnavailable) as exc:
                if n == 0:
                    raise
                pushed.note = f"partly delivered: message {n + 1} of {len(parts)} failed ({exc})"
                log.warning("wechat push to %s %s", _mask(openid), pushed.note)
                break
            if kind == "text":
                pushed.sent_texts += 1
            else:
                pushed.sent_images += 1
        return pushed

    async def _outside_window(self, item: Delivery, rendered: Rendered, why: str, reach: Reach) -> DeliveryResult:
        spec = spec_for(self.templates, item.purpose)
        if spec is None:
            return DeliveryResult("deferred", reason=f"{why}; no template configured for '{item.purpose}'")
        path = ("cgi-bin/message/template/send" if spec.kind == "template"
                else "cgi-bin/message/subscribe/bizsend")
        body = payload(spec, item.address, await self._values(item, rendered))
        try:
            answer = await self._call(path, body)
        except WeChatError as exc:
            if exc.errcode in UNREACHABLE:
                await self.window.unsubscribed(item.address, self.clock.now())
                return DeliveryResult("blocked", reason=f"{exc.errcode} {exc.errmsg}")
            if exc.errcode in RETRYABLE_ERRORS or exc.errcode in TOKEN_ERRORS:
                return DeliveryResult("retry", retry_after=60.0, reason=f"{exc.errcode} {exc.errmsg}")
            # a wrong template id or a refused subscription must not lose the update
            log.warning("wechat %s message for %s refused: %s %s", spec.kind, item.purpose, exc.errcode, exc.errmsg)
            return DeliveryResult("deferred", reason=f"{why}; {spec.kind} message refused: {exc.errcode} {exc.errmsg}")
        except (NetworkError, TokenUnavailable) as exc:
            return DeliveryResult("retry", reason=str(exc)[:300])
        ref = str(answer.get("msgid") or spec.kind)
        if rendered.has_choices:
            # a template cannot carry options: it tells the person to write; the options wait
            return DeliveryResult("deferred", platform_ref=ref,
                                  reason=f"{why}; {spec.kind} notice sent, options wait for their next message")
        return DeliveryResult("sent", platform_ref=ref, reason=f"{spec.kind} message ({why})")

    async def _values(self, item: Delivery, rendered: Rendered) -> dict[str, str]:
        number = status = category = ""
        headline = await self.queries.headline(item.ticket_id) if item.ticket_id is not None else None
        if headline is not None:
            number, status, category = headline.number, headline.status, headline.category
        first = rendered.texts[0] if rendered.texts else ""
        summary = first.split("\n")[0]
        local = self.clock.now().astimezone(self.tz)
        return {
            "number": number, "status": status, "category": category, "text": summary,
            "title": title_for(item.purpose), "time": f"{local:%Y年%m月%d日 %H:%M}",
            "hint": tx.TEMPLATE_HINT_CHOICES if rendered.has_choices else tx.TEMPLATE_HINT,
        }

    def _failure(self, exc: WeChatError) -> DeliveryResult:
        if exc.errcode in UNREACHABLE:
            return DeliveryResult("blocked", reason=f"{exc.errcode} {exc.errmsg}")
        if exc.errcode in RETRYABLE_ERRORS or exc.errcode in TOKEN_ERRORS:
            return DeliveryResult("retry", retry_after=60.0, reason=f"{exc.errcode} {exc.errmsg}")
        return DeliveryResult("failed", reason=f"{exc.errcode} {exc.errmsg}")

    async def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self.tokens.call(path, body)


def _mask(openid: str) -> str:
    return openid[:6] + "…" if len(openid) > 6 else openid
