"""Text similarity for the duplicate check: cosine of character uni- and bigrams, weighted by how
rare each is in complaints (IDF over the classifier's shipped corpus), on text with the address,
phone numbers and punctuation taken out — the address is compared on its own, level by level.

A few groups of words residents use for the same thing (声控灯/楼道灯, 渗水/漏水, 故障/坏了) add a
shared concept feature, so a reworded report still meets the first one.
"""

from __future__ import annotations

import csv
import io
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources

from core.text.normalize import fold, normalize
from core.text.phone import phone_spans

MAX_TEXT = 600  # the problem is said early; a pasted wall of text is cut before the work

_ADDRESS = re.compile(
    r"[\d零〇一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖拾a-z]{1,4}\s?(?:号楼|号栋|号幢|栋|幢|座|单元|室|号)"
    r"|\d{1,4}(?:\s?-\s?\d{1,4}){1,2}"
)
_NOISE = re.compile(r"[\W\d_a-z]+")
_COMMUNITY_WORDS = ("小区", "社区")
# Where and when, not what: the address is compared on its own, and "every night" is no problem.
CONTEXT_WORDS = (
    "楼道里", "小区里", "有户人家", "好几天", "这个月", "楼下", "楼上", "门口", "对面", "旁边", "附近",
    "里面", "外面", "家里", "每天", "天天", "晚上", "半夜", "凌晨", "早上", "经常", "总是", "一直",
    "有人", "以前",
    # when it began is no part of what (「…前天开始的」 made 楼道灯不亮 and 楼道的窗户关不上 look alike: eleventh session)
    "开始的", "开始", "前几天", "这几天", "几天了", "前天", "昨天", "今天", "今早", "昨晚", "上周", "上个月", "这个星期",
    "最近", "刚才", "刚刚",
    # where in the building is no part of what either (楼道灯不亮 / 楼道的窗户关不上)
    "楼道里", "楼道", "走廊", "过道", "楼梯间",
)  # fmt: skip

# Words meaning the same thing in a complaint; each group becomes one extra feature.
CONCEPTS: dict[str, tuple[str, ...]] = {
    # things
    "电梯": ("电梯", "升降梯", "直梯", "轿厢"),
    "灯": ("楼道灯", "声控灯", "走廊灯", "路灯", "照明", "灯"),
    "水管": ("水管", "管道", "下水道", "排水", "化粪池", "污水", "马桶", "地漏"),
    "门禁": ("门禁", "刷卡", "道闸", "栏杆", "门卫", "大门", "单元门", "闸机"),
    "车库": ("车库", "地库", "停车场", "车位"),
    "垃圾": ("垃圾", "清运", "垃圾桶", "垃圾站", "垃圾房", "分类"),
    "绿化": ("绿化", "草坪", "草地", "树", "花坛", "修剪"),
    "消防": ("消防通道", "消防栓", "灭火器", "安全出口", "消防"),
    "墙": ("外墙", "墙皮", "瓷砖", "墙面"),
    "屋顶": ("天台", "楼顶", "屋顶", "顶楼"),
    "井盖": ("井盖", "窨井"),
    "泳池": ("泳池", "游泳池"),
    "健身": ("健身器材", "健身", "游乐设施", "滑梯"),
    "快递": ("快递", "外卖"),
    "保安": ("保安", "门卫", "值班", "巡逻", "岗亭"),
    "客服": ("前台", "客服", "管家", "物业人员", "工作人员"),
    "费用": ("物业费", "收费", "费用", "涨价", "缴费", "账目"),
    "停车费": ("停车费",),
    "狗": ("狗", "犬"),
    "猫": ("猫",),
    "虫鼠": ("蚊子", "蚊虫", "蟑螂", "老鼠", "苍蝇", "消杀", "打药"),
    "摊贩": ("摆摊", "地摊", "小贩", "占道经营", "卖菜"),
    "乱建": ("私搭", "乱建", "违建", "搭了", "棚子", "违章"),
    "杂物": ("杂物", "堆放", "旧家具", "纸箱"),
    "车辆": ("乱停", "停车", "私家车", "汽车"),
    "单车": ("共享单车", "自行车"),
    "电动车": ("电动车", "电瓶车", "充电"),
    "群租": ("群租", "合租", "住了十几个人"),
    "施工": ("装修", "电钻", "砸墙", "施工", "修路", "工地"),
    # happenings
    "坏": (
        "坏了",
        "坏",
        "故障",
        "失灵",
        "不动了",
        "没反应",
        "不亮",
        "不好使",
        "用不了",
        "打不开",
        "关不上",
        "抬不起来",
        "松了",
        "塌",
        "脱落",
        "掉下来",
        "没了",
        "丢了",
    ),
    "漏": ("漏水", "渗水", "滴水", "渗到", "漏到", "水渍", "返潮", "积水", "泡了"),
    "停水": ("停水", "没水", "没有水", "来水", "水压"),
    "停电": ("停电", "没电", "跳闸"),
    "燃气": ("煤气", "燃气", "天然气", "漏气"),
    "吵": ("吵", "噪音", "噪声", "声音太大", "扰民", "砰砰", "咚咚", "音响", "大声"),
    "烟": ("抽烟", "烟味", "吸烟", "烟头"),
    "油烟": ("油烟", "排烟"),
    "焚烧": ("烧垃圾", "焚烧", "烧纸", "烧树叶"),
    "臭": ("臭", "反味", "异味", "气味", "臭味"),
    "脏": ("脏", "没人打扫", "不打扫", "卫生差", "绿了"),
    "态度": ("态度", "爱答不理", "说话很冲", "不耐烦", "骂人", "凶"),
    "慢": ("太慢", "没人来", "没人上门", "效率", "拖着", "没人管", "没人修"),
    "睡觉": ("睡觉", "睡大觉", "打瞌睡"),
    "抛物": ("高空抛物", "往下扔", "往楼下扔", "扔东西"),
    "困人": ("困人", "关人", "关过人", "卡住", "被困", "有人在里面"),
}
CONCEPT_WEIGHT = 3  # a shared concept counts like three shared characters: it is the topic
_CONCEPT_RE = [(name, re.compile("|".join(map(re.escape, words)))) for name, words in CONCEPTS.items()]

