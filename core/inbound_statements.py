"""Statements of `core.inbound` that note a person wrote: on their own, or on PostgreSQL together
with the message's claim and the record of what they wrote (data-modifying CTEs: one round trip)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, String, bindparam, exists, insert, select, text, true, type_coerce, update

from core.db import grid_version
from core.db.desk_models import InboundMessage
from core.db.models import ChannelIdentity, DialogState, KeyValue
from core.outbox import WAITING_FOR_IDENTITY

_INBOUND = InboundMessage.__table__


# the kv value asked for (`p_kv_key`: WeChat's numbered options shown; NULL: none), unexpired at `now`
def kv_value(now: str) -> Any:
    return select(KeyValue.value).where(KeyValue.key == bindparam("p_kv_key"), (KeyValue.expires_at.is_(None))
                                        | (KeyValue.expires_at > bindparam(now))).scalar_subquery().label("kv")


# written out: SQLAlchemy leaves the correlated column unqualified in a RETURNING on SQLite
_PHONE = type_coerce(text("(SELECT residents.phone FROM residents WHERE residents.id = channel_identities.resident_id)"),
                     String).label("phone")


# the dialog state asked for (`p_state_key`: the step's, when it is in this database; NULL: none):
# the step that follows need not read it (NULL version: nothing saved yet)
STATE_VERSION = select(DialogState.version).where(DialogState.key == bindparam("p_state_key")) \
    .scalar_subquery().label("state_version")
STATE = select(DialogState.state).where(DialogState.key == bindparam("p_state_key")).scalar_subquery().label("state")


def note_inbound_statement(now: str, *, only_if: Any = None) -> Any:
    """The UPDATE that notes the person wrote (`now`: the name of its time's parameter), with
    `only_if` as a further condition (the claim's CTE having claimed)."""
    where = [ChannelIdentity.channel == bindparam("p_channel"),
             ChannelIdentity.external_id == bindparam("p_external_id")]
    return (
        update(ChannelIdentity)
        .where(*where, *([] if only_if is None else [only_if]))
        .values(last_inbound_at=bindparam(now), pushes_since_inbound=0, unsubscribed_at=None, blocked_at=None)
        # who it is, in the same statement: resident, staff, the phone they gave last time, and a small
        # shared value of theirs when asked (`p_kv_key`: WeChat's numbered options shown; NULL: none)
        .returning(ChannelIdentity.id, ChannelIdentity.staff_id, ChannelIdentity.resident_id,
                   _PHONE, kv_value(now), grid_version.VERSION, WAITING_FOR_IDENTITY,  # the grids' token: a step reads the grids only when it changed
                   STATE_VERSION, STATE))


def claiming_noting(claim: Any) -> Any:
    """`claim` (an INSERT … ON CONFLICT … RETURNING) and, when it returns its row, the note that the
    person wrote (at `p_noted_at`) and, when `p_record` and the claim is new (its result NULL: not
    taken over) and the identity is known and not staff's, what they wrote (`p_text`,
    `p_attachments`), as `core.service.conversation.record_inbound` keeps it: one statement,
    PostgreSQL's data-modifying CTEs. The note's condition reads the claim's row, so the claim runs
    (and locks its row) first, as when they were separate statements."""
    claimed = claim.cte("claimed")
    noted = note_inbound_statement("p_noted_at", only_if=exists(select(claimed.c.seen_at))).cte("noted")
    recorded = insert(InboundMessage).from_select(
        ["identity_id", "at", "text", "attachments"],
        select(noted.c.id, bindparam("p_noted_at", type_=_INBOUND.c.at.type),
               bindparam("p_text", type_=_INBOUND.c.text.type),
               bindparam("p_attachments", type_=_INBOUND.c.attachments.type))
        .select_from(claimed.join(noted, true()))
        .where(noted.c.staff_id.is_(None), claimed.c.result.is_(None), bindparam("p_record", type_=Boolean)),
    ).cte("recorded")
    return select(claimed.c.seen_at, claimed.c.result, claimed.c.earlier, *noted.c).select_from(
        claimed.outerjoin(noted, true())).add_cte(recorded)
