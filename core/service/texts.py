"""Moved: the core's sentences live in core/texts/ (one module per audience). These names stay
importable from here only for bot/ until it imports them from core.texts (then this module goes)."""

from __future__ import annotations

from core.privacy import Audience, contact
from core.texts.common import address_label, category_line, fmt_time, urgency_badge
from core.texts.resident import SURVEY_OPTIONS
from core.texts.workers import FOLLOW_UP_OPTIONS, worker_action_labels

__all__ = ["FOLLOW_UP_OPTIONS", "SURVEY_OPTIONS", "address_label", "category_line", "fmt_time", "mask_phone",
           "urgency_badge", "worker_action_labels"]


def mask_phone(phone: str | None) -> str:
    """The contact phone as a group sees it: `core.privacy.contact(phone, Audience.GROUP)`."""
    return contact(phone, Audience.GROUP)
