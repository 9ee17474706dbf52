"""Words that say nothing of a matter yet and must not become one (usertest29): how to use the bot (我不会用这个,
你们这个破系统怎么用啊) is the help; asking after tickets already filed (查询进度, 我昨天投诉的那个垃圾的事, 编号不记得了) is
the resident's list, as 我的投诉; a phone number alone is the phone, and what happened is still asked; the
goodbyes and word on the service said after filing (晚安, 挺快的, 基本满意吧 下次快点) get a polite answer, not a note
on the ticket."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.dialogs import texts as tx
from bot.dialogs.inputs import Global, only_words, word
from bot.dialogs.understand import Community, introduces_self
from core.text.normalize import fold, normalize
from core.text.phone import phone_spans

_HOW_TO_USE = ("不会用", "不会弄", "不会操作", "不会搞", "用不来", "用不了", "看不懂", "搞不懂", "弄不懂", "怎么用", "咋用", "怎么弄",
               "咋弄", "怎么操作", "怎么搞", "咋搞", "怎么填", "如何使用", "怎么使用", "不知道怎么用", "不知道怎么弄")
_HOW_FILLERS = ("啊", "呀", "呢", "吗", "嘛", "哎", "唉", "哎呀", "哎哟", "天哪", "我", "俺", "你们", "你们的", "这个", "这", "那个",
                "破", "烂", "什么", "系统", "机器人", "东西", "玩意儿", "玩意", "程序", "小程序", "公众号", "软件", "的", "了",
                "到底", "要", "该", "都", "也", "真", "真的", "老人", "老年人", "年纪大了", "岁数大了", "不太", "太难了", "好难",
                "难用", "请问", "教教我", "教我", "一下", "有人吗", "同志", "你好", "您好")

_PROGRESS = ("查询进度", "查进度", "进度查询", "查一下进度", "查下进度", "看看进度", "看一下进度", "看下进度", "问问进度",
             "问一下进度", "查询一下", "查一查", "编号不记得了", "编号忘了", "忘了编号", "不记得编号了", "不记得编号", "编号找不到了",
             "编号没记住", "没记编号", "单号忘了", "单号不记得了")
# (怎么样了, 有进展吗 alone stay `aftercare.follow_up`'s: the ticket just filed, in detail)
_PROGRESS_FILLERS = ("我", "我的", "想", "要", "帮我", "请", "请问", "麻烦", "一下", "那个", "投诉", "报修", "工单", "的", "了",
                     "啊", "呀", "呢", "吗", "你好", "您好", "同志")
# 「我昨天投诉的那个垃圾的事」「上周报修的那个怎么样了」: a matter filed before, named to ask after it — what it was
# may be said, but nothing of it happening again or still (又, 还, 没人 …: a complaint of its own, asked as before)
_FILED_BEFORE = re.compile(
    r"(?:你好|您好|同志)?[，,\s]*(?:我|俺)?(?:昨天|前天|上周|上个?星期|上个?礼拜|前几天|前两天|之前|上次|刚才|早上|上午|下午|"
    r"上个月|那天|今天)?(?:投诉|反映|报修|报|登记|提交)(?:过)?的那(?:个|件|条|单)?(?P<what>[^，,。？?！!\s]{0,10}?)"
    r"(?:的事情?|的问题|那个事|那件事|那单)?[，,\s]*(?:怎么样了|咋样了|处理了吗|处理了没有?|有进展吗|呢|啊)?")
_STILL = re.compile(r"又|还|再|更|没|不|坏|漏|吵")


def how_to_use(text: str | None) -> bool:
    found = only_words(fold(word(text)), (*_HOW_TO_USE, *_HOW_FILLERS))
    return bool(found) and any(f in _HOW_TO_USE for f in found or ())


def progress_asked(text: str | None) -> bool:
    w = fold(word(text))
    if not w or len(w) > 30:
        return False
    found = only_words(w, (*_PROGRESS, *_PROGRESS_FILLERS))
    if found and any(f in _PROGRESS for f in found):
        return True
    m = _FILED_BEFORE.fullmatch(w)
    return m is not None and not _STILL.search(m.group("what"))


def phone_only(text: str | None) -> bool:
    """「13811110015」 as the first message: the contact phone, no matter in it."""
    w = normalize(word(text))
    spans = phone_spans(w)
    if not spans:
        return False
    rest = "".join(w[end:start] for (_, end, _), (start, _, _) in zip([(0, 0, "")] + spans, spans + [(len(w), 0, "")],
                                                                     strict=True))
    rest = re.sub(r"[\s\-－—+()（）]|电话|手机|号码|我的|是|联系|打", "", rest)
    return not any(ch.isalnum() for ch in rest)


# goodbyes, and a word on how it went, said after filing: answered, never added to the ticket
_PLEASANTRIES = ("晚安", "再见", "拜拜", "拜", "88", "回头见", "挺快的", "还挺快的", "挺快", "真快", "好快", "蛮快的", "很快",
                 "效率挺高", "效率很高", "效率高", "挺好的", "挺好", "还不错", "不错", "还行", "还可以", "基本满意", "挺满意",
                 "满意", "很满意", "下次快点", "下次快一点", "下回快点", "希望下次快点", "服务不错", "态度不错")
_PLEASANTRY_FILLERS = ("吧", "啊", "呀", "哦", "了", "的", "嗯", "好", "好的", "那", "就", "这样", "先", "你们", "你", "也",
                       "真", "都", "辛苦", "辛苦了", "早点休息")


def pleasantry(text: str | None) -> bool:
    found = only_words(fold(word(text)), (*_PLEASANTRIES, *_PLEASANTRY_FILLERS))
    return bool(found) and any(f in _PLEASANTRIES for f in found or ())


def opening_slots(text: str, communities: Sequence[Community]) -> list[str]:
    """What a first message with no matter gives: the place (你好 我是幸福里3栋的) or the phone (13811110015) — taken,
    and what happened asked (usertest29: the phone became the description, 内容：138****0015)."""
    if phone_only(text):
        return [tx.SLOT_NAMES[1]]
    return [tx.SLOT_NAMES[0]] if introduces_self(text, communities) else []


def words_request(text: str | None) -> Global | None:
    """查询进度 and its kin as 我的投诉; how to use the bot as 帮助 — from any state, as the commands are."""
    if progress_asked(text):
        return Global("my", raw=word(text))
    return Global("help") if how_to_use(text) else None
