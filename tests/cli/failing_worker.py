"""A web worker that cannot start (its database away, say), for the retry test of bot/workers.py. A
module of its own that imports nothing heavy: each try is a spawned process that must import the
target's module, and the test's module (aiohttp, SQLAlchemy, the WeChat platform) made every try
take seconds on a busy machine."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.config import Settings


def exit_at_once(settings: Settings, host: str, port: int, index: int, parent: int) -> None:
    sys.exit(3)
