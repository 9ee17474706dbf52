"""WeChat's side of the webhook, for tests: builds the XML WeChat posts, signs it (plain mode) or
encrypts and signs it (safe mode) with wechatpy, posts it to the running webhook over loopback and
decrypts the passive reply."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import aiohttp
import xmltodict
from wechatpy.crypto import WeChatCrypto

from bot.adapters.wechat.protocol import sign
from core.clock import Clock

ACCOUNT = "gh_community01"
_ids = itertools.count(7_100_000_000_000_000_000)


@dataclass
class Answer:
    status: int
    body: str
    reply: dict[str, Any] | None  # the decrypted reply's fields; None for "success" or errors

    @property
    def text(self) -> str:
        return str((self.reply or {}).get("Content") or "")


def cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def message_xml(openid: str, msg_type: str, created: int, fields: dict[str, str], *,
                msg_id: int | None = None) -> str:
    parts = [f"<ToUserName>{cdata(ACCOUNT)}</ToUserName>", f"<FromUserName>{cdata(openid)}</FromUserName>",
             f"<CreateTime>{created}</CreateTime>", f"<MsgType>{cdata(msg_type)}</MsgType>"]
    for name, value in fields.items():
        parts.append(f"<{name}>{cdata(value)}</{name}>")
    if msg_id is not None:
        parts.append(f"<MsgId>{msg_id}</MsgId>")
    return "<xml>" + "".join(parts) + "</xml>"


class WeChatPlatform:
    def __init__(self, url: str, *, token: str, app_id: str, aes_key: str | None, clock: Clock) -> None:
        self.url, self.token, self.app_id, self.clock = url, token, app_id, clock
        self.crypto = WeChatCrypto(token, aes_key, app_id) if aes_key else None
        self.session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    # ---- messages ------------------------------------------------------------------------------

    def text(self, openid: str, content: str, *, msg_id: int | None = None) -> str:
        return message_xml(openid, "text", self._now(), {"Content": content}, msg_id=msg_id or next(_ids))

    def image(self, openid: str, media_id: str, pic_url: str) -> str:
        return message_xml(openid, "image", self._now(), {"PicUrl": pic_url, "MediaId": media_id}, msg_id=next(_ids))

    def location(self, openid: str, lat: float, lng: float, label: str) -> str:
        return message_xml(openid, "location", self._now(), {
            "Location_X": str(lat), "Location_Y": str(lng), "Scale": "15", "Label": label}, msg_id=next(_ids))

    def voice(self, openid: str, recognition: str | None) -> str:
        fields = {"MediaId": "voice-media", "Format": "amr"}
        if recognition is not None:
            fields["Recognition"] = recognition
        return message_xml(openid, "voice", self._now(), fields, msg_id=next(_ids))

    def event(self, openid: str, event: str, key: str | None = None) -> str:
        fields = {"Event": event}
        if key is not None:
            fields["EventKey"] = key
        return message_xml(openid, "event", self._now(), fields)

    def _now(self) -> int:
        return int(self.clock.now().timestamp())

    # ---- posting -------------------------------------------------------------------------------

    def signed_query(self, *, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
        ts = str(timestamp if timestamp is not None else self._now())
        nonce = nonce or str(secrets.randbelow(10**9))
        return {"signature": sign(self.token, ts, nonce), "timestamp": ts, "nonce": nonce}

    def seal(self, inner: str, *, timestamp: int | None = None, nonce: str | None = None) -> tuple[dict[str, str], bytes]:
        """Query and body as WeChat sends them: encrypted when the account is in safe mode."""
        query = self.signed_query(timestamp=timestamp, nonce=nonce)
        query["openid"] = "o-ignored"
        if self.crypto is None:
            return query, inner.encode()
        sealed = xmltodict.parse(self.crypto.encrypt_message(inner, query["nonce"], query["timestamp"]))["xml"]
        query.update(encrypt_type="aes", msg_signature=sealed["MsgSignature"])
        body = f"<xml><ToUserName>{cdata(ACCOUNT)}</ToUserName><Encrypt>{cdata(sealed['Encrypt'])}</Encrypt></xml>"
        return query, body.encode()

    async def post(self, inner: str, **kwargs: Any) -> Answer:
        query, body = self.seal(inner, **kwargs)
        return await self.post_raw(query, body)

    async def post_raw(self, query: dict[str, str], body: bytes, headers: dict[str, str] | None = None) -> Answer:
        if self.session is None:
            self.session = aiohttp.ClientSession()
        async with self.session.post(self.url, params=query, data=body, headers=headers) as resp:
            text = await resp.text()
            status = resp.status
        return Answer(status, text, self.open_reply(text) if status == 200 else None)

    def open_reply(self, text: str) -> dict[str, Any] | None:
        if text in ("success", ""):
            return None
        fields: dict[str, Any] = xmltodict.parse(text)["xml"]
        if "Encrypt" in fields:
            assert self.crypto is not None, "an encrypted reply to a plain-mode account"
            assert fields["MsgSignature"] == sign(self.token, fields["TimeStamp"], fields["Nonce"], fields["Encrypt"])
            plain = self.crypto.decrypt_message(fields, fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"])
            fields = xmltodict.parse(plain)["xml"]
        return fields


def escaped(text: str) -> str:
    return escape(text)
