"""WeCom group robots: posts within 2048 bytes, at most 20 a minute per robot (queued beyond
that by the outbox sender's rate limits), WeCom's own refusals turned into retries or dead letters."""

from __future__ import annotations

import pytest

from bot.adapters.wecom import WeComSender, masked, robot_key
from core.clock import ManualClock
from core.delivery import Delivery, RateLimit
from core.followthrough.ratelimit import MemoryRateLimiter
from core.messages import Choice, Choices, Text
from tests.delivery import hand_over
from tests.fakes.wecom_robot import FakeWeComRobot


@pytest.fixture
async def wecom():
    sender = WeComSender()
    yield sender
    await sender.close()


def item(url: str, *messages, n: int = 1) -> Delivery:
    return Delivery(n, "wecom", url, "group", "assignment", tuple(messages) or (Text("【工单 261123-0001】"),))


async def test_a_card_is_posted_with_how_to_act(wecom: WeComSender, robot: FakeWeComRobot) -> None:
    url = robot.url("KEY-1")
    card = Choices("【工单 261123-0001】一般 投诉·工程维修\n联系电话：138****5678", (Choice("claim:x", "接单"),
                                                                           Choice("ret:x", "退回")))
    result = await wecom.deliver(item(url, card))
    assert result.outcome == "sent"
    assert robot.texts("KEY-1") == ["【工单 261123-0001】一般 投诉·工程维修\n联系电话：138****5678\n可选操作：接单 / 退回"]
    assert wecom.limits(item(url)) == [RateLimit("wecom:KEY-1", 20, 60.0)]


async def test_long_texts_are_cut_on_a_character_boundary(wecom: WeComSender, robot: FakeWeComRobot) -> None:
    result = await wecom.deliver(item(robot.url("KEY-2"), Text("内容" * 2000)))
    assert result.outcome == "sent"
    [text] = robot.texts("KEY-2")
    assert len(text.encode()) <= 2048 and text.endswith("…") and text.startswith("内容内容")


async def test_twenty_a_minute_then_queued(wecom: WeComSender, robot: FakeWeComRobot, clock: ManualClock) -> None:
    url, limiter = robot.url("KEY-3"), MemoryRateLimiter(clock)
    results = [await hand_over(limiter, wecom, item(url, Text(f"第{n}条"), n=n)) for n in range(21)]
    assert [r.outcome for r in results[:20]] == ["sent"] * 20
    assert results[20].outcome == "retry" and 0 < (results[20].retry_after or 0) <= 60
    assert not robot.refused and len(robot.texts("KEY-3")) == 20  # the robot itself never had to say no
    other = await hand_over(limiter, wecom, item(robot.url("KEY-4"), Text("别的网格")))
    assert other.outcome == "sent"  # the limit is per robot
    clock.advance(seconds=61)
    assert (await hand_over(limiter, wecom, item(url, Text("第21条")))).outcome == "sent"


async def test_wecom_refusals(wecom: WeComSender, robot: FakeWeComRobot) -> None:
    url = robot.url("SECRET-KEY-5")
    robot.scripted.extend([45009, 93000, -1])
    limited = await wecom.deliver(item(url))
    assert limited.outcome == "retry" and limited.retry_after == 60.0
    wrong = await wecom.deliver(item(url))
    assert wrong.outcome == "failed" and "93000" in wrong.reason
    assert "SECRET-KEY-5" not in wrong.reason and masked(url) in wrong.reason  # the key is a secret
    busy = await wecom.deliver(item(url))
    assert busy.outcome == "retry"
    gone = await wecom.deliver(item("http://127.0.0.1:9/cgi-bin/webhook/send?key=K"))
    assert gone.outcome == "retry"
    assert (await wecom.deliver(item("ftp://example.com/robot"))).outcome == "failed"
    assert robot_key("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc") == "abc"
