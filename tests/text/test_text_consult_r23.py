"""Round 23's consultation classes (development data, docs/understanding.md "Round 23's false emergencies and
triage"), none a round-23 sentence. Questions: which of two said as 是A还是B, which route (哪条), how a fee is
charged, how often in general (一般会提前多久), whether a repair is free, where to renew or hand in, how to join a
group chat, something sent or recommended to the resident (能发我一下吗, 能推荐吗), 这几天 (no question about a number).
Complaints: who approved it, an unexplained rise, worth the fee, nothing to be done, how on earth it is charged, as
one pleases, a service said to be included, pests said to be many, a demand (一定要查, 你们查一下), a dead duty line, a
fault by its effect, a place to be marked out (划块地方, like 画). An unexplained rise in a bill is left: the training
set files it 咨询, round 23 投诉."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "开车位证明是找物业还是找派出所",
    "地震的时候我们单元往哪条路撤",
    "大件垃圾的清运费怎么收的",
    "停电的话一般会提前几天贴通知",
    "马桶堵了物业上门修是收费吗还是免费",
    "门禁卡快过期了在哪续",
    "业主群怎么进",
    "缴费的链接我找不到了，能发我一下吗",
    "想找个修家电的师傅，物业能推荐吗",
    "我想提个建议，在哪里提",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "这个月物业费里多了一项管理费，谁批的？",
    "垃圾三天才收一次，这物业费交得值吗？",
    "对面的狗半夜一直叫，你们一点办法都没有？",
    "这个电梯费到底是怎么算的？",
    "门卫怎么随便让推销的进来？",
    "换个灯泡还收上门费，不是包含在物业费里吗？",
    "苍蝇这么多，啥时候来消杀？",
    "昨天谁家往下泼水，今天一定要查出来",
    "报修电话打过去是空号？",
    "楼梯扶手一碰就晃，是不是该修了？",
    "水管里的水有股铁锈味，都不敢给老人喝",
    "家里热水器这几天不出热水",
    "楼道里的纸箱堆了一个月咋还不清？",
    "广场上老有人放风筝缠住人，能不能划块地方",
    "楼上掉下来一个晾衣架，你们查一下是谁家的",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
