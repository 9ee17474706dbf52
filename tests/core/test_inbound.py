import asyncio
from datetime import timedelta

from core.clock import ManualClock
from core.db.engine import Database
from core.inbound import InboundLog

LEASE = timedelta(seconds=4)


async def test_claim_is_exactly_once_under_concurrency(db: Database, clock: ManualClock) -> None:
    log = InboundLog(db, clock)
    results = await asyncio.gather(*(log.claim("wechat:msg:42") for _ in range(8)))
    assert sorted(r is not None for r in results) == [False] * 7 + [True]
    assert await log.claim("wechat:msg:43") is not None


async def test_a_stale_unanswered_claim_is_taken_over_once(db: Database, clock: ManualClock) -> None:
    """kill -9 between claiming and answering: the claim's lease runs out, and the next attempt
    (a resend, a redelivery) takes it over; a fresh one is left to its owner."""
    dead = InboundLog(db, clock, owner="host-a:101:dead", lease=LEASE)
    live = InboundLog(db, clock, owner="host-b:202:live", lease=LEASE)
    first = await dead.claim("k")
    assert first is not None and not first.taken_over
    assert await live.claim("k") is None  # its owner may still be at it
    clock.advance(LEASE - timedelta(milliseconds=1))
    assert await live.claim("k") is None
    clock.advance(seconds=1)
    taken = await asyncio.gather(*(live.claim("k") for _ in range(4)))
    assert [t.taken_over for t in taken if t is not None] == [True]  # once, however many try at once
    assert await dead.claim("k") is None  # the new owner's lease is fresh
    await live.finish("k", {"text": "好的"})
    clock.advance(hours=1)
    assert await dead.claim("k") is None and await live.claim("k") is None  # answered: never again
    assert await dead.result("k") == (True, {"text": "好的"})


async def test_a_kept_claim_stays_with_its_living_owner(db: Database, clock: ManualClock) -> None:
    owner = InboundLog(db, clock, owner="host-a:101:busy", lease=LEASE)
    other = InboundLog(db, clock, owner="host-b:202:other", lease=LEASE)
    try:
        assert await owner.claim("slow") is not None
        owner.keep("slow")  # a long step: the lease is renewed while it runs
        for _ in range(3):
            clock.advance(LEASE * 0.9)
            assert await owner.renew() == 1
        assert await other.claim("slow") is None
        await owner.release("slow")  # gave up without an answer: the next attempt may run at once
        assert await owner.renew() == 0
        retaken = await other.claim("slow")
        assert retaken is not None and retaken.taken_over
    finally:
        await owner.close()
        await other.close()


async def test_what_a_dead_owner_noted_goes_to_the_next(db: Database, clock: ManualClock) -> None:
    dead = InboundLog(db, clock, owner="host-a:101:dead", lease=LEASE)
    live = InboundLog(db, clock, owner="host-b:202:live", lease=LEASE)
    assert await dead.claim("k") is not None
    await dead.note("k", {"taken": [3, 4]})
    clock.advance(LEASE * 2)
    claim = await live.claim("k")
    assert claim is not None and claim.left == {"taken": [3, 4]}


async def test_claims_from_before_leases_count_from_when_they_were_seen(db: Database, clock: ManualClock) -> None:
    """Rows written before owners and leases existed (or by a process not yet upgraded)."""
    from core.db.models import ProcessedUpdate

    async with db.transaction() as s:
        s.add(ProcessedUpdate(key="old-style", seen_at=clock.now()))
    log = InboundLog(db, clock, owner="host-b:202:live", lease=LEASE)
    assert await log.claim("old-style") is None
    clock.advance(LEASE + timedelta(seconds=1))
    assert await log.claim("old-style") is not None


async def test_finish_stores_the_reply_for_retries(db: Database, clock: ManualClock) -> None:
    log = InboundLog(db, clock)
    assert await log.claim("k")
    assert await log.result("k") == (False, None)
    await log.finish("k", {"reply": "好的"})
    assert await log.result("k") == (True, {"reply": "好的"})
    assert await log.result("unknown") == (False, None)


async def test_forget_old_keys(db: Database, clock: ManualClock) -> None:
    log = InboundLog(db, clock)
    await log.claim("old")
    clock.advance(days=2)
    await log.claim("new")
    assert await log.forget_older_than(timedelta(days=1)) == 1
    assert await log.claim("old") is not None
    assert await log.claim("new") is None


async def test_note_inbound_reopens_the_window_and_says_whether_it_knew_the_person(
        db: Database, clock: ManualClock) -> None:
    from core.db.models import ChannelIdentity
    from core.inbound import identity, note_inbound

    assert await note_inbound(db, "wechat", "o-new", clock.now()) is False
    async with db.transaction() as s:
        s.add(ChannelIdentity(channel="wechat", external_id="o-new", created_at=clock.now(),
                              pushes_since_inbound=5, blocked_at=clock.now(), unsubscribed_at=clock.now()))
    clock.advance(hours=1)
    assert await note_inbound(db, "wechat", "o-new", clock.now()) is True
    row = await identity(db, "wechat", "o-new")
    assert row is not None
    assert (row.last_inbound_at, row.pushes_since_inbound, row.blocked_at, row.unsubscribed_at) == (
        clock.now(), 0, None, None)


