"""What a person sees of a webhook's answers, for the reply-order tests of WeChat and the WeCom app:
passive answers as they come back and the pushes the platform's API took, merged by time."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol, TypeVar


class _Answer(Protocol):
    status: int
    text: str


A = TypeVar("A", bound=_Answer)


class Seen:
    """`first` must reach `person` once, before `second` (also once), however each went."""

    def __init__(self, api: Any, person: str, send_path: str, first: str, second: str) -> None:
        self.api, self.person, self.send_path = api, person, send_path
        self.first, self.second = first, second
        self.passive: list[tuple[float, str]] = []

    def answered(self, answer: A) -> A:
        assert answer.status == 200, answer
        if answer.text:
            self.passive.append((time.monotonic(), answer.text))
        return answer

    def in_order(self) -> str:
        pushes = [(c.at, (c.body or {})["text"]["content"]) for c in self.api.calls
                  if c.path.endswith(self.send_path) and c.errcode == 0
                  and (c.body or {}).get("touser") == self.person and (c.body or {}).get("msgtype") == "text"]
        return "\n".join(text for _, text in sorted(self.passive + pushes))

    def assert_in_turn(self) -> None:
        seen = self.in_order()
        assert seen.count(self.first) == 1 and seen.count(self.second) == 1, seen
        assert seen.index(self.first) < seen.index(self.second), seen


async def settled(*webhooks: Any) -> None:
    """Until the webhooks' steps that outlived their answers have finished."""
    for _ in range(500):
        if not any(w._tasks for w in webhooks):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the webhooks' steps did not finish")
