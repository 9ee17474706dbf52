"""The tables. The service layer is the only writer of tickets, events and outbox rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base as Base  # re-exported: importing the models is what fills its metadata
from core.enums import OPEN_STATUSES

OPEN_VALUES = sorted(s.value for s in OPEN_STATUSES)
_OPEN = "status IN (" + ", ".join(f"'{v}'" for v in OPEN_VALUES) + ")"


class Resident(Base):
    """One person, whatever channels they write from."""

    __tablename__ = "residents"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    anonymised_at: Mapped[datetime | None]

    identities: Mapped[list[ChannelIdentity]] = relationship(back_populates="resident")


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    memberships: Mapped[list[StaffGrid]] = relationship(back_populates="staff", cascade="all, delete-orphan")
    identities: Mapped[list[ChannelIdentity]] = relationship(back_populates="staff")


class ChannelIdentity(Base):
    """A person's id on one channel (Telegram user id, WeChat openid…), and what the channel needs
    to know about reaching them (WeChat's 48 h window, a blocked bot)."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(128))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    display_name: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    last_inbound_at: Mapped[datetime | None]
    pushes_since_inbound: Mapped[int] = mapped_column(Integer, default=0)
    blocked_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]

    resident: Mapped[Resident | None] = relationship(back_populates="identities")
    staff: Mapped[Staff | None] = relationship(back_populates="identities")


class Grid(Base):
    """A grid (网格): an area with its own workers and group chat."""

    __tablename__ = "grids"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    # 小区 names and building patterns that route to this grid, e.g. ["幸福里小区", "幸福里小区 1-6栋"]
    address_patterns: Mapped[list[Any]] = mapped_column(default=list)
    center_lat: Mapped[float | None] = mapped_column(Float)
    center_lng: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[float | None] = mapped_column(Float)
    polygon: Mapped[list[Any] | None]  # [[lat, lng], …]
    wecom_robot_url: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    memberships: Mapped[list[StaffGrid]] = relationship(back_populates="grid", cascade="all, delete-orphan")


class StaffGrid(Base):
    __tablename__ = "staff_grids"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), primary_key=True)
    department: Mapped[str | None] = mapped_column(String(20))  # 维修 / 保洁 / 保安 / 客服

    staff: Mapped[Staff] = relationship(back_populates="memberships")
    grid: Mapped[Grid] = relationship(back_populates="memberships")


