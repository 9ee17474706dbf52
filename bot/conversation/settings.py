"""The dialogs' knobs from the configuration and the core's limits (read once, at the composition root)."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogs.settings import DialogSettings
from core.config import Settings
from core.service.tickets import MAX_DESCRIPTION, MAX_PHOTOS


def dialog_settings(settings: Settings) -> DialogSettings:
    return DialogSettings(
        max_input=MAX_DESCRIPTION,
        max_photos=MAX_PHOTOS,
        remind_after=timedelta(minutes=settings.draft_remind_minutes),
        expire_after=timedelta(hours=settings.draft_expire_hours),
    )
