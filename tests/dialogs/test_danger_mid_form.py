"""Danger told in the middle of the form (fourteenth session, talking to the chat): 「翠湖苑5栋的电梯又停了」, then at
the time question 「里面有人被困住了」 — stored as the time, and the phone asked as if nothing had been said. Danger
said at any question of an ordinary draft joins its description and is read like the opening: called, or asked."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step

LIFT = "翠湖苑8栋的电梯又不动了"


def _at_time() -> object:
    s = step(fresh(), msg(LIFT))
    if s.state.draft and s.state.draft.asking == Asking.ADDRESS_CONFIRM:
        s = step(s.state, msg("对"))
    assert s.state.draft and s.state.draft.asking == Asking.OCCURRED and not s.state.draft.emergency
    return s


@pytest.mark.parametrize("words", ["里面有人被困住了", "电梯里有个老人出不来 在拍门", "我听到里面有小孩在哭"])
def test_danger_at_the_time_question_is_not_the_time(words: str) -> None:
    s = step(_at_time().state, msg(words))  # type: ignore[attr-defined]
    d = s.state.draft
    assert d is not None and d.occurred_text != words
    assert words in (d.description or "")
    said = plain_text(s.replies)
    assert d.emergency or d.asking == Asking.TRIAGE, said
    assert tx.ASK_PHONE not in said or d.emergency


@pytest.mark.parametrize("words", ["煤气味越来越重了 我头有点晕", "楼道里开始冒烟了"])
def test_danger_at_the_phone_question(words: str) -> None:
    s = step(fresh(), msg("幸福里小区2栋1单元楼道的灯坏了，前天开始的"))
    assert s.state.draft and s.state.draft.asking == Asking.PHONE
    s = step(s.state, msg(words))
    d = s.state.draft
    assert d is not None and (d.emergency or d.asking == Asking.TRIAGE) and words in (d.description or "")


@pytest.mark.parametrize("words", ["昨天晚上 我老公下班回来发现的", "前天，孩子放学回来说的", "三天了 楼里老人上下楼很不方便"])
def test_people_named_in_an_ordinary_answer_raise_nothing(words: str) -> None:
    s = step(_at_time().state, msg(words))  # type: ignore[attr-defined]
    d = s.state.draft
    assert d is not None and not d.emergency and d.asking != Asking.TRIAGE


def test_an_emergency_said_as_another_matter_is_not_set_aside() -> None:
    s = step(_at_time().state, msg("另外楼下有个老人摔倒了 头在流血 叫不醒"))  # type: ignore[attr-defined]
    d = s.state.draft
    assert d is not None and d.emergency and not s.state.asides


def test_the_model_alone_on_an_address_stops_nothing() -> None:
    s = step(fresh(), msg("楼道扶手松了 摇摇晃晃的 我家老人每天扶着上下楼"))
    s = step(s.state, msg("光明里 4号楼2门 三楼"))  # the model alone calls these words an emergency
    d = s.state.draft
    assert d is not None and not d.emergency and d.asking != Asking.TRIAGE


def test_someone_at_an_edge_gets_advice_for_that_not_an_injury_s() -> None:
    s = step(fresh(), msg("我不想活了 楼上天天吵 我现在就站在阳台边上"))
    said = plain_text(s.replies)
    assert s.state.draft and s.state.draft.emergency
    assert "12356" in said and "不要随意搬动伤者" not in said


def test_an_injury_keeps_its_own_advice() -> None:
    said = plain_text(step(fresh(), msg("楼下有个老人摔倒了 头在流血 叫不醒")).replies)
    assert "12356" not in said
