"""After filing: a message that brings up a matter of its own, or one that adds to the ticket just
filed (core.text.answers.new_matter) — pure, no database."""

from __future__ import annotations

import pytest

from core.text.answers import new_matter


@pytest.mark.parametrize("text", [
    "另外，小区东门的道闸抬不起来了",  # a lead, then something said
    "还有个事，楼下那家的狗天天半夜叫",
    "顺便说一下 健身房的跑步机坏了",
    "btw 我们单元的信报箱门掉了",
    "车棚的顶棚被风掀翻了一块也松了",  # a fault said as a state
    "地下室的排风扇不转了",
    "单元门口那个路灯也坏了",  # 也 + what is wrong
    "楼道里堆了好多泡沫箱",
])
def test_a_new_matter(text: str) -> None:
    assert new_matter(text)


@pytest.mark.parametrize("text", [
    "我晚上七点以后才在家",  # what the worker needs to know
    "师傅来之前先打个电话",
    "钥匙放在门卫那里了",
    "已经好了，不用来了",
    "还是那个问题，一直没好",  # points back at the ticket
    "就是刚才说的那个漏水",
    "还有多久啊",  # a lead with nothing after it
    "要得，麻烦了哈",
    "门牌是5栋2单元301",
])
def test_more_about_the_ticket_just_filed(text: str) -> None:
    assert not new_matter(text)


@pytest.mark.parametrize("text", ["5栋电梯有异响，昨天晚上开始的", "楼下的健身器材一直没人修"])
def test_a_thing_of_the_estate_and_its_trouble_is_a_new_matter(text: str) -> None:
    assert new_matter(text)


@pytest.mark.parametrize("text", [
    "车库门口有人把共享单车堆成一排",  # someone else doing something
    "楼道里有人在烧纸",
    "再补充个别的事 车棚的灯一直不亮",  # a lead that names another matter
    "门岗的大爷中午锁了门 敲半天不开门",  # a person's refusal said as a state
])
def test_round_8s_classes_of_new_matter(text: str) -> None:
    assert new_matter(text)


@pytest.mark.parametrize("text", [
    "堵的是厨房的下水 不是卫生间的",  # a correction of the ticket's details
    "刚才房号打错了 是1502",
    "明天上午能来吗 下午家里没人",  # about the visit
    "都等了三天了 能不能快点",  # the wait for this ticket
    "又开始吵了 还是那家",  # pointing back, even with 又
    "家里有人在 随时可以来",  # 有人在 at home is no one's conduct
])
def test_round_8s_classes_about_the_ticket(text: str) -> None:
    assert not new_matter(text)
