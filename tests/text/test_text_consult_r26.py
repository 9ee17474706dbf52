"""Round 26's consultation classes (consult_r26 and urgency_r26's kinds, read on branch study26u: docs/understanding.md
"Round 26's urgency and consultation sets read"), none a round-26 sentence. Questions: replacing a lost card, where
renovation rubbish goes, how long after paying, what may be changed at home (哪些), whether a report exists, where a
fitting may go (能不能装在), whether something is safe, asked by name. Complaints: where the fee went, what the point
is of having it, who allowed it, whether it holds up, what shoddy thing, nobody at all to be found, forever unfixed,
not a cent less, who answers when it blows up; a repair asked as a visit (请你们来看看)."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "车位遥控卡掉了怎么补？",
    "装修的渣土应该倒在哪里",
    "燃气费交了多久能恢复供气",
    "阳台改造能拆哪些东西",
    "电梯有没有年检报告可以看",
    "热水器能不能装在厨房外面的阳台",
    "请问小区新装的充电桩安全吗",
    "车位月租多少钱 怎么办",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "路灯坏了一个月 物业费都收到哪里去了？",
    "天天有外卖车乱停 要这些保安有什么用？",
    "谁同意在楼下装这个大喇叭的？",
    "停车费涨了三次，这说得过去吗？",
    "规定改来改去 你们自己记得住吗？",
    "你们收的服务费是干啥的？",
    "谁给你们的权力锁消防通道？",
    "才装的门把手就掉了 买的什么破货？",
    "打了一上午电话 物业一个人都找不到？",
    "这个水管是不是永远修不好？",
    "暖气一年比一年冷 钱倒是一分不少？",
    "楼下天天有人飞线充电 万一着了谁负责",
    "我家洗衣机漏水，明天请你们师傅来看看",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
