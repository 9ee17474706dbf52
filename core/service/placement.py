"""A ticket filed for a place no grid covers (an estate outside every grid: 「金桂花园」 when the grids are 幸福里, 翠湖苑 and
阳光花园) has nobody to do the work until the desk places it. Before branch left29 it was given a repair deadline at
filing and the resident read 「由「调度中心」处理，将在 … 前办结」 — a promise nobody was placed to keep. Now the resident
is told it goes to the desk to find who is responsible, no repair deadline is shown while it waits, and the deadline
is counted from the placement (the desk's assign), when the resident is told it with the grid's name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.db.models import Ticket
from core.deadlines import DeadlinePolicy
from core.enums import Complexity, Kind, Urgency
from core.texts import notes

# kinds that have no repair deadline anyway (core/deadlines.py): answered or passed on, never placed for work
_NO_WORK = frozenset({Kind.CONSULT.value, Kind.PRAISE.value})


def unplaceable(row: dict[str, Any]) -> bool:
    """At filing (the ticket's column values): a place is named, no grid covers it, and it is work for a grid."""
    return (bool(row.get("community")) and row.get("grid_id") is None and row["urgency"] != Urgency.EMERGENCY.value
            and row["kind"] not in _NO_WORK)


def awaits_placement(t: Ticket) -> bool:
    """Filed for a place no grid covers, and not placed yet: its deadline starts when the desk places it."""
    return (t.grid_id is None and t.assigned_at is None and notes.NO_GRID_MATCHED in (t.flag_reason or "")
            and t.urgency != Urgency.EMERGENCY.value and t.kind not in _NO_WORK)


def restart_deadlines(t: Ticket, policy: DeadlinePolicy, now: datetime) -> None:
    """Placed at last: the grid's deadlines run from now (the resident is told them with the grid's name)."""
    d = policy.compute(now, category=t.category, urgency=Urgency(t.urgency), complexity=Complexity(t.complexity),
                       kind=Kind(t.kind))
    t.due_at, t.claim_due_at, t.escalate_at = d.due_at, d.claim_due_at, d.escalate_at
