"""The private line a worker gets when holding a ticket (user test, twentieth session: 「居民联系电话：未留（仅您可见，
请勿外传）」 warned about nothing): the warning goes with a number, never with 「未留」."""

from __future__ import annotations

from core.db.models import Ticket
from core.privacy import Audience, View
from core.texts import workers as to_workers


def _ticket(phone: str | None) -> Ticket:
    return Ticket(number="261208-0042", description="6栋电梯按钮失灵", contact_phone=phone, community="翠湖苑",
                  building="6", category="工程维修", kind="repair")


def test_no_phone_left_carries_no_warning() -> None:
    said = to_workers.claimer_contact(_ticket(None), View.of(Audience.CLAIMER))
    assert "未留" in said and "仅您可见" not in said


def test_a_phone_carries_the_warning() -> None:
    said = to_workers.claimer_contact(_ticket("13677778888"), View.of(Audience.CLAIMER))
    assert "13677778888（仅您可见，请勿外传）" in said
