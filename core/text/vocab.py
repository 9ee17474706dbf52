"""All Chinese vocabulary used by ``core.text``, in one place.

Everything here is written in Simplified Chinese: the readers match against
:func:`core.text.normalize.fold`, which maps Traditional characters to Simplified first, so one
spelling per word is enough. ``tests/text/test_vocab.py`` checks that every entry is already
Simplified (a Traditional spelling here would silently never match).

Regex fragments are plain alternations over these words; the modules that use them add the
structure (order, distance, look-arounds) and explain it.
"""

from __future__ import annotations

# --- numerals (normalize.cn_number) ---------------------------------------------------------------

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "俩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip

CN_UNITS: dict[str, int] = {
    "十": 10, "拾": 10,
    "百": 100, "佰": 100,
    "千": 1000, "仟": 1000,
    "万": 10_000,
    "亿": 100_000_000,
}  # fmt: skip

# --- addresses (address.py) -----------------------------------------------------------------------

# Characters a building/unit number may be written with besides Arabic digits and one Latin letter.
CN_NUMERAL_CLASS = "零〇一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖拾佰幺"

# "3号楼 / 3栋 / 3幢 / 3座": longest first so the regex alternation prefers 号楼 over 号.
# A bare "3楼" is a floor, not a building, and a bare "3号" is usually a date: neither is here.
BUILDING_SUFFIXES: tuple[str, ...] = ("号楼", "号栋", "号幢", "栋楼", "栋", "幢", "号座", "座")
# Words that start with a building suffix character but are not one (座位 seat, 座机 landline).
BUILDING_SUFFIX_BLOCKERS: tuple[str, ...] = ("座位", "座机", "座椅", "座谈", "栋梁")
UNIT_SUFFIXES: tuple[str, ...] = ("单元",)
ROOM_SUFFIXES: tuple[str, ...] = ("室", "房间", "房", "号房", "号", "户")
# Words after a room suffix that show the suffix was part of another word (房东 landlord ...).
ROOM_SUFFIX_BLOCKERS: tuple[str, ...] = ("房东", "房租", "房价", "房产", "房子", "房屋", "房贷", "号楼", "号线")
FLOOR_SUFFIXES: tuple[str, ...] = ("楼", "层")
# A number followed by one of these is a time, amount, count or measure, never part of an address.
NOT_ADDRESS_NUMBER_FOLLOWERS: tuple[str, ...] = (
    "点", "时", "小时", "分钟", "分", "秒", "天", "日", "号楼", "月", "年", "周", "个", "人", "位",
    "次", "元", "块", "万", "米", "平", "度", "岁", "斤", "公斤", "多", "辆", "台", "只", "条", "遍",
)  # fmt: skip

# Generic community-name endings, longest first, used when a name is not in the known list.
COMMUNITY_SUFFIXES: tuple[str, ...] = (
    "小区", "花园", "家园", "嘉园", "公寓", "大厦", "新村", "社区", "花苑", "雅苑", "名苑", "华庭",
    "山庄", "苑",
)  # fmt: skip
# Endings dropped from a known name to form its short alias ("幸福里小区" is also "幸福里").
COMMUNITY_DROPPABLE_SUFFIXES: tuple[str, ...] = ("小区", "社区")
# When a generic ending is found, the name runs back from it to just after the last of these
# (so "我家住在阳光花园" gives "阳光花园"), and to a district/road word ("朝阳区幸福小区").
COMMUNITY_NAME_STOPS: tuple[str, ...] = (
    "住在", "家在", "位于", "地址", "我家", "你家", "他家", "我们", "你们", "他们", "咱们", "这个",
    "那个", "隔壁", "对面", "旁边", "附近", "周边", "整个", "投诉", "反映", "举报", "咨询",
    "在", "住", "是", "的", "了", "我", "你", "他", "她", "们", "到", "于", "从", "给", "说", "和",
    "与", "跟", "把", "被", "让", "请", "要", "想", "这", "那", "哪", "个", "本", "该", "市", "省",
    "县", "区", "镇", "乡", "路", "街", "巷", "弄", "号", "楼", "去", "回", "找", "向", "对", "将",
)  # fmt: skip
# Left-overs that are not a community name even though they precede a generic ending.
COMMUNITY_NAME_BLACKLIST: frozenset[str] = frozenset({
    "老", "新", "整", "全", "同", "同一", "一个", "某", "某个", "其他", "别的", "各", "旧", "大",
    "小", "高档", "老旧", "这", "那", "本", "该", "业主", "物业",
})  # fmt: skip
# Words right before a bare name + building ("地址：幸福里3栋") that mark it as an address.
ADDRESS_CUES: tuple[str, ...] = ("地址是", "地址", "住在", "住址", "家住", "家在", "位于", "我住", "我家是", "门牌")
# Characters common in complaint wording and rare in estate names: a bare name before a building
# ("幸福里3栋") containing one of them is not taken as a community ("漏水3栋").
NOT_COMMUNITY_NAME_CHARS = frozenset(
    "漏坏吵堵停修臭脏乱问投诉没不很太还又都也就吗呢吧啊了着过被把让给有要会能我你他她们这那的得说请救"
    "火烟困电梯噪音打砍喊叫闹响坏掉塌裂"
)
