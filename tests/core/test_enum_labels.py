"""Every value a ticket's timeline, the desk or a report shows has its Chinese label (seventeenth session: the desk's
ticket page failed with KeyError ('EventType', 'phone_changed') for any ticket whose phone was given or changed after
filing — every emergency filed before its phone)."""

from __future__ import annotations

import pytest

from core.enums import EventType, Kind, Rating, Role, Status, Urgency


@pytest.mark.parametrize("member", [*EventType, *Status, *Kind, *Rating, *Role, *Urgency], ids=str)
def test_every_member_has_a_label(member: EventType) -> None:
    assert member.label
