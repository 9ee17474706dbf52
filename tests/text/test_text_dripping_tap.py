"""Found talking to the bot (sixteenth session): 「我家厨房水龙头一直滴水，关不紧」 was filed 🟠较急 with a deadline
within a day — the leak rule reads any 滴水 as urgent. A tap or shower head that drips or will not close is a repair
for the next days (most writers label it normal); water spreading from it, or from above, is still urgent."""

from __future__ import annotations

import pytest

from core.text.urgency import URGENT, assess_urgency


@pytest.mark.parametrize("text", ["卫生间的龙头拧不紧 老是滴水", "洗手池水龙头漏水 关不严", "浴室花洒关不上一直在滴水"])
def test_a_dripping_tap_is_not_urgent(text: str) -> None:
    assert assess_urgency(text).level != URGENT


@pytest.mark.parametrize("text", ["水龙头漏水 都漏到楼下人家去了", "厨房龙头一直漏水 地上全泡了", "卫生间顶上在滴水", "楼上漏水滴到我家客厅"])
def test_water_going_somewhere_is_still_urgent(text: str) -> None:
    assert assess_urgency(text).level == URGENT
