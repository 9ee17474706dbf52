"""The webhook refuses what is not WeChat's, or not safe, before anything happens: each refusal
has its status, a log line with the reason, and no side effect (nothing claimed, nothing filed)."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from sqlalchemy import func, select
from wechatpy.crypto import WeChatCrypto

from bot.adapters.wechat.protocol import Envelope, Refused, WeChatProtocol, sign
from bot.app import App
from core.db.models import ProcessedUpdate, Ticket
from tests.wechat.conftest import AES_KEY, TOKEN, Running
from tests.wechat.platform import cdata


@pytest.fixture
def backend() -> str:
    return "sqlite"  # refusals happen before the database matters


async def _nothing_happened(app: App) -> None:
    async with app.db.transaction() as s:
        assert (await s.execute(select(func.count()).select_from(ProcessedUpdate))).scalar_one() == 0
        assert (await s.execute(select(func.count()).select_from(Ticket))).scalar_one() == 0


# WeChat's published encryption sample: the Python sample (Sample.py / WXBizMsgCrypt.py) of the
# "消息加解密" demo package that the official guide links
# (https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.md → cryptoDemo.zip),
# reproduced e.g. in github.com/chenjianjx/wechat-encrypt-python3 Sample.py.
SAMPLE_TOKEN = "spamtest"
SAMPLE_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SAMPLE_APP_ID = "wx2c2769f8efd9abc2"
SAMPLE_TIMESTAMP = "1409735669"
SAMPLE_NONCE = "1320562132"
SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
SAMPLE_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2Ld"
    "JF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VT"
    "jg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdU"
    "ue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
)


def test_wechat_published_sample_decrypts_through_the_protocol() -> None:
    protocol = WeChatProtocol(SAMPLE_TOKEN, SAMPLE_APP_ID, SAMPLE_AES_KEY, max_age=0)
    query = {"signature": sign(SAMPLE_TOKEN, SAMPLE_TIMESTAMP, SAMPLE_NONCE), "timestamp": SAMPLE_TIMESTAMP,
             "nonce": SAMPLE_NONCE, "encrypt_type": "aes", "msg_signature": SAMPLE_MSG_SIGNATURE}
    body = f"<xml><ToUserName>{cdata('gh_10f6c3c3ac5a')}</ToUserName><Encrypt>{cdata(SAMPLE_ENCRYPT)}</Encrypt></xml>"
    envelope = protocol.open(query, body.encode(), datetime.now())
    assert envelope.encrypted
    assert envelope.fields["Content"] == "abcdteT"
    assert envelope.fields["FromUserName"] == "oyORnuP8q7ou2gfYjqLzSIWZf0rs"
    assert envelope.fields["MsgId"] == "6054768590064713728"
    # one changed character in the signature and it is refused
    with pytest.raises(Refused) as refused:
        protocol.open({**query, "msg_signature": "5d197aaffba7e9b25a30732f161a50dee96bd5fb"}, body.encode(),
                      datetime.now())
    assert refused.value.status == 403
    # our encrypted reply is what WeChat's sample decrypts
    sealed = protocol.seal("<xml><Content><![CDATA[好的]]></Content></xml>",
                           Envelope({}, True, SAMPLE_NONCE, SAMPLE_TIMESTAMP), 1409735670)
    sample = WeChatCrypto(SAMPLE_TOKEN, SAMPLE_AES_KEY, SAMPLE_APP_ID)
    import xmltodict

    fields = xmltodict.parse(sealed)["xml"]
    assert "好的" in sample.decrypt_message(fields, fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"])


async def test_url_check_answers_echostr_only_when_signed(running: Running) -> None:
    p = running.platform
    session = p.session = p.session or __import__("aiohttp").ClientSession()
    query = {**p.signed_query(), "echostr": "7390215473802158"}
    async with session.get(running.url, params=query) as resp:
        assert (resp.status, await resp.text()) == (200, "7390215473802158")
    async with session.get(running.url, params={**query, "signature": "0" * 40}) as resp:
        assert resp.status == 403
    async with session.get(running.url, params={"echostr": "1"}) as resp:
        assert resp.status == 400


async def test_forged_signature_is_refused_with_403(running: Running, app: App,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    p = running.platform
    query, body = p.seal(p.text("o-resident-1", "楼道灯坏了"))
    with caplog.at_level(logging.WARNING, logger="bot.adapters.wechat.webhook"):
        forged = await p.post_raw({**query, "msg_signature": sign("guessed-token", query["timestamp"],
                                                                   query["nonce"], "x")}, body)
        wrong_token = await p.post_raw({**query, "signature": sign("guessed-token", query["timestamp"],
                                                                    query["nonce"])}, body)
    assert (forged.status, wrong_token.status) == (403, 403)
    assert "msg_signature does not match" in caplog.text and "signature does not match" in caplog.text
    await _nothing_happened(app)


async def test_missing_parameters_are_400(running: Running, app: App) -> None:
    p = running.platform
    query, body = p.seal(p.text("o-resident-1", "楼道灯坏了"))
    for missing in ("signature", "timestamp", "nonce", "msg_signature"):
        answer = await p.post_raw({k: v for k, v in query.items() if k != missing}, body)
        assert answer.status == 400, missing
    await _nothing_happened(app)


async def test_oversized_bodies_are_413_declared_or_streamed(running: Running, app: App) -> None:
    p = running.platform
    query, _ = p.seal(p.text("o-resident-1", "x"))
    big = b"<xml>" + b"a" * (70 * 1024) + b"</xml>"
    assert (await p.post_raw(query, big)).status == 413

    async def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(80):
            yield b"a" * 1024

    assert (await p.post_raw(query, chunks())).status == 413  # type: ignore[arg-type]
    await _nothing_happened(app)


async def test_entity_expansion_and_doctype_are_400(running: Running, app: App,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    p = running.platform
    laughs = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    # inside the encrypted message…
    inner = laughs + p.text("o-resident-1", "&lol3;")
    with caplog.at_level(logging.WARNING):
        assert (await p.post(inner)).status == 400
        # …and as the outer envelope, correctly signed
        query, body = p.seal(p.text("o-resident-1", "hi"))
        assert (await p.post_raw(query, laughs.encode() + body)).status == 400
        external = b'<!DOCTYPE xml SYSTEM "http://127.0.0.1:1/evil.dtd">' + body
        assert (await p.post_raw(query, external)).status == 400
        assert (await p.post_raw(query, b"this is not xml")).status == 400
    assert "DOCTYPE declarations are not accepted" in caplog.text
    await _nothing_happened(app)


async def test_plain_messages_are_refused_when_safe_mode_is_configured(running: Running, app: App) -> None:
    p = running.platform
    inner = p.text("o-resident-1", "楼道灯坏了")
    assert (await p.post_raw(p.signed_query(), inner.encode())).status == 403
    await _nothing_happened(app)


async def test_stale_timestamps_and_other_accounts_are_403(running: Running, app: App) -> None:
    p = running.platform
    old = int(p.clock.now().timestamp()) - 3600
    assert (await p.post(p.text("o-resident-1", "hi"), timestamp=old)).status == 403
    # encrypted with our token and key but for another AppID
    other = WeChatCrypto(TOKEN, AES_KEY, "wx0000000000000000")
    query = p.signed_query()
    import xmltodict

    sealed = xmltodict.parse(other.encrypt_message(p.text("o-resident-1", "hi"), query["nonce"], query["timestamp"]))["xml"]
    body = f"<xml><Encrypt>{cdata(sealed['Encrypt'])}</Encrypt></xml>".encode()
    answer = await p.post_raw({**query, "encrypt_type": "aes", "msg_signature": sealed["MsgSignature"]}, body)
    assert answer.status == 403
    await _nothing_happened(app)


async def test_unknown_message_kinds_get_a_polite_reply(running: Running) -> None:
    from tests.wechat.platform import message_xml

    p = running.platform
    video = message_xml("o-resident-1", "video", int(p.clock.now().timestamp()),
                        {"MediaId": "m1", "ThumbMediaId": "t1"}, msg_id=42)
    answer = await p.post(video)
    assert answer.status == 200
    assert "暂不支持这种消息（视频）" in answer.text
    odd = message_xml("o-resident-1", "hologram", int(p.clock.now().timestamp()), {}, msg_id=43)
    assert "暂不支持这种消息" in (await p.post(odd)).text


async def test_a_database_outage_is_503_so_wechat_resends(running: Running, app: App,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    async def down(*_args: object) -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(running.webhook, "_arrive", down)
    p = running.platform
    message = p.text("o-resident-1", "楼道灯坏了")
    assert (await p.post(message)).status == 503
    monkeypatch.undo()
    assert (await p.post(message)).status == 200  # WeChat's resend is handled once it is back
