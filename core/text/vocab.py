"""All Chinese vocabulary used by ``core.text``, in one place.

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
)  # fmt: skip
# Left-overs that are not a community name even though they precede a generic ending.
COMMUNITY_NAME_BLACKLIST: frozenset[str] = frozenset({
    "老", "新", "整", "全", "同", "同一", "一个", "某", "某个", "其他", "别的", "各", "旧", "大",
    "小", "高档", "老旧", "这", "那", "本", "该", "业主", "物业",
})  # fmt: skip
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
)

# --- time phrases (timephrase.py) -----------------------------------------------------------------

# Numbers in time phrases: Arabic, Chinese numerals, 几 (a few) and 半 (half).
TIME_NUMBER_CLASS = "零〇一二两三四五六七八九十百几半"
# 几 "a few" is read as this many.
FEW = 3

# Day references -> (days from today, implied part of day or "").
DAY_REFS: dict[str, tuple[int, str]] = {
    "大前天": (-3, ""), "前天晚上": (-2, "晚上"), "前天": (-2, ""), "前晚": (-2, "晚上"), "前夜": (-2, "夜里"),
    "昨天": (-1, ""), "昨日": (-1, ""), "昨儿": (-1, ""), "昨晚": (-1, "晚上"), "昨夜": (-1, "夜里"),
    "今天": (0, ""), "今日": (0, ""), "今儿": (0, ""), "今早": (0, "早上"), "今晨": (0, "早上"),
    "今晚": (0, "晚上"), "今夜": (0, "夜里"), "当天": (0, ""),
    "明天": (1, ""), "明早": (1, "早上"), "明晚": (1, "晚上"), "后天": (2, ""),
}  # fmt: skip

# Part of day -> (default start hour, rule for a clock hour said with it).
# rule: "am" keep; "noon" 1-2 -> +12; "pm" <12 -> +12; "evening" 12 -> 24, 1-4 -> next day, 5-11 -> +12;
# "night" 12 -> 24, 0-5 -> next day, else +12.
PARTS_OF_DAY: dict[str, tuple[int, str]] = {
    "凌晨": (0, "am"), "清晨": (6, "am"), "早晨": (6, "am"), "早上": (6, "am"), "一早": (6, "am"),
    "大早": (6, "am"), "上午": (8, "am"), "早": (6, "am"), "白天": (8, "am"), "中午": (12, "noon"),
    "午后": (13, "pm"), "下午": (13, "pm"), "傍晚": (17, "pm"), "黄昏": (17, "pm"),
    "晚上": (19, "evening"), "晚间": (19, "evening"), "夜晚": (19, "evening"), "晚": (19, "evening"),
    "夜里": (23, "night"), "夜间": (23, "night"), "半夜": (23, "night"), "深夜": (23, "night"),
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
# "已经三天", "都一个月", "快两周", "有半个月": the same read from the word in front.
AGO_PREFIXES: tuple[str, ...] = ("已经", "已", "都", "快", "有", "近", "整整", "足足", "将近", "差不多")
# "最近一周", "近三天", "这几天", "前两天": the last N units.
RECENT_PREFIXES: tuple[str, ...] = ("最近", "近", "这", "前", "过去")
# Vague recent references -> days back (approximate start).
VAGUE_RECENT: dict[str, int] = {
    "最近": 7, "近期": 7, "近来": 7, "这段时间": 14, "这阵子": 14, "前段时间": 21, "前阵子": 21,
    "前些天": 5, "前些日子": 7, "这些天": 3, "这些日子": 5,
}  # fmt: skip
# Just now -> minutes back.
JUST_NOW: dict[str, int] = {"刚才": 10, "刚刚": 10, "方才": 10, "就在刚才": 10}
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

# --- urgency (urgency.py) -------------------------------------------------------------------------
# Each rule is (hazard, level, pattern, options). Patterns are regexes over the folded clause;
# ``.{0,N}`` gaps are always bounded. Options:
#   benign  — a regex; found within BENIGN_WINDOW characters of the match, it gives the match an
#             ordinary cause (谁家在烧烤，冒烟 …)
#   whole   — matched over the whole message, not clause by clause (摔了一跤，动不了)
#   report  — a standing hazard report (消防通道被堵): hypothetical wording does not cancel it
#   boost   — an urgent rule that 救命 / 里面有人 turns into an emergency (电梯卡住了)
#   habit   — an emergency rule that 经常 / 好几个月 turns into urgent (电梯经常困人)

_GAS = r"(?:煤气|燃气|天然气|液化气|瓦斯|煤汽|燃汽|沼气)"
_ELECTRIC_DEVICES = r"(?:线头|插头|吊灯|灯具|电线|线路|电缆|电箱|配电箱|配电房|配电柜|电表箱|电表|插座|插排|插线板|开关|电闸|变压器|电线杆|路灯杆|路灯)"
_PEOPLE = r"(?:人|我|我们|孩子|小孩|老人|老太太|老大爷|阿姨|大爷|住户|业主|几个|两个|一家|宝宝|妈|爸|邻居)"
_GAS_BENIGN = r"煤气费|燃气费|气费|费用|账单|缴费"
_HABIT = r"(?:经常|老是|总是|(?<!一)动不动|隔三差五|三天两头|每次|天天|每天|好几个月|几个月了|半年|一年多|好久|很久|多年|长期|常年)"

URGENCY_RULES: tuple[tuple[str | None, str, str, dict[str, str | bool]], ...] = (
    # gas
    (
        "gas",
        "emergency",
        rf"{_GAS}(?:管道|管子|管|罐|阀门|阀|表|灶|热水器)?.{{0,4}}(?:泄漏|泄露|漏气|漏了|在漏|外泄|漏出|挖断|破了|断了)",
        {"benign": _GAS_BENIGN},
    ),
    ("gas", "emergency", rf"(?:泄漏|泄露|漏)(?:的)?{_GAS}", {"benign": _GAS_BENIGN}),
    ("gas", "emergency", rf"{_GAS}(?:的)?(?:味|气味|臭味)", {"benign": _GAS_BENIGN}),
    (
        "gas",
        "emergency",
        rf"(?:闻到|闻着|闻见|有股|一股|像是?|好像是?|疑似|怀疑是?).{{0,6}}{_GAS}|{_GAS}.{{0,10}}(?:怪味|异味|味儿|味道|气味)",
        {"benign": _GAS_BENIGN},
    ),
    (
        "gas",
        "emergency",
        rf"{_GAS}.{{0,3}}(?:管|管子|管道|阀门|阀|接口|软管).{{0,4}}(?:松|裂|破|断|坏|脱落|钻破|挖破)",
        {},
    ),
    ("injury", "emergency", rf"(?:要|说要|想)(?:开|放){_GAS}", {}),
    ("gas", "emergency", r"臭鸡蛋(?:的)?味", {"benign": r"垃圾|下水道|化粪池|厕所|臭水沟|污水|鸡蛋坏"}),
    ("gas", "emergency", r"(?:燃气|煤气)?报警器.{0,6}(?:响|叫|报警)", {"benign": r"烟感|消防|火灾"}),
    # electric equipment burning/sparking comes before generic fire so the hazard says "electric"
    (
        "electric",
        "emergency",
        rf"{_ELECTRIC_DEVICES}.{{0,6}}(?:火花|火星|打火|冒火|起火|着火|着了|冒烟|爆了|炸了|爆炸|烧起来|烧焦)",
        {},
    ),
    ("electric", "emergency", r"(?:火花|打火花|电火花)", {"benign": r"焊|电焊|切割|电锯|打磨|砂轮|装修"}),
    ("electric", "emergency", r"漏电(?!保护|开关|断路)", {"benign": r"电费|费用|账单"}),
    ("electric", "emergency", r"触电|被电(?:到|了|得|击|一下)|电到人|电击", {}),
    (
        "electric",
        "emergency",
        r"(?:电线|高压线|电缆).{0,6}(?:掉|垂|落|断)(?:下来|在地上|到地上|地上|了)|电线杆.{0,3}(?:倒|断)|电线.{0,4}(?:横在|拖在|落在)",
        {},
    ),
    # fire
    (
        "fire",
        "emergency",
        r"着火|起火|失火|火灾|大火|烧起来|燃起来|烧着了|点着了|越烧越|火越来越大|火势|爆燃|自燃|燃烧|在燃|燃着|火很大|火好大|火窜|火蹿|窜火|蹿火",
        {},
    ),
    (
        "fire",
        "emergency",
        r"火苗|火光|明火|(?:有|冒|起了|见到|看到)火(?![车锅腿柴化候速气大箭])",
        {"benign": r"灶|蜡烛|打火机|点火|火柴"},
    ),
    (
        "fire",
        "emergency",
        r"烧(?:塑料|电线|胶皮|橡胶|东西)的?(?:味|气味)",
        {"benign": r"烧烤|烧饭|烧菜|烧香|烧纸"},
    ),
    (
        "fire",
        "emergency",
        r"浓烟|黑烟|冒烟|全是烟|都是烟|好多烟|烟很大|烟好大|烟越来越",
        {
            "benign": r"烧烤|烤串|烤肉|做饭|炒菜|油烟|抽烟|吸烟|烟囱|排烟|熏|烧纸|烧垃圾|焚烧|炉子|烤红薯|香火|烧香|烟花|鞭炮|爆竹|礼花"
        },
    ),
    ("fire", "emergency", r"烧焦|焦糊味|糊味|焦味", {"benign": r"做饭|炒菜|饭|锅|菜|烤"}),
    ("fire", "emergency", r"(?:打|拨打|拨|叫|报)了?119(?!\d)|(?<!\d)119(?:来了|到了)", {}),
    ("fire", "emergency", r"爆炸", {"benign": r"鞭炮|爆竹|烟花|炮仗|轮胎|气球"}),
    (
        "fire",
        "emergency",
        r"(?:油烟机|机器|电器|电视|冰箱|空调|柜子|窗帘|被子|沙发|床垫|衣服|电动车|电瓶车|车子|灯|锅|垃圾桶|房子|屋子|纸箱)(?:子)?.{0,2}(?<!睡)着了",
        {},
    ),
    ("fire", "emergency", r"\bfire\b|\bsmoke\b|burning", {}),
    ("gas", "emergency", r"gas leak|smell of gas|smell gas", {}),
    ("trapped", "emergency", r"\btrapped\b|stuck in (?:the )?lift|stuck in (?:the )?elevator", {}),
    ("water", "emergency", r"\bflood|burst pipe|pipe burst", {}),
    # trapped in a lift
    ("trapped", "emergency", r"(?:困|关|卡|锁)(?:在|住)?了?.{0,3}电梯(?:里|内|中)", {"habit": True}),
    ("trapped", "emergency", r"被(?:困|关|卡|锁)(?:在)?.{0,2}电梯", {"habit": True}),
    (
        "trapped",
        "emergency",
        rf"电梯(?:里|内)?.{{0,6}}(?:困|关|卡)(?:住|着|了)?.{{0,3}}{_PEOPLE}",
        {"habit": True},
    ),
    ("trapped", "emergency", r"电梯.{0,12}(?:出不来|出不去)", {"habit": True}),
    ("trapped", "emergency", r"电梯.{0,12}(?:里面|里头|里边)有人|电梯里有人", {"habit": True}),
    ("trapped", "emergency", rf"{_PEOPLE}(?:被)?(?:困|关|卡|锁)在电梯(?:里|内)?", {"habit": True}),
    (
        "trapped",
        "emergency",
        r"电梯.{0,12}(?:我在里面|我们在里面|人在里面)|(?:我|我们|人)在里面.{0,8}电梯",
        {"habit": True},
    ),
    (
        "trapped",
        "emergency",
        r"电梯.{0,6}(?:下坠|坠落|往下掉|掉下去|掉到|掉下|溜梯|冲顶|蹲底)",
        {"habit": True},
    ),
    (
        "trapped",
        "emergency",
        r"电梯.{0,30}里面(?:有|还有|困着|关着).{0,3}(?:人|小孩|孩子|老人|宝宝)",
        {"habit": True, "whole": True},
    ),
    (
        "trapped",
        "emergency",
        r"电梯.{0,20}(?:在里面|在里头|在里边|被困|困住|困在|关在|锁在)|(?:被困|困住|困在|关在|锁在).{0,10}电梯",
        {"habit": True, "whole": True},
    ),
    # water
    (
        "water",
        "emergency",
        r"(?:水管|管道|管子|总管|主管|暖气管|暖气片|水龙头|龙头|水表|阀门|进水管).{0,4}(?:爆|裂开|破裂|冻裂|破了|断了|崩了|脱落)",
        {"habit": True},
    ),
    ("water", "emergency", r"爆管|爆水管|管道爆|管子爆|爆裂", {"habit": True}),
    (
        "water",
        "emergency",
        r"(?:喷水|水喷|往外喷|喷得|喷出|飙水|呲水|滋水)",
        {"habit": True, "benign": r"洒水|浇水|喷泉|喷雾"},
    ),
    (
        "water",
        "emergency",
        r"(?:哗哗|哗啦啦|水帘|(?:像|跟|和|如)(?:下雨|瀑布|水帘|喷泉|开了闸|河|小河))(?:地|的)?(?:一样)?在?(?:往下漏|往下流|漏水|漏|流|淌)?",
        {"habit": True, "benign": r"下雨声|雨声|冲厕所"},
    ),
    (
        "water",
        "emergency",
        r"跑水|发大水|漫过|往里灌|灌进|流进(?:卧室|屋|家|客厅|房间|电梯)|成河",
        {"habit": True},
    ),
    ("water", "emergency", r"(?:吊顶|天花板|屋顶|顶棚).{0,4}(?:塌|掉下来|砸下来)", {}),
    (
        "water",
        "emergency",
        r"没过(?:脚踝|脚面|脚背|膝盖|小腿|腰|轮胎)|水.{0,6}(?:还在涨|越来越深|越涨越高|在往上涨)",
        {"habit": True},
    ),
    (
        "water",
        "emergency",
        r"被淹|淹了|淹到|淹没|都淹|水淹|水漫|漫进|漫到|漫出|倒灌进|涌出来|涌进",
        {"habit": True},
    ),
    (
        "water",
        "emergency",
        r"(?:家里|屋里|屋子|房间|客厅|卧室|地下室|车库|电梯井).{0,2}进水",
        {"habit": True},
    ),
    (
        "water",
        "emergency",
        r"(?:漏水|渗水|漏|水).{0,6}(?:很严重|特别严重|止不住|越来越大|接都接不住|接不过来)",
        {"habit": True},
    ),
    ("water", "emergency", r"(?:地面|地上|屋里|家里|整个屋子|到处).{0,3}(?:全是水|都是水)", {"habit": True}),
    # injury
    (
        "injury",
        "emergency",
        r"(?:摔倒|摔了一跤|摔了|跌倒|摔在地上|倒在地上|倒地|撞倒|着地).{0,10}(?:起不来|爬不起来|动不了|不能动|没反应|叫不醒|昏|流血|出血|骨折|不省人事|没意识)",
        {"habit": True},
    ),
    (
        "injury",
        "emergency",
        r"(?:摔|跌|滑倒|绊倒|倒在|倒地|躺在|滚下).{0,12}(?:起不来|爬不起来|动不了|不能动|没反应|叫不醒|不省人事|一动不动|出血|流血)",
        {"habit": True, "whole": True},
    ),
    (
        "injury",
        "emergency",
        r"晕倒|昏倒|昏迷|晕过去|昏过去|晕了过去|昏了过去|不省人事|溺水|落水|割腕|上吊|服毒|喝农药|吞药|没有意识|没了意识|没有呼吸|没呼吸|心脏骤停|抽搐|口吐白沫|休克|叫不醒",
        {"habit": True},
    ),
    (
        "injury",
        "emergency",
        r"一动不动|没有动静了",
        {"habit": True, "benign": r"电梯|车|门|机器"},
    ),
    (
        "injury",
        "emergency",
        r"喘不上气|喘不过气|呼吸.{0,2}困难|上不来气|噎住了|卡住喉咙|(?:叫|喊|拍).{0,4}(?:没反应|不醒|不答应)",
        {"habit": True},
    ),
    (
        "injury",
        "emergency",
        r"(?:头|脑袋|脸|腿|手|身上).{0,3}(?:出血|流血)|(?:出血|流血|见血)了|在流血|一直流血|流血不止|出血不止",
        {"habit": True},
    ),
    (
        "injury",
        "emergency",
        r"流了?很多血|流了好多血|大出血|血流不止|头破血流|满脸是血|满头是血|满身是血|全是血|一地血|流血不止",
        {"habit": True},
    ),
    ("injury", "emergency", r"(?:打|叫|拨打|拨)了?120(?!\d)|(?<!\d)120急救|救护车", {}),
    (
        "injury",
        "emergency",
        rf"(?:砸|撞)(?:伤|倒|到)了?{_PEOPLE}|砸到头|高空坠物.{{0,6}}(?:砸|伤)",
        {"habit": True},
    ),
    (
        "injury",
        "emergency",
        rf"{_PEOPLE}.{{0,6}}(?:掉|摔|坠)(?:下来|下去|进|到)了?.{{0,4}}(?:楼|井|河|水|池|阳台)?|掉进去了",
        {"habit": True, "benign": r"东西|手机|钥匙|衣服|花盆|垃圾"},
    ),
    (
        "injury",
        "emergency",
        r"跳楼|想不开|轻生|自杀|要跳下去|要往下跳|(?:窗台|楼顶|天台|窗户).{0,6}(?:要跳|跳下)",
        {},
    ),
    (None, "emergency", r"(?:有人|在|听到|听见).{0,4}(?:喊救命|呼救)|呼救", {}),
    ("injury", "emergency", r"心脏病(?:犯|发作)|犯病了|中风|脑溢血|突发疾病", {}),
    # violence
    (
        "violence",
        "emergency",
        r"(?:拿|持|举|提|掏|挥|抡|动)(?:着|出|了)?(?:刀|菜刀|砍刀|棍子|铁棍|棒子|斧头|凶器|枪)",
        {"benign": r"切菜"},
    ),
    (
        "violence",
        "emergency",
        r"砍人|捅人|杀人|要砍人?|要杀人?|要捅人?|砍死|杀了|捅了|弄死|打死",
        {"habit": True},
    ),
    (
        "violence",
        "emergency",
        r"打起来了?|打架|打群架|群架|斗殴|打砸|殴打|打人|动手打|互殴|群殴|厮打|扭打|揍人|家暴|打老婆|打老公|打孩子",
        {"habit": True},
    ),
    (
        "violence",
        "emergency",
        r"(?:威胁|扬言|说要).{0,8}(?:放火|烧|炸|杀|砍|弄死|报复|同归于尽)|放火|纵火",
        {},
    ),
    ("violence", "emergency", r"撬门|撬锁|撬我家|正在撬|入室抢劫|抢劫|抢包|抢手机|抢钱|抢东西", {}),
    (
        "violence",
        "emergency",
        r"追着我|在追我|追打|追砍|追着打|被.{0,8}(?:打|揍|砍|捅)(?:了|伤)|拿.{0,4}(?:酒瓶|砖头|石头).{0,3}砸",
        {},
    ),
    # urgent: outages and ordinary faults
    ("water", "urgent", r"停水|没水了|没有水了|断水|来水", {}),
    (
        "water",
        "urgent",
        r"漏水|渗水|滴水|返水|反水|冒水|往外冒|倒灌|溢|积水",
        {"benign": r"空调外机|空调|水费|费用|账单"},
    ),
    ("water", "urgent", r"(?:下水道|地漏|马桶|管道|下水).{0,4}(?:堵|不通|冒水|冒污水|往上冒)", {}),
    (
        "electric",
        "urgent",
        r"停电|没电了|没有电|没电|断电|跳闸",
        {"benign": r"电池|电瓶|手机|电量|遥控|报警器"},
    ),
    (
        "electric",
        "urgent",
        r"电线.{0,4}(?:裸露|外露|露在外面|露出来)|裸露的电线|私拉.{0,2}电线|电线老化|电线从",
        {"report": True},
    ),
    ("gas", "urgent", r"停气|燃气停了|没有燃气了|没燃气了|没气了", {}),
    (
        "fire",
        "urgent",
        r"消防通道.{0,6}(?:堵|占|停|被)|(?:堵|占用|占).{0,4}消防通道|安全出口.{0,4}(?:锁|堵)|消防(?:栓|设施).{0,4}(?:坏|没水|漏)|灭火器.{0,4}(?:过期|没有|没了|坏|空)",
        {"report": True},
    ),
    ("fire", "urgent", r"(?:楼道|过道|走廊|楼梯间).{0,6}(?:堆满|堆放|堆了|堆着|杂物)|杂物", {"report": True}),
    (
        "fire",
        "urgent",
        r"(?:楼道|过道|走廊|家里|楼上|屋里).{0,8}充电|飞线充电|飞线|电动车.{0,6}充电",
        {"report": True},
    ),
    ("fire", "urgent", r"烧纸|烧垃圾|焚烧|隐患|放烟花|放鞭炮|烟花", {"report": True}),
    ("fire", "urgent", r"(?:烟感|报警器).{0,6}(?:响|叫)", {}),
    ("trapped", "urgent", r"电梯.{0,8}(?:卡住|卡在)", {"boost": True}),
    (
        None,
        "urgent",
        r"电梯.{0,8}(?:坏了|停运|停了|不动|故障|不能用|停用|不运行|罢工|停在|卡顿|时好时坏)|(?:应急电话|紧急按钮|警铃|对讲).{0,4}(?:打不通|没用|坏|不响|没人接)",
        {"boost": True},
    ),
    (
        None,
        "urgent",
        r"门禁.{0,6}(?:坏|打不开|进不去|失灵)|(?:进不了|进不去)(?:家|门|小区|楼)?|(?:单元门|大门|楼门).{0,4}(?:坏|打不开|锁)",
        {},
    ),
    ("injury", "urgent", r"摔倒|摔伤|摔了|受伤|咬伤|被狗咬|划伤|擦破|高空抛物|坠物", {}),
    ("violence", "urgent", r"吵架|争吵|骂人|威胁|醉汉|闹事|砸门|踹门|揍我|打我|要揍|要(?:去)?砸", {}),
    ("injury", "urgent", r"独居老人.{0,12}(?:没见|没出门|联系不上|没动静|没开门)|联系不上", {}),
    ("fire", "urgent", r"扔烟头|乱扔烟头|烟头.{0,6}(?:烫|烧)", {}),
)

# Fixed expressions blanked out before matching: idioms and words that contain a hazard word
# but mean something else (火大 = angry, 炸了 = blew up online, 跳楼价 = clearance price ...).
URGENCY_IDIOMS: tuple[str, ...] = (
    "火大", "上火", "发火", "恼火", "火气", "火爆", "火冒三丈", "冒火了我", "火锅", "火车", "火腿", "火柴",
    "火化", "火候", "火速", "红火", "肝火", "怒火", "窝火", "心火", "十万火急", "炸鸡", "炸酱", "油炸",
    "炸串", "炸毛", "炸锅", "嗓子冒烟", "喊冒烟", "冒烟了也", "七窍生烟", "二手烟", "烟味", "烟火气",
    "打不着火", "点不着火", "打不着", "点不着", "跳楼价", "要命", "救命稻草", "脑子进水",
    "手机进水", "淹没在", "心态炸", "群里都炸", "群炸", "炸了锅", "头都要炸", "头要炸", "脑袋要炸",
    "肺都气炸", "气炸", "吵炸", "心脏病人", "打架子鼓", "打人脸", "漏电保护", "燃气报警器在哪",
    "灭火器在哪", "火灾保险", "砸墙", "杀虫", "杀菌", "打死蚊子", "打死苍蝇",
)  # fmt: skip
# "气得/吵得/烦得 …爆炸/冒烟/晕": hyperbole about feelings.
URGENCY_HYPERBOLE = r"(?:气|吵|烦|臭|熏|急|热|闷)得.{0,6}(?:爆炸|炸了|冒烟|冒火|晕倒|晕|昏过去|要死)|(?:差点|快要|都快|快|简直|几乎|差一点)(?:要)?(?:晕倒|昏倒|晕过去|气晕|爆炸)|气晕|吓晕"

# Clause breaks: negation and tense do not reach across them.
CLAUSE_BREAKS = "，,。.！!？?；;\n～~…、"

# Before a trigger in its clause: the hazard is denied or only believed.
NEGATION = r"(?:没有|没|未|并未|并没有|无|(?<!是)不是|并非|不像|别|不存在|排除|以为|还以为|原来是|不会是|不会|不用)(?!人|办法|法|用|完|想到|事|得|多久|多少|几|的|过|来)"
# Right before a trigger: "不漏水了", "不再冒烟".
STOPPED = r"(?:不再|不)$"
# After a trigger, anywhere later in the message: it is over (unless itself negated: 还没修好).
RESOLVED = r"开玩笑|开个玩笑|逗你|骗你|修好|处理好|解决了|已解决|没事了|恢复了|好了|不漏了|止住了|没有了|消失了|排除了|就停了|已经停了|没什么大碍|没大碍|没有大碍|看过了"
# After a trigger: the danger is contained but the fault remains, so an emergency becomes urgent.
MITIGATED = r"(?:关了总阀|关掉总阀|关了阀门|关掉阀门|关了水闸|不流了|拉了电闸|断了电|关了电闸)(?![^，,。.!！?？]{0,3}[，,]?(?:但|可是|还是|还在|仍))"
RESOLVED_BY_HAZARD: dict[str, str] = {
    "trapped": r"救出|救下|放出来|出来了",
    "fire": r"灭了|扑灭|熄灭",
    "gas": r"散了|没味了|没有味道了|没味道了",
}
# Before a trigger in its clause: it happened in the past (strong markers).
PAST = r"上次|上回|去年|前年|以前|之前|曾经|那次|过去|早前|几年前|前几年|历史上|当年|那年|前些年"
# "发生过 / 困过 / 着过": the experiential 过 anywhere in the clause.
PAST_EXPERIENTIAL = r"(?:发生|出|有|着|起|困|关|卡|漏|爆|遇到|经历|闹|烧|冒|淹|摔|晕|泄漏)过(?!去|来)"
# Weak past markers: past unless the clause also says it is still going on.
PAST_WEAK = r"昨天|昨晚|前天|上周|上个月|上星期|前几天|那天|上礼拜"
ONGOING = r"还在|还是|还有|仍|依然|现在|一直|到现在|开始|至今|正在|越来越|没停|不停|持续|又"
# Before a trigger in its clause: it might happen (hypothetical, fear, prevention, questions).
HYPOTHETICAL = (
    r"万一|如果|假如|要是|假设|一旦|(?<![可哪])怕|担心|害怕|恐怕|防止|预防|以防|避免|谨防|会不会|可能会|"
    r"容易|迟早|早晚|就会|掉下来会|演练|演习|培训|宣传|讲座|知识|建议|希望|是否|能否|真想|恨不得|巴不得|"
    r"电视|新闻|网上|别的小区|其他小区|隔壁小区|外地|怎么预防|如何预防|差点|差一点|险些|幸好|还好|幸亏|"
    r"下周|下个月|明天|后天|计划|预计|将要|即将"
)
# After a trigger in its clause: a question about it, not a report.
QUESTION_AFTER = r"是真的吗|真的假的|打哪个电话|打什么电话|找谁|联系谁|隐患|风险|通知|应该先|先做什么|该怎么做|应该怎么|怎么处理|如何处理|应该关|应该打|该关哪|注意什么|注意事项|怎么逃生|如何逃生|怎么自救|应急知识|演练|报警器在哪|保险"
# A short clause right after the trigger's clause that makes it hearsay or a question.
QUESTION_NEXT = r"是真的吗|真的假的|是不是真的"
# A past clause right after the trigger's clause: "保安打人了，昨天晚上的事".
PAST_AFTER = (
    r"^(?:是)?(?:昨天|昨晚|前天|上周|上个月|上星期|前几天|那天|上次|去年|之前)[^，,。.!！?？]{0,6}的事"
)
# Anywhere in the message: the resident says it can wait; an urgent finding becomes normal.
NOT_URGENT = r"不急|不着急|不用急|有空|抽空|方便的时候|不赶时间"
# Anywhere in the message: a cry for help that turns boostable urgent rules into emergencies.
HELP_BOOSTERS = r"(?:我|我们)还?在电梯里|救命|快来人|快来救|来人啊|救救|help|sos|困了人|人在里面|里面(?:有|还有|困着|关着).{0,3}(?:人|小孩|孩子|老人|宝宝)"
# Common misspellings of hazard words, fixed (same length) before matching.
TYPO_FIXES: dict[str, str] = {
    "电悌": "电梯",
    "电递": "电梯",
    "着伙": "着火",
    "起伙": "起火",
    "煤汽": "煤气",
    "燃汽": "燃气",
}
# Hazards whose emergency rules become urgent when the message says it keeps happening.
HABIT_MARKERS = _HABIT
