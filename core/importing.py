"""Bulk intake: tickets the hotline took by phone or another system exported, from a UTF-8 CSV.

Rows become `NewTicket`s on channel "phone" (the resident is identified by their phone number)
and are filed in batches through the same service path as a chat, so they get the same events,
deadlines, routing and notifications.
"""

from __future__ import annotations

import asyncio
import csv
import gc
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.enums import Kind, Urgency
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


# the longest each column may be: what its database column holds (description: the service's own)
MAX_LENGTH = {"description": MAX_DESCRIPTION, "phone": 32, "name": 100, "community": 100, "building": 20,
              "unit": 20, "room": 20, "address": 300, "category": 40, "kind": 20, "urgency": 20, "grid": 40,
              "occurred": 100}
# NUL (which PostgreSQL refuses) and the other control characters; tab and line breaks are text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_csv(path: Path, categories: Sequence[str]) -> tuple[list[NewTicket], list[RowError]]:
    """Parse and validate every row; nothing is filed here. Each error names the line the row
    starts on in the file (a quoted cell may span lines), the column, and what is wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [RowError(0, f"file not found: {path}")]
    except UnicodeDecodeError:
        return [], [RowError(0, "the file is not UTF-8 (save it as “CSV UTF-8”)")]
    # strict: a stray quote is an error, not a cell that runs on; newline="": line breaks inside
    # quoted cells are the cell's own, and line numbers count the file's lines
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    news: list[NewTicket] = []
    errors: list[RowError] = []
    header: list[str] = []
    ended = 0  # the line the previous row ended on
    # the csv module refuses a cell over 128 KB with a bare error naming no row or column: let it
    # read any cell the file can hold (the columns' own limits follow). Nothing else runs in
    # between (no await), and the module-wide limit is put back.
    limit = csv.field_size_limit(max(len(text), csv.field_size_limit()))
    try:
        while True:
            start = ended + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                errors.append(_unreadable(text, start, reader.line_num, str(exc), header))
                break
            ended = reader.line_num
            if not header:
                header = [h.strip() for h in cells]
                problem = _header_problem(header)
                if problem is not None:
                    return [], [problem]
                continue
            if not cells:
                continue  # a blank line
            if len(cells) > len(header):
                errors.append(RowError(start, f"{len(cells)} cells but the header has {len(header)} columns"))
                continue
            row = {name: value.strip() for name, value in zip(header, cells, strict=False)}
            problems = _cell_problems(row, start, ended, len(header))
            if problems:
                errors += problems
                continue
            ticket, problems = _row(row, start, categories)
            errors += problems
            if ticket is not None:
                news.append(ticket)
    finally:
        csv.field_size_limit(limit)
    if not header:
        return [], [RowError(1, f"missing column(s) {', '.join(REQUIRED)}; the file has: nothing")]
    if not news and not errors:
        errors.append(RowError(0, "the file has a header but no rows"))
    return news, errors


def _header_problem(header: list[str]) -> RowError | None:
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return RowError(1, f"missing column(s) {', '.join(missing)}; the file has: {', '.join(header) or 'nothing'}")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        return RowError(1, f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}")
    return None


def _unreadable(text: str, start: int, at: int, reason: str, header: list[str]) -> RowError:
    """The csv module's refusal in words a person can act on: which column, what to check."""
    lines = io.StringIO(text, newline="").readlines()
    column = _quoted_column(lines[start - 1] if start <= len(lines) else "", header)
    if "unexpected end of data" in reason:
        return RowError(start, f"a quote opened in {column} is never closed (the rest of the file would be one cell)")
    if "expected after" in reason:
        return RowError(start, f"a quote in {column} is closed at line {at} but the cell goes on (a stray quote?)")
    return RowError(start, f"unreadable CSV up to line {at}: {reason}")


def _quoted_column(line: str, header: list[str]) -> str:
    """The column of a row's first line whose quoting went wrong: the quoted cell still open at
    the line's end, or the one whose closing quote is followed by more text."""
    column, quoted, cell_start, fault, i = 0, False, True, None, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1:i + 2] == '"':
                i += 1  # an escaped quote
            elif ch == '"':
                quoted = False
                if fault is None and line[i + 1:i + 2] not in (",", "\r", "\n", ""):
                    fault = column
        elif ch == '"' and cell_start:
            quoted = True
        elif ch == ",":
            column, cell_start, i = column + 1, True, i + 1
            continue
        cell_start = False
        i += 1
    index = column if quoted else (fault or 0)
    return header[index] if index < len(header) else f"column {index + 1}"


def _cell_problems(row: dict[str, str], start: int, ended: int, columns: int) -> list[RowError]:
    problems = []
    for name, value in row.items():
        control = _CONTROL.search(value)
        if control is not None:
            problems.append(RowError(start, f"{name} contains a control character (U+{ord(control.group()):04X})"))
        elif len(value) > MAX_LENGTH[name]:
            problems.append(RowError(start, f"{name} is {len(value)} characters long (at most {MAX_LENGTH[name]})"))
        elif ended > start and columns > 1 and any(line.count(",") >= columns - 1 for line in value.splitlines()[1:]):
            # a quoted cell may hold line breaks, but not lines shaped like the file's rows: a
            # quote opened by mistake and closed, by chance, just before a comma further down
            problems.append(RowError(start, f"{name} runs over lines {start}-{ended} and holds what look like "
                                            "rows (a stray quote?)"))
    return problems


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
                          concurrency: int = 1) -> list[str]:
    """File `news` in transactions of `batch` tickets, up to `concurrency` of them at once (one
    batch's Python work overlaps the others' database round trips). Returns the numbers in the
    order of `news`. If a batch fails, the others are stopped; batches already committed stay."""
    chunks = [news[start:start + batch] for start in range(0, len(news), batch)]
    filed: list[list[str]] = [[] for _ in chunks]
    queue = iter(range(len(chunks)))  # shared: each batch is taken once, in order

    async def importer() -> None:
        for k in queue:
            filed[k] = [t.number for t in await tickets.file_many(chunks[k])]

    parallel = max(1, min(concurrency, len(chunks)))
    with _heap_frozen():
        if parallel > 1:
            await tickets.meet_residents(news)  # callers who appear in several batches: created once, first
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
