"""WeCom's side of the app's callback, for tests: builds the XML WeCom posts for a member's text,
photo, card click or entering the app, encrypts it with the corp id inside and signs it as WeCom
does (wechatpy's WeCom crypto), posts it over loopback and decrypts the passive reply."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from typing import Any

import aiohttp
import xmltodict

from bot.adapters.wechat.protocol import sign
from core.clock import Clock

try:
    from wechatpy.work.crypto import WeChatCrypto
except ImportError:  # wechatpy 1.8
    from wechatpy.enterprise.crypto import WeChatCrypto

_msg_ids = itertools.count(7_300_000_000_000_000_000)


@dataclass
class Answer:
    status: int
    body: str
    reply: dict[str, Any] | None  # the decrypted reply's fields; None for an empty body or errors

    @property
    def text(self) -> str:
        return str((self.reply or {}).get("Content") or "")


def cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class WeComPlatform:
    def __init__(self, url: str, *, token: str, aes_key: str, corp_id: str, agent_id: int, clock: Clock) -> None:
        self.url, self.token, self.corp_id, self.agent_id, self.clock = url, token, corp_id, agent_id, clock
        self.crypto = WeChatCrypto(token, aes_key, corp_id)
        self.session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    # ---- what members do -------------------------------------------------------------------------

    def _xml(self, userid: str, msg_type: str, fields: dict[str, str], *, msg_id: int | None = None,
             created: int | None = None) -> str:
        parts = [f"<ToUserName>{cdata(self.corp_id)}</ToUserName>", f"<FromUserName>{cdata(userid)}</FromUserName>",
                 f"<CreateTime>{created if created is not None else self._now()}</CreateTime>",
                 f"<MsgType>{cdata(msg_type)}</MsgType>"]
        parts += [f"<{name}>{cdata(value)}</{name}>" for name, value in fields.items()]
        if msg_id is not None:
            parts.append(f"<MsgId>{msg_id}</MsgId>")
        parts.append(f"<AgentID>{self.agent_id}</AgentID>")
        return "<xml>" + "".join(parts) + "</xml>"

    def text(self, userid: str, content: str, *, msg_id: int | None = None) -> str:
        return self._xml(userid, "text", {"Content": content}, msg_id=msg_id or next(_msg_ids))

    def image(self, userid: str, media_id: str) -> str:
        return self._xml(userid, "image", {"PicUrl": f"https://wework.example/{media_id}", "MediaId": media_id},
                         msg_id=next(_msg_ids))

    def click(self, userid: str, task_id: str, key: str, response_code: str, *, created: int | None = None) -> str:
        return self._xml(userid, "event", {"Event": "template_card_event", "EventKey": key, "TaskId": task_id,
                                           "CardType": "button_interaction", "ResponseCode": response_code},
                         created=created)

    def enter(self, userid: str) -> str:
        return self._xml(userid, "event", {"Event": "enter_agent", "EventKey": ""})

    def _now(self) -> int:
        return int(self.clock.now().timestamp())

    # ---- posting -------------------------------------------------------------------------------

    def seal(self, inner: str, *, timestamp: int | None = None, nonce: str | None = None) -> tuple[dict[str, str], bytes]:
        """The query and body WeCom posts: the encrypted message, signed."""
        ts = str(timestamp if timestamp is not None else self._now())
        nonce = nonce or str(secrets.randbelow(10**9))
        sealed = xmltodict.parse(self.crypto.encrypt_message(inner, nonce, ts))["xml"]
        query = {"msg_signature": sealed["MsgSignature"], "timestamp": ts, "nonce": nonce}
        body = (f"<xml><ToUserName>{cdata(self.corp_id)}</ToUserName><AgentID>{cdata(str(self.agent_id))}</AgentID>"
                f"<Encrypt>{cdata(sealed['Encrypt'])}</Encrypt></xml>")
        return query, body.encode()

    async def post(self, inner: str, **kwargs: Any) -> Answer:
        query, body = self.seal(inner, **kwargs)
        return await self.post_raw(query, body)

    async def post_raw(self, query: dict[str, str], body: bytes, headers: dict[str, str] | None = None) -> Answer:
        async with self._session().post(self.url, params=query, data=body, headers=headers) as resp:
            text, status = await resp.text(), resp.status
        return Answer(status, text, self.open_reply(text) if status == 200 else None)

    async def verify_url(self, echo: str = "echo-1234567890", *, forge: bool = False) -> tuple[int, str]:
        """What WeCom does when an administrator saves the callback URL."""
        ts, nonce = str(self._now()), str(secrets.randbelow(10**9))
        encrypted = xmltodict.parse(self.crypto.encrypt_message(echo, nonce, ts))["xml"]["Encrypt"]
        signature = sign(self.token, ts, nonce, encrypted)
        if forge:
            signature = sign("another-token", ts, nonce, encrypted)
        params = {"msg_signature": signature, "timestamp": ts, "nonce": nonce, "echostr": encrypted}
        async with self._session().get(self.url, params=params) as resp:
            return resp.status, await resp.text()

    def open_reply(self, text: str) -> dict[str, Any] | None:
        if not text:
            return None
        fields: dict[str, Any] = xmltodict.parse(text)["xml"]
        assert fields["MsgSignature"] == sign(self.token, fields["TimeStamp"], fields["Nonce"], fields["Encrypt"])
        plain = self.crypto.decrypt_message(fields, fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"])
        return dict(xmltodict.parse(plain)["xml"])

    def _session(self) -> aiohttp.ClientSession:
        if self.session is None:
            self.session = aiohttp.ClientSession()
        return self.session
