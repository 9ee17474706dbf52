"""The ticket page and its actions: who may see and do what, every action an event with the acting
staff member, stale forms refused, the phone revealed only on request and audited, replies through
the outbox."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.db.models import Grid, OutboxMessage, Ticket, TicketEvent
from core.enums import EventType
from tests.desk.conftest import Desk

VERSION = re.compile(r'name="version" value="(\d+)"')


async def page(desk: Desk, number: str) -> tuple[int, str]:
    response = await desk.client.get(f"{desk.root}/tickets/{number}")
    return response.status, await response.text()


async def version(desk: Desk, number: str) -> str:
    status, html = await page(desk, number)
    assert status == 200
    found = VERSION.search(html)
    assert found
    return found.group(1)


async def events(desk: Desk, number: str) -> list[TicketEvent]:
    async with desk.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        return list((await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                                     .order_by(TicketEvent.id))).scalars())


async def test_ticket_page_shows_the_ticket_with_a_masked_phone(desk: Desk) -> None:
    number = await desk.world.file("3栋楼道灯坏了，电话13812345678", contact_phone="13812345678")
    await desk.logged_in()
    status, html = await page(desk, number)
    assert status == 200
    assert "3栋楼道灯坏了" in html and "138****5678" in html
    assert "13812345678" not in html
    assert "受理登记" in html  # the timeline


async def test_reveal_phone_is_audited(desk: Desk) -> None:
    number = await desk.world.file(contact_phone="13812345678")
    await desk.logged_in()
    response = await desk.post(f"/tickets/{number}/reveal")
    assert response.status == 200
    assert "13812345678" in await response.text()
    revealed = [e for e in await events(desk, number) if e.type == EventType.PHONE_REVEALED]
    assert len(revealed) == 1 and revealed[0].actor_staff_id == desk.world.dispatcher.id


async def test_worker_of_another_grid_gets_404(desk: Desk) -> None:
    number = await desk.world.file()  # grid A
    await desk.logged_in("王强")  # grid B
    status, _ = await page(desk, number)
    assert status == 404
    response = await desk.post(f"/tickets/{number}/note", {"note": "看一下"})
    assert response.status == 404
    assert not [e for e in await events(desk, number) if e.type == EventType.NOTE]


async def test_worker_may_not_reveal_before_claiming(desk: Desk) -> None:
    number = await desk.world.file(contact_phone="13812345678")
    await desk.logged_in("张伟")
    status, html = await page(desk, number)
    assert status == 200 and "显示电话" not in html
    assert (await desk.post(f"/tickets/{number}/reveal")).status == 403
    assert (await desk.post(f"/tickets/{number}/claim", {"version": await version(desk, number)})).status == 303
    response = await desk.post(f"/tickets/{number}/reveal")
    assert response.status == 200 and "13812345678" in await response.text()


async def test_note_is_an_event_of_the_staff_member(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    response = await desk.post(f"/tickets/{number}/note", {"note": "已电话联系物业", "version": await version(desk, number)})
    assert response.status == 303
    notes = [e for e in await events(desk, number) if e.type == EventType.NOTE]
    assert notes[-1].note == "已电话联系物业" and notes[-1].actor_staff_id == desk.world.dispatcher.id
    status, html = await page(desk, number)
    assert "已添加备注" in html  # the flash


async def test_assign_moves_the_ticket(desk: Desk) -> None:
    number = await desk.world.file(grid=None, category="其他")
    await desk.logged_in()
    response = await desk.post(f"/tickets/{number}/assign", {"grid": "B", "version": await version(desk, number)})
    assert response.status == 303
    assigned = [e for e in await events(desk, number) if e.type == EventType.ASSIGNED]
    assert assigned[-1].actor_staff_id == desk.world.dispatcher.id and assigned[-1].data["grid"] == "B"


async def test_stale_form_is_refused(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    old = await version(desk, number)
    await desk.world.app.tickets.claim(number, desk.world.actor(desk.world.worker))
    response = await desk.post(f"/tickets/{number}/note", {"note": "过期的表单", "version": old})
    assert response.status == 409
    assert "已被其他人更新" in await response.text()
    assert not [e for e in await events(desk, number) if e.type == EventType.NOTE]


async def test_bad_input_names_the_field(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    v = await version(desk, number)
    empty = await desk.post(f"/tickets/{number}/note", {"note": "  ", "version": v})
    assert empty.status == 400 and "请填写备注内容" in await empty.text()
    merge = await desk.post(f"/tickets/{number}/merge", {"into": "abc", "version": v})
    assert merge.status == 400 and "目标工单编号不正确" in await merge.text()
    grid = await desk.post(f"/tickets/{number}/assign", {"grid": "NOPE", "version": v})
    assert grid.status == 404 and "没有网格" in await grid.text()
    assert (await desk.post(f"/tickets/{number}/frobnicate", {"version": v})).status == 404


async def test_oversized_form_is_refused(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    token = await desk.csrf("/")
    big = b"x" * (int(desk.app.settings.desk.max_upload_mb * 1024 * 1024) + 10)
    from aiohttp import FormData

    form = FormData()
    form.add_field("note", "照片")
    form.add_field("photo", big, filename="big.jpg", content_type="image/jpeg")
    response = await desk.client.post(f"{desk.root}/tickets/{number}/note?csrf_token={token}", data=form)
    assert response.status == 413


async def test_reply_goes_to_the_outbox_for_the_residents_chat(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    status, html = await page(desk, number)
    assert "立即发送" in html  # the test channel is not WeChat: no window
    response = await desk.post(f"/tickets/{number}/reply", {"text": "您好，明天上午维修", "version": await version(desk, number)})
    assert response.status == 303
    async with desk.app.db.transaction() as s:
        rows = list((await s.execute(select(OutboxMessage).where(OutboxMessage.purpose == "desk_reply"))).scalars())
    assert len(rows) == 1 and rows[0].address == "resident-1"
    assert "您好，明天上午维修" in str(rows[0].payload)
    replied = [e for e in await events(desk, number) if e.type == EventType.REPLIED]
    assert replied[0].actor_staff_id == desk.world.dispatcher.id
    _, html = await page(desk, number)
    assert "您好，明天上午维修" in html  # the conversation shows it


async def test_worker_cannot_reply_or_assign(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in("张伟")
    v = await version(desk, number)
    assert (await desk.post(f"/tickets/{number}/reply", {"text": "hi", "version": v})).status == 403
    assert (await desk.post(f"/tickets/{number}/assign", {"grid": "B", "version": v})).status == 403


async def test_head_sets_legal_hold_dispatcher_may_not(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    v = await version(desk, number)
    assert (await desk.post(f"/tickets/{number}/hold", {"on": "1", "version": v})).status == 403
    await desk.logged_in("孙主任")
    assert (await desk.post(f"/tickets/{number}/hold", {"on": "1", "version": v})).status == 303


async def test_phone_follow_up_counts_like_a_chat_answer(desk: Desk) -> None:
    w = desk.world
    number = await w.file()
    await w.app.tickets.claim(number, w.actor(w.worker))
    await w.app.tickets.resolve(number, w.actor(w.worker), "已修好")
    await desk.logged_in()
    response = await desk.post(f"/tickets/{number}/followup", {"outcome": "dissatisfied", "note": "灯又坏了",
                                                                "version": await version(desk, number)})
    assert response.status == 303
    async with desk.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
    assert t.status == "reopened"


async def test_photos_are_served_through_the_desk(desk: Desk) -> None:
    """A photo the platform keeps at a URL (WeChat's PicUrl) is fetched by the desk and served only to
    those who may read the ticket."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    from core.messages import MediaRef

    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100

    async def picture(_: web.Request) -> web.Response:
        return web.Response(body=png, content_type="image/png")

    platform = web.Application()
    platform.router.add_get("/pic.png", picture)
    server = TestServer(platform)
    await server.start_server()
    try:
        url = str(server.make_url("/pic.png"))
        number = await desk.world.file(photos=(MediaRef("wechat", "m1", url),))
        await desk.logged_in()
        html = (await page(desk, number))[1]
        assert f"{desk.root}/tickets/{number}/media/0/0" in html and url not in html
        got = await desk.client.get(f"{desk.root}/tickets/{number}/media/0/0")
        assert got.status == 200 and await got.read() == png
        assert (await desk.client.get(f"{desk.root}/tickets/{number}/media/0/5")).status == 404
        await desk.logged_in("王强")  # another grid
        assert (await desk.client.get(f"{desk.root}/tickets/{number}/media/0/0")).status == 404
    finally:
        await server.close()


async def test_assign_to_a_named_worker(desk: Desk) -> None:
    w = desk.world
    number = await w.file()
    await desk.logged_in()
    status, html = await page(desk, number)
    assert 'name="worker"' in html and re.search(rf'value="A:{w.worker.id}"\s*>张伟', html)
    # every grid's workers are offered, the ticket's own grid first
    assert re.search(rf'label="阳光花园网格（改派到该网格）">\s*<option value="B:{w.other_worker.id}"\s*>王强', html)
    assert html.index(">张伟<") < html.index(">王强<")
    before = await version(desk, number)
    response = await desk.post(f"/tickets/{number}/assign_worker", {"worker": str(w.worker2.id), "version": before})
    assert response.status == 303
    status, html = await page(desk, number)
    assert "已指派李娜处理" in html  # the flash
    assert "指派李娜处理" in html and "处理中" in html  # the timeline and the status
    [assigned] = [e for e in await events(desk, number) if e.data.get("assignee_id")]
    assert assigned.actor_staff_id == w.dispatcher.id

    # a form made before that change: refused, saying so, nothing overwritten
    response = await desk.post(f"/tickets/{number}/assign_worker", {"worker": str(w.worker.id), "version": before})
    assert response.status == 409 and "已被其他人更新" in await response.text()
    async with desk.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
    assert t.assignee_id == w.worker2.id
    # a worker of another grid named without their grid (an old form): named refusal
    response = await desk.post(f"/tickets/{number}/assign_worker",
                               {"worker": str(w.other_worker.id), "version": await version(desk, number)})
    assert response.status == 400 and "不是「幸福里网格」的在岗工作人员" in await response.text()
    response = await desk.post(f"/tickets/{number}/assign_worker", {"worker": "x", "version": await version(desk, number)})
    assert response.status == 400 and "处理人" in await response.text()


async def test_a_worker_may_not_assign_others(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in("张伟")
    status, html = await page(desk, number)
    assert status == 200 and 'name="worker"' not in html
    response = await desk.post(f"/tickets/{number}/assign_worker",
                               {"worker": str(desk.world.worker2.id), "version": await version(desk, number)})
    assert response.status == 403 and "只有调度员或负责人可以指派处理人" in await response.text()
    assert not [e for e in await events(desk, number) if e.type == EventType.ASSIGNED and e.actor_staff_id]


async def test_assign_to_a_worker_of_another_grid(desk: Desk) -> None:
    """The form names the grid with the worker ("B:id"): the ticket moves to that grid, the worker
    holds it and hears it in their own chat; an unrouted ticket is assigned the same way."""
    w = desk.world
    number = await w.file()  # grid A
    unrouted = await w.file("想问问物业费怎么交", grid=None)
    await desk.logged_in()
    for n in (number, unrouted):
        response = await desk.post(f"/tickets/{n}/assign_worker",
                                   {"worker": f"B:{w.other_worker.id}", "note": "跨网格支援", "version": await version(desk, n)})
        assert response.status == 303, await response.text()
        async with desk.app.db.transaction() as s:
            t = (await s.execute(select(Ticket).where(Ticket.number == n))).scalar_one()
            grid = (await s.execute(select(Grid.code).where(Grid.id == t.grid_id))).scalar_one()
            told = (await s.execute(select(OutboxMessage).where(OutboxMessage.ticket_id == t.id,
                                                                OutboxMessage.address == "w3"))).scalars().all()
        assert (grid, t.assignee_id, t.status) == ("B", w.other_worker.id, "accepted")
        assert len(told) == 1 and "调度指派您处理工单" in str(told[0].payload)
    # a grid code that is not a grid, or a malformed value: refused, naming what is wrong
    response = await desk.post(f"/tickets/{number}/assign_worker",
                               {"worker": "Z9:1", "version": await version(desk, number)})
    assert response.status == 404 and "Z9" in await response.text()
    for bad in ("B:x", "B:", "B:A:1"):
        response = await desk.post(f"/tickets/{number}/assign_worker",
                                   {"worker": bad, "version": await version(desk, number)})
        assert response.status == 400 and "处理人不正确" in await response.text()


async def test_resolving_with_work_still_to_come_asks_to_confirm(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in("张伟")
    assert (await desk.post(f"/tickets/{number}/claim", {"version": await version(desk, number)})).status == 303
    response = await desk.post(f"/tickets/{number}/resolve", {"note": "明天派师傅去看", "version": await version(desk, number)})
    html = await response.text()
    assert response.status == 400 and "听起来还没办完" in html and 'name="unfinished_ok"' in html
    assert "明天派师傅去看</textarea>" in html  # the words kept in the form
    assert not [e for e in await events(desk, number) if e.type == EventType.RESOLVED]
    response = await desk.post(f"/tickets/{number}/resolve",
                               {"note": "明天派师傅去看", "unfinished_ok": "1", "version": await version(desk, number)})
    assert response.status == 303
    assert [e.note for e in await events(desk, number) if e.type == EventType.RESOLVED] == ["明天派师傅去看"]


async def test_resolving_with_a_done_note_needs_no_confirmation(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in("张伟")
    assert (await desk.post(f"/tickets/{number}/claim", {"version": await version(desk, number)})).status == 303
    response = await desk.post(f"/tickets/{number}/resolve", {"note": "灯已更换", "version": await version(desk, number)})
    assert response.status == 303
