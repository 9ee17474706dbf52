"""usertest28: a shared location labelled 「翠湖苑东门」, its pin inside another compound's circle, was filed as
「幸福里小区（翠湖苑东门）」 with no word about it: the label's 小区 is the resident's word and wins, and the
gate it names stays in the place shown."""

from __future__ import annotations

from bot.dialogs.intake.fields import address_label
from core.messages import GeoPoint
from core.text.address import display
from tests.dialogs.test_steps import fresh, msg, step


def test_the_label_names_the_community_not_the_circle_the_pin_fell_in() -> None:
    s = step(fresh(), msg("路边的灯坏了"))
    s = step(s.state, msg(location=GeoPoint(30.2742, 120.1552, "阳光花园北门")))  # inside 幸福里's circle
    d = s.state.draft
    assert d is not None and d.community == "阳光花园"
    assert address_label(d) == "阳光花园北门"


def test_a_label_without_a_known_name_leaves_the_circle_to_say() -> None:
    s = step(fresh(), msg("路边的灯坏了"))
    s = step(s.state, msg(location=GeoPoint(30.2742, 120.1552, "东门岗亭")))
    assert s.state.draft is not None and s.state.draft.community == "幸福里小区"


def test_a_spot_that_says_more_than_the_name_is_shown_whole() -> None:
    assert display("阳光花园", None, None, None, "阳光花园中心广场") == "阳光花园中心广场"
    assert display("阳光花园", "3", None, None, "阳光花园") == "阳光花园3栋"
    assert display("阳光花园", "3", None, None, "北门") == "阳光花园3栋（北门）"
