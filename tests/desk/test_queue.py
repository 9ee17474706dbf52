"""The queue: filters, search, pages and counts, and what a grid worker may see."""

from __future__ import annotations

import html
import re

import pytest

from core.enums import Urgency
from core.service import queue
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


PAGER = re.compile(r'<a rel="(next|prev)" href="\?([^"]+)"')


async def follow(desk: Desk, query: str) -> tuple[list[str], dict[str, str]]:
    """The numbers on a page and its pager's links (rel → query string)."""
    response = await desk.client.get(desk.root + "/" + query)
    assert response.status == 200, await response.text()
    page = await response.text()
    return ROW.findall(page), {rel: "?" + html.unescape(q) for rel, q in PAGER.findall(page)}


async def test_pages_continue_from_the_last_row_shown(desk: Desk) -> None:
    """Next / previous links carry the row they continue from (keyset), so a ticket filed while
    someone pages through is neither shown twice nor pushes a row off the page unseen."""
    w = desk.world
    for n in range(23):
        await w.file(f"第{n}个问题：路灯不亮")
    settings = desk.component.deps.settings.__class__
    await desk.logged_in()
    for sort in ("", "?sort=newest"):
        desk.component.deps.settings = settings(page_size=50)
        everything = await numbers(desk, sort)
        desk.component.deps.settings = settings(page_size=10)
        first, links = await follow(desk, sort)
        assert "prev" not in links and "after=" in links["next"]
        await w.file("翻页时新来的：路灯不亮", urgency=Urgency.EMERGENCY)  # sorts first either way
        second, links = await follow(desk, links["next"])
        third, last = await follow(desk, links["next"])
        assert first + second + third == everything
        assert "next" not in last and "before=" in last["prev"]
        back, links = await follow(desk, last["prev"])
        assert back == second and "page=1" in links["prev"]
    page = (await (await desk.client.get(desk.root + "/" + links["next"])).text()).replace("\n", "")
    assert "第 3 / 3 页" in page


async def test_a_page_counts_up_to_a_cap(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond COUNT_CAP a page says "more than" instead of counting a million closed tickets."""
    monkeypatch.setattr(queue, "COUNT_CAP", 4)
    w = desk.world
    for n in range(6):
        await w.file(f"第{n}个问题：路灯不亮")
    desk.component.deps.settings = desk.component.deps.settings.__class__(page_size=5)
    await desk.logged_in()
    first, links = await follow(desk, "")
    page = await (await desk.client.get(desk.root + "/")).text()
    assert "<b data-total>4+</b>" in page and "第 1 页" in page
    assert len(first) == 5 and "next" in links
    rest, links = await follow(desk, links["next"])
    assert len(rest) == 1 and "next" not in links
    assert re.search(r'data-count="open">6<', page)  # the filters' counts stay exact


async def test_a_hand_edited_cursor_is_refused(desk: Desk) -> None:
    await desk.logged_in()
    response = await desk.client.get(desk.root + "/?after=2026-01-01T00:00:00%2B00:00~1%20OR%201=1")
    assert response.status == 400
    assert "页码不正确" in await response.text()


async def test_each_filters_count_is_what_the_filter_shows(desk: Desk) -> None:
    """The counts come from one grouped pass: each must equal the total of the page it links to."""
    w = desk.world
    a = await w.file("3栋楼道灯坏了")
    await w.file("阳光花园垃圾没清运", grid="B", category="环境卫生")
    await w.file("不知道找谁", grid=None, category="其他")
    await w.file("厨房有很大的煤气味", urgency=Urgency.EMERGENCY, category="安全管理")
    await desk.app.tickets.flag(a, await w.resident(), "人工")  # type: ignore[attr-defined]
    desk.app.clock.advance(hours=30)  # type: ignore[attr-defined]
    await desk.logged_in()
    page = await (await desk.client.get(desk.root + "/")).text()
    counts = dict(re.findall(r'<a [^>]*href="\?([^"]+)"[^>]*>[^<]*<b[^>]*>(\d+)</b>', page))
    assert {"overdue=1", "dispatch=1", "human=1", "status=assigned", "status=submitted",
            "urgency=emergency"} <= set(counts)
    assert counts["human=1"] == "1" and counts["dispatch=1"] == "2"
    for query, count in counts.items():
        shown = await (await desk.client.get(desk.root + "/?" + html.unescape(query))).text()
        assert f"<b data-total>{count}</b>" in shown, query
