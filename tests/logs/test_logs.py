"""Logs an operator can use: the human format as it always was, LOG_FORMAT=json with what each line
is about, and no personal data — checked on a real WeChat conversation and on the source."""

from __future__ import annotations

import ast
import asyncio
import io
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App, wechat_component
from bot.logs import make_handler
from bot.server import serve
from core import logcontext
from core.config import Settings
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import APP_ID, TOKEN
from tests.wechat.platform import WeChatPlatform
from tests.world import World

ROOT = Path(__file__).resolve().parents[2]
PHONE = "13912345678"
BODY = "楼上邻居每天凌晨两点还在拖动家具吵得无法入睡"


@contextmanager
def captured(settings: Settings, level: int = logging.INFO) -> Iterator[io.StringIO]:
    """What this process logs, as the configured handler writes it."""
    out = io.StringIO()
    handler = make_handler(settings, stream=out)
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield out
    finally:
        root.removeHandler(handler)
        root.setLevel(old)


def test_the_human_format_is_unchanged() -> None:
    with captured(Settings()) as out:
        logging.getLogger("bot.example").warning("grid %s has no workers", "XFL")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING bot\.example: grid XFL has no workers\n",
                        out.getvalue())


def test_json_lines_carry_what_the_work_is_about() -> None:
    async def request() -> None:  # a task of its own, as aiohttp gives each request
        logcontext.begin(channel="wechat", request_id="req-1")
        logcontext.bind(ticket="261123-0042")
        logging.getLogger("bot.example").info("claimed")
        try:
            raise RuntimeError(f"the worker's phone {PHONE} failed")
        except RuntimeError:
            logging.getLogger("bot.example").exception("could not notify %s", PHONE)

    with captured(Settings(log_format="json")) as out:
        asyncio.run(request())
        logging.getLogger("bot.example").info("after the request")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]  # one object per line
    assert len(lines) == 3
    first, failed, after = lines
    assert first["message"] == "claimed" and first["level"] == "INFO" and first["logger"] == "bot.example"
    assert re.match(r"\d{4}-\d\d-\d\dT", first["time"])
    assert (first["ticket"], first["channel"], first["request_id"]) == ("261123-0042", "wechat", "req-1")
    assert failed["message"] == "could not notify 139****5678"
    assert "RuntimeError" in failed["exception"] and PHONE not in failed["exception"]
    assert "ticket" not in after and "request_id" not in after  # the request's context stayed with it


@pytest.fixture
def json_settings(settings: Settings) -> Settings:
    return replace(settings, log_format="json")


async def test_a_wechat_conversation_logs_no_phone_and_no_body(
        app: App, world: World, wechat_api: FakeWeChatAPI, unused_tcp_port: int) -> None:
    """A resident files a complaint (with their phone in it), and a forged call is refused: the
    INFO log says what happened, about which channel and request, and never quotes them."""
    port = unused_tcp_port
    webhook = wechat_component(app)
    stop, started = asyncio.Event(), asyncio.Event()
    with captured(replace(app.settings, log_format="json")) as out:
        task = asyncio.create_task(serve(app, "127.0.0.1", port, stop_event=stop, components=[webhook],
                                         on_started=started.set))
        await asyncio.wait_for(started.wait(), 60)
        wechat = app.settings.wechat
        platform = WeChatPlatform(f"http://127.0.0.1:{port}{wechat.path}", token=TOKEN, app_id=APP_ID,
                                  aes_key=wechat.aes_key, clock=app.clock)
        try:
            for text in (f"{BODY}，幸福里小区3栋2单元501，电话{PHONE}", "1", "1", "1"):
                wechat_api.user_wrote("oPrivacy")
                answer = await platform.post(platform.text("oPrivacy", text))
                assert answer.status == 200
            query, body = platform.seal("<xml/>")
            forged = await platform.post_raw({**query, "msg_signature": "0" * 40, "signature": "0" * 40}, body)
            assert forged.status in (400, 403)
            wechat_api.user_wrote("oPrivacy")
            await platform.post(platform.event("oPrivacy", "unsubscribe"))
        finally:
            await platform.close()
            stop.set()
            await asyncio.wait_for(task, 60)
    text = out.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines, "nothing was logged"
    assert PHONE not in text and PHONE[-8:] not in text
    assert BODY not in text and BODY[:6] not in text
    refused = [line for line in lines if "refused" in line["message"]]
    unsubscribed = [line for line in lines if "unsubscribed" in line["message"]]
    assert refused and unsubscribed
    for line in refused + unsubscribed:  # set by the webhook's middleware
        assert line["channel"] == "wechat" and re.fullmatch(r"[0-9a-f]{12}", line["request_id"])
    assert len({line["request_id"] for line in refused + unsubscribed}) == 2


# attributes that hold what a person wrote, or their phone: a log call must not pass them
PERSONAL = {"text", "description", "body", "content", "note", "comment", "caption", "phone", "contact_phone",
            "resolution_note", "payload", "messages", "raw", "args"}
LEVELS = {"debug", "info", "warning", "error", "exception", "critical"}
# read and found harmless: the WeChat sender's `pushed.note` is its own "partly delivered: …" line
SAFE = {("bot/adapters/wechat/sender.py", "note")}


def test_no_log_call_passes_a_message_body_or_a_phone() -> None:
    offences = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("core/**/*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in LEVELS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("log", "logger", "logging")):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if node.args and isinstance(node.args[0], ast.JoinedStr):
                offences.append(f"{where}: an f-string message (pass values as arguments)")
            for arg in node.args[1:]:
                for inner in ast.walk(arg):
                    if (isinstance(inner, ast.Attribute) and inner.attr in PERSONAL
                            and (str(path.relative_to(ROOT)), inner.attr) not in SAFE):
                        offences.append(f"{where}: logs .{inner.attr}")
    assert offences == []
