"""Smart dispatch on the command line:

* ``complaint-bot classify TEXT…`` (or one message per line on stdin): one JSON line per message —
  urgency (emergency / urgent / normal), whether the triage question would be asked, the hazard, who
  is at risk and in what state, the reasons, category (from the hazard for an emergency), kind,
  confidences, and the grid it would route to and why;
* ``complaint-bot classifier train|evaluate`` (core.classify.cli);
* ``complaint-bot grid import FILE`` (CSV or TOML);
* the desk: ``complaint-bot ticket assign|reclassify|merge|split|followers|resolve`` acting as a named
  dispatcher or worker (``--as STAFF``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from bot.app import App, build_app
from bot.commands.common import CommandError, run_with_app, table, ticket_number
from core.db.migrate import ensure_current
from core.db.models import ChannelIdentity, Resident, Ticket, TicketFollower
from core.dispatch.assessor import ClassifierAssessor, Reading
from core.dispatch.grid_import import import_grids, read_grid_file
from core.dispatch.patterns import PatternError, parse_pattern
from core.dispatch.router import GridRouter
from core.enums import Kind, Role, Urgency
from core.errors import SoundsUnfinished
from core.service.actor import Actor, Place
from core.service.texts import mask_phone
from core.service.tickets import MAX_DESCRIPTION

MAX_STDIN_LINES = 100_000


# ---- classify ---------------------------------------------------------------------------------------


def _point(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        lat, lng = (float(x) for x in text.replace("，", ",").split(","))
    except ValueError:
        raise CommandError(f"--location must be LAT,LNG (e.g. 30.2741,120.1551), not {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise CommandError(f"--location {text} is not a point on Earth (latitude first)")
    return lat, lng


def _messages(args: argparse.Namespace) -> Iterator[str]:
    if args.text:
        yield from args.text
        return
    if sys.stdin.isatty():
        print("reading messages from standard input, one per line (Ctrl-D to end)", file=sys.stderr)
    for n, line in enumerate(sys.stdin, 1):
        if n > MAX_STDIN_LINES:
            raise CommandError(f"more than {MAX_STDIN_LINES} lines on standard input")
        if line.strip():
            yield line.rstrip("\n")


def reading_json(text: str, reading: Reading, threshold: float, fallback: str) -> dict[str, Any]:
    assessed = reading.assessment(fallback)
    low = (assessed.category_confidence or 0.0) < threshold and assessed.urgency is not Urgency.EMERGENCY
    urgency = reading.urgency
    return {
        "text": text,
        "urgency": assessed.urgency.value,
        "triage": urgency.triage,
        "hazard": urgency.hazard,
        "at_risk": list(urgency.at_risk),
        "state": list(urgency.state),
        "reasons": list(urgency.reasons),
        "triggers": list(urgency.triggers),
        "urgency_confidence": urgency.confidence,
        "emergency_probability": urgency.emergency_probability,
        "category": assessed.category,
        "category_confidence": round(assessed.category_confidence or 0.0, 4),
        "category_source": "hazard" if reading.hazard_category else "classifier",
        "category_ranking": [[label, round(p, 4)] for label, p in reading.category.ranking[:3]],
        "kind": assessed.kind.label,
        "kind_confidence": round(assessed.kind_confidence or 0.0, 4),
        "needs_dispatcher": low or assessed.kind is Kind.CONSULT,
        **({"unknown_label": reading.category.label} if not reading.category_known else {}),
    }


def _classify(args: argparse.Namespace) -> int:
    settings = args.settings
    point = _point(args.location)
    assessor = ClassifierAssessor(
        settings.category_names, args.model or settings.classifier_model, settings.hazard_categories
    )
    errors = 0

    def one(text: str) -> dict[str, Any] | None:
        nonlocal errors
        if len(text) > MAX_DESCRIPTION:
            errors += 1
            print(
                json.dumps(
                    {"text": text[:40] + "…", "error": f"longer than {MAX_DESCRIPTION} characters"},
                    ensure_ascii=False,
                ),
                flush=True,
            )
            return None
        return reading_json(text, assessor.read(text), settings.classifier_threshold, assessor.fallback)

    if args.no_route:
        for text in _messages(args):
            out = one(text)
            if out is not None:
                print(json.dumps(out, ensure_ascii=False), flush=True)
        return 2 if errors else 0

    async def main() -> None:
        app = build_app(settings, assessor=assessor)
        try:
            await ensure_current(app.db)
            router = (
                app.router
                if isinstance(app.router, GridRouter)
                else GridRouter(
                    app.tickets.departments,
                    default_radius_m=settings.route_radius_m,
                    on_places=assessor.add_places,
                )
            )
            async with app.db.transaction() as s:
                index = await router.index(s)
                for text in _messages(args):
                    out = one(text)
                    if out is None:
                        continue
                    address = index.resolve_address(texts=[text])
                    decision = index.decide(address, point)
                    department = app.tickets.departments.get(out["category"])
                    out["address"] = {
                        "community": address.community,
                        "building": address.building,
                        "unit": address.unit,
                        "room": address.room,
                    }
                    out["grid"] = decision.grid.code if decision.grid else None
                    out["grid_name"] = decision.grid.name if decision.grid else None
                    out["route"] = decision.method
                    out["route_reason"] = decision.reason
                    if decision.candidates:
                        out["candidates"] = list(decision.candidates)
                    out["department"] = department if decision.grid else None
                    if decision.grid and department:
                        out["handlers"] = await router.handlers(s, decision.grid.id, department)
                    print(json.dumps(out, ensure_ascii=False), flush=True)
        finally:
            await app.close()

    asyncio.run(main())
    return 2 if errors else 0


# ---- grid import -------------------------------------------------------------------------------------


def _grid_import(args: argparse.Namespace) -> int:
    specs = read_grid_file(args.file)  # refuses a bad file before touching the database
    if args.dry_run:
        rows = [
            [
                s.code,
                s.name,
                "; ".join(s.patterns),
                f"{s.center[0]},{s.center[1]}" if s.center else "",
                s.radius_m or "",
                f"{len(s.polygon)} points" if s.polygon else "",
            ]
            for s in specs
        ]
        print(table(rows, ["code", "name", "patterns", "center", "radius_m", "polygon"]))
        print(f"{len(specs)} grid(s) read from {args.file}; nothing written (--dry-run)")
        return 0

    async def work(app: App) -> None:
        result = await import_grids(app.db, app.clock, specs)
        for label, codes in (
            ("created", result.created),
            ("updated", result.updated),
            ("unchanged", result.unchanged),
        ):
            print(f"{label}: {len(codes)}" + (f" ({', '.join(codes)})" if codes else ""))

    run_with_app(args, work)
    return 0


def check_patterns(patterns: list[str]) -> None:
    """For `grid add --pattern`: refuse a pattern the router could not read."""
    for pattern in patterns:
        try:
            parse_pattern(pattern)
        except PatternError as exc:
            raise CommandError(f"pattern {pattern!r}: {exc}") from None


# ---- the desk --------------------------------------------------------------------------------------


async def _desk_actor(app: App, key: str) -> tuple[Actor, str]:
    """The staff member the desk command acts as; what they may do is the core's to decide."""
    staff = await app.directory.find_staff(key)
    if not staff.active:
        raise CommandError(f"staff {staff.name} (#{staff.id}) is inactive")
    return Actor.staff(staff.id, Role(staff.role), place=Place("cli")), staff.name


