"""Fill a bench schema with a realistic history for the desk bench, fast: on PostgreSQL the closed
tickets, their residents and their events are generated inside the server (INSERT … SELECT over
generate_series), about a minute for 1,000,000 tickets instead of an hour through the ORM.

What a deployment's table looks like after a few years: most tickets done (closed, some cancelled,
merged into another, or resolved and waiting for the survey), spread over the days with numbers as
the service gives them (YYMMDD-NNNN), across the grids (a tenth never routed), each with its
resident, a varied phone, a filed and a closing event. The open tickets are filed through the
service by the caller (as chats and imports do); `flag_open` then marks some as asked for 人工 by
the resident, with the event the desk's filter looks for.
"""

from __future__ import annotations

from sqlalchemy import text

from core.db.engine import Database

PER_DAY = 1500  # closed tickets a day: 1,000,000 reach back about 22 months

_TEXTS = ["楼道灯坏了好几天", "楼下烧烤店太吵晚上睡不着", "垃圾没人清运已经发臭", "电梯按钮失灵困人",
          "物业态度差不接电话", "邻居装修噪音中午也不停", "门禁坏了外人随便进出", "下水道堵塞污水外溢",
          "小区路灯不亮", "违章停车堵住消防通道", "屋顶漏水墙面发霉", "广场舞音响太大声"]
_CATEGORIES = ["工程维修", "噪音扰民", "环境卫生", "工程维修", "服务质量", "噪音扰民", "安全管理", "工程维修",
               "工程维修", "安全管理", "工程维修", "噪音扰民"]
_COMMUNITIES = ["阳光花园", "幸福里", "东湖小区", "锦绣家园", "滨江苑", "翠竹园", "和平新村", "金桥公寓"]


def _array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]"


_RESIDENTS = """
INSERT INTO residents (name, phone, created_at)
SELECT NULL, '139' || lpad(((g::bigint * 7919 + 17) % 100000000)::text, 8, '0'), now() - interval '800 days'
FROM generate_series(1, :n) g
"""

# g numbers the padded tickets oldest first; day d = g / PER_DAY days before the day before yesterday
_TICKETS = f"""
WITH r AS (SELECT min(id) AS lo, count(*) AS n FROM residents WHERE id > :residents_before),
     gr AS (SELECT array_agg(id ORDER BY id) AS ids FROM grids),
     src AS (
       SELECT g, (:total - g) / {PER_DAY} + 2 AS d, g % {PER_DAY} + 1 AS seq,
              ((g::bigint * 2654435761) % 1000003)::int AS h
       FROM generate_series(1, :total) g)
INSERT INTO tickets (number, kind, category, urgency, complexity, description, community, building, unit, room,
  resident_id, contact_phone, channel, grid_id, status, photos, emergency_triggers, escalation_level,
  needs_dispatcher, round, reopen_count, return_count, legal_hold, created_at, updated_at, resolved_at,
  closed_at, due_at, claim_due_at, first_response_due_at, escalate_at, version)
SELECT to_char(current_date - d, 'YYMMDD') || '-' || lpad(seq::text, 4, '0'),
       CASE WHEN h % 12 IN (0, 3, 7) THEN 'repair' ELSE 'complaint' END,
       ({_array(_CATEGORIES)})[h % 12 + 1],
       CASE WHEN h % 100 = 0 THEN 'emergency' WHEN h % 100 < 6 THEN 'urgent' ELSE 'normal' END,
       'simple',
       ({_array(_TEXTS)})[h % 12 + 1] || '，' || ({_array(_COMMUNITIES)})[h % 8 + 1] || (h % 40 + 1) || '号楼',
       ({_array(_COMMUNITIES)})[h % 8 + 1], (h % 40 + 1)::text, (h % 4 + 1)::text, (h % 30 + 101)::text,
       r.lo + g % r.n, '13' || lpad(((g::bigint * 48271 + 11) % 1000000000)::text, 9, '0'), 'bench-history',
       CASE WHEN h % 10 = 0 THEN NULL ELSE gr.ids[h % array_length(gr.ids, 1) + 1] END,
       CASE WHEN h % 100 < 3 THEN 'cancelled' WHEN h % 100 < 5 THEN 'merged' WHEN h % 100 < 7 THEN 'resolved'
            ELSE 'closed' END,
       '[]'::jsonb, '[]'::jsonb, 0, false, 1, 0, 0, false,
       created, created + interval '1 day', created + interval '20 hours',
       CASE WHEN h % 100 BETWEEN 5 AND 6 THEN NULL ELSE created + interval '1 day' END,
       created + interval '24 hours', created + interval '4 hours', created + interval '24 hours',
       created + interval '9 days', 1
FROM src, r, gr, LATERAL (SELECT (current_date - d)::timestamptz + seq * interval '50 seconds' AS created) c
"""

_EVENTS = """
INSERT INTO ticket_events (ticket_id, type, at, actor_role, from_status, to_status, attachments, data)
SELECT id, 'filed', created_at, 'resident', NULL, 'submitted', '[]'::jsonb, '{}'::jsonb FROM tickets WHERE channel = 'bench-history'
UNION ALL
SELECT id, status, updated_at,
       CASE status WHEN 'cancelled' THEN 'resident' ELSE 'system' END, 'assigned', status, '[]', '{}'
FROM tickets WHERE channel = 'bench-history'
"""

# a merged ticket points at the one before it, as a dispatcher merges a duplicate into the first report
_MERGED = """
UPDATE tickets t SET merged_into_id = t.id - 1 WHERE t.channel = 'bench-history' AND t.status = 'merged'
"""


async def pad_postgresql(db: Database, target: int) -> int:
    """Pad the tickets table with done tickets up to `target` rows; returns the row count."""
    async with db.transaction() as s:
        have = int((await s.execute(text("SELECT count(*) FROM tickets"))).scalar_one())
    total = max(0, target - have)
    if total:
        async with db.transaction() as s:
            before = int((await s.execute(text("SELECT coalesce(max(id), 0) FROM residents"))).scalar_one())
            await s.execute(text(_RESIDENTS), {"n": max(1, total // 4)})  # a resident files 4 over the years
            await s.execute(text(_TICKETS), {"total": total, "residents_before": before})
            await s.execute(text(_MERGED))
            await s.execute(text(_EVENTS))
    async with db.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE tickets"))
        await conn.execute(text("VACUUM ANALYZE ticket_events"))
        await conn.execute(text("VACUUM ANALYZE residents"))
    return have + total


async def vary_open(db: Database, every: int = 40) -> None:
    """Give the filed (open) tickets varied phones and places, and mark one in `every` as asked for
    人工 by the resident (the flag and its event, as the chat's 人工 writes them)."""
    async with db.transaction() as s:
        await s.execute(text(
            "UPDATE tickets SET contact_phone = '13' || lpad(((id * 48271 + 7) % 1000000000)::text, 9, '0'),"
            f" community = ({_array(_COMMUNITIES)})[id % 8 + 1] WHERE channel <> 'bench-history'"))
        flagged = (await s.execute(text(
            "UPDATE tickets SET needs_dispatcher = true, flag_reason = '居民要求人工'"
            " WHERE channel <> 'bench-history' AND id % :every = 0 RETURNING id, resident_id"), {"every": every})).all()
        if flagged:
            await s.execute(text(
                "INSERT INTO ticket_events (ticket_id, type, at, actor_role, actor_resident_id, attachments, data)"
                " VALUES (:id, 'flagged', now(), 'resident', :resident, '[]', '{}')"),
                [{"id": i, "resident": r} for i, r in flagged])
