"""解除紧急 and 催办 on the ticket page in a real browser (desk30): a dispatcher opens an emergency, takes it back
with what the call found, urges the grid, and is told when a second urge comes too soon. Screenshots before and
after in test-artifacts/desk/."""

from __future__ import annotations

from typing import Any

from core.enums import Kind, Urgency
from tests.desk.browser import browser, log_in, shot
from tests.desk.conftest import PASSWORD, Desk
from tests.desk.test_browser import base

__all__ = ["browser"]


async def test_take_back_and_urge_by_clicking(desk: Desk, browser: Any, backend: str) -> None:
    w = desk.world
    number = await w.file("3栋地下车库有很浓的煤气味", urgency=Urgency.EMERGENCY, kind=Kind.HELP,
                          emergency_triggers=("煤气",))
    page = await browser.new_page(viewport={"width": 1280, "height": 1000})
    await log_in(page, base(desk), "赵敏", PASSWORD)
    await page.goto(f"{base(desk)}/tickets/{number}")
    await page.get_by_text("解除紧急", exact=True).first.click()
    await page.get_by_label("核实情况（必填）").fill("回电核实是车库油漆味，物业已到场")
    await shot(page, f"take-back-before-{backend}")
    await page.get_by_role("button", name="解除紧急").click()
    await page.wait_for_selector(".flash")
    assert "已解除紧急" in await page.locator(".flash").inner_text()
    main = await page.locator("main").inner_text()
    assert "调度员赵敏解除紧急" in main and "车库油漆味" in main
    assert await page.locator("#action-downgrade").count() == 0
    await shot(page, f"take-back-after-{backend}")

    await page.locator("#action-urge summary").click()
    await page.get_by_label("催办说明（可选）").fill("居民再次来电询问")
    await page.get_by_role("button", name="催办", exact=True).click()
    await page.wait_for_selector(".flash")
    assert "已催办" in await page.locator(".flash").inner_text()
    assert "调度员赵敏催办：居民再次来电询问" in await page.locator("main").inner_text()
    await shot(page, f"urge-after-{backend}")

    await page.locator("#action-urge summary").click()
    await page.get_by_role("button", name="催办", exact=True).click()
    await page.wait_for_selector("#action-urge .error")
    assert "催办过" in await page.locator("#action-urge .error").inner_text()
    await shot(page, f"urge-too-soon-{backend}")
