"""Round 29's consultation classes (consult_r29 and urgency_r29's kinds, read on branch study29: docs/understanding.md
"Round 29's misses"), none a round-29 sentence. Questions: when a term of office ends (换届 is no part replaced),
whether the management covers something in the home (管不管家里的…), whether a visit can be booked (能预约), which of
two parties to go to (找物业还是找开发商) even with a fault named, a priced service for one's own home (家里…堵了 能通吗
怎么收费), how shared money is published (怎么公示). Complaints stay: 你们管不管, 什么时候换 of a broken part, a
fault in a shared place with its price asked, and a fee that rose with nobody explaining it (也没人解释, 没人给个说法)."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "这一届业委会啥时候换届啊",
    "想问下 物业管不管户内的水管",
    "明天能预约师傅上门吗",
    "卫生间渗水了 应该找物业还是找楼上",
    "我家里马桶堵了 物业能通吗 怎么收费",
    "停车位的租金收入怎么公开的",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "楼下天天烧烤 你们物业管不管",
    "坏了的路灯什么时候换",
    "单元门口的下水道堵了 能疏通吗 多少钱",
    "停车费怎么比上半年贵了五十 一直没人给个说法",  # nobody explains a rise: a complaint, not how fees work
    "暖气费涨了 从来没人通知过我们",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