def _assign(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: App) -> None:
        actor, name = await _desk_actor(app, args.staff)
        t = await app.tickets.assign(number, args.grid, actor, department=args.department, note=args.note)
        print(
            f"{t.number} assigned to grid {args.grid}"
            + (f" ({t.department})" if t.department else "")
            + f" by {name}"
        )

    run_with_app(args, work)
    return 0


def _reclassify(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)
    kind: Kind | None = None
    if args.kind:
        try:
            kind = Kind.parse(args.kind)  # type: ignore[assignment]
        except ValueError:
            labels = ", ".join(f"{k.label}/{k.value}" for k in Kind)
            raise CommandError(f"unknown kind {args.kind!r}; one of: {labels}") from None

    async def work(app: App) -> None:
        actor, name = await _desk_actor(app, args.staff)
        before = await app.queries.by_number(number)
        if before is None:
            raise CommandError(f"no ticket {number}")
        t = await app.tickets.reclassify(number, actor, category=args.category, kind=kind)
        changed = (before.category, before.kind) != (t.category, t.kind)
        verb = "corrected" if changed else "confirmed"
        print(
            f"{t.number} {verb} by {name}: {Kind(t.kind).label}·{t.category}"
            + (f" (was {Kind(before.kind).label}·{before.category})" if changed else "")
        )

    run_with_app(args, work)
    return 0


