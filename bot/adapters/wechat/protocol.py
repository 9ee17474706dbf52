"""WeChat's webhook protocol, through wechatpy: the signature over (token, timestamp, nonce), the
message signature over the AES-encrypted body (safe and compatible modes), decryption and the
encrypted reply. Everything that is not right is a `Refused` with an HTTP status and a reason."""

from __future__ import annotations

import binascii
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import WeChatSigner

from bot.adapters.wechat.xmlsafe import BadXML, parse_xml, text_field
from core.errors import InvalidInput

MAX_PARAM = 128  # query values are short hex/digits; anything longer is not from WeChat


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status}: {reason}")
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Envelope:
    """One verified inbound message: its (decrypted) fields and how to answer it."""

    fields: dict[str, Any]
    encrypted: bool
    nonce: str
    timestamp: str


def sign(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return str(signer.signature)


def _same(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


class WeChatProtocol:
    def __init__(self, token: str, app_id: str | None, aes_key: str | None, *, max_age: int = 600) -> None:
        if not token:
            raise InvalidInput("WECHAT_TOKEN is required for the webhook")
        self.token, self.app_id, self.max_age = token, app_id or "", max_age
        self.crypto: WeChatCrypto | None = None
        if aes_key:
            if not app_id:
                raise InvalidInput("WECHAT_AES_KEY needs WECHAT_APP_ID too (it is part of every encrypted message)")
            try:
                self.crypto = WeChatCrypto(token, aes_key, app_id)
            except (AssertionError, ValueError, binascii.Error):  # wechatpy asserts a 32-byte key
                raise InvalidInput("WECHAT_AES_KEY must be the 43-character EncodingAESKey") from None

    # ---- GET: the server check when the URL is saved in the WeChat console -----------------------

    def check_echo(self, query: Mapping[str, str], now: datetime) -> str:
        signature, timestamp, nonce = self._params(query, "signature", "timestamp", "nonce")
        echostr = query.get("echostr")
        if not echostr or len(echostr) > 256:
            raise Refused(400, "missing or oversized echostr")
        self._check_signature(signature, timestamp, nonce, now)
        return echostr

    # ---- POST: a message or an event -------------------------------------------------------------

    def open(self, query: Mapping[str, str], body: bytes, now: datetime) -> Envelope:
        signature, timestamp, nonce = self._params(query, "signature", "timestamp", "nonce")
        encrypted = query.get("encrypt_type", "raw").lower() == "aes"
        if not encrypted and self.crypto is not None:
            # the plain signature does not cover the body: with a key configured, only the
            # encrypted form (whose signature does) is accepted
            raise Refused(403, "plain message refused: safe mode is configured (WECHAT_AES_KEY)")
        self._check_signature(signature, timestamp, nonce, now)
        try:
            outer = parse_xml(body)
        except BadXML as exc:
            raise Refused(400, exc.reason) from None
        if not encrypted:
            return Envelope(outer, False, nonce, timestamp)
        if self.crypto is None:
            raise Refused(400, "encrypted message but WECHAT_AES_KEY is not configured")
        (msg_signature,) = self._params(query, "msg_signature")
        encrypt = text_field(outer, "Encrypt")
        if not encrypt:
            raise Refused(400, "encrypted message without <Encrypt>")
        if not _same(sign(self.token, timestamp, nonce, encrypt), msg_signature):
            raise Refused(403, "msg_signature does not match")
        try:
            plain = self.crypto.decrypt_message({"Encrypt": encrypt}, msg_signature, timestamp, nonce)
        except InvalidSignatureException:
            raise Refused(403, "msg_signature does not match") from None
        except InvalidAppIdException:
            raise Refused(403, "encrypted for another AppID") from None
        except Exception as exc:  # corrupt base64 / padding / length: signed but unreadable
            raise Refused(400, f"cannot decrypt: {type(exc).__name__}") from None
        try:
            inner = parse_xml(plain)
        except BadXML as exc:
            raise Refused(400, f"decrypted body: {exc.reason}") from None
        return Envelope(inner, True, nonce, timestamp)

    def seal(self, reply_xml: str, envelope: Envelope, timestamp: int) -> str:
        """The reply as WeChat expects it: encrypted when the message was."""
        if not envelope.encrypted or self.crypto is None:
            return reply_xml
        return str(self.crypto.encrypt_message(reply_xml, envelope.nonce, str(timestamp)))

    # ---- helpers ---------------------------------------------------------------------------------

    def _params(self, query: Mapping[str, str], *names: str) -> list[str]:
        return query_params(query, *names)

    def _check_signature(self, signature: str, timestamp: str, nonce: str, now: datetime) -> None:
        check_signed(sign(self.token, timestamp, nonce), signature, timestamp, now, self.max_age,
                     what="signature")


# ---- shared with the WeCom app's callback (bot/adapters/wecom_app/protocol.py) ------------------


def query_params(query: Mapping[str, str], *names: str) -> list[str]:
    """The named query values, each present and short (anything longer is not from the platform)."""
    values = []
    for name in names:
        value = query.get(name)
        if not value:
            raise Refused(400, f"missing query parameter {name}")
        if len(value) > MAX_PARAM:
            raise Refused(400, f"oversized query parameter {name}")
        values.append(value)
    return values


def check_signed(expected: str, given: str, timestamp: str, now: datetime, max_age: int, *, what: str) -> None:
    """The signature matches (compared in constant time) and the timestamp is recent: no replay."""
    if not _same(expected, given):
        raise Refused(403, f"{what} does not match")
    if max_age:
        try:
            age = now.timestamp() - int(timestamp)
        except ValueError:
            raise Refused(400, "timestamp is not a number") from None
        if abs(age) > max_age:
            raise Refused(403, f"stale timestamp ({int(age)} s off): a replay?")
