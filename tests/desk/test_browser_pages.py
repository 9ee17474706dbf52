"""Every desk page on a phone-sized screen (390 px wide), as a head (who sees them all) opens them:
nothing wider than the screen (a wide table scrolls inside its own box, the page does not), every
form control labelled. Screenshots in test-artifacts/desk/ (pages-*)."""

from __future__ import annotations

from typing import Any

import pytest

from core.service import queue
from tests.desk.browser import browser, log_in, shot
from tests.desk.conftest import PASSWORD, Desk
from tests.desk.test_browser import base

__all__ = ["browser"]

PAGES = {"queue": "/", "queue-deep": "/?page=2000", "intake": "/intake", "followups": "/followups",
         "answers": "/answers", "dashboard": "/dashboard", "admin": "/admin", "calendar": "/admin/calendar"}

# what sticks out of the page: elements whose right edge passes the screen's, outside a scrolling box
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  return [...document.querySelectorAll('main *')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1 && !inScroller(el);
    }).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : '')
             + ' ' + Math.round(el.getBoundingClientRect().right)).slice(0, 10);
}"""

UNLABELLED = """() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map(el => (el.name || el.id || el.tagName))"""


# the layout is the templates' and the stylesheet's: on SQLite only (8 s a database); what the pages
# read is checked on both databases by the other desk tests (test_queue, test_ticket, test_browser …)
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_every_page_fits_a_phone(desk: Desk, browser: Any, backend: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue, "COUNT_CAP", 1)  # so that page 2000 of two tickets is "too deep"
    w = desk.world
    number = await w.file("幸福里小区3栋2单元楼道灯坏了一个星期，晚上很黑", contact_phone="13812345678")
    await w.file("阳光花园7栋垃圾站好几天没清运", grid="B", category="环境卫生")
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    await log_in(page, base(desk), "孙主任", PASSWORD)
    problems: dict[str, Any] = {}
    for name, path in {**PAGES, "ticket": f"/tickets/{number}"}.items():
        response = await page.goto(base(desk) + path)
        assert response is not None and response.status == 200, (name, response and response.status)
        await page.wait_for_load_state("networkidle")
        for details in await page.locator("main details").all():  # the actions' forms open, as when used
            await details.evaluate("d => d.open = true")
        wide, unlabelled = await page.evaluate(OVERFLOW), await page.evaluate(UNLABELLED)
        if wide or unlabelled:
            problems[name] = {"wider than the screen": wide, "unlabelled": unlabelled}
        await shot(page, f"pages-{name}-phone-{backend}")
        if name == "queue":  # a row is a card on a phone: its address and deadline say what they are
            labels = await page.locator("td[data-label]").evaluate_all(
                "tds => tds.map(td => getComputedStyle(td, '::before').content)")
            assert labels[:2] == ['"地址："', '"时限："'], labels
        if name == "queue-deep":
            assert "第 2000 页太深" in await page.locator("#too-deep").inner_text()
            assert await page.locator("#queue-summary").inner_text() == "共 1+ 件"
    assert problems == {}
