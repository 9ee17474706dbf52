"""The dialog's phone slot reads what core/text/phone.py reads: a resident who answers 「你的电话？」 in
Chinese numerals (一三八…, 幺, 两, mixed with digits) is understood the first time."""

from __future__ import annotations

import pytest

from tests.dialogs.test_steps import fresh, msg, step


@pytest.mark.parametrize(("answer", "phone"), [
    ("幺三八 一二三四 五六七八", "13812345678"),
    ("我的手机是一三九零零一二两三四五", "13900122345"),
    ("139 零零一二 3456", "13900123456"),
    ("零五七一 八八八八六六六六", "0571-88886666"),
])
def test_a_phone_answered_in_chinese_numerals(answer: str, phone: str) -> None:
    s = step(fresh(), msg("楼道灯坏了"))
    s = step(s.state, msg("阳光花园7栋"))
    s = step(s.state, msg("好几天了"))
    assert s.state.draft and s.state.draft.phone is None
    s = step(s.state, msg(answer))
    assert s.state.draft and s.state.draft.phone == phone
