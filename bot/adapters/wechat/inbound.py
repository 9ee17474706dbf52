"""What a verified WeChat message means for the conversations: an `Incoming` for the dialogs, an
answer the channel gives by itself (voice it cannot read, kinds it does not take), or bookkeeping
only (unsubscribe, location reports). wechatpy's message classes read the fields."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wechatpy.events import EVENT_TYPES
from wechatpy.messages import MESSAGE_TYPES, BaseMessage, UnknownMessage

from bot.adapters.wechat import texts as tx
from bot.adapters.wechat.protocol import Refused
from bot.dialogs.intake import K_MENU_MY, MENU_KEYS
from core.messages import GeoPoint, Incoming, MediaRef, OutMessage, Text

CHANNEL = "wechat"
COMPLAINT_KEY = next(key for key, kind in MENU_KEYS.items() if kind == "complaint")  # the dialogs' own
MAX_ID = 128
# what WeChat documents as plain values among the fields read here and by wechatpy's classes for
# the kinds handled: an element in their place is not WeChat's (nested events keep theirs)
PLAIN_FIELDS = ("ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "Event", "EventKey", "Content",
                "MediaId", "PicUrl", "Format", "Recognition", "Location_X", "Location_Y", "Scale", "Label",
                "Latitude", "Longitude", "Precision", "Ticket", "ThumbMediaId", "Title", "Description", "Url")

# menu EventKey → what the dialogs take for it: their own menu's keys (always accepted, at any
# step), or their help command
MENU_ACTIONS: dict[str, dict[str, str]] = {
    tx.MENU_COMPLAIN: {"choice": COMPLAINT_KEY},
    tx.MENU_MY: {"choice": K_MENU_MY},
    tx.MENU_HELP: {"command": "help"},
}
# events after which WeChat lets the account answer with customer-service messages for 48 h
WINDOW_EVENTS = {"subscribe", "subscribe_scan", "scan", "click", "scancode_push", "scancode_waitmsg"}


@dataclass(frozen=True)
class Inbound:
    openid: str
    account: str  # the Official Account's id (ToUserName): the sender of our reply
    key: str  # exactly-once key: MsgId, or FromUserName + CreateTime + Event (+ EventKey) for events
    kind: str  # text / image / … / event:click …
    opens_window: bool  # the resident's own action: 48 h of customer-service messages
    incoming: Incoming | None = None  # hand to the dialogs
    answer: list[OutMessage] = field(default_factory=list)  # answered by the channel itself
    welcome: bool = False  # subscribe: greet before the dialogs' own start
    unsubscribe: bool = False


def parse_message(fields: dict[str, Any]) -> BaseMessage:
    """wechatpy.parser.parse_message, on fields we already parsed safely."""
    msg_type = str(fields.get("MsgType") or "").lower()
    if msg_type == "event":
        event = str(fields.get("Event") or "").lower()
        key = str(fields.get("EventKey") or "")
        if event == "subscribe" and key.startswith("qrscene_"):
            event = "subscribe_scan"
        return EVENT_TYPES.get(event, UnknownMessage)(fields)
    return MESSAGE_TYPES.get(msg_type, UnknownMessage)(fields)


def read(fields: dict[str, Any], received_at: datetime) -> Inbound:
    odd = next((name for name in PLAIN_FIELDS if fields.get(name) is not None and not isinstance(fields[name], str)),
               None)
    if odd is not None:
        raise Refused(400, f"{odd} is not a plain value")
    openid = _id(fields, "FromUserName")
    account = _id(fields, "ToUserName")
    msg_type = str(fields.get("MsgType") or "").lower()
    if not msg_type:
        raise Refused(400, "message without MsgType")
    msg_id = str(fields.get("MsgId") or "").strip()
    event = str(fields.get("Event") or "").lower()
    if msg_id:
        if not msg_id.isdigit() or len(msg_id) > 32:
            raise Refused(400, "malformed MsgId")
        key = f"wechat:{msg_id}"
    else:
        created = str(fields.get("CreateTime") or "").strip()
        if not created.isdigit():
            raise Refused(400, "message without MsgId or CreateTime")
        # two menu clicks in one second are two events; a resend repeats the same EventKey
        event_key = str(fields.get("EventKey") or "")[:64]
        key = f"wechat:{openid}:{created}:{event or msg_type}:{event_key}"

    message = parse_message(fields)

    def incoming(kind: str, **kwargs: Any) -> Incoming:
        extra = {"wechat_type": kind, **kwargs.pop("extra", {})}
        return Incoming(channel=CHANNEL, sender=openid, chat=openid, chat_kind="private",
                        message_id=msg_id or None, received_at=received_at, extra=extra, **kwargs)

    def to_dialogs(kind: str, **kwargs: Any) -> Inbound:
        return Inbound(openid, account, key, kind, True, incoming(kind, **kwargs))

    def answer(kind: str, text: str, opens: bool = True) -> Inbound:
        return Inbound(openid, account, key, kind, opens, answer=[Text(text)])

    if msg_type == "text":
        return to_dialogs("text", text=str(getattr(message, "content", "") or ""))
    if msg_type == "image":
        media_id = str(getattr(message, "media_id", "") or "")
        if not media_id:
            return answer("image", tx.UNSUPPORTED_KIND.format(kind="图片"))
        url = getattr(message, "image", None) or None
        return to_dialogs("image", photos=(MediaRef(CHANNEL, media_id, url),))
    if msg_type == "location":
        point = _point(message)
        if point is None:
            return answer("location", tx.UNSUPPORTED_KIND.format(kind="位置"))
        return to_dialogs("location", location=point)
    if msg_type == "voice":
        recognised = str(getattr(message, "recognition", "") or "").strip()
        if recognised:
            return to_dialogs("voice", text=recognised, extra={"voice": True})
        return answer("voice", tx.VOICE_NEEDS_TYPING)
    if msg_type == "event":
        kind = f"event:{event}"
        if event in ("subscribe", "subscribe_scan"):
            return Inbound(openid, account, key, kind, True, incoming(kind, command="start"), welcome=True)
        if event == "unsubscribe":
            return Inbound(openid, account, key, kind, False, unsubscribe=True)
        if event == "click":
            action = MENU_ACTIONS.get(str(fields.get("EventKey") or ""))
            if action is None:
                return Inbound(openid, account, key, kind, True)  # an old menu's key: say nothing
            return to_dialogs(kind, **action)
        # location reports, link clicks, template receipts…: nothing to say
        return Inbound(openid, account, key, kind, event in WINDOW_EVENTS)
    name = tx.KIND_NAMES.get(msg_type, msg_type[:20])
    return answer(msg_type, tx.UNSUPPORTED_KIND.format(kind=name))


def _id(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    if not isinstance(value, str) or not value.strip():
        raise Refused(400, f"message without {name}")
    value = value.strip()
    if len(value) > MAX_ID or any(c.isspace() for c in value):
        raise Refused(400, f"malformed {name}")
    return value


def _point(message: BaseMessage) -> GeoPoint | None:
    try:
        lat = float(getattr(message, "location_x", None) or "nan")
        lng = float(getattr(message, "location_y", None) or "nan")
    except (TypeError, ValueError):
        return None
    if math.isnan(lat) or math.isnan(lng) or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    label = str(getattr(message, "label", "") or "").strip()[:200] or None
    return GeoPoint(lat, lng, label)
