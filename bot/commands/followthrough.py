"""Registers the follow-through commands: `jobs`, `outbox`, `retention`, `report`."""

from __future__ import annotations

from typing import Any

from bot.commands import jobs, outbox, report, retention


def register(sub: Any) -> None:
    for module in (jobs, outbox, retention, report):
        module.register(sub)
