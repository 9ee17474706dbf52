"""Found talking to the bot (sixteenth session): 「我们家暖气片不热 摸着冰凉的 家里老人冻得受不了」 was an ordinary repair
with a day's deadline. No heating where someone frail is cold, or the room is very cold, is urgent (every writer's
label); the heating alone, mildly cold, or a question about when it starts stays ordinary."""

from __future__ import annotations

import pytest

from core.text.urgency import URGENT, assess_urgency


@pytest.mark.parametrize("text", [
    "地暖一直不热 我爸刚做完手术回家 冷得直发抖 冻得不行", "停暖气两天了 外面零下五度 孩子咳嗽",
    "家里有坐月子的 暖气却冰凉冰凉的", "暖器坏了 屋里才9度",
])  # fmt: skip
def test_no_heating_with_someone_frail_cold_is_urgent(text: str) -> None:
    assert assess_urgency(text).level == URGENT


@pytest.mark.parametrize("text", ["暖气有点不热 是不是该放气了", "今年暖气几号开始供 家里有老人", "暖气片上面热下面凉"])
def test_heating_alone_or_a_question_is_not(text: str) -> None:
    assert assess_urgency(text).level != URGENT
