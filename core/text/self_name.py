"""A name the resident gives in their own words: 我叫王秀英, 我是老刘, 本人张建国.

The chat name is known and masked already (core/privacy); this finds the name a resident types
into the description, so that the views that mask names mask it too (usertest28: 「我叫王秀英」 shown
in full on the grid group's card).

A name is taken only after a cue that introduces the speaker (我叫, 我是, 本人, 我这边是, 我的名字是, 姓名; also
我是<where>的X: 「我是住502的李建国」, usertest29; 我姓X then the full name; a full name before 这边: 「李建国这边」) and
only where it starts with a known surname (or 老/小 and a surname: 老刘, 小王), so 「我是业主」,
「我是幸福里的老住户」, 「本人在3栋」 name nobody. The given name is one or two characters and stops
before a word that goes on with the sentence (住, 家, 在, 的, 电话, 今天 …) or a title (阿姨, 师傅,
女士 …: 「我是王阿姨」 names only a surname, which every view may show).
"""

from __future__ import annotations

import re

__all__ = ["introduced_names", "name_at", "SURNAME"]

# The commonest surnames (they cover about nine in ten people); compound ones first.
_COMPOUND = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫".split()
_SINGLE = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍"
    "涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
    "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Characters that go on with the sentence rather than the name: a name stops before them.
_STOP = set("住家在的电手号联是今昨前从我你他她们也又就都还和跟与已刚要想来去到这那个楼栋单元室号区，,。.！!？?、；;：: （()）")
_TITLES = ("阿姨", "大爷", "大妈", "大姐", "大哥", "师傅", "女士", "先生", "老师", "奶奶", "爷爷", "叔叔", "婶婶", "同志",
           "姐", "哥", "叔", "姨", "婶", "伯", "嫂", "总", "工", "家")
# Words after 我是 that begin with a surname's character but name nobody (我是高层的, 我是白天打的电话).
_NOT_NAMES = frozenset(
    "高层 白天 万一 单身 文明 安全 常住 江苏 方便 明天 时候 马上 关于 党员 全家 和平 金额 石头 黄色 向阳 于是 左边 右边"
    " 东边 西边 南边 北边 业主 租户 房东 包租 宁愿 常常 时常 成年 华人 汉族 回族 苗族 温州 江西 湖南 湖北 广东 广西"
    " 安徽 河南 河北 山东 山西 贵州 云南 四川 甘肃 宁夏 新疆 西藏 上海 北京 天津 重庆 杭州 房主 车主 商户 周边 周末"
    " 顾客 管理 管家 物业 住户 邻居 居民 志愿 党支 门卫 保安 保洁 司机 老人 小孩 老年 小学 老师 孔子 路过 曾经 连续"
    " 万科 简单 项目 应该 华侨 沙发 严重 全职 全部 宫廷 骆驼 戴眼 穆斯 谷歌 鲁莽 尚未 尚且 苟且 程序 景区 甘心 车库 车位 常客".split())
_CUE = re.compile(r"(?:我叫|我是|我这边是|本人是?|我的名字(?:是|叫)|名字(?:是|叫)|姓名[：:是]?\s?|落款[：:]?)\s?")
# 我是<where>的X: where the speaker lives or stands, short and in one clause (我是住502的, 我是6栋的, 我是楼上的)
_WHERE = re.compile(r"[^，,。.！!？?；;：:\s的]{1,12}的")
# 我姓X: the surname, then the full name (我姓蒋，叫蒋立新 / 免贵姓曹 曹文斌)
_SURNAME_CUE = re.compile(r"(?:我|本人|免贵)姓(?P<s>" + "|".join(_COMPOUND) + r"|[\u4e00-\u9fff])[，,、\s]*(?:叫|名字是|名叫)?\s?")
# X这边 said as who is speaking: a full name (surname and a given name of two), at the start of a clause
_HERE = re.compile(r"(?:^|(?<=[，,。.！!？?；;\s]))(?:喂|你好|您好)?(?P<n>[\u4e00-\u9fff]{3,4})这边")
# characters of places, never of a given name before 这边 (路口这边, 南门这边, 万达广场这边)
_PLACE_CHARS = set("口门边楼场道路园区桥库站店街巷层号栋室院厅房梯车池湖山河坊苑庭广厦城村镇所馆超市")
_GIVEN = re.compile(r"[\u4e00-\u9fff]")


def introduced_names(text: str | None) -> list[str]:
    """The names a speaker gives for themselves in `text`, in order, each at most once."""
    if not text:
        return []
    found: list[str] = []

    def take(name: str | None) -> None:
        if name and name not in found:
            found.append(name)

    for cue in _CUE.finditer(text):
        name = _name_at(text, cue.end())
        if name is None and cue.group().startswith("我是"):
            where = _WHERE.match(text, cue.end())
            name = _name_at(text, where.end()) if where else None
        take(name)
    for cue in _SURNAME_CUE.finditer(text):
        if text.startswith(cue.group("s"), cue.end()):  # the surname said again: the full name follows
            take(_name_at(text, cue.end()))
    for here in _HERE.finditer(text):
        name = _name_at(here.group("n"), 0)
        if name and len(name) >= 3 and not _PLACE_CHARS & set(name[1:]) and here.group("n").endswith(name):
            take(name)
    return found


def _name_at(text: str, i: int) -> str | None:
    head = text[i:i + 2]
    if head[:1] in "老小" and head[1:2] in _SINGLE:  # 老刘, 小王: the surname is the name they go by
        after = text[i + 2:i + 3]
        if after and _GIVEN.match(after) and after not in _STOP and not _is_title(text, i + 2):
            return None  # 老王师傅 went above; 小王八… is no name
        return head
    if head in _COMPOUND:
        surname_end = i + 2
    elif head[:1] in _SINGLE:
        surname_end = i + 1
    else:
        return None
    end = surname_end
    while end < len(text) and end - surname_end < 2:
        if (_is_title(text, end) or text[end] in _STOP or not _GIVEN.match(text[end])
                or text.startswith("小区", end)):
            break
        end += 1
    if end == surname_end:
        return None  # a surname alone (我是王阿姨, 我姓李) shows nothing more than 王/李
    name = text[i:end]
    if name in _NOT_NAMES or name[:2] in _NOT_NAMES:
        return None
    return name


def _is_title(text: str, i: int) -> bool:
    return any(text.startswith(t, i) for t in _TITLES)


# a known surname, as a pattern (compound ones first)
SURNAME = "(?:" + "|".join(_COMPOUND) + "|[" + "".join(sorted(_SINGLE)) + "])"


def name_at(text: str, i: int) -> str | None:
    """The full name (a known surname and a given name of one or two) that begins at `i` in `text`, or 老刘 / 小王;
    None for a surname alone, a surname and a title (王经理) or words that only look like a name."""
    return _name_at(text, i)

