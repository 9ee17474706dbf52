"""End to end over loopback: WeChat posts signed, encrypted XML to the running webhook; replies
are decrypted and read; the outbox is delivered through the real senders to a local WeChat API and
WeCom robot; a worker bound on WeChat resolves; the resident's updates and survey arrive through
the path the 48-hour window allows."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.adapters.wechat.templates import parse_templates
from bot.app import App
from core.clock import ManualClock
from core.db.models import OutboxMessage, Ticket
from core.enums import Status
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_robot import FakeWeComRobot
from tests.wechat.conftest import Running, drain
from tests.wechat.platform import Answer
from tests.wechat.tiny_dialogs import TinyDialogs
from tests.world import World

RESIDENT, WORKER = "oRes1dent0000000000000001", "oW0rker00000000000000001"


def number_in(text: str) -> str | None:
    """The ticket number a reply quotes."""
    found = re.search(r"\d{6}-\d{4,6}", text)
    return found.group() if found else None


class Chat:
    """A person writing to the Official Account: WeChat notes that they wrote (its own window)
    and posts the message to our webhook."""

    def __init__(self, running: Running, api: FakeWeChatAPI, openid: str) -> None:
        self.running, self.api, self.openid = running, api, openid

    async def say(self, text: str) -> Answer:
        self.api.user_wrote(self.openid)
        answer = await self.running.platform.post(self.running.platform.text(self.openid, text))
        assert answer.status == 200, answer.body
        return answer


async def _status(app: App, number: str) -> str:
    async with app.db.transaction() as s:
        return (await s.execute(select(Ticket.status).where(Ticket.number == number))).scalar_one()


async def _rows(app: App, openid: str) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(OutboxMessage).where(OutboxMessage.address == openid)
                                     .order_by(OutboxMessage.id))).scalars())


async def test_file_work_resolve_and_rate_across_the_48_hour_window(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, robot: FakeWeComRobot,
        clock: ManualClock) -> None:
    await app.directory.set_wecom("A", robot.url("ROBOT-A"))
    resident, worker = Chat(running, wechat_api, RESIDENT), Chat(running, wechat_api, WORKER)

    filed = await resident.say("3栋2单元楼道灯坏了一个星期")
    number = number_in(filed.text)
    assert number and "已受理" in filed.text
    assert filed.reply is not None and filed.reply["ToUserName"] == RESIDENT

    outcomes = await drain(app)
    assert ("wecom", "assignment", "sent") in [(c, p, r.outcome) for c, p, r in outcomes]
    [card] = robot.texts("ROBOT-A")
    assert number in card and "138****5678" in card and "13812345678" not in card
    assert f"接单 {number}" in card
    assert any("已派给" in t for t in wechat_api.texts_to(RESIDENT))  # inside the window: a push

    # the worker binds their own WeChat once, then acts by writing
    _, code = await app.directory.staff_invite(str(world.worker.id))
    assert "绑定成功：张伟" in (await worker.say(f"绑定 {code}")).text
    assert "接单成功" in (await worker.say(f"接单 {number}")).text
    await drain(app)
    assert any("已由工作人员张师傅接单" in t for t in wechat_api.texts_to(RESIDENT))
    assert any("13812345678" in t for t in wechat_api.texts_to(WORKER))  # the claimer's private copy

    # two days later the resident has not written: their window is shut
    clock.advance(hours=49)
    assert "办结成功" in (await worker.say(f"办结 {number} 已更换灯具，楼道恢复照明")).text
    pushed_before = len(wechat_api.texts_to(RESIDENT))
    outcomes = await drain(app)
    deferred = [(p, r.reason) for c, p, r in outcomes if c == "wechat" and r.outcome == "deferred"]
    assert [p for p, _ in deferred] == ["resolution", "survey"]
    assert all("48-hour" in reason for _, reason in deferred)
    assert len(wechat_api.texts_to(RESIDENT)) == pushed_before  # nothing tried against WeChat's rules
    assert [r.status for r in await _rows(app, RESIDENT)][-2:] == ["deferred", "deferred"]

    # the resident writes again: the kept updates come first, the survey as numbered options
    answer = await resident.say("你好")
    assert answer.text.startswith("📬 您有 2 条工单进展")
    assert "已办结" in answer.text and "已更换灯具" in answer.text
    assert "1. 满意\n2. 基本满意\n3. 不满意" in answer.text
    assert answer.text.rstrip().endswith("您好，请问有什么可以帮您？")
    assert [r.status for r in await _rows(app, RESIDENT)][-2:] == ["sent", "sent"]

    rated = await resident.say("1")
    assert "感谢评价（满意）" in rated.text
    assert await _status(app, number) == Status.CLOSED


async def test_outside_the_window_a_configured_template_carries_the_update(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, clock: ManualClock) -> None:
    sender = app.senders["wechat"]
    sender.templates = parse_templates({  # type: ignore[attr-defined]
        "resolution": {"id": "TPL-DONE", "fields": {"character_string1": "number", "thing2": "text",
                                                     "time3": "time"}},
        "survey": "TPL-SURVEY",
    })
    wechat_api.template_ids = {"TPL-DONE", "TPL-SURVEY"}
    resident, worker = Chat(running, wechat_api, RESIDENT), Chat(running, wechat_api, WORKER)
    number = number_in((await resident.say("电梯按钮失灵，按了没反应")).text)
    assert number
    _, code = await app.directory.staff_invite(str(world.worker.id))
    await worker.say(f"绑定 {code}")
    await worker.say(f"接单 {number}")
    await drain(app)
    clock.advance(hours=50)
    await worker.say(f"办结 {number} 已更换按钮面板")
    outcomes = {p: r for c, p, r in await drain(app) if c == "wechat" and p in ("resolution", "survey")}
    assert outcomes["resolution"].outcome == "sent" and "template" in outcomes["resolution"].reason
    # a template cannot carry options: it asks the resident to write, the survey waits for that
    assert outcomes["survey"].outcome == "deferred" and "notice sent" in outcomes["survey"].reason
    done, survey = wechat_api.sent("message/template/send")
    assert done["template_id"] == "TPL-DONE" and done["touser"] == RESIDENT
    assert done["data"]["character_string1"]["value"] == number
    assert len(done["data"]["thing2"]["value"]) <= 20
    assert survey["template_id"] == "TPL-SURVEY" and survey["data"]["keyword1"]["value"] == number

    answer = await resident.say("在吗")
    assert answer.text.startswith("📬 您有 1 条工单进展") and "1. 满意" in answer.text
    assert "感谢评价（基本满意）" in (await resident.say("基本满意")).text


async def test_events_media_and_location_reach_the_dialogs(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI) -> None:
    p = running.platform
    welcome = await p.post(p.event(RESIDENT, "subscribe"))
    assert "感谢关注" in welcome.text and "tiny：欢迎" in welcome.text
    assert dialogs.seen[-1].command == "start"

    assert "选择了 m:my" in (await p.post(p.event(RESIDENT, "CLICK", "MY_TICKETS"))).text
    assert dialogs.seen[-1].choice == "m:my"  # the dialogs' own menu key
    assert "tiny：help" in (await p.post(p.event(RESIDENT, "CLICK", "HELP"))).text

    photo = await p.post(p.image(RESIDENT, "MEDIA-123", "http://mmbiz.qpic.cn/abc/0"))
    assert "收到1张照片" in photo.text
    [ref] = dialogs.seen[-1].photos
    assert (ref.channel, ref.media_id, ref.url) == ("wechat", "MEDIA-123", "http://mmbiz.qpic.cn/abc/0")

    place = await p.post(p.location(RESIDENT, 30.274085, 120.155070, "幸福里小区3栋"))
    assert "收到位置：幸福里小区3栋" in place.text
    point = dialogs.seen[-1].location
    assert (point.lat, point.lng, point.label) == (30.274085, 120.15507, "幸福里小区3栋")

    heard = await p.post(p.voice(RESIDENT, "楼下水管爆了"))
    assert "已受理" in heard.text and dialogs.seen[-1].text == "楼下水管爆了"
    unheard = await p.post(p.voice(RESIDENT, None))
    assert "请打字" in unheard.text
    assert dialogs.seen[-1].text == "楼下水管爆了"  # the unreadable voice never reached the dialogs

    # a location report (not a message) is answered with silence
    report = await p.post(p.event(RESIDENT, "LOCATION"))
    assert (report.status, report.body) == (200, "success")


async def test_numbered_options_come_back_as_choice_keys_until_the_next_question(
        app: App, running: Running, dialogs: TinyDialogs) -> None:
    p = running.platform
    shown = await p.post(p.text(RESIDENT, "选水果"))
    assert "1. 苹果\n2. 香蕉\n请回复数字 1-2 选择" in shown.text
    await p.post(p.text(RESIDENT, "２"))  # full-width, as some keyboards type it
    assert dialogs.seen[-1].choice == "fruit:b"
    await p.post(p.text(RESIDENT, "选水果"))
    await p.post(p.text(RESIDENT, "苹果。"))
    assert dialogs.seen[-1].choice == "fruit:a"
    await p.post(p.text(RESIDENT, "你好"))  # an answer without options…
    await p.post(p.text(RESIDENT, "2"))  # …so "2" is text now (an answer to whatever was asked)
    assert dialogs.seen[-1].choice is None and dialogs.seen[-1].text == "2"


async def test_words_too_long_for_an_option_skip_reading_the_options_yet_clear_them(
        app: App, world: World, running: Running, dialogs: TinyDialogs) -> None:
    """A message longer than any option's label is never a choice, and its answer still replaces
    the options shown. No statement of their own reads them for a person already known: in the
    database's kv table they come with the statement that notes the person wrote (in Redis, they
    are not read for such a message)."""
    p = running.platform
    running.webhook.budget = 30.0  # the filing answers passively even on a busy machine
    options = running.webhook.options
    recalled: list[str] = []
    read = options.recall

    async def recall(openid: str, **kwargs: Any) -> dict[str, str]:
        recalled.append(openid)
        return await read(openid, **kwargs)

    options.recall = recall  # type: ignore[method-assign]  # the real store, its reads counted
    assert "1. 苹果" in (await p.post(p.text(RESIDENT, "选水果"))).text
    # read on its own only from Redis, where the message's words could choose one
    assert len(recalled) == (0 if options.in_database else 1)
    assert await options.store.get(options.key(RESIDENT)) is not None
    long = "三号楼二单元的楼道灯坏了一个星期，晚上很黑"
    assert len(long) > 20
    assert "已受理" in (await p.post(p.text(RESIDENT, long))).text
    assert len(recalled) == (0 if options.in_database else 1) and dialogs.seen[-1].choice is None
    assert await options.store.get(options.key(RESIDENT)) is None  # the options went with the answer
    await p.post(p.text(RESIDENT, "2"))
    assert len(recalled) == (0 if options.in_database else 2)
    assert dialogs.seen[-1].choice is None and dialogs.seen[-1].text == "2"


async def test_a_long_answer_is_split_and_the_rest_pushed(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    chat = Chat(running, wechat_api, RESIDENT)
    await chat.say("你好")  # the identity exists (and its window is open) after a first ticket-less hello
    await chat.say("报修：楼顶漏水")
    answer = await chat.say("长消息")
    assert len(answer.text.encode()) <= 2000
    outcomes = await drain(app)
    replies = [r for c, p, r in outcomes if p == "reply"]
    assert replies and all(r.outcome == "sent" for r in replies)
    pushed = [t for t in wechat_api.texts_to(RESIDENT) if "工单" not in t]
    assert answer.text + "".join(pushed) == ("很长的一段话。" * 400)


async def test_unsubscribe_stops_pushes_and_subscribing_again_resumes(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    chat = Chat(running, wechat_api, RESIDENT)
    number = number_in((await chat.say("垃圾站好几天没清运")).text)
    assert number
    await drain(app)
    bye = await running.platform.post(running.platform.event(RESIDENT, "unsubscribe"))
    assert bye.body == "success"
    wechat_api.unsubscribed.add(RESIDENT)
    await app.tickets.claim(number, world.actor(world.worker))
    # the notifier no longer writes to an unsubscribed identity
    assert not [r for r in await _rows(app, RESIDENT) if r.purpose == "claimed"]

    wechat_api.unsubscribed.discard(RESIDENT)
    await running.platform.post(running.platform.event(RESIDENT, "subscribe"))
    await app.tickets.add_progress(number, world.actor(world.worker), "已安排清运车")
    outcomes = [(p, r.outcome) for c, p, r in await drain(app) if c == "wechat"]
    assert ("progress", "sent") in outcomes