class GroupBinding(Base):
    """A group chat bound to a grid (its workers), or to a desk (supervisors, dispatchers)."""

    __tablename__ = "group_bindings"
    __table_args__ = (Index("ix_group_bindings_chat", "channel", "chat_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(128))
    purpose: Mapped[str] = mapped_column(String(20))  # grid / supervisors / dispatchers
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"), index=True)
    bound_at: Mapped[datetime]
    bound_by: Mapped[str | None] = mapped_column(String(128))
    unbound_at: Mapped[datetime | None]


class OneTimeCode(Base):
    """Codes that bind a group to a grid or a chat identity to a staff member. Only a hash is kept."""

    __tablename__ = "one_time_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))  # bind_group / staff_invite
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(100))  # grid code, desk name or staff id
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(200))


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # the open queue and the overdue query read only open tickets: partial indexes keep them
        # small and fast however many closed tickets pile up
        Index("ix_tickets_open_due", "due_at", postgresql_where=text(_OPEN), sqlite_where=text(_OPEN)),
        Index(
            "ix_tickets_open_grid_due", "grid_id", "due_at",
            postgresql_where=text(_OPEN), sqlite_where=text(_OPEN),
        ),
        Index("ix_tickets_resident_created", "resident_id", "created_at"),
        Index("ix_tickets_closed_at", "closed_at"),
        # the desk's queue (core.service.queue): newest first among the open ones; any one status
        # (closed too, years of them) by deadline or newest, a page continuing from the last row;
        # the counts per filter read only this one covering index of the open tickets
        Index("ix_tickets_open_created", "created_at", "id", postgresql_where=text(_OPEN), sqlite_where=text(_OPEN)),
        Index("ix_tickets_status_due", "status", "due_at", "id"),
        Index("ix_tickets_status_created", "status", "created_at", "id"),
        Index("ix_tickets_open_facets", "status", "urgency", "category", "grid_id", "needs_dispatcher", "due_at",
              postgresql_where=text(_OPEN), sqlite_where=text(_OPEN)),
        # the ticket page lists the tickets merged into it
        Index("ix_tickets_merged_into", "merged_into_id", postgresql_where=text("merged_into_id IS NOT NULL"),
              sqlite_where=text("merged_into_id IS NOT NULL")),
        # search by a phone's last four digits (SQLite has no right(): it reads the open tickets)
        Index("ix_tickets_phone_last4", func.right(text("contact_phone"), 4)).ddl_if(dialect="postgresql"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40))
    urgency: Mapped[str] = mapped_column(String(20))
    complexity: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    # location: structured 小区-楼栋-单元-室 and/or a point
    community: Mapped[str | None] = mapped_column(String(100))
    building: Mapped[str | None] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(20))
    room: Mapped[str | None] = mapped_column(String(20))
    address_text: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lng: Mapped[float | None] = mapped_column(Float)
    location_label: Mapped[str | None] = mapped_column(String(200))
    occurred_at: Mapped[datetime | None]
    occurred_text: Mapped[str | None] = mapped_column(String(100))
    photos: Mapped[list[Any]] = mapped_column(default=list)  # [MediaRef json, …]
    # who
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(20))
    origin_identity_id: Mapped[int | None] = mapped_column(ForeignKey("channel_identities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    department: Mapped[str | None] = mapped_column(String(20))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    # state
    status: Mapped[str] = mapped_column(String(20))  # indexed with the sort keys, see __table_args__
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[datetime | None]
    needs_dispatcher: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str | None] = mapped_column(String(200))
    category_confidence: Mapped[float | None] = mapped_column(Float)
    kind_confidence: Mapped[float | None] = mapped_column(Float)
    emergency_triggers: Mapped[list[Any]] = mapped_column(default=list)
    round: Mapped[int] = mapped_column(Integer, default=1)  # resolution round: one survey answer each
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    return_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised_at: Mapped[datetime | None]
    # time
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    assigned_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    due_at: Mapped[datetime]
    claim_due_at: Mapped[datetime]
    first_response_due_at: Mapped[datetime]
    escalate_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class TicketEvent(Base):
    """Append-only: every change to a ticket, written in the same transaction as the change."""

    __tablename__ = "ticket_events"
    __table_args__ = (Index("ix_ticket_events_ticket", "ticket_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    type: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(index=True)
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor_resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class TicketFollower(Base):
    """Another resident who reported the same problem and joined this ticket (重复投诉)."""

    __tablename__ = "ticket_followers"
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), primary_key=True)
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("channel_identities.id"))
    joined_at: Mapped[datetime]


class SurveyAnswer(Base):
    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("ticket_id", "round", "resident_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    rating: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str | None] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(20))  # chat / phone / timeout
    answered_at: Mapped[datetime]


class OutboxMessage(Base):
    """A message to send, written in the same transaction as the event that causes it.
    Delivery (a later step) moves it to sent, deferred or dead."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index(
            "ix_outbox_due", "next_attempt_at",
            postgresql_where=text("status IN ('pending', 'sending')"),
            sqlite_where=text("status IN ('pending', 'sending')"),
        ),
        Index("ix_outbox_address", "channel", "address", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(500))  # chat id, openid, robot url…
    audience: Mapped[str] = mapped_column(String(20))  # resident / group / staff
    purpose: Mapped[str] = mapped_column(String(30))  # assignment / progress / survey / alert …
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_events.id"))
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("channel_identities.id"))
    payload: Mapped[list[Any]]  # core.messages JSON
    edit_key: Mapped[str | None] = mapped_column(String(100))  # edit the earlier message with this key
    # pending → sending (leased) → sent | pending (retry) | deferred | dead | superseded (a newer card edit)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]  # a sender's lease while it is sending
    locked_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    platform_ref: Mapped[str | None] = mapped_column(String(200))
    # an answer queued behind an earlier message of the same person still being answered in another
    # process (its processed_updates key): not sent while that claim is unanswered and leased
    held_by: Mapped[str | None] = mapped_column(String(200))


class SentRef(Base):
    """The platform's id of a message we may edit later (a group's assignment card)."""

    __tablename__ = "sent_refs"
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    address: Mapped[str] = mapped_column(String(500), primary_key=True)
    edit_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    platform_ref: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]


class Counter(Base):
    __tablename__ = "counters"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class ProcessedUpdate(Base):
    """Inbound dedupe: a platform update id seen once is never handled again (webhook retries).
    Until it is done, the claim belongs to `owner` (a process) while `lease_until` is ahead; a
    claim whose owner stopped renewing (killed) may be taken over by the next attempt."""

    __tablename__ = "processed_updates"
    __table_args__ = (
        # a person's unanswered claims: is an earlier message of theirs still being answered?
        Index("ix_processed_updates_person_open", "person", "seen_at",
              postgresql_where=text("done_at IS NULL"), sqlite_where=text("done_at IS NULL")),
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(index=True)
    done_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any] | None]
    owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    person: Mapped[str | None] = mapped_column(String(200))  # who wrote it (channel:id), for answering in turn
    behind: Mapped[bool | None]  # another process holds an answer in the outbox behind this one


class DialogState(Base):
    """A conversation's saved state, versioned so that two deliveries never both advance it."""

    __tablename__ = "dialog_states"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    due_at: Mapped[datetime | None] = mapped_column(index=True)  # next look by the draft sweep


