"""The first advice in an emergency fits what is happening (seventeenth session, usertest27): a child outside a
balcony was told 「不要随意搬动伤者」, a dog bite bleeding heavily got only 110, and hazards such as carbon monoxide,
smoke, falling objects or a failing structure got the generic line."""

from __future__ import annotations

import pytest

from bot.dialogs import emergency_texts as etx
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step


def _first_reply(words: str) -> str:
    s = step(fresh(), msg(words))
    assert s.state.draft and s.state.draft.emergency
    return plain_text(s.replies[:1])


def test_a_person_at_risk_but_not_hurt_is_not_told_about_moving_the_injured() -> None:
    said = _first_reply("小孩爬到阳台外面了 站在空调外机上")
    assert "搬动伤者" not in said and etx.AT_RISK_ADVICE[1] in said


def test_someone_collapsed_keeps_the_injury_advice() -> None:
    assert "不要随意搬动伤者" in _first_reply("一个老人倒在楼道里不动了")


def test_a_bite_that_bleeds_also_calls_the_ambulance() -> None:
    said = _first_reply("被狗咬了 血流不止")
    assert "110" in said and etx.HURT_TOO in said


@pytest.mark.parametrize(("hazard", "name"), [("co", "一氧化碳"), ("smoke", "浓烟"), ("falling", "高空坠物"),
                                              ("structure", "结构"), ("chemical", "化学品")])
def test_every_hazard_has_its_own_advice(hazard: str, name: str) -> None:
    said = etx.emergency_numbers("96777", hazard)
    assert name in said and etx.GENERIC_ADVICE not in said


@pytest.mark.parametrize("words", ["我女儿一个人在家 刚打电话说屋里有股很怪的味道 头有点晕",
                                   "家里就我奶奶在 邻居说闻到我家门缝里有异味 敲门没人应"])
def test_a_smell_nobody_names_with_someone_at_risk_gets_what_a_gas_leak_asks(words: str) -> None:
    """Eighteenth session's user test: a child alone at home who smells something was told the advice for a child
    on a ledge (「不要惊吓、拉扯」)."""
    said = _first_reply(words)
    assert "不要点火" in said and "拉扯" not in said


def test_a_smell_at_the_door_of_someone_not_seen_keeps_the_advice_for_a_person() -> None:
    """The smell is a sign of the person behind the door, not of gas: not told to open windows and leave."""
    said = _first_reply("对门的独居大爷三四天没出门了 敲门没人应 门口有股怪味")
    assert "不要点火" not in said
