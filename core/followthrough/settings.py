"""Settings of everything that happens after the conversation: the sender, the timers, the
follow-up visit (回访), retention and the reports. TOML tables [sender], [timers], [followup],
[retention], [reports]; a few environment variables override them (see `ENV_VARS`, documented in
docs/followthrough.md). Validated once, when the configuration is read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import time
from typing import Any

from core.errors import InvalidInput

SECTIONS = ("sender", "timers", "followup", "retention", "reports")


def parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)


def parse_time(raw: str | time) -> time:
    if isinstance(raw, time):
        return raw
    try:
        hours, minutes = (int(x) for x in str(raw).strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise InvalidInput(f"{raw!r} is not a time of day (HH:MM)") from None


@dataclass(frozen=True)
class SenderSettings:
    enabled: bool = True
    batch: int = 50  # rows leased per pass
    concurrency: int = 8  # chats served at once
    poll_seconds: float = 1.0  # pause when there was nothing to send
    max_attempts: int = 8  # then the row is a dead letter
    deliver_timeout: float = 60.0  # seconds; must stay below the outbox lease (120 s)
    shared_limits: str = "auto"  # auto (Redis when REDIS_URL is set) / memory / redis


@dataclass(frozen=True)
class TimerSettings:
    enabled: bool = True
    poll_seconds: float = 30.0
    reminder_fractions: tuple[float, ...] = (0.5, 0.8)  # of the time from filing to the deadline
    quiet_start: time = time(22, 0)  # no non-emergency nudges between these local times
    quiet_end: time = time(8, 0)
    redispatch_hours: float = 4.0  # a returned ticket must be dispatched again within this
    bounce_limit: int = 2  # returned more often than this → the dispatcher coordinates
    batch: int = 200  # tickets per timer kind per pass


@dataclass(frozen=True)
class FollowUpSettings:
    survey_reminder_hours: float = 24.0  # one reminder to the resident after this
    phone_after_workdays: int = 2  # no answer → a phone follow-up task for the grid
    close_after_workdays: int = 4  # still no answer → closed as "no answer" (counted from resolution)
    workday_start: time = time(9, 0)  # tasks for workers go out at this local time


@dataclass(frozen=True)
class RetentionSettings:
    enabled: bool = True  # run daily inside `serve` / `jobs`
    anonymise_after_days: int = 365  # counted from closing
    delete_after_days: int = 730  # counted from closing, too
    run_at: time = time(3, 0)
    batch: int = 500


@dataclass(frozen=True)
class ReportSettings:
    daily_enabled: bool = True  # post the 热线日报 to the dispatchers' groups
    daily_at: time = time(8, 30)
    daily_workdays_only: bool = False  # the hotline is staffed 365 days a year (seed 004)
    recurring_threshold: int = 3  # same address (down to the unit) + category this often → recurring
    open_list_limit: int = 20  # open tickets listed in the chat version of the daily report


@dataclass(frozen=True)
class FollowThroughSettings:
    sender: SenderSettings = field(default_factory=SenderSettings)
    timers: TimerSettings = field(default_factory=TimerSettings)
    followup: FollowUpSettings = field(default_factory=FollowUpSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    reports: ReportSettings = field(default_factory=ReportSettings)

    @classmethod
    def from_tables(cls, tables: Mapping[str, Mapping[str, Any]]) -> FollowThroughSettings:
        made: dict[str, Any] = {}
        for name in SECTIONS:
            default = getattr(cls(), name)
            made[name] = _section(name, default, dict(tables.get(name, {})))
        result = cls(**made)
        _validate(result)
        return result


# environment variable → (section, key, parser)
ENV_VARS: dict[str, tuple[str, str, Any]] = {
    "SENDER_ENABLED": ("sender", "enabled", parse_bool),
    "SENDER_SHARED_LIMITS": ("sender", "shared_limits", str),
    "JOBS_ENABLED": ("timers", "enabled", parse_bool),
    "REMINDER_FRACTIONS": ("timers", "reminder_fractions", lambda s: tuple(float(x) for x in s.split(","))),
    "SURVEY_REMINDER_HOURS": ("followup", "survey_reminder_hours", float),
    "PHONE_FOLLOWUP_WORKDAYS": ("followup", "phone_after_workdays", int),
    "CLOSE_UNANSWERED_WORKDAYS": ("followup", "close_after_workdays", int),
    "RETENTION_ANONYMISE_DAYS": ("retention", "anonymise_after_days", int),
    "RETENTION_DELETE_DAYS": ("retention", "delete_after_days", int),
    "DAILY_REPORT_AT": ("reports", "daily_at", str),
    "DAILY_REPORT_ENABLED": ("reports", "daily_enabled", parse_bool),
}


def apply_env(tables: dict[str, dict[str, Any]], env: Mapping[str, str]) -> None:
    """Write the environment overrides into the TOML tables (environment wins)."""
    for var, (section, key, parse) in ENV_VARS.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        try:
            value = parse(raw)
        except ValueError:
            raise InvalidInput(f"{var}={raw!r} is not valid") from None
        tables.setdefault(section, {})[key] = value


def _section(name: str, default: Any, values: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(default)}
    unknown = set(values) - set(known)
    if unknown:
        raise InvalidInput(f"unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
    converted: dict[str, Any] = {}
    for key, value in values.items():
        current = getattr(default, key)
        try:
            if isinstance(current, bool):
                converted[key] = value if isinstance(value, bool) else parse_bool(str(value))
            elif isinstance(current, time):
                converted[key] = parse_time(value)
            elif isinstance(current, tuple):
                converted[key] = tuple(float(x) for x in value)
            elif isinstance(current, int):
                if isinstance(value, float) and not value.is_integer():
                    raise ValueError(value)
                converted[key] = int(value)
            elif isinstance(current, float):
                converted[key] = float(value)
            else:
                converted[key] = str(value)
        except (TypeError, ValueError):
            raise InvalidInput(f"[{name}] {key} = {value!r} is not valid") from None
    return replace(default, **converted)


def _validate(s: FollowThroughSettings) -> None:
    if s.sender.shared_limits not in ("auto", "memory", "redis"):
        raise InvalidInput("[sender] shared_limits must be auto, memory or redis")
    if s.sender.batch < 1 or s.sender.concurrency < 1 or s.sender.max_attempts < 1:
        raise InvalidInput("[sender] batch, concurrency and max_attempts must be ≥ 1")
    if not 0 < s.sender.deliver_timeout < 120:
        raise InvalidInput("[sender] deliver_timeout must be between 0 and 120 seconds (the outbox lease)")
    if s.sender.poll_seconds <= 0 or s.timers.poll_seconds <= 0:
        raise InvalidInput("poll_seconds must be positive")
    if any(not 0 < f < 1 for f in s.timers.reminder_fractions):
        raise InvalidInput("[timers] reminder_fractions must lie strictly between 0 and 1")
    if s.timers.redispatch_hours <= 0 or s.timers.bounce_limit < 1:
        raise InvalidInput("[timers] redispatch_hours must be positive and bounce_limit ≥ 1")
    f = s.followup
    if f.survey_reminder_hours <= 0 or f.phone_after_workdays < 1:
        raise InvalidInput("[followup] survey_reminder_hours must be positive, phone_after_workdays ≥ 1")
    if f.close_after_workdays <= f.phone_after_workdays:
        raise InvalidInput("[followup] close_after_workdays must be greater than phone_after_workdays "
                           "(the grid needs time to phone the resident)")
    r = s.retention
    if r.anonymise_after_days < 1 or r.delete_after_days < r.anonymise_after_days:
        raise InvalidInput("[retention] anonymise_after_days must be ≥ 1 and delete_after_days ≥ it")
    if s.reports.recurring_threshold < 2:
        raise InvalidInput("[reports] recurring_threshold must be ≥ 2")
