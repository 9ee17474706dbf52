"""Domain errors carry a message a person understands (Chinese, shown in chats) and a code for logs."""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses. `message` is safe to show to the person who asked."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class IllegalTransition(DomainError):
    code = "illegal_transition"


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    code = "not_allowed"


class Conflict(DomainError):
    """Someone else changed the ticket first (e.g. two workers pressed 接单 together)."""

    code = "conflict"


class InvalidInput(DomainError):
    code = "invalid_input"


class SoundsUnfinished(InvalidInput):
    """办结 with a note that reads as work still to come (「师傅明天上午去看」), not confirmed: closing would send the
    resident a survey for work not done. Every surface turns this into its question — record it as progress, or
    resolve all the same — and calls resolve again with unfinished_confirmed=True; `number` is the ticket's
    whole number (a worker may have typed only its serial) and `note` the words as cleaned."""

    code = "sounds_unfinished"

    def __init__(self, message: str, *, number: str, note: str) -> None:
        super().__init__(message)
        self.number, self.note = number, note


class Unavailable(Exception):
    """The database failed for a moment and a retry did not help: nothing was answered or stored,
    so the caller answers in a way that makes the platform send the message again (HTTP 5xx)."""
