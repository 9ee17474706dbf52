"""The Telegram channel under test: the fake Bot API server, the app wired to it, `serve` running
the Telegram component in polling or webhook mode, and a community with Telegram identities."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace

import aiohttp
import pytest

from bot.adapters.telegram import TelegramComponent, TelegramSender, make_bot
from bot.app import App, build_app, telegram_component
from bot.server import components_for, serve
from core import messages as m
from core.clock import ManualClock
from core.config import TelegramSettings
from core.delivery import Delivery, DeliveryResult
from core.enums import Role
from tests.fakes.telegram_api import FakeTelegram

TOKEN = "123456789:TEST-token_for-the-fake"
SECRET = "s3cret-Token_for_tests"

RESIDENT, WORKER, WORKER2, OTHER_WORKER, STRANGER, ADMIN, SUPERVISOR = 1001, 2001, 2002, 2003, 3001, 4001, 5001
GROUP_A, GROUP_B, GROUP_SUP, GROUP_DESK = -1001000000001, -1001000000002, -1001000000009, -1001000000005
PHONE = "13812345678"


def virtual_sleep(clock: ManualClock):  # type: ignore[no-untyped-def]
    """Pacing waits in virtual time: the limits are the real ones, the test stays fast."""

    async def sleep(seconds: float) -> None:
        clock.advance(seconds=max(seconds, 0.001))
        await asyncio.sleep(0)

    return sleep


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram(TOKEN)
    await server.start()
    yield server
    await server.close()


class RecordingEngine:
    """The real conversations, with a log of what reached them."""

    def __init__(self, app: App) -> None:
        self.inner = app.engine
        self.seen: list[m.Incoming] = []

    async def handle(self, incoming: m.Incoming) -> list[m.OutMessage]:
        self.seen.append(incoming)
        return await self.inner.handle(incoming)


@dataclass
class Harness:
    app: App
    fake: FakeTelegram
    engine: RecordingEngine
    component: TelegramComponent
    sender: TelegramSender
    clock: ManualClock
    mode: str
    port: int
    stop: asyncio.Event
    task: asyncio.Task[None]

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    async def drain(self) -> list[tuple[Delivery, DeliveryResult, str]]:
        """The real delivery path: lease due rows, take their place in the rate limits (waiting in
        virtual time, as the sender loop comes back when there is room), hand them to the sender,
        record the outcome."""
        done: list[tuple[Delivery, DeliveryResult, str]] = []
        while True:
            items = await self.app.outbox.lease_due("test-sender", channels=["telegram"])
            if not items:
                return done
            for item in items:
                while (wait := await self.sender.limiter.acquire(self.sender.limits(item))) > 0:
                    self.clock.advance(seconds=wait)
                result = await self.sender.deliver(item)
                status = await self.app.outbox.record(item, result, worker="test-sender")
                done.append((item, result, status))

    async def restart(self, *, forget_confirmed_from: int | None = None) -> None:
        """Stop and start the bot; optionally as if Telegram never got the confirmation of updates
        from `forget_confirmed_from` on (it sends them again)."""
        await self.shutdown()
        if forget_confirmed_from is not None:
            self.fake.unconfirm(forget_confirmed_from)
        await self._start()

    async def _start(self, *, production: bool = False) -> None:
        """`serve` with the Telegram component (the tests drain the outbox themselves), or with
        exactly what the configuration turns on (`components_for`: the outbox sender included)."""
        self.stop = asyncio.Event()
        if production:
            parts = components_for(self.app)
            [telegram] = [p for p in parts if isinstance(p, TelegramComponent)]
            self.component = telegram
        else:
            self.component = telegram_component(self.app, self.engine)
            parts = [self.component]
        self.component.channel.album_window = 0.5  # long enough for a loaded test machine
        self.task = asyncio.create_task(serve(self.app, "127.0.0.1", self.port, stop_event=self.stop,
                                              components=parts))
        await wait_started(self)

    async def eventually(self, check: Callable[[], bool], *, seconds: float = 10) -> None:
        """Until `check()` holds, virtual time passing meanwhile (the sender's limits, its polls)."""
        for _ in range(int(seconds / 0.02)):
            if check():
                return
            self.clock.advance(seconds=0.5)
            await asyncio.sleep(0.02)
        raise AssertionError("the expected delivery did not happen")

    async def shutdown(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 10)


async def wait_started(h: Harness) -> None:
    method = "setWebhook" if h.mode == "webhook" else "getUpdates"
    seen = len(h.fake.ok_calls(method)) + len([c for c in h.fake.calls if c.method == method and not c.ok])
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if h.task.done():
                h.task.result()  # raises what went wrong
            started = len([c for c in h.fake.calls if c.method == method]) > seen
            if started:
                try:
                    async with http.get(f"http://127.0.0.1:{h.port}/healthz") as resp:
                        if resp.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
            await asyncio.sleep(0.02)
    raise AssertionError("the Telegram component did not start")


@pytest.fixture(params=["polling", "webhook"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def tg(app: App, fake: FakeTelegram, clock: ManualClock, mode: str, unused_tcp_port: int) -> AsyncIterator[Harness]:
    port = unused_tcp_port
    settings = replace(app.settings, telegram=TelegramSettings(
        bot_token=TOKEN, api_base=fake.base_url, mode=mode,
        webhook_url=f"http://127.0.0.1:{port}/telegram" if mode == "webhook" else None,
        webhook_secret=SECRET if mode == "webhook" else None,
    ))
    tg_app = build_app(settings, clock=clock, db=app.db)
    registered = tg_app.senders["telegram"]
    assert isinstance(registered, TelegramSender)  # build_app registers the channel's sender
    await registered.close()
    sender = TelegramSender(make_bot(settings.telegram), clock=clock, limiter=tg_app.limiter, sleep=virtual_sleep(clock))
    tg_app.senders["telegram"] = sender
    engine = RecordingEngine(tg_app)
    h = Harness(tg_app, fake, engine, None, sender, clock, mode, port, asyncio.Event(), None)  # type: ignore[arg-type]
    await h._start()
    try:
        yield h
    finally:
        if not h.task.done():
            await h.shutdown()
        await sender.close()


@dataclass
class People:
    worker_id: int
    worker2_id: int
    other_worker_id: int


async def community(h: Harness, *, worker2_via_bot: bool = True) -> People:
    """Two grids, their workers bound to Telegram, grid A's group and the supervisors' group bound
    through the bot itself (/bind in the group with the code the CLI prints)."""
    d, f = h.app.directory, h.fake
    await d.add_grid("A", "幸福里网格", patterns=["幸福里小区"])
    await d.add_grid("B", "阳光花园网格", patterns=["阳光花园"])
    w1 = await d.add_staff("张伟", Role.WORKER, grids=["A"], department="维修")
    w2 = await d.add_staff("李娜", Role.WORKER, grids=["A"], department="保洁")
    w3 = await d.add_staff("王强", Role.WORKER, grids=["B"])
    sup = await d.add_staff("孙主任", Role.SUPERVISOR)
    f.user(RESIDENT, "张阿姨")
    f.user(WORKER, "张伟", "zhangwei")
    f.user(WORKER2, "李娜")
    f.user(OTHER_WORKER, "王强")
    f.user(STRANGER, "路人")
    f.user(ADMIN, "管理员")
    f.user(SUPERVISOR, "孙主任")
    # a worker binds their own Telegram account: the invite code, sent to the bot privately
    _, code = await d.staff_invite(str(w1.id))
    await f.write(WORKER, f"/bind {code}")
    assert "绑定成功" in f.texts(WORKER)[-1]
    if worker2_via_bot:
        _, code = await d.staff_invite(str(w2.id))
        await f.write(WORKER2, f"/bind {code}")
    else:  # bound by an operator: this worker never opened a private chat with the bot
        await d.bind_staff_identity(w2.id, "telegram", str(WORKER2))
    await d.bind_staff_identity(w3.id, "telegram", str(OTHER_WORKER))
    await d.bind_staff_identity(sup.id, "telegram", str(SUPERVISOR))
    for chat, title, target in ((GROUP_A, "幸福里网格群", "A"), (GROUP_SUP, "社区负责人群", "supervisors")):
        f.group(chat, title, creator=ADMIN)
        await f.add_bot_to(chat, by=ADMIN)
        code = await d.grid_bind_code(target)
        await f.write(ADMIN, f"/bind {target} {code}", chat_id=chat)
        assert f.texts(chat)[-1].startswith("本群已绑定：")
    return People(w1.id, w2.id, w3.id)


async def file_complaint(h: Harness, text: str = "3栋2单元楼道灯坏了一个星期，晚上很黑", *,
                         photo: bool = True, location: bool = True) -> tuple[str, str | None]:
    """A resident files through the private chat with the real conversations: the description,
    the 小区 by button, a photo, a shared location, the phone, then 提交 on the read-back.
    Returns (ticket number, the photo's kept file id)."""
    f = h.fake
    if RESIDENT not in f.users:
        f.user(RESIDENT, "张阿姨")
    await f.write(RESIDENT, "/start")
    await f.write(RESIDENT, text)
    question = f.last(RESIDENT)
    file_id = None
    if "幸福里小区" in f.labels(question):
        if photo:
            _, file_id = await f.send_photo(RESIDENT)
            assert "收到照片" in f.texts(RESIDENT)[-1]  # acknowledged; the question stays open
        await f.press(RESIDENT, RESIDENT, question["message_id"], "幸福里小区")
    if location:
        await f.send_location(RESIDENT, 30.2741, 120.1551)
    if "电话" in f.texts(RESIDENT)[-1]:
        await f.write(RESIDENT, PHONE)
    readback = f.last(RESIDENT)
    if "提交" in f.labels(readback):
        await f.press(RESIDENT, RESIDENT, readback["message_id"], "提交")
    # the confirmation, last: nothing the filing caused is sent to the resident after it (#14); an emergency, filed
    # once its place is known, asks the phone after it, and the phone's acknowledgement follows
    texts = f.texts(RESIDENT)
    last = texts[-3] if "已记到紧急工单" in texts[-1] else texts[-1]
    found = re.search(r"编号(?:是)? (\d{6}-\d{4})", last)
    assert found, texts[-3:]
    return found[1], file_id
