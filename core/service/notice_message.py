"""One message of a ticket event, rendered once for each audience that receives it (core/privacy.py):
the notifier's unit of what is sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core import messages as m
from core.privacy import View


class Message:
    """One message of an event, rendered for each audience that receives it (once per audience)."""

    def __init__(self, render: Callable[[View], list[m.OutMessage]]) -> None:
        self._render = render
        self._done: dict[View, list[m.OutMessage]] = {}

    @staticmethod
    def fixed(messages: Sequence[m.OutMessage]) -> Message:
        """The same for every audience (photos)."""
        return Message(lambda v: list(messages))

    @staticmethod
    def text(render: Callable[[View], str]) -> Message:
        """A message of one text."""
        return Message(lambda v: [m.Text(render(v))])

    def for_view(self, view: View) -> list[m.OutMessage]:
        if view not in self._done:
            self._done[view] = self._render(view)
        return self._done[view]
