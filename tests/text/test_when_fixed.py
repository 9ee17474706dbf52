"""One reader for asking when the work will be done (core/text/when_fixed.py), shared by the intake's service
questions and by asks_back; the two copies had drifted (asks_back knew neither 哪天 nor 派人 nor 修好要多久)."""

from __future__ import annotations

import pytest

from bot.dialogs.service_questions import service_question
from core.text.answers import asks_back
from core.text.normalize import fold, nfkc
from core.text.when_fixed import asks_when_fixed


def _reads(text: str) -> bool:
    return asks_when_fixed(fold(nfkc(text)))


ASKED = ["师傅大概几时能到", "哪天能派人来看看", "修好一般要多长时间", "这个多少天能有结果", "时限是几天",
         "你们几天能上门", "换个灯泡要多久能弄好", "处理完得多久"]
TOLD = ["这几天好吵", "前几天才修过又坏了", "这几天有人在楼道抽烟", "师傅上门几天了还没修好", "过几天来修也行",
        "十几天来一直漏水", "什么时候开始的我也记不清"]


@pytest.mark.parametrize("text", ASKED)
def test_when_the_work_will_be_done_is_asked(text: str) -> None:
    assert _reads(text)


@pytest.mark.parametrize("text", TOLD)
def test_a_span_of_days_told_is_not_a_question(text: str) -> None:
    assert not _reads(text)


@pytest.mark.parametrize("text", ["哪天能派人来", "修好要多长时间", "多少天能有结果"])
def test_both_readers_agree(text: str) -> None:
    """What the intake answers with the deadline is also a question back at the time question, not when it began."""
    assert service_question(text + "呢") == "when"
    assert asks_back(text)