_idf: dict[str, float] | None = None
_idf_lock = threading.Lock()
_default_idf = 1.0


def strip_text(text: str, place_names: Iterable[str] = ()) -> str:
    """The problem words only: no address, place names, phone numbers, digits or punctuation."""
    t = normalize(text[: MAX_TEXT * 2])[:MAX_TEXT]
    f = list(fold(t))
    for start, end, _ in phone_spans(t):
        f[start:end] = " " * (end - start)
    s = "".join(f)
    for name in sorted({fold(normalize(n)) for n in place_names if n}, key=len, reverse=True):
        if len(name) >= 2:
            s = s.replace(name, " ")
    for word in _COMMUNITY_WORDS:
        s = s.replace(word, " ")
    s = _ADDRESS.sub(" ", s)
    for word in CONTEXT_WORDS:
        s = s.replace(word, " ")
    return _NOISE.sub(" ", s).strip()


def features(text: str, place_names: Iterable[str] = ()) -> Counter[str]:
    s = strip_text(text, place_names)
    out: Counter[str] = Counter()
    for run in s.split():
        out.update(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    for name, regex in _CONCEPT_RE:
        if regex.search(s):
            out["#" + name] += CONCEPT_WEIGHT
    return out


def _load_idf() -> dict[str, float]:
    global _idf, _default_idf
    with _idf_lock:
        if _idf is None:
            corpus = (
                resources.files("core.classify")
                .joinpath("corpus", "messages.csv")
                .read_text(encoding="utf-8")
            )
            texts = [row["text"] for row in csv.DictReader(io.StringIO(corpus, newline=""))]
            df: Counter[str] = Counter()
            for text in texts:
                df.update(set(features(text)))
            n = len(texts)
            _default_idf = math.log((n + 1) / 1) + 1  # unseen: as rare as it gets
            _idf = {term: math.log((n + 1) / (count + 1)) + 1 for term, count in df.items()}
        return _idf


def weigh(counts: Counter[str]) -> dict[str, float]:
    idf = _load_idf()
    vec = {term: (1 + math.log(c)) * idf.get(term, _default_idf) for term, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def vector(text: str, place_names: Sequence[str] = ()) -> dict[str, float]:
    return weigh(features(text, place_names))


def similarity(a: str, b: str, place_names: Sequence[str] = ()) -> float:
    return cosine(vector(a, place_names), vector(b, place_names))
