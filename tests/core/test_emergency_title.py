"""usertest29 item 23: the heads' group read 「🚨紧急工单 …：电梯卡在」 — the title quoted the danger's words as the rules
matched them, cut mid-phrase. The title runs on to the end of the phrase they stand in."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.db.models import Ticket
from core.privacy import Audience, View
from core.texts.desk import alert_emergency

TZ = ZoneInfo("Asia/Shanghai")


def _title(description: str, triggers: list[str]) -> str:
    t = Ticket(number="261208-0001", description=description, community="幸福里小区", building="2", contact_phone=None,
               emergency_triggers=triggers)
    return alert_emergency(t, View.of(Audience.GROUP), TZ, triggers).splitlines()[0]


def test_the_title_ends_where_the_phrase_ends() -> None:
    assert _title("2栋电梯卡在五楼不动了，里面有个老人", ["电梯卡在"]).endswith("：2栋电梯卡在五楼不动了")
    assert _title("楼道里冒烟 好像是配电箱", ["冒烟"]).endswith("：楼道里冒烟")


def test_a_long_run_without_a_stop_is_cut_with_a_mark() -> None:
    title = _title("我家厨房的燃气灶关了以后还能闻到很浓的一股怪味道一直都有好几天了", ["燃气灶关了以后还能闻到"])
    assert title.endswith("…") and len(title.split("：", 1)[1]) <= 24


def test_triggers_not_in_the_words_follow_the_first_phrase() -> None:
    # twentieth session's user test: 「居民确认有危险」 (a yes to the triage question) or 「紧急情况」 alone told the
    # heads nothing of what it was
    assert _title("有人晕倒了", ["昏迷"]).endswith("：有人晕倒了（昏迷）")
    assert _title("地下室进水了 水已经到膝盖，配电房就在旁边", ["居民确认有危险"]).endswith(
        "：地下室进水了（居民确认有危险）")
    assert _title("7栋那边一直有人在喊，听不清喊什么", []).endswith("：7栋那边一直有人在喊")


def test_the_title_starts_where_the_phrase_starts() -> None:
    # second user test (twentieth session): the heads read 「进不去」「好多烟」 and nothing of who or where
    assert _title("我家小孙子把自己锁在卫生间出不来了，才两岁", ["出不来了"]).endswith("：我家小孙子把自己锁在卫生间出不来了")
    assert _title("地库B2那边好多烟，看不清", ["好多烟"]).endswith("：地库B2那边好多烟")


def test_the_rules_comma_still_finds_the_phrase() -> None:
    # the rules read 「，」 as 「,」: the lift title repeated itself as 「…（…,我和我女儿在里面）」
    title = _title("货梯停在两层中间了，我和我女儿在里面", ["货梯停在两层中间了,我和我女儿在里面"])
    assert title.count("货梯停在两层中间了") == 1
