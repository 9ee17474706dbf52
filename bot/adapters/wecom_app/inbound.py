"""What a decrypted callback says: a worker's text or photo, a click on a card's button
(template_card_event), entering the app — and the key that makes handling it exactly once (WeCom
retries a callback it got no answer to within 5 seconds, three times)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from bot.adapters.wechat.protocol import Refused
from bot.adapters.wechat.xmlsafe import text_field
from core.messages import MediaRef

CHANNEL = "wecom_app"
MAX_USERID = 64
MAX_KEY = 1024  # a button key: WeCom allows 1024 bytes

Kind = Literal["text", "image", "click", "enter", "other"]


@dataclass(frozen=True)
class Callback:
    key: str  # exactly-once key
    userid: str
    kind: Kind
    created: int
    text: str | None = None
    media: MediaRef | None = None
    event_key: str | None = None
    task_id: str | None = None
    response_code: str | None = None


def read(fields: dict[str, Any]) -> Callback:
    userid = (text_field(fields, "FromUserName") or "").strip()
    if not userid or len(userid) > MAX_USERID:
        raise Refused(400, "missing or oversized FromUserName")
    try:
        created = int(text_field(fields, "CreateTime") or "0")
    except ValueError:
        raise Refused(400, "CreateTime is not a number") from None
    msg_type = (text_field(fields, "MsgType") or "").lower()
    msg_id = text_field(fields, "MsgId")
    base = _short(f"{CHANNEL}:msg:{msg_id}" if msg_id else f"{CHANNEL}:msg:{userid}:{created}:{msg_type}")
    if msg_type == "text":
        return Callback(base, userid, "text", created, text=text_field(fields, "Content") or "")
    if msg_type == "image":
        media_id = text_field(fields, "MediaId")
        if not media_id:
            raise Refused(400, "image without MediaId")
        return Callback(base, userid, "image", created,
                        media=MediaRef(CHANNEL, media_id, text_field(fields, "PicUrl")))
    if msg_type != "event":
        return Callback(base, userid, "other", created)
    event = (text_field(fields, "Event") or "").lower()
    event_key = text_field(fields, "EventKey") or ""
    if event == "template_card_event":
        task_id = text_field(fields, "TaskId") or ""
        if not event_key or len(event_key.encode()) > MAX_KEY or not task_id or len(task_id) > 128:
            raise Refused(400, "template_card_event without a usable EventKey / TaskId")
        # one click is one (person, card, button, moment): WeCom's resends repeat all four
        key = _short(f"{CHANNEL}:card:{userid}:{task_id}:{event_key}:{created}")
        return Callback(key, userid, "click", created, event_key=event_key, task_id=task_id,
                        response_code=text_field(fields, "ResponseCode"))
    key = _short(f"{CHANNEL}:evt:{userid}:{created}:{event}:{event_key}")
    if event in ("enter_agent", "subscribe"):
        return Callback(key, userid, "enter", created)
    return Callback(key, userid, "other", created)


def _short(key: str) -> str:
    """Keys are stored up to 200 characters: a longer one is replaced by its digest, never cut."""
    if len(key) <= 180:
        return key
    return f"{CHANNEL}:h:{hashlib.sha256(key.encode()).hexdigest()}"
