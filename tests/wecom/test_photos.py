"""A photo a worker takes in the WeCom app reaches a resident on Telegram as the photo itself: the
Telegram sender fetches it from WeCom (media/get, through the media library) and uploads it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.adapters.telegram import TelegramSender, make_bot
from bot.app import App
from core import messages as m
from core.clock import ManualClock
from core.config import TelegramSettings
from core.delivery import Delivery
from core.followthrough.ratelimit import MemoryRateLimiter
from core.media import MediaLibrary
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.wecom_api import FakeWeComAPI

TOKEN = "123456789:TEST-token_for-the-fake"
RESIDENT = 1001
PHOTO = b"\xff\xd8\xff\xe0 the repaired lamp"


def virtual_sleep(clock: ManualClock):  # type: ignore[no-untyped-def]
    """The throttle waits in the test's time, not the wall clock's."""

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


async def test_a_wecom_photo_reaches_a_telegram_resident(app: App, fake: FakeTelegram, wecom_api: FakeWeComAPI,
                                                         clock: ManualClock) -> None:
    fake.user(RESIDENT, "张阿姨")
    fake.started.add(RESIDENT)
    media = app.media
    assert isinstance(media, MediaLibrary)  # the WeCom app registered its photos there
    sender = TelegramSender(make_bot(TelegramSettings(bot_token=TOKEN, api_base=fake.base_url)), clock=clock,
                            limiter=MemoryRateLimiter(clock), sleep=virtual_sleep(clock), media=media)
    try:
        first, second = wecom_api.add_photo(PHOTO), wecom_api.add_photo(PHOTO + b"2")
        one = Delivery(id=1, channel="telegram", address=str(RESIDENT), audience="resident", purpose="progress",
                       messages=(m.Text("工单 261123-0001 有新进展：已到现场"),
                                 m.Photo(m.MediaRef("wecom_app", first))))
        assert (await sender.deliver(one)).outcome == "sent"
        [photo] = [msg for msg in fake.bot_messages(RESIDENT) if "photo" in msg]
        assert fake.uploads[photo["photo"][0]["file_id"]] == PHOTO

        album = Delivery(id=2, channel="telegram", address=str(RESIDENT), audience="resident", purpose="resolution",
                         messages=(m.Photo(m.MediaRef("wecom_app", first)), m.Photo(m.MediaRef("wecom_app", second)),
                                   m.Photo(m.MediaRef("wecom_app", "WWMEDIA-gone"))))
        assert (await sender.deliver(album)).outcome == "sent"
        assert sorted(fake.uploads.values())[-2:] == sorted([PHOTO, PHOTO + b"2"])
        assert any("照片" in t or "图片" in t for t in fake.texts(RESIDENT))  # the one WeCom no longer has
    finally:
        await sender.close()
