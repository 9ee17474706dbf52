"""Round 25, read after its blind score (fifteenth session): a burst pipe told in Cantonese (水喉爆咗, 水射, 关唔到总掣)
was neither called nor asked — 水喉 is the pipe and 射 the spray, words the water rules did not know. In my own
sentences: such a burst is asked about (water with nobody named at risk), as its Mandarin twin is."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", ["厨房个水喉爆咗，水喷到成地都系，点算啊", "冲凉房水喉裂咗 水一路射出嚟 关唔住",
                                  "家里水管爆了 水射得到处都是 总阀关不上"])
def test_a_burst_pipe_in_cantonese_is_asked_or_called(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["水喉费点样交", "想问下换水喉要几多钱"])
def test_the_word_alone_is_no_danger(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage
