"""Taking a complaint for someone, the 回访 list with phone tasks, and the short answers."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.db.desk_models import PhoneTask, QuickAnswer
from core.db.models import SurveyAnswer, Ticket, TicketEvent
from core.enums import EventType
from core.service.phone_tasks import PhoneTaskSender
from core.service.quick_answers import best_match
from tests.desk.conftest import Desk

FORM = {"source": "phone", "phone": "13912345678", "description": "5栋电梯又坏了，老人下不了楼",
        "community": "幸福里小区", "building": "5", "category": "工程维修", "kind": "repair"}


async def drain_phone(desk: Desk) -> int:
    """The real delivery path for the phone channel: lease, deliver, record."""
    sender = PhoneTaskSender(desk.app.db, desk.app.clock)
    items = await desk.app.outbox.lease_due("test", channels=["phone"])
    for item in items:
        await desk.app.outbox.record(item, await sender.deliver(item), worker="test")
    return len(items)


async def test_filing_for_a_caller_without_a_chat_makes_phone_tasks(desk: Desk) -> None:
    await desk.logged_in()
    check = await desk.post("/intake", {**FORM, "step": "check"})
    assert check.status == 200
    html = await check.text()
    assert "系统建议" in html and "未找到，进展将生成电话任务" in html
    filed = await desk.post("/intake", {**FORM, "step": "file"})
    assert filed.status == 303
    number = filed.headers["Location"].rsplit("/", 1)[1]
    async with desk.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        filed_event = (await s.execute(select(TicketEvent).where(
            TicketEvent.ticket_id == t.id, TicketEvent.type == EventType.FILED.value))).scalar_one()
    assert t.channel == "phone" and t.contact_phone == "13912345678"
    assert filed_event.actor_staff_id == desk.world.dispatcher.id and filed_event.data["source"] == "phone"
    await desk.app.tickets.assign(number, "A", desk.world.actor(desk.world.dispatcher))
    assert await drain_phone(desk) >= 1
    followups = await (await desk.client.get(desk.root + "/followups")).text()
    assert "致电 139****5678" in followups and "幸福里网格" in followups
    async with desk.app.db.transaction() as s:
        task = (await s.execute(select(PhoneTask))).scalars().first()
    assert task is not None
    done = await desk.post("/followups", {"task": str(task.id), "outcome": "told", "note": "已告知"})
    assert done.status == 303
    async with desk.app.db.transaction() as s:
        assert (await s.get(PhoneTask, task.id)).done_by == desk.world.dispatcher.id  # type: ignore[union-attr]


async def test_a_caller_with_a_chat_gets_progress_there(desk: Desk) -> None:
    w = desk.world
    await w.file("之前的问题", contact_phone="13912345678")  # this resident wrote from the test channel
    # the test channel is not a chat channel the desk links; WeChat and Telegram are
    await desk.logged_in()
    check = await (await desk.post("/intake", {**FORM, "step": "check"})).text()
    assert "进展将生成电话任务" in check


async def test_intake_names_the_field_at_fault(desk: Desk) -> None:
    await desk.logged_in()
    response = await desk.post("/intake", {**FORM, "phone": "12", "step": "file"})
    assert response.status == 400
    html = await response.text()
    assert "联系电话不正确" in html and 'aria-invalid="true"' in html
    assert "5栋电梯又坏了" in html  # what was typed stays
    async with desk.app.db.transaction() as s:
        assert (await s.execute(select(Ticket))).first() is None  # nothing half-written
    missing = await desk.post("/intake", {**FORM, "description": "", "step": "file"})
    assert missing.status == 400 and "请填写问题描述" in await missing.text()


async def test_workers_cannot_file_for_others(desk: Desk) -> None:
    await desk.logged_in("张伟")
    assert (await desk.client.get(desk.root + "/intake")).status == 403
    page = await (await desk.client.get(desk.root + "/")).text()
    assert "代客登记" not in page


async def test_follow_up_list_and_outcome_counts(desk: Desk) -> None:
    w = desk.world
    number = await w.file()
    await w.app.tickets.claim(number, w.actor(w.worker))
    await w.app.tickets.resolve(number, w.actor(w.worker), "已修好")
    await desk.logged_in()
    html = await (await desk.client.get(desk.root + "/followups")).text()
    assert f'data-number="{number}"' in html
    version = re.search(rf'data-number="{number}".*?name="version" value="(\d+)"', html, re.S)
    assert version
    response = await desk.post(f"/tickets/{number}/followup", {"outcome": "satisfied", "version": version[1],
                                                                "next": "followups"})
    assert response.status == 303 and response.headers["Location"].endswith("/followups")
    async with desk.app.db.transaction() as s:
        answer = (await s.execute(select(SurveyAnswer))).scalar_one()
    assert answer.rating == "satisfied" and answer.via == "phone"
    html = await (await desk.client.get(desk.root + "/followups")).text()
    assert f'data-number="{number}"' not in html


async def test_quick_answers_saved_and_offered_in_replies(desk: Desk) -> None:
    await desk.logged_in()
    saved = await desk.post("/answers", {"title": "停车位租赁", "body": "请携带身份证和行驶证到物业前台办理，月租200元。",
                                         "keywords": "停车位，车位，租车位", "category": "其他"})
    assert saved.status == 303
    bad = await desk.post("/answers", {"title": "", "body": "x"})
    assert bad.status == 400 and "请填写标题" in await bad.text()
    number = await desk.world.file("想问一下小区停车位怎么租", grid=None, category="其他")
    html = await (await desk.client.get(f"{desk.root}/tickets/{number}")).text()
    assert 'data-insert="请携带身份证和行驶证到物业前台办理，月租200元。"' in html


def _answer(title: str, keywords: list[str], category: str | None = None) -> QuickAnswer:
    return QuickAnswer(title=title, body=title, keywords=keywords, category=category, active=True)


def test_consultation_matches_a_stored_answer() -> None:
    parking = _answer("停车位租赁", ["停车位", "车位"], "其他")
    fee = _answer("物业费缴纳", ["物业费", "交费", "缴费"])
    proof = _answer("开具居住证明", ["居住证明", "开证明"])
    answers = [parking, fee, proof]
    assert best_match(answers, "想咨询一下小区停车位怎么租").answer is parking  # type: ignore[union-attr]
    assert best_match(answers, "物业费在哪里交？").answer is fee  # type: ignore[union-attr]
    assert best_match(answers, "我要开证明，居住证明去哪开").answer is proof  # type: ignore[union-attr]
    assert best_match(answers, "楼下烧烤店太吵了") is None  # nothing fits: no answer offered
    assert best_match(answers, "ＴＥＳＴ 物业费") is not None  # full-width is read as half-width
    tie = [_answer("甲", ["电梯"]), _answer("乙", ["电梯"])]
    assert best_match(tie, "电梯坏了") is None  # two fit as well: a person chooses
    retired = _answer("停用的", ["电梯"])
    retired.active = False
    assert best_match([retired], "电梯坏了") is None


async def test_dashboard_is_the_reports_figures(desk: Desk) -> None:
    w = desk.world
    number = await w.file()
    await w.app.tickets.claim(number, w.actor(w.worker))
    await w.app.tickets.resolve(number, w.actor(w.worker), "已修好")
    await desk.logged_in()
    assert (await desk.client.get(desk.root + "/dashboard")).status == 403  # reports are the head's
    await desk.logged_in("孙主任")
    html = await (await desk.client.get(desk.root + "/dashboard")).text()
    assert "受理量" in html and "回访率" in html and "幸福里网格" in html
    chart = await desk.client.get(desk.root + "/dashboard/monthly/category.png")
    assert chart.status == 200 and (await chart.read()).startswith(b"\x89PNG")
    xlsx = await desk.client.get(desk.root + "/reports/monthly.xlsx")
    assert xlsx.status == 200 and (await xlsx.read())[:2] == b"PK"
    csv = await desk.client.get(desk.root + "/reports/daily.csv?day=2026-11-23")
    assert csv.status == 200 and "attachment" in csv.headers["Content-Disposition"]
    assert (await desk.client.get(desk.root + "/reports/daily.csv?day=yesterday")).status == 400


async def test_dashboard_counts_a_desk_assignment_as_the_workers_taking(desk: Desk) -> None:
    """各人员: the report's per-worker figures; a ticket the desk gave to 李娜 is her 接单, and so is
    grid A's ticket given to 王强 of grid B."""
    w = desk.world
    mine = await w.file()
    await w.app.tickets.assign_worker(mine, w.worker2.id, w.actor(w.dispatcher))
    across = await w.file("幸福里小区2栋井盖松动")
    await w.app.tickets.assign_worker(across, w.other_worker.id, w.actor(w.dispatcher), grid_code="B")
    await desk.logged_in("孙主任")
    html = await (await desk.client.get(desk.root + "/dashboard")).text()
    today = html.split('id="p-daily"')[1].split('id="p-monthly"')[0]
    rows = dict(re.findall(r"<tr><td>([^<]+)<br><small>[^<]*</small></td><td>(\d+)</td>", today))
    assert rows == {"李娜": "1", "王强": "1"}


