"""The callback refuses what WeCom did not send, the way the WeChat webhook does: a forged or stale
signature → 403, another corp's or app's message → 403, malformed or entity-laden XML → 400, an
oversized body → 413; a replayed callback (WeCom's own resend, or an attacker's copy within the
time window) is handled once; the URL check echoes the decrypted echostr."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from core.clock import ManualClock
from core.db.models import TicketEvent
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, TOKEN, Running, drain
from tests.wecom.platform import WeComPlatform, cdata
from tests.wecom.test_end_to_end import file_from_wechat
from tests.world import World


async def _claims(app: App) -> int:
    async with app.db.transaction() as s:
        return int((await s.execute(select(func.count()).select_from(TicketEvent)
                                    .where(TicketEvent.type == "claimed"))).scalar_one())


async def test_url_check_echoes_the_decrypted_echostr(running: Running) -> None:
    assert await running.platform.verify_url("1616140317555161061") == (200, "1616140317555161061")
    status, _ = await running.platform.verify_url(forge=True)
    assert status == 403


async def test_forged_stale_and_foreign_callbacks_are_refused(running: Running, app: App, world: World,
                                                              clock: ManualClock) -> None:
    p = running.platform
    query, body = p.seal(p.text("zhangwei", "我的工单"))
    forged = dict(query, msg_signature="0" * 40)
    assert (await p.post_raw(forged, body)).status == 403
    # a body swapped under a valid signature
    _, other_body = p.seal(p.text("zhangwei", "接单 261123-0001"))
    assert (await p.post_raw(query, other_body)).status == 403
    # an old callback replayed an hour later
    old = await p.post(p.text("zhangwei", "我的工单"), timestamp=int(clock.now().timestamp()) - 3600)
    assert old.status == 403
    # encrypted for another corp (with the same token and key), or for another app of this corp
    stranger = WeComPlatform(running.url, token=TOKEN, aes_key=AES_KEY, corp_id="wwANOTHERCORP0000",
                             agent_id=AGENT_ID, clock=clock)
    try:
        assert (await stranger.post(stranger.text("zhangwei", "我的工单"))).status == 403
    finally:
        await stranger.close()
    other_app = WeComPlatform(running.url, token=TOKEN, aes_key=AES_KEY, corp_id=CORP_ID, agent_id=1000099,
                              clock=clock)
    try:
        assert (await other_app.post(other_app.text("zhangwei", "我的工单"))).status == 403
    finally:
        await other_app.close()


async def test_malformed_entity_and_oversized_bodies(running: Running) -> None:
    p = running.platform
    query, _ = p.seal(p.text("zhangwei", "hi"))
    assert (await p.post_raw(query, b"<xml><Encrypt>")).status == 400
    assert (await p.post_raw(query, b"")).status == 400
    assert (await p.post_raw({}, b"<xml/>")).status == 400  # no signature at all
    bomb = (b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<xml><Encrypt>&b;</Encrypt></xml>")
    assert (await p.post_raw(query, bomb)).status == 400
    # signed and encrypted, but the XML inside carries a DOCTYPE
    inner = '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><FromUserName>&x;</FromUserName></xml>'
    assert (await p.post(inner)).status == 400
    # signed and well-formed, but not base64 of anything
    query2, _ = p.seal(p.text("zhangwei", "hi"))
    from bot.adapters.wechat.protocol import sign

    garbage = "not-base64!!"
    query2["msg_signature"] = sign(TOKEN, query2["timestamp"], query2["nonce"], garbage)
    assert (await p.post_raw(query2, f"<xml><Encrypt>{cdata(garbage)}</Encrypt></xml>".encode())).status == 400
    big = b"<xml><Encrypt>" + b"A" * (70 * 1024) + b"</Encrypt></xml>"
    assert (await p.post_raw(query, big)).status == 413

    async def chunks():  # no Content-Length: counted as it arrives
        for _ in range(80):
            yield b"A" * 1024

    assert (await p.post_raw(query, chunks())).status == 413  # type: ignore[arg-type]


async def test_a_replayed_click_claims_once(running: Running, app: App, world: World, wecom_api: FakeWeComAPI,
                                            wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    await drain(app)
    [card] = wecom_api.cards_of("zhangwei")
    click = running.platform.click("zhangwei", card.task_id, f"claim:{number}", wecom_api.click_code(card.task_id))
    query, body = running.platform.seal(click)
    first = await running.platform.post_raw(query, body)
    again = await running.platform.post_raw(query, body)  # the same bytes: WeCom's resend, or a copy
    resent = await running.platform.post(click)  # freshly signed, the same click
    assert "接单成功" in first.text
    assert again.text == first.text and resent.text == first.text  # the stored answer, not a second claim
    assert await _claims(app) == 1


async def test_a_message_is_handled_once(running: Running, app: App, world: World, wecom_api: FakeWeComAPI,
                                         wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    message = running.platform.text("zhangwei", f"接单 {number}", msg_id=7_300_000_000_000_999_999)
    answers = [await running.platform.post(message) for _ in range(3)]
    assert all("接单成功" in a.text for a in answers)
    assert await _claims(app) == 1


async def test_a_claim_left_by_a_killed_process_is_taken_over(running: Running, app: App, world: World,
                                                               wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI,
                                                               clock: ManualClock) -> None:
    from datetime import timedelta

    from core.db.models import ProcessedUpdate
    from tests.wecom.platform import _msg_ids

    number = await file_from_wechat(app, wechat_api)
    msg_id = next(_msg_ids)
    async with app.db.transaction() as s:  # another process claimed it, then was killed (no renewal)
        s.add(ProcessedUpdate(key=f"wecom_app:msg:{msg_id}", seen_at=clock.now() - timedelta(seconds=6),
                              owner="host:4242:dead", lease_until=clock.now() - timedelta(seconds=2)))
    answer = await running.platform.post(running.platform.text("zhangwei", f"接单 {number}", msg_id=msg_id))
    assert "接单成功" in answer.text  # WeCom's resend runs the step the dead process never answered
    assert await _claims(app) == 1
