"""A form made from an older state of a ticket: refused instead of overwriting what changed."""

from __future__ import annotations

from core.db.models import Ticket
from core.errors import Conflict
from core.texts import errors


class StaleForm(Conflict):
    code = "stale_form"

    def __init__(self, number: str) -> None:
        super().__init__(errors.stale_form(number))


def check_version(t: Ticket, version: int | None) -> None:
    if version is not None and t.version != version:
        raise StaleForm(t.number)
