"""Making a report, rendering it, and posting the 热线日报 to the dispatchers' groups."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core import messages as m
from core.clock import Clock
from core.db.engine import Database
from core.db.models import GroupBinding
from core.deadlines import DeadlinePolicy
from core.followthrough.settings import ReportSettings
from core.outbox import enqueue
from core.reports.figures import Report, compute
from core.reports.period import PeriodKind, period_for
from core.reports.render_text import render_text
from core.service.once import claim

Format = Literal["text", "csv", "xlsx", "html"]
FORMATS: tuple[Format, ...] = ("text", "csv", "xlsx", "html")
DAILY_PURPOSE = "daily_report"


class Reports:
    def __init__(self, db: Database, clock: Clock, policy: DeadlinePolicy, tz: ZoneInfo,
                 settings: ReportSettings) -> None:
        self.db, self.clock, self.policy, self.tz, self.settings = db, clock, policy, tz, settings

    async def make(self, kind: PeriodKind, day: date, *, grid: str | None = None) -> Report:
        return await compute(self.db, period_for(kind, day, self.tz), self.policy, now=self.clock.now(),
                             grid_code=grid, recurring_threshold=self.settings.recurring_threshold)

    async def post_daily(self, today: date, *, worker: str | None = None) -> bool:
        """The timers' daily job: yesterday's 热线日报 to every dispatchers' group, once per day
        however many processes run timers (claimed in the same transaction as the outbox rows)."""
        report = await self.make("daily", today - timedelta(days=1))
        text = render_text(report, chat=True, open_limit=self.settings.open_list_limit)
        now = self.clock.now()
        async with self.db.transaction() as s:
            if not await claim(s, DAILY_PURPOSE, 0, 1, today.isoformat(), now, worker):
                return False
            groups = (await s.execute(select(GroupBinding).where(
                GroupBinding.purpose == "dispatchers", GroupBinding.unbound_at.is_(None)))).scalars()
            for group in groups:
                for chunk in split_message(text):
                    enqueue(s, now, channel=group.channel, address=group.chat_id, audience="group",
                            purpose=DAILY_PURPOSE, messages=[m.Text(chunk)])
        return True


def render(report: Report, fmt: Format) -> bytes:
    """Rendering is CPU work (charts): call it off the event loop (`asyncio.to_thread`)."""
    if fmt == "text":
        return render_text(report).encode("utf-8")
    if fmt == "csv":
        from core.reports.render_files import render_csv

        return render_csv(report).encode("utf-8")
    if fmt == "xlsx":
        from core.reports.render_files import render_xlsx

        return render_xlsx(report)
    if fmt == "html":
        from core.reports.render_html import render_html

        return render_html(report).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def split_message(text: str, limit: int = 1800) -> list[str]:
    """Chat messages have limits (Telegram 4096 characters, a WeCom robot 2048 bytes): split at line
    ends, each part below `limit` UTF-8 bytes."""
    parts: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line.encode("utf-8")) > limit:  # one very long line: cut it (≤ 3 bytes a character)
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit // 3])
            line = line[limit // 3:]
        if len((current + line).encode("utf-8")) > limit:
            parts.append(current)
            current = ""
        current += line
    if current.strip():
        parts.append(current)
    return [p.rstrip("\n") for p in parts if p.strip()]


