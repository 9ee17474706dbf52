"""Property: personal data written in any form into any free-text path — the description at filing
(chat and import), progress and resolve notes, a return's reason and note, a 不满意 reason and a
survey comment, a desk note, reopen, escalation and flag reasons — never reaches a group, a staff
member who does not hold the ticket, or another resident following it. The worker who holds the
ticket sees phones, never ID or bank numbers. On SQLite and PostgreSQL, one database per run of
examples (each example files tickets of its own)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from bot.app import build_app
from core.clock import ManualClock
from core.config import Settings
from core.db.engine import Database
from core.db.models import Base, ChannelIdentity, OutboxMessage, Staff, Ticket
from core.enums import Kind, Rating, Role
from core.importing import file_in_batches, read_csv
from core.service.actor import Actor
from core.service.tickets import NewTicket
from tests.conftest import START
from tests.pii import Secret, name, sentence
from tests.world import CHANNEL, build_world

PATHS = ("filing", "import", "import_unrouted", "import_emergency", "progress", "escalation", "resolve",
         "unhappy", "survey_reason", "return_reason", "return_note", "desk_note", "resolve_again", "reopen",
         "flag")


@dataclass
class Case:
    resident: Secret
    words: dict[str, tuple[str, list[Secret]]]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    resident = draw(name())
    return Case(resident, {path: draw(sentence(resident.written)) for path in PATHS})


@pytest.fixture
def prepared(backend: str, db_url: str, request: pytest.FixtureRequest) -> tuple[str, str | None]:
    """One database for the whole run of examples: the community of tests/world.py, plus a grid
    worker on WeChat (who gets the grid's cards in his own chat) and a WeCom robot on grid A."""
    schema = request.getfixturevalue("pg_schema") if backend == "postgresql" else None

    async def setup() -> None:
        db = Database(db_url, schema=schema)
        try:
            if schema:
                tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                async with db.engine.begin() as conn:
                    await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            app = build_app(Settings(database_url=db_url), clock=ManualClock(START), db=db)
            world = await build_world(app)
            await app.directory.bind_staff_identity(world.worker2.id, "wechat", "w2-wechat")
            await app.directory.set_wecom("A", "http://127.0.0.1:9/robot")
        finally:
            await db.dispose()

    asyncio.run(setup())
    return db_url, schema


async def scenario(url: str, schema: str | None, case: Case, tmp: Path) -> None:
    db = Database(url, schema=schema)
    clock = ManualClock(START)
    app = build_app(Settings(database_url=url), clock=clock, db=db)
    try:
        async with db.transaction() as s:
            staff = {st.name: st for st in (await s.execute(select(Staff))).scalars()}
            first_row = (await s.execute(select(func.coalesce(func.max(OutboxMessage.id), 0)))).scalar_one()
            first_ticket = (await s.execute(select(func.coalesce(func.max(Ticket.id), 0)))).scalar_one()
        worker = Actor.staff(staff["张伟"].id, Role.WORKER)
        desk = Actor.staff(staff["赵敏"].id, Role.DISPATCHER)
        tickets = app.tickets
        words = {path: text_ for path, (text_, _) in case.words.items()}
        owner_id = f"owner-{first_ticket}"

        # filing from a chat, with a follower who joins the ticket
        t = await tickets.file(NewTicket(
            description=words["filing"], channel=CHANNEL, external_id=owner_id, display_name=case.resident.written,
            grid_code="A", category="工程维修", kind=Kind.COMPLAINT, contact_phone="13812345678"))
        number = t.number
        follower = await _resident(app, f"follower-{first_ticket}")
        await tickets.join(number, follower)
        # an import: routed, unrouted and an emergency
        csv = tmp / f"intake-{first_ticket}.csv"
        rows = [(words["import"], "A", ""), (words["import_unrouted"], "", ""), (words["import_emergency"], "A", "紧急")]
        caller = f"1390000{first_ticket:04d}"  # a caller of this example's own, named as drawn
        csv.write_text("description,phone,name,grid,urgency\n" + "".join(
            f"{json.dumps(d, ensure_ascii=False)},{caller},{case.resident.written},{g},{u}\n" for d, g, u in rows),
            encoding="utf-8")
        news, errors = read_csv(csv, app.settings.categories)
        assert not errors, errors
        await file_in_batches(tickets, news)
        # the grid's work, the desk's, the resident's
        await tickets.claim(number, worker)
        await tickets.add_progress(number, worker, words["progress"])
        await tickets.escalate(number, desk, 2, words["escalation"])
        await tickets.resolve(number, worker, words["resolve"])
        await tickets.remind(number, "phone_followup")
        owner = await _resident(app, owner_id)
        await tickets.rate(number, owner, Rating.DISSATISFIED, comment=words["unhappy"])
        await tickets.add_survey_comment(number, owner, 1, words["survey_reason"])
        await tickets.claim(number, worker)
        await tickets.return_(number, worker, words["return_reason"], words["return_note"])
        await tickets.add_note(number, desk, words["desk_note"])
        await tickets.assign(number, "A", desk)
        await tickets.claim(number, worker)
        await tickets.resolve(number, worker, words["resolve_again"])
        await tickets.reopen(number, desk, words["reopen"])
        await tickets.flag(number, owner, words["flag"])

        secrets = [s for _, found in case.words.values() for s in found]
        async with db.transaction() as s:
            identities = {(i.channel, i.external_id): i for i in (await s.execute(select(ChannelIdentity))).scalars()}
            owners = dict((await s.execute(select(Ticket.id, Ticket.resident_id))).all())
            written = list((await s.execute(select(OutboxMessage).where(OutboxMessage.id > first_row)
                                            .order_by(OutboxMessage.id))).scalars())
        assert any(r.audience == "group" for r in written) and any(r.audience == "staff" for r in written)
        for row in written:
            shown = json.dumps(row.payload, ensure_ascii=False)
            identity = identities.get((row.channel, row.address))
            if row.audience == "group":
                may_see: set[str] = set()
            elif row.audience == "staff":
                claimer = identity is not None and identity.staff_id == worker.staff_id
                may_see = {"mobile", "landline", "name"} if claimer else set()
            elif identity is not None and identity.resident_id == owners.get(row.ticket_id):
                continue  # the resident's own words, about their own ticket
            else:
                may_see = set()  # another resident following the ticket
            leaked = [s for s in secrets if s.kind not in may_see and s.shown_in(shown)]
            assert not leaked, f"{row.audience} {row.address} ({row.purpose}) sees {leaked}: {shown}"
    finally:
        await db.dispose()


async def _resident(app: object, who: str) -> Actor:
    from core.service.tickets import identify_resident

    db = app.db  # type: ignore[attr-defined]
    async with db.transaction() as s:
        r, i = await identify_resident(s, CHANNEL, who, None, app.clock.now())  # type: ignore[attr-defined]
        return Actor.resident(r.id, i.id)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=cases())
def test_no_group_nor_other_staff_sees_personal_data(case: Case, prepared: tuple[str, str | None],
                                                     tmp_path: Path) -> None:
    url, schema = prepared
    asyncio.run(scenario(url, schema, case, tmp_path))
