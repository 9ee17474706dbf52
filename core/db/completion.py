"""Work that must finish even when its caller is cancelled (a transaction's end)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def to_completion(work: Coroutine[Any, Any, T]) -> T:
    """`work` in a task of its own, waited for to the end even if the caller is cancelled meanwhile
    (the cancellation is raised after it)."""
    task = asyncio.ensure_future(work)
    cancelled: BaseException | None = None
    while True:
        try:
            result = await asyncio.shield(task)
        except asyncio.CancelledError as exc:
            if task.done():
                raise
            cancelled = exc
        else:
            break
    if cancelled is not None:
        raise cancelled
    return result
