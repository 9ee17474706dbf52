"""One step of a conversation: the new state, the replies, the service calls still to make. An
`Effect` is such a call; when the runtime has made it, the effect's `then` (a pure function)
continues the conversation with the result and returns the next Step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.dialogs.state import ConvState
from core.messages import OutMessage

if TYPE_CHECKING:
    from bot.dialogs.context import Context

Then = Callable[[ConvState, "Effect", Any, "Context"], "Step"]


@dataclass(frozen=True, kw_only=True)
class Effect:
    then: Then


@dataclass
class Step:
    state: ConvState
    replies: list[OutMessage] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
