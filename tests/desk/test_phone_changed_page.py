"""A ticket whose phone was given or changed after filing (every emergency is filed before its phone is asked, since
the seventeenth session) opens on the desk: its page failed with KeyError ('EventType', 'phone_changed')."""

from __future__ import annotations

from tests.desk.conftest import Desk
from tests.desk.test_ticket import page


async def test_the_page_of_a_ticket_whose_phone_changed_opens(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.app.tickets.change_phone(number, await desk.world.resident(), "换个号码 13900001111")
    await desk.logged_in()
    status, html = await page(desk, number)
    assert status == 200 and "更新电话" in html and "13900001111" not in html
