"""usertest28's dialog-slot findings (eighteenth session, branch fixslots28), none of them the tester's sentences:
answers given before their question are kept (an address at the danger question, a phone at a consultation's
小区, a 小区 at its phone question), the time question takes only times, and a few smaller slips."""

from __future__ import annotations

from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step

# a home fault with words that make the bot ask whether anyone is in danger, the 小区 named but not the door
HOME_FAULT = "我住阳光花园，卫生间的马桶一直漏水，家里就我一个老太婆"


def test_an_address_sent_at_the_danger_question_is_kept_and_the_question_put_again() -> None:
    s = step(fresh(), msg(HOME_FAULT))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("阳光花园9栋2单元703"))
    d = s.state.draft
    assert d and (d.building, d.unit, d.room) == ("9", "2", "703")
    assert d.asking == Asking.TRIAGE and plain_text(s.replies).startswith("地址已记下")
    s = step(s.state, msg("没有"))
    assert s.state.draft and s.state.draft.asking != Asking.DOOR  # the door is not asked again


def test_a_door_sent_at_the_danger_question_reaches_the_emergency() -> None:
    s = step(fresh(), msg(HOME_FAULT))
    s = step(s.state, msg("9栋2单元703"))
    s = step(s.state, msg("有危险"))
    d = s.state.draft
    assert d and d.emergency and (d.community, d.building, d.room) == ("阳光花园", "9", "703")
