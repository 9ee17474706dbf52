"""WeCom's callback protocol for a self-built app, through wechatpy's WeCom crypto: every call is
signed (msg_signature = sha1 of the sorted token, timestamp, nonce and the encrypted text) and
encrypted with the EncodingAESKey, the corp id inside as the receiver. The URL check (GET) sends an
encrypted `echostr` whose plaintext must be echoed; messages (POST) carry <Encrypt>; a passive
reply goes back encrypted the same way. Anything not right is `Refused` with an HTTP status."""

from __future__ import annotations

import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wechatpy.exceptions import InvalidSignatureException

from bot.adapters.wechat.protocol import Refused, check_signed, query_params, sign
from bot.adapters.wechat.xmlsafe import BadXML, parse_xml, text_field
from core.errors import InvalidInput

try:  # wechatpy 2 names it `work`; 1.8 `enterprise`
    from wechatpy.work.crypto import WeChatCrypto
    from wechatpy.work.exceptions import InvalidCorpIdException
except ImportError:  # pragma: no cover - depends on the installed wechatpy
    from wechatpy.enterprise.crypto import WeChatCrypto
    from wechatpy.enterprise.exceptions import InvalidCorpIdException

MAX_ECHO = 1024

__all__ = ["Envelope", "Refused", "WeComProtocol"]


@dataclass(frozen=True)
class Envelope:
    """One verified callback: its decrypted fields and what the reply needs."""

    fields: dict[str, Any]
    nonce: str
    timestamp: str


class WeComProtocol:
    def __init__(self, token: str, aes_key: str, corp_id: str, *, agent_id: int | None = None,
                 max_age: int = 600) -> None:
        if not (token and aes_key and corp_id):
            raise InvalidInput("the WeCom callback needs WECOM_TOKEN, WECOM_AES_KEY and WECOM_CORP_ID")
        self.token, self.corp_id, self.agent_id, self.max_age = token, corp_id, agent_id, max_age
        try:
            self.crypto = WeChatCrypto(token, aes_key, corp_id)
        except (AssertionError, ValueError, binascii.Error):  # wechatpy asserts a 32-byte key
            raise InvalidInput("WECOM_AES_KEY must be the 43-character EncodingAESKey") from None

    # ---- GET: the URL check when the callback is saved in the admin console ----------------------

    def check_echo(self, query: Mapping[str, str], now: datetime) -> str:
        signature, timestamp, nonce = self._params(query, "msg_signature", "timestamp", "nonce")
        echostr = query.get("echostr") or ""
        if not echostr or len(echostr) > MAX_ECHO:
            raise Refused(400, "missing or oversized echostr")
        self._check(sign(self.token, timestamp, nonce, echostr), signature, timestamp, now)
        return self._decrypt(lambda: self.crypto.check_signature(signature, timestamp, nonce, echostr))

    # ---- POST: a message or an event -------------------------------------------------------------

    def open(self, query: Mapping[str, str], body: bytes, now: datetime) -> Envelope:
        signature, timestamp, nonce = self._params(query, "msg_signature", "timestamp", "nonce")
        try:
            outer = parse_xml(body)
        except BadXML as exc:
            raise Refused(400, exc.reason) from None
        encrypt = text_field(outer, "Encrypt")
        if not encrypt:
            raise Refused(400, "no <Encrypt> in the body")
        self._check(sign(self.token, timestamp, nonce, encrypt), signature, timestamp, now)
        to = text_field(outer, "ToUserName")
        if to is not None and to != self.corp_id:
            raise Refused(403, "addressed to another corp")
        try:
            inner = parse_xml(self._decrypt(
                lambda: self.crypto.decrypt_message({"Encrypt": encrypt}, signature, timestamp, nonce)))
        except BadXML as exc:
            raise Refused(400, f"decrypted body: {exc.reason}") from None
        agent = text_field(inner, "AgentID") or text_field(outer, "AgentID")
        if self.agent_id is not None and agent and agent.strip() != str(self.agent_id):
            raise Refused(403, f"for another app (AgentID {agent[:20]})")
        return Envelope(inner, nonce, timestamp)

    def seal(self, reply_xml: str, envelope: Envelope, timestamp: int) -> str:
        return str(self.crypto.encrypt_message(reply_xml, envelope.nonce, str(timestamp)))

    # ---- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _decrypt(decrypt: Callable[[], Any]) -> str:
        """wechatpy checks the signature again, decrypts, and checks the corp id inside."""
        try:
            plain = decrypt()
        except InvalidCorpIdException:
            raise Refused(403, "encrypted for another corp") from None
        except InvalidSignatureException:  # checked before; kept for safety
            raise Refused(403, "msg_signature does not match") from None
        except Exception as exc:  # corrupt base64 / padding / length: signed but unreadable
            raise Refused(400, f"cannot decrypt: {type(exc).__name__}") from None
        return plain.decode() if isinstance(plain, bytes) else str(plain)

    def _params(self, query: Mapping[str, str], *names: str) -> list[str]:
        return query_params(query, *names)

    def _check(self, expected: str, signature: str, timestamp: str, now: datetime) -> None:
        check_signed(expected, signature, timestamp, now, self.max_age, what="msg_signature")

