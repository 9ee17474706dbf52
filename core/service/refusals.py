"""Moved to core/texts/refusals.py; importable from here only for bot/ until it imports it from there."""

from core.texts.refusals import (
    GROUP_NOT_BOUND,
    NOT_STAFF,
    NOT_THIS_GROUP,
    RESIDENTS_ONLY_FOLLOW,
    UNBIND_NOT_ALLOWED,
    VERB_LABELS,
    assignee_only,
    desk_only,
    head_only,
    not_registered,
    not_your_grid,
    unknown_ticket,
)

__all__ = ["GROUP_NOT_BOUND", "NOT_STAFF", "NOT_THIS_GROUP", "RESIDENTS_ONLY_FOLLOW", "UNBIND_NOT_ALLOWED",
           "VERB_LABELS", "assignee_only", "desk_only", "head_only", "not_registered", "not_your_grid",
           "unknown_ticket"]