class KeyValue(Base):
    """Small shared values with an expiry (e.g. WeChat's access_token, shared by all processes)."""

    __tablename__ = "kv"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


def ticket_is_open() -> ColumnElement[bool]:
    """`status IN (…open…)` rendered with literal values in the same order as the partial indexes'
    predicate: both PostgreSQL and SQLite use a partial index only when they can see that the query
    implies it, which bound parameters hide."""
    return Ticket.status.in_(bindparam("open_statuses", OPEN_VALUES, expanding=True, literal_execute=True))


class TimerFiring(Base):
    """A timer that fired: claimed with INSERT … ON CONFLICT DO NOTHING in the same transaction as
    its effect, so each (kind, subject, round, step) fires once however many processes run timers.
    `subject` is a ticket id, or 0 for timers that belong to no ticket (the daily report)."""

    __tablename__ = "timer_firings"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    subject: Mapped[int] = mapped_column(Integer, primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[str] = mapped_column(String(40), primary_key=True)
    fired_at: Mapped[datetime]
    worker: Mapped[str | None] = mapped_column(String(100))


class RetentionRun(Base):
    """Every retention run, dry or not: who, when, the cut-offs and what it did."""

    __tablename__ = "retention_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    dry_run: Mapped[bool] = mapped_column(Boolean)
    actor: Mapped[str] = mapped_column(String(100))
    anonymise_before: Mapped[datetime]
    delete_before: Mapped[datetime]
    anonymised_tickets: Mapped[int] = mapped_column(Integer, default=0)
    deleted_tickets: Mapped[int] = mapped_column(Integer, default=0)
    anonymised_residents: Mapped[int] = mapped_column(Integer, default=0)
    deleted_residents: Mapped[int] = mapped_column(Integer, default=0)
    held: Mapped[int] = mapped_column(Integer, default=0)  # due but under legal hold
    error: Mapped[str | None] = mapped_column(Text)


class WeComCard(Base):
    """A button card the WeCom app sent to a grid's workers about one assignment of a ticket: who
    holds it, and the one-use code that changes it for all of them (the send's, or a newer one a
    click brought). Outbox rows address it as `card:<task_id>`; its buttons go once someone acts."""

    __tablename__ = "wecom_cards"
    task_id: Mapped[str] = mapped_column(String(128), primary_key=True)  # WeCom's task_id, unique per app
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    userids: Mapped[list[Any]]  # the WeCom userids it went to
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    response_code: Mapped[str | None] = mapped_column(String(300))  # unused, valid 72 h from code_at
    code_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # buttons replaced: nobody can act on it any more
    closed_label: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(1), default="g", server_default="g")  # g: the grid's, w: the claimer's
    msgid: Mapped[str | None] = mapped_column(String(300))  # WeCom's id of the message showing it (to recall it)
    replaced_by: Mapped[str | None] = mapped_column(String(128))  # a fresh card took its place (no code left)
    retired_at: Mapped[datetime | None]  # the ticket left this card (returned, reassigned, ended): no more updates


# The desk's tables live in their own module; imported here so that Base.metadata (migrations,
# tests) always holds them.
from core.db import calendar_models as _calendar_models  # noqa: E402,F401
from core.db import desk_models as _desk_models  # noqa: E402,F401
