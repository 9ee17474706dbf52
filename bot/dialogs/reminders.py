"""A draft left alone: when the sweep looks at it next, its one reminder, then its expiry. Pure: the
runtime (bot/conversation/sweeper.py) finds the due conversations, saves what this decides and
sends the message through the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs.settings import DialogSettings
from bot.dialogs.state import ConvState


@dataclass(frozen=True)
class Reminder:
    purpose: str  # the outbox row's purpose: draft_reminder / draft_expired
    text: str


def due(state: ConvState, settings: DialogSettings) -> datetime | None:
    """When the sweep should look at this conversation again (None: nothing pending)."""
    d = state.draft
    if d is None:
        return None
    if d.reminded or d.stage == "submitting":
        return d.touched_at + settings.expire_after
    return d.touched_at + settings.remind_after


def sweep(state: ConvState, now: datetime, settings: DialogSettings) -> Reminder | None:
    """Expire or remind (changing `state`); the message for the resident, if any."""
    d = state.draft
    if d is None:
        return None
    summary = d.summary()
    if now - d.touched_at >= settings.expire_after:
        state.draft = None
        state.withdraw(intake.DRAFT)
        if d.stage == "submitting":
            return None
        return Reminder("draft_expired", tx.draft_expired(summary))
    if not d.reminded and d.stage == "collecting" and now - d.touched_at >= settings.remind_after:
        d.reminded = True
        return Reminder("draft_reminder", tx.draft_reminder(summary))
    return None
