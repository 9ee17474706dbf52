"""The resident's own phone among those a message gives (seventeenth session, usertest27): 「…楼上电话0571-88886666，
我的电话一五八 零零零零 九九九九」 stored the neighbour's landline as the contact phone."""

from __future__ import annotations

import pytest

from core.text.third_party import own_phone


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


# third30: the party named before the number (with a title, a name, 叫/姓, a failed call between), in Simplified and
# Traditional, digits and numerals, mobiles and landlines; and what still says the number is the resident's
@pytest.mark.parametrize("said", [
    "后门那台三轮车的车主电话一八九 七七七七 六六六六",
    "施工方负责人叫黄立伟，手机15844445555",
    "打了保安队长的号码 0512-65432100 好几次没人接",
    "物業的座機老是佔線 0512-65432100",
    "施工隊師傅電話：一三六 二二二二 三三三三",
    "房东手机一直关机 13766667777",
    "13911113333（对门那家的）",
])  # fmt: skip
def test_a_number_said_as_another_partys_is_not_the_residents(said: str) -> None:
    assert own_phone(said) is None


@pytest.mark.parametrize(("said", "phone"), [
    ("门口的车堵了一天，车主电话13911113333，麻烦联系我一五零 二二二二 一一一一", "15022221111"),
    ("楼道里有人抽烟 电话13512340000", "13512340000"),
    ("我是5栋的业主 13512340000", "13512340000"),
    ("物業電話打不通，打我手機 13512340000", "13512340000"),
    ("其他联系方式13512340000", "13512340000"),
])  # fmt: skip
def test_the_residents_own_number_is_still_taken(said: str, phone: str) -> None:
    assert own_phone(said) == phone
