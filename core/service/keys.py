"""Compact keys for the buttons the core sends (assignment cards, surveys). Channels carry them
back unchanged (after their own signing); the dialogs decode them here. ASCII, short: Telegram
allows 64 bytes of callback data."""

from __future__ import annotations

from dataclasses import dataclass

CLAIM, PROGRESS, RESOLVE, RETURN = "claim", "prog", "done", "ret"
WORKER_VERBS = (CLAIM, PROGRESS, RESOLVE, RETURN)
SURVEY = "sv"  # sv:<number>:<round>:<rating>, pressed by the resident
FOLLOW_UP = "fu"  # fu:<number>:<round>:<rating>, a worker records a phone follow-up (回访) answer
JOIN, NO_JOIN = "join", "nojoin"


@dataclass(frozen=True)
class ActionKey:
    verb: str
    number: str
    args: tuple[str, ...] = ()


def encode(verb: str, number: str, *args: str | int) -> str:
    return ":".join([verb, number, *(str(a) for a in args)])


def decode(key: str) -> ActionKey | None:
    parts = key.split(":")
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    return ActionKey(parts[0], parts[1], tuple(parts[2:]))
