"""How the service is doing, for Prometheus: `GET /metrics` on serve's port (or METRICS_PORT).

Two kinds of figures:

* counted as things happen, in the process where they happen — webhook answer times per channel,
  dialog step times, WeChat replies that missed the passive-reply budget, delivery attempts and
  their outcomes, the platforms' error codes, the timers' last pass, the database pool's use. The
  hooks below are what the rest of the code calls, one call each; `instruments` holds the metrics.
  With `serve --workers N` every process writes them to files in PROMETHEUS_MULTIPROC_DIR
  (prometheus-client's multiprocess mode, managed by `processes`), so whichever process answers a
  scrape reports the whole service.
* read from the database when scraped (`database`) — open tickets by state and urgency, the outbox
  by channel and status, dead letters, how late the deadline timers are, the classifier's
  confidence on recent tickets. The database is shared, so these are whole as they are.

`endpoint` serves them (loopback only, or a bearer token: METRICS_TOKEN) and times the webhooks.
Nothing here imports prometheus-client before `serve` has chosen the mode (`processes.prepare`).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from core.db.engine import Database
    from core.delivery import ChannelSender

T = TypeVar("T")


async def dialog_step(channel: str, step: Awaitable[T]) -> T:
    """Await one dialog step, timing it (the dialog engine's entry point calls this)."""
    from bot.metrics.instruments import child, instruments

    started = time.perf_counter()
    try:
        return await step
    finally:
        child(instruments().dialog_step, channel).observe(time.perf_counter() - started)


def wechat_late_reply(stage: str) -> None:
    """A WeChat message answered `success` because its `stage` (claim / step) overran the budget:
    its reply goes out as a push instead."""
    from bot.metrics.instruments import instruments

    instruments().late_replies.labels(stage).inc()


def platform_error(channel: str, code: object) -> None:
    """A platform refused a call with this error code (WeChat errcode, Telegram's error kind…)."""
    from bot.metrics.instruments import instruments

    instruments().platform_errors.labels(channel, str(code)[:40]).inc()


def timer_pass_done() -> None:
    """The timers finished a pass (its time is the timers' heartbeat)."""
    from bot.metrics.instruments import instruments

    instruments().timer_pass.set(time.time())


def metered(senders: Mapping[str, ChannelSender]) -> dict[str, ChannelSender]:
    """The channels' senders, each attempt counted by outcome and timed."""
    from bot.metrics.delivery import MeteredSender

    return {name: MeteredSender(sender) for name, sender in senders.items()}


def watch_pool(db: Database) -> None:
    """Keep the database pool's use (connections open and in use) in the metrics."""
    from bot.metrics.pool import watch

    watch(db)


def forget_process(pid: int | None) -> None:
    """A web worker died: its live figures (pool use) no longer count."""
    from bot.metrics.processes import forget

    forget(pid)
