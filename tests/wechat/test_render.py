"""Rendering the conversations' messages as WeChat text, and reading an answer back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.wechat.inbound import read
from bot.adapters.wechat.render import match_choice, render, render_reply, split, truncate_bytes
from bot.adapters.wechat.templates import fit, parse_templates, payload, spec_for
from bot.adapters.wecom import fit as wecom_fit
from core.delivery import Delivery
from core.messages import Choice, Choices, GeoPoint, Location, MediaRef, Notice, Photo, Text


def test_choices_become_numbered_options_and_come_back_as_keys() -> None:
    out = render([Text("请选择分类"), Choices("这属于：", (Choice("c:1", "工程维修"), Choice("c:2", "环境卫生")),
                                             allow_text=True)])
    assert out.texts == ["请选择分类\n\n这属于：\n1. 工程维修\n2. 环境卫生\n请回复数字 1-2 选择，也可以直接输入文字"]
    assert match_choice("2", out.options) == "c:2"
    assert match_choice(" １ ", out.options) == "c:1"
    assert match_choice("环境卫生。", out.options) == "c:2"
    assert match_choice("3", out.options) is None
    assert match_choice("我觉得是工程维修的问题", out.options) is None


def test_the_same_label_twice_is_answered_by_number_only() -> None:
    cards = [Choices("工单A", (Choice("claim:A", "接单"), Choice("ret:A", "退回"))),
             Choices("工单B", (Choice("claim:B", "接单"), Choice("ret:B", "退回")))]
    out = render(cards)
    assert "3. 接单" in out.texts[0]
    assert match_choice("3", out.options) == "claim:B"
    assert match_choice("接单", out.options) is None


def test_deferred_updates_come_first_and_numbering_runs_through() -> None:
    survey = Choices("请评价：", (Choice("sv:1:1:satisfied", "满意"), Choice("sv:1:1:dissatisfied", "不满意")))
    deferred = [Delivery(1, "wechat", "o", "resident", "resolution", (Text("工单已办结"),)),
                Delivery(2, "wechat", "o", "resident", "survey", (survey,))]
    out = render_reply(deferred, [Choices("还需要什么？", (Choice("more", "继续反映"),))])
    text = out.texts[0]
    assert text.startswith("📬 您有 2 条工单进展：\n\n① 工单已办结\n\n② 请评价：\n1. 满意\n2. 不满意")
    assert "——————\n\n还需要什么？\n3. 继续反映" in text
    assert out.options["3"] == "more" and out.options["1"] == "sv:1:1:satisfied"


def test_photos_locations_and_notices() -> None:
    out = render([Notice("已收到"), Photo(MediaRef("wechat", "M1"), "现场"), Photo(MediaRef("telegram", "T1")),
                  Location(GeoPoint(30.27408, 120.15507, "幸福里"))])
    assert out.images == ["M1"]
    assert out.texts == ["已收到\n\n现场\n\n[图片]\n\n[位置] 幸福里（30.27408, 120.15507）"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
       st.integers(min_value=8, max_value=300))
def test_split_is_lossless_and_within_the_limit(text: str, limit: int) -> None:
    pieces = split(text, limit)
    assert all(len(p.encode()) <= limit and p.strip() for p in pieces)
    # nothing but blank stretches between pieces is lost, and the order is kept
    assert "".join("".join(pieces).split()) == "".join(text.split())
    rest = text
    for piece in pieces:
        assert piece in rest
        rest = rest[rest.index(piece) + len(piece):]


@given(st.text(max_size=500), st.integers(min_value=0, max_value=600))
def test_truncation_never_splits_a_character(text: str, limit: int) -> None:
    cut = truncate_bytes(text, limit)
    assert text.startswith(cut) and len(cut.encode()) <= limit
    assert len(wecom_fit(text * 10).encode()) <= 2048


def test_templates_fit_their_fields() -> None:
    specs = parse_templates({"progress": {"id": "T1", "fields": {"thing1": "text", "character_string2": "number",
                                                                  "phrase3": "status"}}})
    spec = spec_for(specs, "progress")
    assert spec is not None
    body = payload(spec, "o1", {"text": "楼道灯已经更换完毕，请您留意是否还有其他问题需要处理", "number": "261123-0001",
                                "status": "处理中"})
    assert body["data"]["thing1"]["value"] == "楼道灯已经更换完毕，请您留意是否还有其…"
    assert len(body["data"]["thing1"]["value"]) == 20
    assert body["data"]["phrase3"]["value"] == "处理中"
    assert fit("keyword1", "x" * 300).endswith("…")
    assert spec_for(parse_templates({"assignment": "T2"}), "assigned") is not None  # alias


def test_read_maps_each_kind() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 23, 2, tzinfo=UTC)
    base = {"ToUserName": "gh_x", "FromUserName": "o1", "CreateTime": "1795399200"}
    text = read({**base, "MsgType": "text", "Content": "你好", "MsgId": "1"}, now)
    assert (text.key, text.incoming.text, text.opens_window) == ("wechat:1", "你好", True)  # type: ignore[union-attr]
    click = read({**base, "MsgType": "event", "Event": "CLICK", "EventKey": "COMPLAIN"}, now)
    assert click.key == "wechat:o1:1795399200:click:COMPLAIN"
    assert click.incoming.choice == "m:complaint"  # type: ignore[union-attr]
    gone = read({**base, "MsgType": "event", "Event": "unsubscribe"}, now)
    assert gone.unsubscribe and not gone.opens_window and gone.incoming is None
    scan = read({**base, "MsgType": "event", "Event": "subscribe", "EventKey": "qrscene_12"}, now)
    assert scan.welcome and scan.incoming.command == "start"  # type: ignore[union-attr]
    bad_place = read({**base, "MsgType": "location", "Location_X": "999", "Location_Y": "1", "MsgId": "2"}, now)
    assert bad_place.incoming is None and bad_place.answer


def test_configuration_mistakes_are_one_clear_sentence() -> None:
    import pytest

    from bot.adapters.wechat.protocol import WeChatProtocol
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="43-character EncodingAESKey"):
        WeChatProtocol("token", "wx1", "too-short")
    with pytest.raises(InvalidInput, match="needs WECHAT_APP_ID"):
        WeChatProtocol("token", None, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
    with pytest.raises(InvalidInput, match="unknown variable"):
        parse_templates({"progress": {"id": "T", "fields": {"thing1": "phone"}}})
    with pytest.raises(InvalidInput, match="kind must be"):
        parse_templates({"progress": {"id": "T", "kind": "sms"}})
