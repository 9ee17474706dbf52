"""Round 11's slot classes (development data, docs/understanding.md "Round 11's slots"): asking when the
service will come is no answer to when the problem began; a room said last, in a clause of its own after
the building, is the room. Each failed before the fix beside it (none is a round-11 sentence)."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import parse_address
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step


@pytest.mark.parametrize("words", ["你们到底什么时候来修啊，家里都没法住了", "几时能恢复？老人要吃药"])
def test_asking_when_it_will_be_fixed_is_no_time_it_began(words: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(words))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert tx.SERVICE_ANSWERS["when"] in plain_text(s.replies)  # answered (thirteenth session), and asked again
    s = step(s.state, msg("前天晚上开始的"))
    assert s.state.draft and s.state.draft.occurred_text == "前天晚上开始的"


@pytest.mark.parametrize(
    ("text", "room"),
    [("幸福里小区7栋，就在我家隔壁，1204", "1204"), ("阳光花园2栋1单元，我对门是602", "602"),
     ("金桂苑9号楼，楼下那家，302", "302")],
)  # fmt: skip
def test_a_room_said_last_in_its_own_clause_is_the_room(text: str, room: str) -> None:
    assert parse_address(text).room == room


@pytest.mark.parametrize("text", ["幸福里小区7栋，2019年搬来的", "阳光花园2栋，一共有120户人家"])
def test_a_number_that_is_no_door_stays_out_of_the_room(text: str) -> None:
    assert parse_address(text).room is None


@pytest.mark.parametrize("aside", ["还有，单元门口那块地砖也翘起来了", "另外二楼楼道的窗户玻璃碎了，风直往里灌"])
def test_a_second_matter_said_as_a_state_at_the_phone_question_is_set_aside(aside: str) -> None:
    s = step(at(Asking.PHONE).state, msg(aside))
    d = s.state.draft
    assert d and d.phone is None and d.asking == Asking.PHONE
    assert s.state.asides  # offered once this complaint is filed, not told 「号码好像不对」
    assert tx.BAD_PHONE not in plain_text(s.replies)