def _merge(args: argparse.Namespace) -> int:
    number, into = ticket_number(args.number), ticket_number(args.into)

    async def work(app: App) -> None:
        actor, name = await _desk_actor(app, args.staff)
        await app.tickets.merge(number, into, actor)
        print(f"{number} merged into {into} by {name}; its residents now follow {into}")

    run_with_app(args, work)
    return 0


def _split(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: App) -> None:
        actor, name = await _desk_actor(app, args.staff)
        t = await app.tickets.split(number, args.resident, actor, description=args.text, grid_code=args.grid)
        where = "waiting for dispatch" if t.grid_id is None else f"status {t.status}"
        print(f"resident #{args.resident} split from {number} by {name}: new ticket {t.number} ({where})")

    run_with_app(args, work)
    return 0


def _resolve(args: argparse.Namespace) -> int:
    """办结 on someone's behalf (a worker who phoned it in). A note that reads as work still to come is refused by the
    core, as in every chat: the operator is told why and how to resolve all the same."""
    number = ticket_number(args.number)

    async def work(app: App) -> None:
        actor, name = await _desk_actor(app, args.staff)
        try:
            t = await app.tickets.resolve(number, actor, args.note, unfinished_confirmed=args.even_if_unfinished)
        except SoundsUnfinished as exc:
            raise CommandError(
                f"{exc.number} not resolved: the note {exc.note!r} reads as work still to come, and resolving asks "
                "the resident to rate the work. If the work is in fact done, run the command again with "
                "--even-if-unfinished; if not, record the note as progress instead") from None
        print(f"{t.number} resolved by {name}; the resident is asked to rate the work")

    run_with_app(args, work)
    return 0


def _followers(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: App) -> None:
        async with app.db.transaction() as s:
            t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one_or_none()
            if t is None:
                raise CommandError(f"no ticket {number}")
            rows = (
                await s.execute(
                    select(TicketFollower, Resident, ChannelIdentity)
                    .join(Resident, Resident.id == TicketFollower.resident_id)
                    .outerjoin(ChannelIdentity, ChannelIdentity.id == TicketFollower.identity_id)
                    .where(TicketFollower.ticket_id == t.id)
                    .order_by(TicketFollower.joined_at)
                )
            ).all()
            merged = {
                m.resident_id: m.number
                for m in (await s.execute(select(Ticket).where(Ticket.merged_into_id == t.id))).scalars()
            }
        out = [
            [
                r.id,
                r.name or "",
                mask_phone(r.phone),
                i.channel if i else "",
                f"merged {merged[r.id]}" if r.id in merged else "joined",
                f.joined_at.astimezone(app.tz).strftime("%m-%d %H:%M"),
            ]
            for f, r, i in rows
        ]
        print(table(out, ["resident", "name", "phone", "channel", "how", "since"]) if out else "no followers")

    run_with_app(args, work)
    return 0
