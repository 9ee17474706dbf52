"""The metrics counted as things happen, created on first use — after `serve` has decided whether
the processes share them through files (bot.metrics.processes)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# seconds: WeChat waits 5 s for a webhook answer and the reply budget is 3.5 s by default
WEBHOOK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.5, 5.0, 10.0)
STEP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
DELIVERY_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


@dataclass(frozen=True)
class Instruments:
    webhook: Any
    webhook_requests: Any
    dialog_step: Any
    late_replies: Any
    delivery_attempts: Any
    delivery_seconds: Any
    platform_errors: Any
    timer_pass: Any
    pool_connections: Any
    pool_limit: Any


_CHILDREN: dict[tuple[Any, tuple[str, ...]], Any] = {}


def child(metric: Any, *labels: str) -> Any:
    """`metric.labels(*labels)`, remembered: the same child each time (prometheus-client's `labels`
    returns it too, after checking the label count and taking the metric's lock: three calls a
    message on the webhook's path). Only for labels of a few values (channels, HTTP statuses)."""
    key = (metric, labels)
    found = _CHILDREN.get(key)
    if found is None:
        found = _CHILDREN[key] = metric.labels(*labels)
    return found


@cache
def instruments() -> Instruments:
    from prometheus_client import Counter, Gauge, Histogram

    return Instruments(
        webhook=Histogram("complaint_bot_webhook_seconds", "Time to answer a platform's webhook call, by channel",
                          ["channel"], buckets=WEBHOOK_BUCKETS),
        webhook_requests=Counter("complaint_bot_webhook_requests", "Webhook calls answered, by channel and HTTP status",
                                 ["channel", "status"]),
        dialog_step=Histogram("complaint_bot_dialog_step_seconds",
                              "One conversation step (state, decision, service calls), by channel",
                              ["channel"], buckets=STEP_BUCKETS),
        late_replies=Counter("complaint_bot_wechat_late_replies",
                             "WeChat messages answered 'success' because the claim or the step overran the "
                             "reply budget; their reply follows as a push", ["stage"]),
        delivery_attempts=Counter("complaint_bot_delivery_attempts", "Outbox deliveries tried, by channel and outcome",
                                  ["channel", "outcome"]),
        delivery_seconds=Histogram("complaint_bot_delivery_seconds", "Time of one delivery attempt, by channel",
                                   ["channel"], buckets=DELIVERY_BUCKETS),
        platform_errors=Counter("complaint_bot_platform_errors", "Calls a platform refused, by channel and error code",
                                ["channel", "code"]),
        timer_pass=Gauge("complaint_bot_timer_last_pass_timestamp_seconds",
                         "When the timers last finished a pass (Unix time)", multiprocess_mode="max"),
        pool_connections=Gauge("complaint_bot_db_pool_connections",
                               "Database connections of the serving processes: open, and in use",
                               ["state"], multiprocess_mode="livesum"),
        pool_limit=Gauge("complaint_bot_db_pool_limit",
                         "Connections the serving processes' pools may open at most",
                         multiprocess_mode="livesum"),
    )
