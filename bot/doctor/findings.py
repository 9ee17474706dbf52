"""What a doctor's check reports: a finding per thing checked, with a verdict and how to fix it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum

from core.clock import Clock, SystemClock
from core.config import Settings


class Verdict(Enum):
    OK = "ok"
    WARN = "warn"  # worth knowing, not in the way of a start
    FAIL = "FAIL"  # fix before starting
    SKIP = "skip"  # not configured, so not checked


@dataclass(frozen=True)
class Finding:
    check: str
    verdict: Verdict
    found: str
    fix: str = ""


@dataclass
class Options:
    timeout: float = 10.0  # seconds per network check
    min_free_mb: int = 1024
    public_url: str | None = None  # the public base URL nginx answers on (https://bot.example.com)
    clock: Clock = field(default_factory=SystemClock)  # "next year" is the calendar's


Check = Callable[[Settings, Options], Awaitable[list[Finding]]]


@dataclass
class Examination:
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not any(f.verdict is Verdict.FAIL for f in self.findings)
