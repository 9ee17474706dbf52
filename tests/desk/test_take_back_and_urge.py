"""The ticket page's 解除紧急 and 催办 (desk30) over HTTP: shown where they apply, CSRF-protected, each one call of
core's service recorded as the staff member's event and shown in the history; refusals in words beside the action."""

from __future__ import annotations

from core.enums import EventType, Kind, Urgency
from tests.desk.conftest import Desk
from tests.desk.test_ticket import events, page, version


async def _emergency(desk: Desk) -> str:
    return await desk.world.file("电梯里有人被困 按铃没人应", urgency=Urgency.EMERGENCY, kind=Kind.HELP,
                                 emergency_triggers=("居民确认有危险",))


async def test_take_back_an_emergency_from_the_ticket_page(desk: Desk) -> None:
    number = await _emergency(desk)
    await desk.logged_in()
    _, html = await page(desk, number)
    assert f'action="/desk/tickets/{number}/downgrade"' in html and "核实情况" in html
    response = await desk.post(f"/tickets/{number}/downgrade",
                               {"checked": "回电核实，人已自行出来", "version": await version(desk, number)})
    assert response.status == 303
    (ev,) = [e for e in await events(desk, number) if e.type == EventType.DOWNGRADED]
    assert ev.actor_staff_id == desk.world.dispatcher.id
    _, html = await page(desk, number)
    assert "已解除紧急" in html  # the flash
    assert "调度员赵敏解除紧急" in html and "人已自行出来" in html  # the history
    assert f"/tickets/{number}/downgrade" not in html  # no emergency any more: no button


async def test_no_take_back_button_on_an_ordinary_ticket_and_a_post_is_told_why(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    _, html = await page(desk, number)
    assert f"/tickets/{number}/downgrade" not in html
    response = await desk.post(f"/tickets/{number}/downgrade", {"checked": "核实过", "version": await version(desk, number)})
    assert response.status == 400 and "不是紧急工单" in await response.text()


async def test_the_reason_is_required(desk: Desk) -> None:
    number = await _emergency(desk)
    await desk.logged_in()
    response = await desk.post(f"/tickets/{number}/downgrade", {"checked": "", "version": await version(desk, number)})
    assert response.status == 400 and "请填写解除原因" in await response.text()
    assert not [e for e in await events(desk, number) if e.type == EventType.DOWNGRADED]


async def test_a_worker_sees_neither_button_and_is_refused(desk: Desk) -> None:
    number = await _emergency(desk)
    await desk.logged_in("张伟")
    _, html = await page(desk, number)
    assert "/downgrade" not in html and "/urge" not in html
    v = await version(desk, number)
    for action, field in (("downgrade", "checked"), ("urge", "urge_note")):
        response = await desk.post(f"/tickets/{number}/{action}", {field: "试试", "version": v})
        assert response.status == 403 and 'id="refused"' in await response.text()
    kinds = {e.type for e in await events(desk, number)}
    assert EventType.DOWNGRADED.value not in kinds and EventType.REMINDED.value not in kinds


async def test_without_the_csrf_token_nothing_runs(desk: Desk) -> None:
    number = await _emergency(desk)
    await desk.logged_in()
    v = await version(desk, number)
    for action in ("downgrade", "urge"):
        response = await desk.client.post(f"{desk.root}/tickets/{number}/{action}", data={"checked": "x", "version": v},
                                          allow_redirects=False)
        assert response.status == 403
    kinds = {e.type for e in await events(desk, number)}
    assert EventType.DOWNGRADED.value not in kinds and EventType.REMINDED.value not in kinds


async def test_urge_from_the_ticket_page_and_again_too_soon(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in("孙主任")
    _, html = await page(desk, number)
    assert f'action="/desk/tickets/{number}/urge"' in html
    response = await desk.post(f"/tickets/{number}/urge", {"urge_note": "居民又来电", "version": await version(desk, number)})
    assert response.status == 303
    _, html = await page(desk, number)
    assert "已催办" in html and "负责人孙主任催办" in html and "居民又来电" in html
    response = await desk.post(f"/tickets/{number}/urge", {"version": await version(desk, number)})
    assert response.status == 400 and "催办过" in await response.text()
    assert len([e for e in await events(desk, number) if e.type == EventType.REMINDED]) == 1


async def test_no_urge_on_a_closed_or_unrouted_ticket(desk: Desk) -> None:
    unrouted = await desk.world.file(grid=None, category="其他")
    cancelled = await desk.world.file()
    await desk.world.app.tickets.cancel(cancelled, await desk.world.resident(), "不需要了")
    await desk.logged_in()
    for number, said in ((unrouted, "请先派单"), (cancelled, "不能再催办")):
        _, html = await page(desk, number)
        assert f"/tickets/{number}/urge" not in html
        response = await desk.post(f"/tickets/{number}/urge", {"version": await version(desk, number)})
        assert response.status == 400 and said in await response.text()
