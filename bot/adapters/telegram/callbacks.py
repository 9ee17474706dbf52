"""Signed compact callback data: what an inline button carries to Telegram and back.

Telegram lets any client send any callback data for a message it can see, so a button's data is
`<key>~<issued><mac>`: the option key, the minute it was issued (base 36) and a truncated
HMAC-SHA256 over chat id, key and minute, keyed by a secret derived from the bot token. Data that
does not verify is forged; data older than the time to live is stale. Both are refused before the
conversation sees them. Everything stays within Telegram's 64 bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta

MAX_BYTES = 64  # Telegram's limit for callback_data
SEPARATOR = "~"
STAMP_LEN = 6  # base-36 minutes since EPOCH: good for four thousand years
MAC_LEN = 12  # base64url characters = 72 bits
OVERHEAD = len(SEPARATOR) + STAMP_LEN + MAC_LEN
MAX_KEY_BYTES = MAX_BYTES - OVERHEAD
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
DEFAULT_TTL = timedelta(days=60)  # an assignment card or a survey may wait weeks; not forever

_KEY = rf"[A-Za-z0-9:._\-]{{1,{MAX_KEY_BYTES}}}"
KEY_PATTERN = re.compile(f"^{_KEY}$")
_DATA_PATTERN = re.compile(rf"^(?P<key>{_KEY})~(?P<stamp>[0-9a-z]{{{STAMP_LEN}}})(?P<mac>[A-Za-z0-9_\-]{{{MAC_LEN}}})$")


class CallbackRefused(Exception):
    """The callback data is not one this bot issued for this chat (forged) or is too old (stale)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "forged" / "stale"


def fits(key: str) -> bool:
    """Whether `key` can travel in a button (ASCII, no separator, short enough)."""
    return bool(KEY_PATTERN.match(key))


def _b36(n: int, width: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(width, "0")[-width:]


class CallbackSigner:
    def __init__(self, bot_token: str, *, ttl: timedelta = DEFAULT_TTL) -> None:
        # a derived key, so the token itself never feeds a MAC that clients see the output of
        self._secret = hashlib.sha256(b"complaint-bot/telegram/callback/v1\x00" + bot_token.encode()).digest()
        self.ttl = ttl

    def _mac(self, chat_id: str | int, key: str, stamp: str) -> str:
        digest = hmac.new(self._secret, f"{chat_id}|{key}|{stamp}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:9]).decode()

    def sign(self, chat_id: str | int, key: str, now: datetime) -> str:
        if not fits(key):
            raise ValueError(f"callback key {key!r} is not compact ASCII of at most {MAX_KEY_BYTES} bytes")
        minutes = max(0, int((now - EPOCH).total_seconds() // 60))
        stamp = _b36(minutes, STAMP_LEN)
        return f"{key}{SEPARATOR}{stamp}{self._mac(chat_id, key, stamp)}"

    def verify(self, chat_id: str | int, data: str | None, now: datetime) -> str:
        """The option key carried by `data`, or CallbackRefused."""
        if not data or len(data.encode()) > MAX_BYTES:
            raise CallbackRefused("forged")
        match = _DATA_PATTERN.match(data)
        if match is None:
            raise CallbackRefused("forged")
        key, stamp, mac = match["key"], match["stamp"], match["mac"]
        if not hmac.compare_digest(mac, self._mac(chat_id, key, stamp)):
            raise CallbackRefused("forged")
        issued = EPOCH + timedelta(minutes=int(stamp, 36))
        if now - issued > self.ttl or issued - now > timedelta(minutes=5):
            raise CallbackRefused("stale")
        return key