async def test_admin_is_the_heads(desk: Desk) -> None:
    await desk.logged_in()
    assert (await desk.client.get(desk.root + "/admin")).status == 403
    assert (await desk.post("/admin/staff-add", {"name": "新人", "role": "worker"})).status == 403
    await desk.logged_in("孙主任")
    html = await (await desk.client.get(desk.root + "/admin")).text()
    assert "工作人员" in html and "幸福里网格" in html and "节假日安排" in html
    added = await desk.post("/admin/staff-add", {"name": "周芳", "role": "worker", "grids": "B"})
    assert added.status == 303
    staff = await desk.app.directory.find_staff("周芳")
    shown = await desk.post("/admin/staff-password", {"staff": str(staff.id)})
    assert shown.status == 200
    password = re.search(r"只显示这一次，请转告本人）：(\S+)</p>", await shown.text())
    assert password
    # the new worker logs in with it, then is deactivated: their session ends
    w = desk.world
    await desk.logged_in("孙主任")
    disabled = await desk.post("/admin/staff-update", {"staff": str(w.worker.id), "role": "worker", "grids": "A",
                                                        "inactive": "1"})
    assert disabled.status == 303
    assert (await desk.login("张伟")).status == 401
    bad = await desk.post("/admin/grid-save", {"code": "C", "name": "新网格", "center": "north"})
    assert bad.status == 400 and "中心点应为" in await bad.text()
    saved = await desk.post("/admin/grid-save", {"code": "C", "name": "翠湖苑网格", "patterns": "翠湖苑",
                                                  "polygon": "[[30.26,120.14],[30.27,120.14],[30.27,120.15]]"})
    assert saved.status == 303
    assert (await desk.app.directory.grid("C")).polygon
