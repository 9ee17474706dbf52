"""The hotline desk's tables: staff passwords and the login throttle, the short answers the desk keeps
(知识库), phone tasks for residents without a chat, and the messages residents wrote (their side of
the conversation the desk reads; ours is the outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base


class DeskAccount(Base):
    """A staff member's desk login. Only an argon2 hash of the password is kept."""

    __tablename__ = "desk_accounts"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    password_set_at: Mapped[datetime]  # sessions older than this are void (a reset logs everyone out)
    last_login_at: Mapped[datetime | None]


class LoginThrottle(Base):
    """Failed logins per account ("account:NAME") and per address ("address:IP") in the current
    window; `locked_until` is set when too many failed."""

    __tablename__ = "desk_login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class QuickAnswer(Base):
    """A short answer to a common question (知识库 / 快捷回复): inserted into replies by the desk and
    offered by the bot to a matching consultation."""

    __tablename__ = "quick_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    keywords: Mapped[list[Any]] = mapped_column(default=list)  # words that call for it, besides the title's
    category: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class PhoneTask(Base):
    """Something a person must be told by phone: a ticket update for a resident who has no chat
    (the "phone" channel's deliveries), or a follow-up call (回访). Done when the desk records it."""

    __tablename__ = "phone_tasks"
    __table_args__ = (
        Index("ix_phone_tasks_open", "created_at", postgresql_where=text("done_at IS NULL"),
              sqlite_where=text("done_at IS NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), unique=True)  # delivered once
    phone: Mapped[str] = mapped_column(String(32))
    purpose: Mapped[str] = mapped_column(String(30))  # the outbox purpose: assigned / progress / survey …
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    outcome: Mapped[str | None] = mapped_column(String(30))  # told / no_answer / a survey rating
    note: Mapped[str | None] = mapped_column(Text)


class InboundMessage(Base):
    """What a resident wrote in their private chat, kept for the desk's view of the conversation."""

    __tablename__ = "inbound_messages"
    __table_args__ = (Index("ix_inbound_messages_identity", "identity_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("channel_identities.id"))
    at: Mapped[datetime] = mapped_column(index=True)
    text: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(default=list)  # MediaRef json, or a location
