"""Deep pages: a page number typed into the address is read with OFFSET only within the counted rows;
deeper, the queue says so and offers 跳到日期, a keyset seek as cheap at any depth as 下一页."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from core.db.models import Ticket
from core.service import queue
from tests.desk.conftest import Desk
from tests.desk.test_queue import follow, numbers


@contextmanager
def row_reads(desk: Desk) -> Iterator[list[tuple[str, Any]]]:
    """The queries reading the queue's rows (not the counts) the desk runs meanwhile, with parameters."""
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, sql: str, params: Any, *args: Any) -> None:
        if "TICKETS.DESCRIPTION" in sql.upper():
            seen.append((sql.upper(), params))

    engine = desk.app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def three_days(desk: Desk) -> dict[date, list[str]]:
    """Three tickets filed on each of three days (local dates), each due a day later."""
    filed: dict[date, list[str]] = {}
    for day in range(3):
        for n in range(3):
            number = await desk.world.file(f"第{day}天第{n}个：路灯不亮")
            filed.setdefault(desk.app.clock.now().astimezone(desk.app.tz).date(), []).append(number)
            desk.app.clock.advance(minutes=10)  # type: ignore[attr-defined]
        desk.app.clock.advance(hours=24)  # type: ignore[attr-defined]
    return filed


async def due(desk: Desk) -> dict[str, date]:
    async with desk.app.db.transaction() as s:
        rows = await s.execute(select(Ticket.number, Ticket.due_at))
        return {n: at.astimezone(desk.app.tz).date() for n, at in rows}


async def test_a_typed_page_past_the_count_is_not_read(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue, "COUNT_CAP", 4)
    for n in range(7):
        await desk.world.file(f"第{n}个问题：路灯不亮")
    desk.component.deps.settings = desk.component.deps.settings.__class__(page_size=2)
    await desk.logged_in()
    everything = (await numbers(desk, "?page=1")) + (await numbers(desk, "?page=2"))
    assert len(everything) == 4  # the counted pages are read as ever
    with row_reads(desk) as reads:
        response = await desk.client.get(desk.root + "/?page=3")
    page = html.unescape(await response.text())
    assert response.status == 200 and not re.findall(r'<tr data-number="', page)
    assert "第 3 页太深，不能直接打开：输入页码最多到第 2 页（前 4 件）" in page
    assert 'href="#from"' in page and "?page=2" in page and "没有符合条件的工单" not in page
    assert "<b data-total>4+</b>" in page  # the cap stays honest: no page count is made up
    assert reads == []  # no rows read, so no walk over the rows before it
    # past the counted rows by the links: 下一页 goes on as before, whatever page it is
    rows, links = await follow(desk, "?page=2")
    deeper, links = await follow(desk, links["next"])
    assert len(deeper) == 2 and not set(deeper) & set(everything)
    assert "page=2&" in links["prev"] and "page=4&" in links["next"]


async def test_jump_to_a_date(desk: Desk) -> None:
    filed = await three_days(desk)
    first, second, third = sorted(filed)
    await desk.logged_in()
    due_on = await due(desk)
    everything = await numbers(desk)
    # by deadline: the tickets due from that day on, in order, with no OFFSET at any depth
    with row_reads(desk) as reads:
        rows, links = await follow(desk, f"?from={second + timedelta(days=1)}")
    assert rows == [n for n in everything if due_on[n] >= second + timedelta(days=1)] and rows
    [(sql, params)] = reads  # a seek from the sort key: no OFFSET (SQLite writes one, always 0)
    assert "(TICKETS.DUE_AT, TICKETS.ID) >" in sql
    assert "OFFSET" not in sql or params[-1] == 0
    page = (await (await desk.client.get(desk.root + f"/?from={second + timedelta(days=1)}")).text())
    assert f"到期日自 {second + timedelta(days=1)}" in page and 'value="' + str(second + timedelta(days=1)) in page
    assert "第 " not in page.split('id="queue-summary"')[1].split("</p>")[0]  # its page number is not known
    # 上一页 leads to the rows before the jump, and from the first of them the page is 1 again
    assert "prev" in links and "from=" not in links["prev"]
    back, back_links = await follow(desk, links["prev"])
    assert back == [n for n in everything if due_on[n] < second + timedelta(days=1)][-len(back):]
    # newest first: the tickets filed on that day or before
    rows, links = await follow(desk, f"?sort=newest&from={second}")
    assert rows == list(reversed(filed[first] + filed[second]))
    assert "prev" in links  # the third day's tickets are before it
    rows, links = await follow(desk, f"?sort=newest&from={third}")
    assert rows == list(reversed(filed[first] + filed[second] + filed[third])) and "prev" not in links
    page = await (await desk.client.get(desk.root + f"/?sort=newest&from={third}")).text()
    assert "受理日截至" in page
    # a date that is not one: the field is named
    response = await desk.client.get(desk.root + "/?from=2026-13-01")
    assert response.status == 400 and "日期不正确" in await response.text()
