"""The pure parts: the core's card as WeCom's button-interaction card, the settings, reading
callbacks; and the Telegram resident's side of a photo taken in WeCom."""

from __future__ import annotations

import pytest

from bot.adapters.wechat.protocol import Refused
from bot.adapters.wecom_app.cards import template_card
from bot.adapters.wecom_app.inbound import read
from core import messages as m
from core.config import load_settings
from core.errors import InvalidInput

CARD = m.Choices(
    "【工单 261123-0001】🔴紧急  报修·工程维修\n状态：已派单\n地址：幸福里小区3栋2单元\n"
    "内容：电梯困人了，有老人被关在里面，已经二十分钟了，请马上派人来处理，电梯在3栋2单元靠北那一部\n"
    "联系电话：138****5678\n办结时限：11月23日(周一) 11:00\n网格：幸福里网格",
    (m.Choice("claim:261123-0001", "接单"), m.Choice("ret:261123-0001", "退回")))


def test_the_card_as_wecom_shows_it() -> None:
    card = template_card(CARD, "t1e2g")
    assert card["card_type"] == "button_interaction" and card["task_id"] == "t1e2g"
    assert card["main_title"] == {"title": "工单 261123-0001", "desc": "🔴紧急  报修·工程维修"}
    assert card["horizontal_content_list"] == [
        {"keyname": "状态", "value": "已派单"}, {"keyname": "地址", "value": "幸福里小区3栋2单元"},
        {"keyname": "联系电话", "value": "138****5678"}, {"keyname": "办结时限", "value": "11月23日(周一) 11:00"},
        {"keyname": "网格", "value": "幸福里网格"}]
    assert card["sub_title_text"].startswith("内容：电梯困人了") and len(card["sub_title_text"]) <= 112
    assert card["button_list"] == [{"text": "接单", "style": 1, "key": "claim:261123-0001"},
                                   {"text": "退回", "style": 2, "key": "ret:261123-0001"}]
    assert "replace_text" not in card
    greyed = template_card(CARD, "t1e1g", greyed="已由张伟接单")
    assert greyed["replace_text"] == "已由张伟接单" and greyed["button_list"] == card["button_list"]


def test_settings_from_the_environment() -> None:
    settings = load_settings({"WECOM_CORP_ID": "ww1", "WECOM_AGENT_ID": "1000002", "WECOM_SECRET": "s",
                              "WECOM_TOKEN": "t", "WECOM_AES_KEY": "k" * 43})
    assert settings.wecom.agent_id == 1000002 and settings.wecom.can_send and settings.wecom.can_receive
    assert settings.wecom.api_base == "https://qyapi.weixin.qq.com/" and settings.wecom.path == "/wecom"
    assert settings.wecom.accounts == 200
    assert load_settings({"WECOM_ACCOUNT_LIMIT": "500"}).wecom.accounts == 500
    assert not load_settings({"WECOM_CORP_ID": "ww1"}).wecom.can_send
    with pytest.raises(InvalidInput, match="WECOM_AGENT_ID"):
        load_settings({"WECOM_AGENT_ID": "app"})
    with pytest.raises(InvalidInput, match="WECOM_REPLY_BUDGET"):
        load_settings({"WECOM_REPLY_BUDGET": "6"})


def test_reading_callbacks() -> None:
    click = read({"FromUserName": "zhangwei", "CreateTime": "1700000000", "MsgType": "event",
                  "Event": "template_card_event", "EventKey": "claim:261123-0001", "TaskId": "t1e2g",
                  "CardType": "button_interaction", "ResponseCode": "RC-1"})
    assert (click.kind, click.event_key, click.task_id, click.response_code) == (
        "click", "claim:261123-0001", "t1e2g", "RC-1")
    assert click.key == "wecom_app:card:zhangwei:t1e2g:claim:261123-0001:1700000000"
    text = read({"FromUserName": "zhangwei", "CreateTime": "1", "MsgType": "text", "Content": "我的工单",
                 "MsgId": "123"})
    assert (text.kind, text.key) == ("text", "wecom_app:msg:123")
    long_key = read({"FromUserName": "u" * 64, "CreateTime": "1", "MsgType": "event", "Event": "click",
                     "EventKey": "k" * 300})
    assert len(long_key.key) <= 200
    for bad in ({"CreateTime": "1", "MsgType": "text"}, {"FromUserName": "u", "CreateTime": "x"},
                {"FromUserName": "u", "MsgType": "event", "Event": "template_card_event", "TaskId": "t"},
                {"FromUserName": "u", "MsgType": "image"}):
        with pytest.raises(Refused) as refused:
            read(bad)
        assert refused.value.status == 400
