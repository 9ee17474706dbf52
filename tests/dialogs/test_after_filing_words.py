"""What counts as small talk, a question about the last ticket, or 查询 with a number among words
(bot/dialogs/aftercare.py, bot/dialogs/inputs.py): pure, no database."""

from __future__ import annotations

import pytest

from bot.dialogs.aftercare import follow_up, small_talk
from bot.dialogs.inputs import number_in_query


@pytest.mark.parametrize(("text", "kind"), [
    ("谢谢", "thanks"), ("谢谢你们啊", "thanks"), ("收到，辛苦了！", "thanks"), ("麻烦了师傅", "thanks"),
    ("好的", "ack"), ("OK!", "ack"), ("嗯嗯", "ack"), ("👍", "ack"), ("好的，那我等着", "ack"),
    ("在吗？", "hello"), ("有人吗", "hello"), ("2", "number"), ("。。。", "symbols"), ("？？", "symbols"),
])
def test_small_talk(text: str, kind: str) -> None:
    assert small_talk(text) == kind


@pytest.mark.parametrize("text", ["楼上又在装修", "有人在楼道抽烟", "好臭", "谢谢，另外电梯坏了", "好的，3栋的灯也坏了",
                                  "2栋漏水", "13812345678", "你"])
def test_anything_that_may_say_something_is_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


@pytest.mark.parametrize(("text", "asks"), [
    ("师傅几点来", True), ("人什么时候到？？", True), ("怎么还没人来啊", True), ("师傅到底几点能来啊", True),
    ("电梯什么时候修", False), ("楼道灯怎么样了", False), ("我家水管又爆了，什么时候能来修", False), ("谢谢", False),
    ("还要等多久啊", True), ("师傅怎么还不来", True), ("怎么还没修好呢", True), ("空调要等多久", False),
    # when, a modal and the work, in any order (ninth session: 「大概多久能处理」 was noted on the ticket)
    ("大概多久能处理", True), ("修好要多长时间啊", True), ("师傅啥时候能上门", True), ("这个几天能弄好", True),
    ("什么时候能解决呢", True), ("处理需要几天", True),
    ("电梯多久能修好", False), ("水管爆了什么时候能来", False), ("垃圾多久能清走", False),
    # coming and what they come for said together (tenth session: 「那你们什么时候能来处理」 was noted on the ticket)
    ("你们啥时候派人来看看", True), ("大概多久能过来处理", True), ("请问什么时候上门维修", True),
    ("楼道灯什么时候派人来看看", False),
])
def test_a_question_about_the_last_ticket(text: str, asks: bool) -> None:
    assert follow_up(text) is asks


@pytest.mark.parametrize(("text", "number"), [
    ("查询 261123-0042 的进度", "261123-0042"), ("261123-0042 怎么样了", "261123-0042"),
    ("请问 #261123-0042 处理得怎么样了？", "261123-0042"), ("查询2611230042", "261123-0042"),
    ("261123-0042' OR '1'='1", None), ("查询 261123-0042 261123-0043", None), ("261123-0042 楼道灯坏了", None),
    ("我家电话13912345678怎么样了", None), ("261399-0042 怎么样了", None),
])
def test_a_number_among_query_words_only(text: str, number: str | None) -> None:
    assert number_in_query(text) == number
