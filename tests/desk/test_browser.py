"""The desk in a real browser (Chromium through Playwright): logging in, a wrong password, the
lockout, the queue, a worker refused another grid's ticket, a CSRF refusal, the phone-sized layout.
Screenshots are kept in test-artifacts/desk/."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db.models import OutboxMessage
from tests.desk.browser import browser, log_in, shot
from tests.desk.conftest import PASSWORD, Desk

__all__ = ["browser"]


def base(desk: Desk) -> str:
    return str(desk.client.make_url(desk.root)).rstrip("/")


async def test_login_wrong_password_and_lockout(desk: Desk, browser: Any, backend: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await log_in(page, base(desk), "赵敏", "wrong-password")
    assert await page.get_by_role("alert").inner_text() == "用户名或密码不正确"
    await shot(page, f"login-wrong-password-{backend}")
    for _ in range(4):
        await log_in(page, base(desk), "赵敏", "wrong-password")
    assert "锁定" in await page.get_by_role("alert").inner_text()
    await log_in(page, base(desk), "赵敏", PASSWORD)  # even the right one waits now
    assert "15分钟后再试" in await page.get_by_role("alert").inner_text()
    await shot(page, f"login-locked-{backend}")


async def test_queue_and_ticket_and_csrf(desk: Desk, browser: Any, backend: str) -> None:
    w = desk.world
    number = await w.file("3栋2单元楼道灯坏了一个星期，晚上很黑", contact_phone="13812345678")
    other = await w.file("阳光花园7栋垃圾站好几天没清运", grid="B", category="环境卫生")
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await log_in(page, base(desk), "赵敏", PASSWORD)
    await page.wait_for_selector(f'tr[data-number="{number}"]')
    assert await page.locator("tr[data-number]").count() == 2
    await page.wait_for_selector("#live-state:has-text('实时')")
    await shot(page, f"queue-{backend}")

    await page.get_by_role("link", name=number).click()
    await page.wait_for_selector("h1:has-text('工单')")
    assert "138****5678" in await page.locator("#phone").inner_text()
    await page.get_by_role("button", name="显示电话").click()
    assert await page.locator("#phone").inner_text() == "13812345678"
    await shot(page, f"ticket-{backend}")

    # a forged request from a script without the token
    status = await page.evaluate(
        """async (url) => (await fetch(url, {method: 'POST', body: new URLSearchParams({note: 'x'}),
                                             credentials: 'same-origin'})).status""",
        f"{base(desk)}/tickets/{number}/note")
    assert status == 403

    # a grid worker: their grid's ticket yes, the other grid's is "not found"
    worker = await browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    await log_in(worker, base(desk), "张伟", PASSWORD)
    await worker.wait_for_selector(f'tr[data-number="{number}"]')
    assert await worker.locator(f'tr[data-number="{other}"]').count() == 0
    await shot(worker, f"queue-worker-phone-{backend}")
    response = await worker.goto(f"{base(desk)}/tickets/{other}")
    assert response is not None and response.status == 404
    assert "没有找到" in await worker.locator("main").inner_text()
    await shot(worker, f"worker-refused-{backend}")


async def test_assign_to_a_named_worker_and_a_stale_form(desk: Desk, browser: Any, backend: str) -> None:
    w = desk.world
    number = await w.file("幸福里小区5栋水管漏水，楼道全是水", contact_phone="13812345678")
    page = await browser.new_page(viewport={"width": 1280, "height": 1000})
    await log_in(page, base(desk), "赵敏", PASSWORD)
    await page.goto(f"{base(desk)}/tickets/{number}")
    await page.get_by_text("指派给个人").click()
    await page.get_by_label("处理人", exact=True).select_option(label="李娜")
    await page.locator("#worker-note").fill("今天下午前到场")
    await shot(page, f"assign-worker-form-{backend}")
    await page.get_by_role("button", name="指派", exact=True).click()
    await page.wait_for_selector(".flash")
    assert "已指派李娜处理" in await page.locator(".flash").inner_text()
    assert "指派李娜处理：今天下午前到场" in await page.locator("main").inner_text()
    await shot(page, f"assign-worker-done-{backend}")

    # another desk changes the ticket while this form is open: the form says so
    await page.get_by_text("改派给其他人").click()
    await page.get_by_label("处理人", exact=True).select_option(label="张伟")
    await w.app.tickets.add_progress(number, w.actor(w.worker2), "已到现场")
    await page.get_by_role("button", name="指派", exact=True).click()
    await page.wait_for_selector("#action-assign_worker .error")
    assert "已被其他人更新" in await page.locator("#action-assign_worker .error").inner_text()
    await shot(page, f"assign-worker-stale-{backend}")


async def test_assign_to_a_worker_of_another_grid(desk: Desk, browser: Any, backend: str) -> None:
    """From the ticket page a dispatcher gives grid A's ticket to 王强 of grid B: the ticket moves to
    B, 王强 is told in his own chat (the outbox row to his address) and finds it on his desk."""
    w = desk.world
    number = await w.file("幸福里小区2栋门口井盖松动", contact_phone="13812345678")
    page = await browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    await log_in(page, base(desk), "赵敏", PASSWORD)
    await page.goto(f"{base(desk)}/tickets/{number}")
    await page.get_by_text("指派给个人").click()
    worker = page.get_by_label("处理人", exact=True)
    groups = await worker.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert groups == ["幸福里网格", "阳光花园网格（改派到该网格）"]
    await worker.select_option(label="王强")
    await page.locator("#worker-note").fill("阳光花园网格的王强离得近")
    await shot(page, f"assign-other-grid-form-phone-{backend}")
    await page.get_by_role("button", name="指派", exact=True).click()
    await page.wait_for_selector(".flash")
    assert "已指派王强处理" in await page.locator(".flash").inner_text()
    assert "阳光花园网格" in await page.locator("main dl").first.inner_text()
    await shot(page, f"assign-other-grid-done-phone-{backend}")
    async with w.app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.address == "w3"))).scalars().all()
    assert any("调度指派您处理工单" in str(r.payload) and number in str(r.payload) for r in rows)

    other = await browser.new_page(viewport={"width": 390, "height": 844})
    await log_in(other, base(desk), "王强", PASSWORD)
    await other.wait_for_selector(f'tr[data-number="{number}"]')
    await other.goto(f"{base(desk)}/tickets/{number}")
    assert "王强" in await other.locator("main dl").first.inner_text()
