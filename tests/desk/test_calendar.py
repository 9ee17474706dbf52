"""Administration → 节假日 at the desk: the head sees this year's and next year's arrangement, enters
next year's days (validated, audited), and the deadlines follow; others are refused. In a real
browser too (screenshots in test-artifacts/desk/)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from core.workcalendar import package_knows
from tests.conftest import SHANGHAI
from tests.desk.browser import browser, log_in, shot
from tests.desk.conftest import PASSWORD, Desk

__all__ = ["browser"]
pytestmark = pytest.mark.skipif(package_knows(2027), reason="chinesecalendar knows 2027 already")
DECEMBER = datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI)


async def test_head_enters_next_years_holidays(desk: Desk) -> None:
    desk.app.clock.set(DECEMBER)  # type: ignore[attr-defined]
    await desk.logged_in("孙主任")
    html = await (await desk.client.get(desk.root + "/admin/calendar")).text()
    assert "2026 年" in html and "国庆节" in html and "尚无 2027 年的安排" in html
    response = await desk.post("/admin/calendar/add", {"kind": "holiday", "day": "2027-02-06", "until": "2027-02-14",
                                                       "name": "春节"})
    assert response.status == 303
    assert not desk.app.calendar.is_workday(date(2027, 2, 8))
    html = await (await desk.client.get(desk.root + "/admin/calendar")).text()
    assert 'data-day="2027-02-08"' in html and "孙主任 把 2027-02-14 设为节假日（春节）" in html
    bad = await desk.post("/admin/calendar/add", {"kind": "holiday", "day": "2027-13-01"})
    assert bad.status == 400 and "日期不是有效的日期" in await bad.text()
    bad = await desk.post("/admin/calendar/add", {"kind": "workday", "day": "2027-02-08"})
    assert bad.status == 400 and "调休上班日只能是周六或周日" in await bad.text()
    bad = await desk.post("/admin/calendar/add", {"kind": "holiday", "day": "2027-03-01", "until": "2027-02-01"})
    assert bad.status == 400 and "结束日期不能早于开始日期" in await bad.text()
    assert (await desk.post("/admin/calendar/remove", {"day": "2027-02-08"})).status == 303
    assert desk.app.calendar.is_workday(date(2027, 2, 8))


async def test_a_dispatcher_is_refused(desk: Desk) -> None:
    await desk.logged_in("赵敏")
    assert (await desk.client.get(desk.root + "/admin/calendar")).status == 403
    response = await desk.post("/admin/calendar/add", {"kind": "holiday", "day": "2027-01-01", "name": "元旦"})
    assert response.status == 403 and desk.app.calendar.is_workday(date(2027, 1, 1))


async def test_in_a_browser(desk: Desk, browser: Any, backend: str) -> None:
    desk.app.clock.set(DECEMBER)  # type: ignore[attr-defined]
    base = str(desk.client.make_url(desk.root)).rstrip("/")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await log_in(page, base, "孙主任", PASSWORD)
    await page.goto(base + "/admin")
    await page.get_by_role("link", name="节假日安排").click()
    await page.wait_for_selector("h1:has-text('节假日安排')")
    form = page.locator("#add-2027")
    await form.get_by_label("日期", exact=True).fill("2027-01-01")
    await form.get_by_label("名称（如 春节；周末放假时必填）").fill("元旦")
    await form.get_by_role("button", name="录入").click()
    await page.wait_for_selector(".flash")
    assert await page.locator('tr[data-day="2027-01-01"]').count() == 1
    await form.locator("summary").click()  # the form folds away once the year has days
    await form.get_by_label("调休上班日（周末上班）").check()
    await form.get_by_label("日期", exact=True).fill("2027-01-04")  # a Monday: refused
    await form.get_by_role("button", name="录入").click()
    await page.wait_for_selector("#add-2027 .error")
    assert "调休上班日只能是周六或周日" in await page.locator("#add-2027 .error").inner_text()
    assert await page.locator('tr[data-day="2027-01-01"]').count() == 1
    await shot(page, f"calendar-{backend}")
    phone = await browser.new_page(viewport={"width": 390, "height": 844})
    await log_in(phone, base, "孙主任", PASSWORD)
    await phone.goto(base + "/admin/calendar")
    await shot(phone, f"calendar-phone-{backend}")
