"""/metrics on a running `serve` (one process, in this test's loop): the figures move when residents
write, tickets are filed, deliveries fail and timers fall behind; who may read them; METRICS_PORT."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace

import aiohttp
import pytest
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families

from bot.app import App, build_sender, wechat_component
from bot.metrics import endpoint
from bot.server import serve
from core.clock import ManualClock
from core.config import Settings
from core.enums import Urgency
from core.messages import Incoming, OutMessage, Text
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_robot import FakeWeComRobot
from tests.wechat.conftest import APP_ID, TOKEN
from tests.wechat.platform import WeChatPlatform
from tests.world import World

METRICS_TOKEN = "scrape-token-for-tests"

Figures = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse(text: str) -> Figures:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(figures: Figures, name: str, **labels: str) -> float:
    return figures.get((name, tuple(sorted(labels.items()))), 0.0)


async def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers or {}) as resp:
        return resp.status, await resp.text()


async def figures(base: str) -> Figures:
    status, text = await get(f"{base}/metrics")
    assert status == 200, text
    return parse(text)


@asynccontextmanager
async def serving(app: App, port: int, dialogs: object = None) -> AsyncIterator[WeChatPlatform]:
    """`serve` with the WeChat webhook (the real dialogs unless others are given), until the block ends."""
    webhook = wechat_component(app, dialogs=dialogs)  # type: ignore[arg-type]
    stop, started = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(serve(app, "127.0.0.1", port, stop_event=stop, components=[webhook],
                                     on_started=started.set))
    await asyncio.wait_for(started.wait(), 60)
    settings = app.settings.wechat
    platform = WeChatPlatform(f"http://127.0.0.1:{port}{settings.path}", token=TOKEN, app_id=APP_ID,
                              aes_key=settings.aes_key, clock=app.clock)
    try:
        yield platform
    finally:
        await platform.close()
        stop.set()
        await asyncio.wait_for(task, 60)


async def test_the_figures_move_when_messages_flow(app: App, world: World, clock: ManualClock,
                                                   wechat_api: FakeWeChatAPI, robot: FakeWeComRobot,
                                                   unused_tcp_port: int) -> None:
    base = f"http://127.0.0.1:{unused_tcp_port}"
    await app.directory.set_wecom("A", robot.url("ROBOT-A"))
    async with serving(app, unused_tcp_port) as platform:
        before = await figures(base)
        assert value(before, "complaint_bot_database_up") == 1

        # residents write: each message is a webhook call and a dialog step
        for n in range(3):
            wechat_api.user_wrote(f"oMetrics{n}")
            answer = await platform.post(platform.text(f"oMetrics{n}", "楼道灯坏了"))
            assert answer.status == 200 and answer.text
        # tickets reach the grid; an emergency nobody claims falls behind its claim deadline
        await world.file("3栋楼道灯坏了一个星期了")
        await world.file("厨房里有很大的煤气味", who="resident-2", urgency=Urgency.EMERGENCY, category="安全管理")
        clock.advance(minutes=25)
        # the grid's WeCom robot refuses the post: a platform error, a failed attempt, a dead letter
        robot.scripted.extend([93000] * 10)
        sender = build_sender(app)
        try:
            await sender.run_once()
        finally:
            await sender.limiter.close()
        after = await figures(base)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("complaint_bot_webhook_seconds_count", channel="wechat") == 3
    assert moved("complaint_bot_webhook_requests_total", channel="wechat", status="200") == 3
    assert moved("complaint_bot_dialog_step_seconds_count", channel="wechat") == 3
    assert value(after, "complaint_bot_tickets", status="assigned", urgency="normal") == 1
    assert value(after, "complaint_bot_tickets", status="assigned", urgency="emergency") == 1
    assert value(after, "complaint_bot_timer_lag_seconds", timer="emergency") >= 10 * 60  # claim due after 10 min
    assert value(after, "complaint_bot_timer_lag_seconds", timer="manager") == 0
    assert moved("complaint_bot_delivery_attempts_total", channel="wecom", outcome="failed") >= 1
    assert moved("complaint_bot_platform_errors_total", channel="wecom", code="93000") >= 1
    assert value(after, "complaint_bot_dead_letters", channel="wecom") >= 1
    assert value(after, "complaint_bot_outbox_messages", channel="test", status="pending") >= 1  # no sender
    assert value(after, "complaint_bot_outbox_oldest_pending_seconds", channel="test") >= 25 * 60
    assert value(after, "complaint_bot_classifier_confidence_gcount", model="category") >= 0
    assert value(after, "complaint_bot_db_pool_limit") >= 1
    assert value(after, "complaint_bot_db_pool_connections", state="open") >= 1


class SlowDialogs:
    """A conversation step that takes longer than WeChat lets the webhook wait."""

    async def handle(self, incoming: Incoming) -> list[OutMessage]:
        await asyncio.sleep(2.0)
        return [Text("收到")]


async def test_a_reply_after_the_wechat_budget_is_counted(app: App, wechat_api: FakeWeChatAPI,
                                                          unused_tcp_port: int) -> None:
    base = f"http://127.0.0.1:{unused_tcp_port}"
    app.settings = replace(app.settings, wechat=replace(app.settings.wechat, reply_budget=1.0))
    async with serving(app, unused_tcp_port, dialogs=SlowDialogs()) as platform:
        before = await figures(base)
        wechat_api.user_wrote("oSlow")
        answer = await platform.post(platform.text("oSlow", "在吗"))
        assert answer.status == 200 and answer.body == "success"  # the 1 s budget ran out
        after = await figures(base)
    late = ("complaint_bot_wechat_late_replies_total", (("stage", "step"),))
    assert after.get(late, 0) - before.get(late, 0) == 1


def other_address() -> str | None:
    """This machine's address on a network, if it has one besides loopback."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the route
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_only_loopback_or_the_token_may_read(app: App, unused_tcp_port: int,
                                                   unused_tcp_port_factory: Callable[[], int]) -> None:
    async def site(settings: Settings, host: str, port: int) -> web.AppRunner:
        web_app = web.Application()
        endpoint.install(web_app, endpoint.Source(app.db, app.clock, settings))
        runner = web.AppRunner(web_app)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        return runner

    here = f"http://127.0.0.1:{unused_tcp_port}/metrics"
    proxied = {"X-Forwarded-For": "203.0.113.7"}  # nginx on this machine forwarding the world
    runner = await site(app.settings, "127.0.0.1", unused_tcp_port)
    try:
        assert (await get(here))[0] == 200
        assert (await get(here, proxied))[0] == 403
        assert (await get(here, {"X-Real-IP": "203.0.113.7"}))[0] == 403
    finally:
        await runner.cleanup()

    with_token = replace(app.settings, metrics_token=METRICS_TOKEN)
    port = unused_tcp_port_factory()
    runner = await site(with_token, "127.0.0.1", port)
    try:
        url = f"http://127.0.0.1:{port}/metrics"
        status, text = await get(url, {**proxied, "Authorization": f"Bearer {METRICS_TOKEN}"})
        assert status == 200 and "complaint_bot_database_up 1.0" in text
        assert (await get(url, {**proxied, "Authorization": "Bearer wrong"}))[0] == 401
        assert (await get(url, proxied))[0] == 401
    finally:
        await runner.cleanup()

    address = other_address()
    if address is None:
        pytest.skip("no network address besides loopback to call from")
    port = unused_tcp_port_factory()
    for settings, without, with_ in ((app.settings, 403, 403), (with_token, 401, 200)):
        runner = await site(settings, address, port)
        try:
            url = f"http://{address}:{port}/metrics"
            assert (await get(url))[0] == without
            assert (await get(url, {"Authorization": f"Bearer {METRICS_TOKEN}"}))[0] == with_
        finally:
            await runner.cleanup()


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_metrics_port_moves_the_endpoint(app: App, unused_tcp_port_factory: Callable[[], int]) -> None:
    port, own = unused_tcp_port_factory(), unused_tcp_port_factory()
    app.settings = replace(app.settings, metrics_port=own)
    async with serving(app, port):
        assert (await get(f"http://127.0.0.1:{port}/metrics"))[0] == 404
        assert (await get(f"http://127.0.0.1:{port}/healthz"))[0] == 200
        status, text = await get(f"http://127.0.0.1:{own}/metrics")
        assert status == 200 and "complaint_bot_webhook_seconds" in text
    with pytest.raises(aiohttp.ClientConnectionError):
        await get(f"http://127.0.0.1:{own}/metrics")  # stopped with serve


def test_a_bad_metrics_port_is_refused() -> None:
    from core.config import load_settings
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="METRICS_PORT"):
        load_settings({"METRICS_PORT": "70000"})
    assert load_settings({"METRICS_PORT": "9464", "METRICS_TOKEN": "t"}).metrics_port == 9464



def test_a_labelled_figure_is_looked_up_once_per_label_set() -> None:
    from prometheus_client import CollectorRegistry, Counter

    from bot.metrics.instruments import child

    counter = Counter("test_cached_children", "answers by channel and status", ["channel", "status"],
                      registry=CollectorRegistry())
    looked_up: list[tuple[str, ...]] = []
    labels = counter.labels

    def counting(*values: str) -> Counter:
        looked_up.append(values)
        return labels(*values)

    counter.labels = counting  # type: ignore[method-assign]
    for status in ("200", "200", "503", "200"):
        child(counter, "wecom", status).inc()
    assert looked_up == [("wecom", "200"), ("wecom", "503")]  # three messages, two label sets
    assert labels("wecom", "200")._value.get() == 3 and labels("wecom", "503")._value.get() == 1
