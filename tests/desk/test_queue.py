"""The queue: filters, search, pages and counts, and what a grid worker may see."""

from __future__ import annotations

import re

from core.enums import Urgency
from tests.desk.conftest import Desk

ROW = re.compile(r'<tr data-number="([^"]+)"')


async def numbers(desk: Desk, query: str = "") -> list[str]:
    response = await desk.client.get(desk.root + "/" + query)
    assert response.status == 200, await response.text()
    assert response.url.path != desk.root + "/login"
    return ROW.findall(await response.text())


async def test_queue_lists_open_tickets_by_deadline(desk: Desk) -> None:
    w = desk.world
    a = await w.file("3栋楼道灯坏了")
    b = await w.file("厨房有很大的煤气味", urgency=Urgency.EMERGENCY, category="安全管理")
    await desk.logged_in()
    assert await numbers(desk) == [b, a]  # the emergency's deadline is nearest
    assert (await numbers(desk, "?sort=newest"))[0] == b


async def test_filters_and_counts(desk: Desk) -> None:
    w = desk.world
    a = await w.file("3栋楼道灯坏了")
    b = await w.file("阳光花园垃圾没清运", grid="B", category="环境卫生")
    c = await w.file("不知道找谁", grid=None, category="其他")
    await desk.logged_in()
    assert await numbers(desk, "?grid=B") == [b]
    assert await numbers(desk, "?grid=-") == [c]
    assert await numbers(desk, "?category=环境卫生") == [b]
    assert set(await numbers(desk, "?dispatch=1")) == {c}
    assert await numbers(desk, "?status=submitted") == [c]
    desk.app.clock.advance(hours=30)  # type: ignore[attr-defined]
    await desk.logged_in()  # the session lapsed meanwhile
    overdue = await numbers(desk, "?overdue=1")
    assert set(overdue) >= {a, b}
    page = await (await desk.client.get(desk.root + "/")).text()
    assert re.search(r'data-count="open">3<', page)
    assert re.search(r'data-count="dispatch">1<', page)


async def test_search_by_number_phone_and_words(desk: Desk) -> None:
    w = desk.world
    a = await w.file("3栋楼道灯坏了", contact_phone="13800001234")
    b = await w.file("垃圾桶满了没人清", contact_phone="13900005678", category="环境卫生")
    await desk.logged_in()
    assert await numbers(desk, f"?q={a}") == [a]
    assert await numbers(desk, "?q=5678") == [b]
    assert await numbers(desk, "?q=楼道 灯") == [a]
    assert await numbers(desk, "?q=100%25") == []  # a % is a character, not a wildcard


async def test_pages(desk: Desk) -> None:
    w = desk.world
    for n in range(12):
        await w.file(f"第{n}个问题：路灯不亮")
    desk.component.deps.settings = desk.component.deps.settings.__class__(page_size=10)
    await desk.logged_in()
    first = await numbers(desk)
    second = await numbers(desk, "?page=2")
    assert len(first) == 10 and len(second) == 2 and not set(first) & set(second)


async def test_bad_filter_names_the_field(desk: Desk) -> None:
    await desk.logged_in()
    response = await desk.client.get(desk.root + "/?status=nonsense")
    assert response.status == 400
    assert "状态不正确" in await response.text()
    assert (await desk.client.get(desk.root + "/?page=abc")).status == 400


async def test_worker_sees_only_their_grids(desk: Desk) -> None:
    w = desk.world
    a = await w.file("3栋楼道灯坏了")
    await w.file("阳光花园垃圾没清运", grid="B", category="环境卫生")
    await desk.logged_in("张伟")
    assert await numbers(desk) == [a]
    assert await numbers(desk, "?grid=B") == []
    page = await (await desk.client.get(desk.root + "/")).text()
    assert re.search(r'data-count="open">1<', page)
