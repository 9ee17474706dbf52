"""The WeChat channel with the real conversations (bot/dialogs): a resident files through the
custom menu and numbered options, a worker bound on WeChat claims from the card pushed to them by
answering its number, resolves two days later, and the resident — whose window has shut by then —
gets the resolution and the survey with their next message and rates by number."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.clock import ManualClock
from core.db.models import SurveyAnswer, Ticket
from core.enums import Status
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_robot import FakeWeComRobot
from tests.wechat.conftest import Running, drain
from tests.wechat.platform import Answer
from tests.world import World

RESIDENT, WORKER = "oDialogResident0000000001", "oDialogWorker00000000001"


def number_in(text: str) -> str | None:
    """The ticket number a reply quotes."""
    found = re.search(r"\d{6}-\d{4,6}", text)
    return found.group() if found else None


@pytest.fixture
def dialogs(app: App) -> DialogEngine:
    return app.engine


class Person:
    def __init__(self, running: Running, api: FakeWeChatAPI, openid: str) -> None:
        self.p, self.api, self.openid = running.platform, api, openid

    async def say(self, text: str) -> str:
        self.api.user_wrote(self.openid)
        answer: Answer = await self.p.post(self.p.text(self.openid, text))
        assert answer.status == 200, answer.body
        return answer.text

    async def click(self, key: str) -> str:
        self.api.user_wrote(self.openid)
        return (await self.p.post(self.p.event(self.openid, "CLICK", key))).text


async def test_file_claim_resolve_and_rate_with_the_real_dialogs(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, robot: FakeWeComRobot,
        clock: ManualClock) -> None:
    await app.directory.set_wecom("A", robot.url("ROBOT-A"))
    resident, worker = Person(running, wechat_api, RESIDENT), Person(running, wechat_api, WORKER)

    # the worker binds their WeChat with a one-time code first
    _, code = await app.directory.staff_invite(str(world.worker.id))
    bound = await worker.say(f"绑定 {code}")
    assert "张伟" in bound

    # the resident: welcome with numbered options, the menu's choice by number, then the questions
    wechat_api.user_wrote(RESIDENT)
    welcome = (await running.platform.post(running.platform.event(RESIDENT, "subscribe"))).text
    assert "感谢关注" in welcome and "1. 我要投诉" in welcome and "4. 我的投诉" in welcome
    assert "什么事、在哪里" in await resident.say("1")
    assert "联系电话" in await resident.say("幸福里小区3栋2单元楼道灯坏了一个星期了，晚上很黑")
    readback = await resident.say("13812345678")
    assert "请核对" in readback and "1. 提交" in readback
    filed = await resident.say("1")
    number = number_in(filed)
    assert number and "幸福里网格" in filed

    outcomes = [(c, p, r.outcome) for c, p, r in await drain(app)]
    assert ("wecom", "assignment", "sent") in outcomes
    assert ("wechat", "assignment", "sent") in outcomes  # the card, pushed to the bound worker
    # the reply to 提交 named the grid and the deadline: no second notice saying the same (#14)
    assert ("wechat", "assigned", "sent") not in outcomes
    assert not [t for t in wechat_api.texts_to(RESIDENT) if "已派给" in t]
    [card] = [t for t in wechat_api.texts_to(WORKER) if number in t]
    assert "1. 接单\n2. 退回" in card and "138****5678" in card
    [robot_card] = robot.texts("ROBOT-A")
    assert f"接单 {number}" in robot_card

    # the worker answers the pushed card by its number
    claimed = await worker.say("1")
    assert number in claimed
    async with app.db.transaction() as s:
        assert (await s.execute(select(Ticket.status).where(Ticket.number == number))).scalar_one() == Status.ACCEPTED
    await drain(app)
    assert any("张师傅" in t for t in wechat_api.texts_to(RESIDENT))

    # two days on: the resident's window has shut; the worker resolves by typing
    clock.advance(hours=50)
    await worker.say(f"办结 {number} 已更换灯具，楼道恢复照明")
    deferred = [(p, r.reason) for c, p, r in await drain(app) if c == "wechat" and r.outcome == "deferred"]
    assert [p for p, _ in deferred] == ["resolution", "survey"]

    # their next message brings both, the survey numbered; they rate by number
    back = await resident.say("你好")
    assert back.startswith("📬 您有 2 条工单进展") and "已更换灯具" in back
    assert "1. 满意\n2. 基本满意\n3. 不满意" in back
    thanks = await resident.say("1")
    assert "感谢" in thanks
    async with app.db.transaction() as s:
        answer = (await s.execute(select(SurveyAnswer))).scalar_one()
        status = (await s.execute(select(Ticket.status).where(Ticket.number == number))).scalar_one()
    assert answer.rating == "satisfied" and status == Status.CLOSED


async def test_menu_clicks_reach_the_dialogs(app: App, world: World, running: Running,
                                             wechat_api: FakeWeChatAPI) -> None:
    resident = Person(running, wechat_api, RESIDENT)
    assert "什么事、在哪里" in await resident.click("COMPLAIN")
    assert "使用说明" in await resident.click("HELP")
    mine = await resident.click("MY_TICKETS")
    assert mine and "使用说明" not in mine


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_serve_runs_the_webhook_and_the_sender_loop_together(
        app: App, world: World, wechat_api: FakeWeChatAPI, clock: ManualClock) -> None:
    """`serve` as configured: the webhook from WECHAT_TOKEN, the WeChat and WeCom senders from the
    App, drained by the follow-through sender loop — no test helper in between."""
    import asyncio
    import socket

    from bot.server import components_for, serve
    from core.db.migrate import upgrade
    from tests.wechat.conftest import APP_ID, TOKEN
    from tests.wechat.platform import WeChatPlatform

    await upgrade(app.db)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    parts = components_for(app)
    assert {"wechat", "sender"} <= {c.name for c in parts}
    stop = asyncio.Event()
    server = asyncio.create_task(serve(app, "127.0.0.1", port, stop_event=stop, components=parts))
    platform = WeChatPlatform(f"http://127.0.0.1:{port}/wechat", token=TOKEN, app_id=APP_ID,
                              aes_key=app.settings.wechat.aes_key, clock=clock)
    try:
        for _ in range(100):  # up once the webhook answers (an empty post: 400)
            try:
                await platform.post_raw({}, b"")
                break
            except OSError:
                await asyncio.sleep(0.05)
        async def say(text: str) -> str:
            wechat_api.user_wrote(RESIDENT)
            answer = await platform.post(platform.text(RESIDENT, text))
            assert answer.status == 200
            return answer.text

        _, code = await app.directory.staff_invite(str(world.worker.id))
        wechat_api.user_wrote(WORKER)
        assert "张伟" in (await platform.post(platform.text(WORKER, f"绑定 {code}"))).text
        assert "什么时候开始" in await say("幸福里小区3栋2单元楼道灯坏了，电话13812345678")
        assert "1. 提交" in await say("3")  # 好几天了 → the read-back
        filed = await say("1")
        number = number_in(filed)
        assert "已提交" in filed and number
        # the card pushed to the grid's worker bound on WeChat: the sender loop delivered it
        for _ in range(200):
            if any(number in t for t in wechat_api.texts_to(WORKER)):
                break
            await asyncio.sleep(0.05)
        assert any(number in t for t in wechat_api.texts_to(WORKER))
    finally:
        await platform.close()
        stop.set()
        await asyncio.wait_for(server, 30)
