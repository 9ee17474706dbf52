"""usertest29: 「我是住502的李建国」 reached the dispatch group's card in full. A name the resident gives for themselves
is found in the forms people use: 我是X, 我是<where>的X, 本人X, X这边, 我姓X …; words that only look like them name
nobody."""

from __future__ import annotations

import pytest

from core.privacy import Audience, redact
from core.text.self_name import introduced_names


@pytest.mark.parametrize(("text", "name"), [
    ("我是住302的赵德明，电话13900001111", "赵德明"),
    ("我是6栋的孙海燕 楼下垃圾没人收", "孙海燕"),
    ("我是住在翠湖苑2栋1单元的钱国庆", "钱国庆"),
    ("我是楼上的老周", "老周"),
    ("本人郑小红，反映噪音问题", "郑小红"),
    ("何志强这边，想问下物业费", "何志强"),
    ("你好 我这边是冯淑芬 我家水管漏了", "冯淑芬"),
    ("我姓蒋，叫蒋立新，住5栋", "蒋立新"),
    ("免贵姓曹 曹文斌 3栋的", "曹文斌"),
    ("我姓韩叫韩梅，楼道灯坏了", "韩梅"),
])
def test_a_name_in_the_forms_people_use(text: str, name: str) -> None:
    assert name in introduced_names(text)


@pytest.mark.parametrize("text", [
    "我是幸福里的老住户了",
    "我是住这边的业主",
    "我是楼下的住户 水漏到我家了",
    "路口这边红绿灯坏了",
    "车库这边积水",
    "万达这边的路灯不亮",
    "我姓李",
    "我是6栋的 电梯坏了",
    "南门这边有人摆摊",
    "高层这边没水",
])
def test_words_that_only_look_like_it_name_nobody(text: str) -> None:
    assert introduced_names(text) == []


def test_the_group_sees_the_surname_only() -> None:
    shown = redact("楼道里堆了旧家具，我是住502的李建国，电话13812340001", Audience.GROUP)
    assert "李建国" not in shown and "李**" in shown
