"""What a log line is about, carried with the work instead of passed to every call: the channel
and request a webhook is answering, the ticket being worked on. Context variables follow a request
into the tasks it starts and never leak into another request's. bot.logs puts them on every line
(LOG_FORMAT=json)."""

from __future__ import annotations

from contextvars import ContextVar

FIELDS = ("ticket", "channel", "request_id")

_vars: dict[str, ContextVar[str | None]] = {name: ContextVar(f"log_{name}", default=None) for name in FIELDS}


def bind(*, ticket: str | None = None, channel: str | None = None, request_id: str | None = None) -> None:
    """Note what the current work is about; a None leaves that field as it was."""
    for name, value in (("ticket", ticket), ("channel", channel), ("request_id", request_id)):
        if value is not None:
            _vars[name].set(value)


def begin(*, channel: str | None = None, request_id: str | None = None) -> None:
    """A new piece of work (a request, a polled update): forget what the last one was about."""
    for var in _vars.values():
        var.set(None)
    bind(channel=channel, request_id=request_id)


def current() -> dict[str, str]:
    """The fields known here, for a log line."""
    found = {name: var.get() for name, var in _vars.items()}
    return {name: value for name, value in found.items() if value is not None}
