"""Bulk intake: tickets the hotline took by phone or another system exported, from a UTF-8 CSV.

Rows become `NewTicket`s on channel "phone" (the resident is identified by their phone number)
and are filed in batches through the same service path as a chat, so they get the same events,
deadlines, routing and notifications.
"""

from __future__ import annotations

import asyncio
import csv
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.enums import Kind, Urgency
from core.progress import SILENT, Progress
from core.service.tickets import MAX_DESCRIPTION, NewTicket, TicketService
from core.text.address import normalize_building
from core.text.phone import normalize_phone

COLUMNS = ("description", "phone", "name", "community", "building", "unit", "room", "address",
           "category", "kind", "urgency", "grid", "occurred")
REQUIRED = ("description",)
CHANNEL = "phone"


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def read_csv(path: Path, categories: Sequence[str]) -> tuple[list[NewTicket], list[RowError]]:
    """Parse and validate every row; nothing is filed here."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [RowError(0, f"file not found: {path}")]
    except UnicodeDecodeError:
        return [], [RowError(0, "the file is not UTF-8 (save it as “CSV UTF-8”)")]
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [RowError(1, f"missing column(s) {', '.join(missing)}; the file has: {', '.join(header) or 'nothing'}")]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        return [], [RowError(1, f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}")]
    news: list[NewTicket] = []
    errors: list[RowError] = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        ticket, problems = _row(row, line, categories)
        errors += problems
        if ticket is not None:
            news.append(ticket)
    if not news and not errors:
        errors.append(RowError(0, "the file has a header but no rows"))
    return news, errors


def _row(row: dict[str, str], line: int, categories: Sequence[str]) -> tuple[NewTicket | None, list[RowError]]:
    problems: list[RowError] = []
    description = row.get("description", "")
    if not description:
        problems.append(RowError(line, "description is empty"))
    elif len(description) > MAX_DESCRIPTION:
        problems.append(RowError(line, f"description longer than {MAX_DESCRIPTION} characters"))
    phone = None
    if row.get("phone"):
        phone = normalize_phone(row["phone"])
        if phone is None:
            problems.append(RowError(line, f"not a phone number: {row['phone']!r}"))
    category = row.get("category") or None
    if category and category not in categories:
        problems.append(RowError(line, f"unknown category {category!r}; known: {', '.join(categories)}"))
    kind = urgency = None
    try:
        kind = Kind.parse(row["kind"]) if row.get("kind") else None
    except ValueError:
        problems.append(RowError(line, f"unknown kind {row['kind']!r} (咨询/求助/投诉/举报/建议/报修)"))
    try:
        urgency = Urgency.parse(row["urgency"]) if row.get("urgency") else None
    except ValueError:
        problems.append(RowError(line, f"unknown urgency {row['urgency']!r} (紧急/较急/一般)"))
    if problems:
        return None, problems
    building = row.get("building") or None
    return NewTicket(
        description=description, channel=CHANNEL,
        # phone intake knows the caller by number; a row without one is its own caller
        external_id=phone or f"import-line-{line}", display_name=row.get("name") or None,
        kind=kind if isinstance(kind, Kind) else None,
        urgency=urgency if isinstance(urgency, Urgency) else None,
        category=category, community=row.get("community") or None,
        building=(normalize_building(building) or building) if building else None,
        unit=row.get("unit") or None, room=row.get("room") or None, address_text=row.get("address") or None,
        occurred_text=row.get("occurred") or None, contact_phone=phone, grid_code=row.get("grid") or None,
    ), []


async def file_in_batches(tickets: TicketService, news: Sequence[NewTicket], batch: int = 500,
                          concurrency: int = 1, progress: Progress = SILENT) -> list[str]:
    """File `news` in transactions of `batch` tickets, up to `concurrency` of them at once (one
    batch's Python work overlaps the others' database round trips). Returns the numbers in the
    order of `news`. If a batch fails, the others are stopped; batches already committed stay."""
    chunks = [news[start:start + batch] for start in range(0, len(news), batch)]
    filed: list[list[str]] = [[] for _ in chunks]
    queue = iter(range(len(chunks)))  # shared: each batch is taken once, in order

    async def importer() -> None:
        for k in queue:
            filed[k] = [t.number for t in await tickets.file_many(chunks[k])]
            progress.advance(len(chunks[k]))

    parallel = max(1, min(concurrency, len(chunks)))
    with _heap_frozen():
        if parallel > 1:
            progress.stage("residents")
            await tickets.meet_residents(news)  # callers who appear in several batches: created once, first
        progress.stage("filing", len(news))
        workers = [asyncio.ensure_future(importer()) for _ in range(parallel)]
        try:
            await asyncio.gather(*workers)
        except BaseException:
            for w in workers:
                w.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise
    return [number for part in filed for number in part]


_running = 0  # imports in progress in this process (several may run side by side)
_froze = False  # whether the first of them froze the heap (and the last must unfreeze it)


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """A bulk filing allocates objects fast enough to set off a full garbage collection every
    other batch, and each one walked everything the process held before the import began (the
    app and its caches, the rows to file): ~15% of an import's CPU. Those objects outlive the
    import, so the collector leaves them aside until it ends (gc.freeze), then sees them again."""
    global _running, _froze
    if _running == 0:
        # a process that froze its start-up heap itself (`serve`) keeps it frozen: leave it be
        _froze = gc.get_freeze_count() == 0
        if _froze:
            gc.freeze()
    _running += 1
    try:
        yield
    finally:
        _running -= 1
        if _running == 0 and _froze:
            gc.unfreeze()
