"""Chinese vocabulary of ``core.text``: numerals, addresses and time phrases. The urgency rules' vocabulary
is in ``data/urgency_rules.toml`` and the danger concepts in ``data/danger_concepts.toml``.

Everything here is written in Simplified Chinese: the readers match against
:func:`core.text.normalize.fold`, which maps Traditional characters to Simplified first, so one
spelling per word is enough. ``tests/text/test_text_vocab.py`` checks that every entry is already
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
ROOM_SUFFIX_BLOCKERS: tuple[str, ...] = (
    "房东",
    "房租",
    "房价",
    "房产",
    "房子",
    "房屋",
    "房贷",
    "号楼",
    "号线",
)
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
    # a time or a verb of saying before 小区 is no name: 前天小区里有个阿姨晕倒了, 建议小区多装快递柜, 请问小区…
    "前天", "昨天", "今天", "明天", "最近", "近来", "前几天", "这几天", "去年", "今年", "上个月", "这个月",
    "上周", "这周", "现在", "刚才", "刚刚", "平时", "每天", "晚上", "早上", "半夜", "建议", "希望", "觉得",
    "感觉", "发现", "听说", "问",
    # an hour or a part of the day before 小区 is no name either (昨晚十一点多小区门口… is no 「多小区」)
    "昨晚", "今晚", "前晚", "凌晨", "上午", "中午", "下午", "傍晚", "夜里", "点多", "点半", "点钟", "点",
    # a verb softened by 下 / 一下 (想问下小区车位能不能租): 下 is no name either
    "问下", "问一下", "问问", "说下", "说一下", "看下", "看一下", "反映下", "反映一下",
    # any verb softened by 一下 (咨询一下小区里…, 了解一下小区…: usertest28 read a community 「一下小区」),
    # and the asking words themselves (请问, 麻烦, 打听, 了解)
    "一下", "请问", "麻烦", "打听", "了解", "询问",
    # a position before 花园 / 苑 is a spot, not a name (我爸在楼下花园晕倒了 is no 「下花园」)
    "楼下", "楼上", "楼前", "楼后", "门口", "门前", "后面", "前面",
    # a lead into another matter (另外小区里流浪猫太多了) is no name
    "另外", "还有", "然后", "再说", "顺便", "此外",
    # Cantonese pronouns and particles (我哋大廈部𨋢又壞咗 is no 「哋大廈」)
    "我哋", "你哋", "佢哋", "住喺", "哋", "佢", "嘅", "喺", "咗",
)  # fmt: skip
# Left-overs that are not a community name even though they precede a generic ending.
COMMUNITY_NAME_BLACKLIST: frozenset[str] = frozenset({
    "老", "新", "整", "全", "同", "同一", "一个", "某", "某个", "其他", "别的", "各", "旧", "大",
    "小", "高档", "老旧", "这", "那", "本", "该", "业主", "物业", "中心", "中央", "下", "上",
})  # fmt: skip
# What a name before 小区 never ends with: a topic asked about, 「我们小区」 said shorter (usertest29: 「火灾保险小区有没有
# 统一买」 was the 小区 「火灾保险小区」; 停车费小区怎么收, 快递小区能送上楼吗)
TOPIC_ENDINGS: tuple[str, ...] = (
    "保险", "险", "费", "税", "快递", "外卖", "电动车", "充电", "停车", "车位", "宽带", "网络", "电视", "装修", "疫苗",
    "通知", "政策", "规定", "问题", "事情", "情况", "活动", "监控", "门禁", "燃气", "煤气", "暖气", "供暖", "核酸",
    "社保", "医保", "证明", "手续", "押金", "补贴",
)
# Words right before a bare name + building ("地址：幸福里3栋") that mark it as an address.
ADDRESS_CUES: tuple[str, ...] = (
    "地址是",
    "地址",
    "住在",
    "住址",
    "家住",
    "家在",
    "位于",
    "我住",
    "我家是",
    "门牌",
)
# Characters common in complaint wording and rare in estate names: a bare name before a building
# ("幸福里3栋") containing one of them is not taken as a community ("漏水3栋").
NOT_COMMUNITY_NAME_CHARS = frozenset(
    "漏坏吵堵停修臭脏乱问投诉没不很太还又都也就吗呢吧啊了着过被把让给有要会能我你他她们这那的得说请救"
    "火烟困电梯噪音打砍喊叫闹响坏掉塌裂"
    "快赶派帮"  # a call for help before the building (快来人 12号楼…, 赶紧派人 8号楼…): round 21
)

# --- time phrases (timephrase.py) -----------------------------------------------------------------

# Numbers in time phrases: Arabic, Chinese numerals, 几 (a few) and 半 (half).
TIME_NUMBER_CLASS = "零〇一二两三四五六七八九十百几半"
# 几 "a few" is read as this many.
FEW = 3

# Day references -> (days from today, implied part of day or ""). 当天 is "the same day" as some other
# event ("停水都是当天才说"), not today: it is no time of its own.
DAY_REFS: dict[str, tuple[int, str]] = {
    "大前天": (-3, ""), "前天晚上": (-2, "晚上"), "前天": (-2, ""), "前晚": (-2, "晚上"), "前夜": (-2, "夜里"),
    "昨天": (-1, ""), "昨日": (-1, ""), "昨儿个": (-1, ""), "昨儿": (-1, ""), "今儿个": (0, ""), "昨晚": (-1, "晚上"), "昨夜": (-1, "夜里"),
    "今天": (0, ""), "今日": (0, ""), "今儿": (0, ""), "今早": (0, "早上"), "今晨": (0, "早上"),
    "今晚": (0, "晚上"), "今夜": (0, "夜里"),
    "明天": (1, ""), "明早": (1, "早上"), "明晚": (1, "晚上"), "后天": (2, ""),
    # Cantonese and Wu: 琴日 / 寻日 (yesterday), 今朝 (today, this morning), 听日 (tomorrow)
    "琴日": (-1, ""), "寻日": (-1, ""), "今朝": (0, ""), "听日": (1, ""),
}  # fmt: skip

# Part of day -> (default start hour, rule for a clock hour said with it).
# rule: "am" keep; "noon" 1-2 -> +12; "pm" <12 -> +12; "evening" 12 -> 24, 1-4 -> next day, 5-11 -> +12;
# "night" 12 -> 24, 0-5 -> next day, else +12.
PARTS_OF_DAY: dict[str, tuple[int, str]] = {
    "凌晨": (0, "am"), "清晨": (6, "am"), "早晨": (6, "am"), "早上": (6, "am"), "一早": (6, "am"),
    "大早": (6, "am"), "上午": (8, "am"), "早": (6, "am"), "白天": (8, "am"), "中午": (12, "noon"),
    "午后": (13, "pm"), "下午": (13, "pm"), "傍晚": (17, "pm"), "黄昏": (17, "pm"),
    "晚上": (19, "evening"), "晚间": (19, "evening"), "夜晚": (19, "evening"), "晚": (19, "evening"),
    "后半夜": (2, "am"), "下半夜": (2, "am"), "前半夜": (22, "night"), "上半夜": (22, "night"),
    "下昼": (13, "pm"), "晏昼": (13, "pm"), "朝早": (6, "am"), "黑间": (19, "evening"), "夜里": (23, "night"), "夜间": (23, "night"), "半夜": (23, "night"), "深夜": (23, "night"),
    "午夜": (0, "am"), "夜": (23, "night"),
}  # fmt: skip

# Periods -> (kind, offset): start of the week/month/year, offset in those units.
PERIOD_REFS: dict[str, tuple[str, int]] = {
    "上上周": ("week", -2), "上周": ("week", -1), "上星期": ("week", -1), "上个星期": ("week", -1),
    "上礼拜": ("week", -1), "上个礼拜": ("week", -1), "这周": ("week", 0), "本周": ("week", 0),
    "这星期": ("week", 0), "这个星期": ("week", 0), "这礼拜": ("week", 0), "这个礼拜": ("week", 0),
    "上上个月": ("month", -2), "上个月": ("month", -1), "上月": ("month", -1), "这个月": ("month", 0),
    "本月": ("month", 0), "这月": ("month", 0), "月初": ("month", 0), "去年": ("year", -1),
    "前年": ("year", -2), "今年": ("year", 0), "年初": ("year", 0),
}  # fmt: skip

WEEK_PREFIXES: dict[str, int] = {
    "上上": -2,
    "上个": -1,
    "上": -1,
    "这个": 0,
    "这": 0,
    "本": 0,
    "下个": 1,
    "下": 1,
}
WEEK_WORDS: tuple[str, ...] = ("星期", "礼拜", "周")
WEEKDAYS: dict[str, int] = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}

# Units of "N天前 / N个小时前 / 三个月了" -> (unit kind, amount of that kind per one).
DURATION_UNITS: dict[str, tuple[str, int]] = {
    "分钟": ("minutes", 1), "个小时": ("hours", 1), "小时": ("hours", 1), "个钟头": ("hours", 1),
    "钟头": ("hours", 1), "天": ("days", 1), "日": ("days", 1), "个星期": ("days", 7),
    "星期": ("days", 7), "个礼拜": ("days", 7), "礼拜": ("days", 7), "周": ("days", 7),
    "个月": ("months", 1), "个多月": ("months", 1), "月": ("months", 1), "年": ("years", 1),
}  # fmt: skip
# "三天前", "三天了", "三天以来": a duration that reaches back from now.
AGO_SUFFIXES: tuple[str, ...] = ("以前", "之前", "前", "以来", "多了", "了", "来")
# "已经三天", "都一个月", "快两周", "有半个月", "好几天": the same read from the word in front.
AGO_PREFIXES: tuple[str, ...] = ("已经", "已", "都", "快", "有", "近", "整整", "足足", "将近", "差不多", "好")
# A month said without a day ("去年12月", "3月份", "上个月底"), and parts of a month or year -> day.
MONTH_PARTS: dict[str, int] = {"初": 1, "上旬": 1, "中": 15, "中旬": 11, "下旬": 21, "底": 25, "末": 25, "份": 1}
SEASONS: dict[str, int] = {
    "春天": 3, "春季": 3, "开春": 3, "夏天": 6, "夏季": 6, "秋天": 9, "秋季": 9, "冬天": 12, "冬季": 12,
    "年初": 1, "年中": 6, "年底": 12, "年末": 12, "年前": 1, "年后": 2, "入冬": 11, "入秋": 9, "入夏": 6,
}  # fmt: skip
# Holidays said as when (国庆节后, 过完年, 中秋以后): the name chinesecalendar gives the holiday's days off, and the
# month and day to fall back on for a year it has no data for. A holiday read is the most recent one before now.
HOLIDAYS: dict[str, tuple[str, int, int]] = {
    "元旦": ("New Year's Day", 1, 1), "春节": ("Spring Festival", 2, 1), "过年": ("Spring Festival", 2, 1),
    "过完年": ("Spring Festival", 2, 1), "清明节": ("Tomb-sweeping Day", 4, 4), "清明": ("Tomb-sweeping Day", 4, 4),
    "五一": ("Labour Day", 5, 1), "劳动节": ("Labour Day", 5, 1), "端午节": ("Dragon Boat Festival", 6, 1),
    "端午": ("Dragon Boat Festival", 6, 1), "中秋节": ("Mid-autumn Festival", 9, 15),
    "中秋": ("Mid-autumn Festival", 9, 15), "国庆节": ("National Day", 10, 1), "国庆": ("National Day", 10, 1),
    "十一长假": ("National Day", 10, 1), "十一假期": ("National Day", 10, 1),
    "暑假": ("", 7, 15), "寒假": ("", 1, 20),
}  # fmt: skip
# Words of recurrence that say nothing about when ("一直往下滴水"): alone, they are no time phrase.
UNTIMED_RECURRING: frozenset[str] = frozenset({
    "经常", "常常", "时常", "总是", "老是", "一直", "反复", "三天两头", "动不动", "隔三差五", "每次", "每逢",
    "每到",
})  # fmt: skip
# "最近一周", "近三天", "这几天", "前两天": the last N units.
RECENT_PREFIXES: tuple[str, ...] = ("最近", "近", "这", "前", "过去")
# Vague recent references -> days back (approximate start).
VAGUE_RECENT: dict[str, int] = {
    "最近": 7, "近期": 7, "近来": 7, "这段时间": 14, "这阵子": 14, "前段时间": 21, "前阵子": 21,
    "前些天": 5, "前些日子": 7, "这些天": 3, "这些日子": 5,
    # a few days, their number not said (usertest28: 好些天了 was read as 好久 and the time asked again)
    "好些天": 5, "好些日子": 7, "有些日子": 7, "有些天": 5,
}  # fmt: skip
# "坏了好久", "很长时间了": it has gone on long, from no date anyone can derive (the start stays unknown).
LONG_AGO: tuple[str, ...] = (
    "好久", "很久", "挺久", "老久", "好长时间", "很长时间", "好长一段时间", "很长一段时间", "有段时间", "好一段时间",
)  # fmt: skip
# Just now -> minutes back.
JUST_NOW: dict[str, int] = {"刚才": 10, "刚刚": 10, "方才": 10, "就在刚才": 10, "头先": 10, "啱啱": 10, "啱先": 10}
# Present-time words -> the phrase starts now (low weight: the problem usually began earlier).
PRESENT: tuple[str, ...] = ("现在", "此刻", "目前", "正在", "当前")
# "从...开始 / 自...以来": joined to the phrase they wrap.
SINCE_PREFIXES: tuple[str, ...] = ("自从", "从", "自")
SINCE_SUFFIXES: tuple[str, ...] = ("开始", "以来", "起", "至今", "到现在", "到今天")
# Recurrence: the problem repeats or goes on.
RECURRING: tuple[str, ...] = (
    "每天", "每晚", "每夜", "每日", "每周", "每个星期", "每星期", "每个礼拜", "每个月", "每月", "每到",
    "每次", "每逢", "每个周末", "天天", "夜夜", "经常", "常常", "时常", "总是", "老是", "一直", "整天",
    "整晚", "整夜", "成天", "反复", "三天两头", "动不动", "隔三差五", "一到晚上", "一到周末",
    "成晚", "晚晚", "日日", "成日",  # Cantonese: all night, every night, every day, all day (樓上成晚拖櫈 asked when)
)  # fmt: skip
# A number + 点 that is not a clock time: "有一点吵" (a bit), "两点意见" (two points).
CLOCK_BLOCKERS: tuple[str, ...] = ("点儿", "点点", "点意见", "点建议", "点要求", "点问题", "点看法", "点原因")
# A bare 号/日 number followed by these is not a date: 5号楼, 3号线, 2号门.
DAY_OF_MONTH_BLOCKERS: tuple[str, ...] = (
    "楼",
    "院",
    "线",
    "门",
    "床",
    "口",
    "位",
    "机",
    "店",
    "铺",
    "栋",
    "座",
    "单元",
)

# --- answers to the intake's questions (answers.py) ------------------------------------------------

# Words that open a second matter in the middle of answering a question ("对了还有，…", "另外…").
ASIDE_MARKERS: tuple[str, ...] = (
    "另外", "还有", "对了", "顺便", "顺带", "此外", "再有", "再一个", "再说一个", "还想反映", "还要反映", "还想投诉",
    "还要投诉", "另一个", "另有", "还有个", "还有一件", "再反映", "先说一下", "先说个事",
    "再说个事", "再说件事", "再说一件", "还有件事", "再讲个事", "再问个事",
    # Cantonese: 仲有 / 重有 (还有), 另外仲有, 仲有樣嘢 (还有件事)
    "仲有", "重有", "仲有样嘢", "仲有件事",
    # English, as residents mix it in (btw 楼道里…)
    "btw", "by the way", "one more thing", "another thing",
)  # fmt: skip
# Words that make a message a question back to the bot, not an answer to its question ("你们是不是机器人").
QUESTION_CUES: tuple[str, ...] = ("是不是", "是否", "能不能", "可不可以", "为什么", "为啥", "凭什么")
# What a complaint says is wrong: a sentence carrying one of these reports a problem.
PROBLEM_WORDS: tuple[str, ...] = (
    "坏", "不亮", "不灵", "不动", "不工作", "不通", "没人收", "没人管", "没人修", "没人清", "没人扫", "没有人管",
    "臭", "吵", "噪音", "扰民", "漏", "渗水", "滴水", "堵", "停水", "停电", "断水", "断电", "乱停", "乱扔", "乱堆",
    "乱放", "乱贴", "乱搭", "占用", "占道", "故障", "破了", "破损", "裂", "塌", "脱落", "掉下", "积水", "脏",
    "蚊子", "虫子", "马蜂", "白蚁", "老鼠", "蟑螂", "违建", "违章", "烦死", "受不了", "投诉", "反映",
    "往下扔", "往下丢", "往下泼", "往下倒", "高空抛物",  # things thrown from above (round 29: 楼上在往下扔东西 after a noise)
)  # fmt: skip
# Places people name instead of a 小区-楼栋-室 address ("菜市场门口", "小区东门", "5号楼楼下").
PLACE_WORDS: tuple[str, ...] = (
    "小区", "社区", "花园", "家园", "公寓", "大厦", "广场", "新村", "苑", "庭", "府", "村", "路", "街", "巷", "弄",
    "号", "栋", "幢", "楼", "单元", "室", "层", "门口", "大门", "东门", "南门", "西门", "北门", "侧门", "后门",
    "附近", "对面", "旁边", "隔壁", "楼下", "楼上", "楼道", "楼梯", "车库", "车棚", "停车场", "路口", "公园",
    "市场", "菜场", "超市", "学校", "幼儿园", "医院", "地铁", "车站", "站", "商场", "店", "楼顶", "天台",
    "地下室", "院子", "院里", "花坛", "绿化带", "电梯口", "中心", "活动室", "球场", "岗亭", "门卫", "垃圾站",
    "河边", "桥", "区", "期",
)  # fmt: skip
# Where a problem inside the resident's own flat is said to be: a visit there needs the door, not only the 小区.
HOME_WORDS: tuple[str, ...] = (
    "我家", "家里", "家中", "屋里", "屋头", "我屋", "室内", "厨房", "卫生间", "洗手间", "厕所", "客厅", "卧室",
    "阳台", "房间",
)  # fmt: skip
# Shared parts inside one building: a ticket there needs the building, not only the 小区.
BUILDING_WORDS: tuple[str, ...] = (
    "电梯", "楼道", "楼梯", "单元门", "门禁", "天台", "楼顶", "走廊", "声控灯", "地下室",
)  # fmt: skip
# Things outdoors that stand at one spot of an estate (the swing, a lamp post, a manhole): a worker sent to the 小区
# alone does not know where to look, so where inside it is asked (round 23); estate-wide matters (停水, 物业费) are not.
OUTDOOR_SPOT_WORDS: tuple[str, ...] = (
    "秋千", "滑梯", "跷跷板", "蹦床", "沙坑", "游乐设施", "儿童乐园", "游乐场", "健身器材", "健身器", "单杠", "双杠",
    "长椅", "座椅", "凉亭", "亭子", "路灯", "井盖", "窨井", "消防栓", "垃圾桶", "垃圾箱", "果皮箱", "垃圾站", "垃圾房", "垃圾点", "树枝", "树木",
    "大树", "花坛", "草坪", "喷泉", "水池", "围栏", "栏杆", "护栏", "围墙", "台阶", "路面", "地砖", "车棚", "充电桩",
    "宣传栏", "指示牌", "路牌", "摄像头", "快递柜", "道闸",
)  # fmt: skip
# A place answer is short and one phrase: a longer message is a sentence about something else.
PLACE_ANSWER_MAX = 20

# --- after filing: a new matter or more about the ticket just filed (answers.new_matter) -----------

# Words that open another matter when a message starts with them, after the form as during it.
MATTER_LEADS: tuple[str, ...] = (
    *ASIDE_MARKERS, "又发现", "刚发现", "还发现", "另一个问题", "还想问", "顺便问", "顺便说", "我还要投诉", "还要投诉",
    "还有噻", "又来了", "又开始", "别的事", "再补充个别的", "补充个别的", "说个别的", "另一件事", "另外一件", "另外一个事", "还有一个事", "再补充一个",
    "再报一个", "再报个", "还要报一个", "再登记一个", "再投诉一个",
    "and also", "also",
)  # fmt: skip
