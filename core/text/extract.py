"""Everything a resident's first message already says, so the intake dialog asks only for the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from core.text.address import Address, CommunitySpec, parse_address
from core.text.phone import find_phones
from core.text.timephrase import TimePhrase, parse_time_phrase
from core.text.urgency import UrgencyAssessment, assess_urgency

__all__ = ["Extracted", "extract"]


@dataclass(frozen=True)
class Extracted:
    address: Address
    phones: list[str]
    time: TimePhrase | None
    urgency: UrgencyAssessment

    @property
    def missing(self) -> tuple[str, ...]:
        """Intake fields still to ask for, in the order the dialog asks them."""
        out: list[str] = []
        if not self.address.community:
            out.append("community")
        if not self.address.building and not self.address.room:
            out.append("building")
        if not self.phones:
            out.append("phone")
        if self.time is None:
            out.append("time")
        return tuple(out)


def extract(text: str, now: datetime, known_communities: Sequence[CommunitySpec] = ()) -> Extracted:
    """Read address, phone numbers, time phrase and urgency from one message. Pure: ``now`` is given."""
    return Extracted(
        address=parse_address(text, known_communities),
        phones=find_phones(text),
        time=parse_time_phrase(text, now),
        urgency=assess_urgency(text),
    )
