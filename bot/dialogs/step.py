"""One step of a conversation: the new state, the replies, the service calls still to make."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.dialogs.effects import Effect
from bot.dialogs.state import ConvState
from core.messages import OutMessage


@dataclass
class Step:
    state: ConvState
    replies: list[OutMessage] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
