"""The resident's own phone among those a message gives (seventeenth session, usertest27): 「…楼上电话0571-88886666，
我的电话一五八 零零零零 九九九九」 stored the neighbour's landline as the contact phone."""

from __future__ import annotations

import pytest

from core.text.phone import own_phone


@pytest.mark.parametrize(("said", "phone"), [
    ("楼上天天漏水 楼上电话0571-88886666，我的电话一五八 零零零零 九九九九", "15800009999"),
    ("物业电话打不通 0571-87654321 打了十几次，我手机13900001111", "13900001111"),
    ("隔壁的手机是13812345678 我是13900002222", "13900002222"),
    ("电话13812345678", "13812345678"),
    ("13800001234", "13800001234"),
    ("我家座机0571-88886666 手机13900001111", "0571-88886666"),
])  # fmt: skip
def test_the_residents_own_phone_is_taken(said: str, phone: str) -> None:
    assert own_phone(said) == phone


@pytest.mark.parametrize("said", ["楼上那家电话13812345678 你们打给他", "他的手机是13900001111"])
def test_only_someone_elses_phone_is_none(said: str) -> None:
    assert own_phone(said) is None