async def test_note_inbound_can_create_the_identity(db: Database, clock: ManualClock) -> None:
    from core.inbound import identity, note_inbound

    assert await note_inbound(db, "wechat", "o-first", clock.now(), create=True) is False
    row = await identity(db, "wechat", "o-first")
    assert row is not None and row.last_inbound_at == clock.now() and row.resident_id is None
    assert await note_inbound(db, "wechat", "o-first", clock.now(), create=True) is True


async def test_note_inbound_keeps_what_residents_wrote_in_one_statement_each(
        db: Database, clock: ManualClock) -> None:
    """Every WeChat message notes its sender: the UPDATE says who it was (RETURNING), no second
    look-up; the words go in with the transaction's held-back rows. Staff's words are not kept,
    a first-time writer's are."""
    from sqlalchemy import event, select

    from core.db.desk_models import InboundMessage
    from core.db.models import ChannelIdentity, Staff
    from core.inbound import note_inbound

    async with db.transaction() as s:
        staff = Staff(name="王师傅", role="worker", phone="13800000000", created_at=clock.now())
        s.add(staff)
        await s.flush()
        s.add_all([ChannelIdentity(channel="wechat", external_id="o-resident", created_at=clock.now()),
                   ChannelIdentity(channel="wechat", external_id="o-staff", created_at=clock.now(), staff_id=staff.id)])
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        if not statement.startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            statements.append(statement.split()[0])

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        assert await note_inbound(db, "wechat", "o-resident", clock.now(), text="楼道灯坏了") is True
        assert statements == ["UPDATE", "INSERT"]  # the note, then the words at commit
        statements.clear()
        assert await note_inbound(db, "wechat", "o-staff", clock.now(), text="收到") is True
        assert statements == ["UPDATE"]
        assert await note_inbound(db, "wechat", "o-first", clock.now(), create=True, text="你好") is False
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    async with db.transaction() as s:
        kept = (await s.execute(select(ChannelIdentity.external_id, InboundMessage.text).join(
            ChannelIdentity, ChannelIdentity.id == InboundMessage.identity_id).order_by(InboundMessage.id))).all()
    assert [tuple(k) for k in kept] == [("o-resident", "楼道灯坏了"), ("o-first", "你好")]


async def test_a_claim_made_again_takes_back_only_this_process_own_unanswered_one(
        db: Database, clock: ManualClock) -> None:
    """A try whose transaction failed may have committed its claim (the COMMIT landed, its answer
    was lost): claiming `again` takes this process' own unanswered claim back, and says it was
    there (what was recorded with it stands); never another owner's, never an answered one."""
    mine = InboundLog(db, clock, owner="host-a:101:mine", lease=LEASE)
    other = InboundLog(db, clock, owner="host-b:202:other", lease=LEASE)
    first = await mine.claim("k")
    assert first is not None and not first.taken_over  # a new claim, whatever the clock says
    assert await mine.claim("k") is None  # not `again`: held, as by anyone else
    back = await mine.claim("k", again=True)
    assert back is not None and back.taken_over and back.left == {}
    assert await other.claim("k", again=True) is None  # not its own
    fresh = await mine.claim("new", again=True)  # the failed try's claim never landed
    assert fresh is not None and not fresh.taken_over
    await mine.finish("k", {"text": "好的"})
    assert await mine.claim("k", again=True) is None  # answered: never again


async def test_noting_a_writer_says_who_it_is_and_what_the_step_needs_in_the_same_statement(
        db: Database, clock: ManualClock) -> None:
    """The one UPDATE that notes a WeChat writer also returns their resident's phone, the shared
    value asked for (the options shown), the grids' token and whether the outbox holds anything
    for them, so that none of them is a statement of its own."""
    from sqlalchemy import event

    from core.db.models import ChannelIdentity, KeyValue, Resident
    from core.inbound import note_writer
    from core.outbox import enqueue
    from core.service.directory import Directory

    async with db.transaction() as s:
        resident = Resident(name="李女士", phone="13912345678", created_at=clock.now())
        s.add(resident)
        await s.flush()
        s.add(ChannelIdentity(channel="wechat", external_id="o-known", created_at=clock.now(), resident_id=resident.id))
        s.add(KeyValue(key="options:o-known", value='{"1": "a"}', expires_at=clock.now() + timedelta(days=1),
                       updated_at=clock.now()))
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement.split()[0])

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        noted = await note_writer(db, "wechat", "o-known", clock.now(), kv_key="options:o-known")
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    assert [s for s in statements if s not in ("BEGIN", "COMMIT")] == ["UPDATE"]
    assert noted.known and noted.resident_id == resident.id and noted.phone == "13912345678"
    assert noted.kv == '{"1": "a"}' and noted.waiting is False
    token = noted.grids_version
    assert token is not None
    await Directory(db, clock).add_grid("A", "幸福里", patterns=["幸福里小区"])  # any process's grid change
    async with db.transaction() as s:
        enqueue(s, clock.now(), channel="wechat", address="o-known", audience="resident", purpose="reply",
                messages=[])
    clock.advance(days=2)  # the options shown expire
    noted = await note_writer(db, "wechat", "o-known", clock.now(), kv_key="options:o-known")
    assert noted.kv is None and noted.waiting is True and noted.grids_version not in (None, token)
    new = await note_writer(db, "wechat", "o-new", clock.now(), create=True, kv_key="options:o-new")
    assert not new.known and new.found and new.resident_id is None and new.grids_version == noted.grids_version
