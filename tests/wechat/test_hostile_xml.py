"""XML that is correctly signed and encrypted but built to hurt: fields nested thousands of levels
deep, or fields that should be text but are elements. Each is a 400 with nothing claimed or
filed, never a 500; and what WeChat really sends still parses as wechatpy expects."""

from __future__ import annotations

import pytest
import xmltodict
from sqlalchemy import func, select

from bot.adapters.wechat.xmlsafe import MAX_DEPTH, BadXML, parse_xml
from bot.app import App
from core.db.models import ProcessedUpdate, Ticket
from tests.wechat.conftest import Running
from tests.wechat.platform import ACCOUNT, cdata


@pytest.fixture
def backend() -> str:
    return "sqlite"  # refusals happen before the database matters


async def _nothing_happened(app: App) -> None:
    async with app.db.transaction() as s:
        assert (await s.execute(select(func.count()).select_from(ProcessedUpdate))).scalar_one() == 0
        assert (await s.execute(select(func.count()).select_from(Ticket))).scalar_one() == 0


def _nested(levels: int, inner: str = "text") -> str:
    return "<a>" * levels + inner + "</a>" * levels


def _message(created: int, **fields: str) -> str:
    base = {"ToUserName": cdata(ACCOUNT), "FromUserName": cdata("o-hostile-1"), "CreateTime": str(created),
            "MsgType": cdata("text"), "Content": cdata("楼道灯坏了"), "MsgId": "7200000000000000001"}
    base.update(fields)
    return "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in base.items()) + "</xml>"


@pytest.mark.parametrize("field", ["MsgType", "MsgId", "Event", "EventKey", "Content", "CreateTime",
                                   "FromUserName"])
async def test_deeply_nested_fields_are_400(running: Running, app: App, field: str) -> None:
    p = running.platform
    created = int(p.clock.now().timestamp())
    extra = {"MsgType": cdata("event")} if field in ("Event", "EventKey") else {}
    answer = await p.post(_message(created, **{**extra, field: _nested(2000)}))
    assert answer.status == 400, answer.body
    await _nothing_happened(app)


@pytest.mark.parametrize("field", ["MsgType", "MsgId", "Event", "EventKey", "Content", "CreateTime",
                                   "Location_X", "Recognition", "MediaId"])
async def test_fields_that_must_be_text_but_are_elements_are_400(running: Running, app: App, field: str) -> None:
    p = running.platform
    created = int(p.clock.now().timestamp())
    kinds = {"Event": "event", "EventKey": "event", "Location_X": "location", "Recognition": "voice",
             "MediaId": "image"}
    extra = {"MsgType": cdata(kinds[field])} if field in kinds else {}
    answer = await p.post(_message(created, **{**extra, field: "<b>1</b><c>2</c>"}))
    assert answer.status == 400, answer.body
    await _nothing_happened(app)


def test_depth_is_limited_while_parsing() -> None:
    assert parse_xml("<xml>" + _nested(MAX_DEPTH - 1) + "</xml>")
    with pytest.raises(BadXML, match="nested deeper than"):
        parse_xml("<xml>" + _nested(MAX_DEPTH) + "</xml>")
    with pytest.raises(BadXML, match="nested deeper than"):
        parse_xml(("<xml>" + _nested(100_000) + "</xml>").encode())


# what WeChat documents for its menu events (the deepest it sends) and plain messages
SAMPLES = [
    "<xml><ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]>"
    "</FromUserName><CreateTime>1408090816</CreateTime><MsgType><![CDATA[event]]></MsgType><Event>"
    "<![CDATA[pic_weixin]]></Event><EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>2</Count><PicList>"
    "<item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum></item><item><PicMd5Sum>"
    "<![CDATA[f1a6d0bd0e2e6a8d1a58e7e44d2c4c68]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>",
    "<xml><ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]>"
    "</FromUserName><CreateTime>1408091189</CreateTime><MsgType><![CDATA[event]]></MsgType><Event>"
    "<![CDATA[location_select]]></Event><EventKey><![CDATA[6]]></EventKey><SendLocationInfo><Location_X>"
    "<![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale><Label>"
    "<![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo></xml>",
    "<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName>"
    "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[  this is a test ]]>"
    "</Content><MsgId>1234567890123456</MsgId><Empty></Empty></xml>",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_what_wechat_sends_parses_as_xmltodict_did(sample: str) -> None:
    """wechatpy's message classes read xmltodict's shapes: the hardened parser keeps them."""
    assert parse_xml(sample) == xmltodict.parse(sample)["xml"]
    assert parse_xml(sample.encode()) == xmltodict.parse(sample)["xml"]
