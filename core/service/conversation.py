"""A resident's conversation as the desk reads it: what they wrote (inbound_messages) and what we
sent or hold for them (the outbox rows to their identities), in time order. Recording what they
write is `record_inbound`, called where a private message arrives."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import messages as m
from core.db import pending
from core.db.desk_models import InboundMessage
from core.db.models import OutboxMessage
from core.texts.common import EMPTY_MESSAGE, LOCATION, PHOTO

MAX_TEXT = 4000


@dataclass(frozen=True)
class Said:
    at: datetime
    direction: Literal["in", "out"]
    text: str
    identity_id: int | None
    status: str | None = None  # outgoing: pending / sent / deferred (held until they write) / dead …
    purpose: str | None = None
    error: str | None = None


async def conversation(s: AsyncSession, identity_ids: Collection[int], *, limit: int = 200) -> list[Said]:
    """The latest `limit` messages each way, oldest first."""
    if not identity_ids:
        return []
    ids = sorted(identity_ids)
    inbound = (await s.execute(select(InboundMessage).where(InboundMessage.identity_id.in_(ids))
                               .order_by(InboundMessage.id.desc()).limit(limit))).scalars()
    outbound = (await s.execute(select(OutboxMessage).where(
        OutboxMessage.identity_id.in_(ids), OutboxMessage.audience == "resident")
        .order_by(OutboxMessage.id.desc()).limit(limit))).scalars()
    said = [Said(i.at, "in", _inbound_text(i), i.identity_id) for i in inbound]
    said += [Said(o.created_at, "out", m.plain_text(m.load(o.payload)), o.identity_id, o.status, o.purpose,
                  o.last_error) for o in outbound]
    return sorted(said, key=lambda x: (x.at, x.direction == "out"))


def _inbound_text(i: InboundMessage) -> str:
    parts = [i.text] if i.text else []
    for a in i.attachments or []:
        parts.append(LOCATION if a.get("type") == "location" else PHOTO)
    return " ".join(parts) or EMPTY_MESSAGE


def attachments_of(incoming: m.Incoming) -> list[dict[str, Any]]:
    """What came with a message besides its text, as kept in inbound_messages."""
    out: list[dict[str, Any]] = [{"type": "photo", **p.to_json()} for p in incoming.photos]
    if incoming.location is not None:
        point = incoming.location
        out.append({"type": "location", "lat": point.lat, "lng": point.lng, "label": point.label})
    return out


def record_inbound(s: AsyncSession, identity_id: int, at: datetime, text: str | None,
                   attachments: Sequence[dict[str, Any]] = ()) -> None:
    """Keep what a resident wrote, in the caller's transaction (the desk shows it live). Written
    with the transaction's other held-back rows at commit: a message never reads it back, and an
    ORM object's flush cost more than the rest of its bookkeeping."""
    pending.insert_later(s, InboundMessage, {"identity_id": identity_id, "at": at,
                                             **inbound_kept(text, attachments)})


def inbound_kept(text: str | None, attachments: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """What is kept of a message: its text (cut to MAX_TEXT) and attachments."""
    return {"text": (text or "")[:MAX_TEXT] or None, "attachments": list(attachments)}
