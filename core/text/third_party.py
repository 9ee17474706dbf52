"""Someone other than the resident in the resident's words (third30): whose a phone is, and a third party's name.

A complaint often gives the number of the person or body it is about — 「车主电话139…」, 「物业王经理电话 0512-… 一直
打不通」, 「隔壁装修队负责人姓陈 电话一三八…」. That number is not the resident's contact phone: the worker would call
the person complained about, and the resident would not be asked for their own. A number is someone else's when a
word for another party (车主, 物业, 经理, 保安, 师傅, 负责人, 施工方, 房东, 邻居, 楼上, 他/她, 对方 …) leads to it:
the party, then what names them (的, 那户, 王经理, 叫陈建华, 姓陈), then a phone word (电话, 手机, 号码, 座机 …)
or nothing, then perhaps what is wrong with calling it (一直打不通, 没人接, 关机); or the number is followed by
「（车主的）」, 「是物业的」. A number said as the resident's (我电话, 我的手机, 联系我, 打我, 本人) is theirs
whatever else the message says; 「我是业主」 names the speaker, not a third party.

A third party's full name (房东叫周志强, 车主是何小军，…, 物业经理许文斌电话…) is found the way the speaker's own name is
(core/text/self_name.py: a known surname, a given name of one or two, not a title) so the views that mask names mask it
too; a surname with a title (王经理, 姓陈) shows no more than a masked name does and is left as written.

Matching is on the folded text (Traditional read as Simplified, one character for one), so 車主電話 and 負責人叫陳建華
are read as their Simplified spellings and the name is cut from the text as written.
"""

from __future__ import annotations

import re

from core.text.normalize import fold, normalize
from core.text.phone import corrected, phone_spans
from core.text.self_name import SURNAME, name_at

__all__ = ["own_phone", "someone_elses", "third_party_names"]

# the parties a resident talks about (他 not in 其他 / 吉他)
_ROLE = (r"(?:车主|司机|物业|物管|管家|经理|主任|保安|门卫|保洁|值班室|师傅|工人|负责人|包工头|工头|施工方|施工队|施工单位"
         r"|装修队|装修公司|装修工人|房东|二房东|中介|租客|租户|房客|邻居|楼上|楼下|隔壁|对门|对面|那家|那户|人家|对方"
         r"|(?<![其吉])他们?|她们?|老板|店主|店家|商家|开发商|快递员?|外卖员?|骑手|居委会?|社区|街道|城管|业主|住户"
         r"|那人|那个人)")
_TITLE = r"(?:经理|主任|师傅|老板|阿姨|大爷|大妈|大姐|大哥|先生|女士|小姐|队长|班长|主管|老师|总|工|姐|哥|叔|姨)"
_HAN = r"[\u4e00-\u9fff]"
# what names or points at the party between it and its number: 的, 那户, 王经理, 叫陈建华, 姓陈, 许文斌
_LINK = (rf"(?:的|家的?|那边的?|那户的?|那个|那位|这位|(?:叫|姓|名叫){_HAN}{{1,4}}?|{_HAN}{{0,2}}?{_TITLE}"
         rf"|{SURNAME}{_HAN}{{1,2}}?(?=[ ，,、]?的?(?:电话|手机|号码|座机|联系方式)))")
_PHONE_WORD = r"的?(?:电话号码|电话号|电话|手机号码|手机号|手机|号码|联系方式|座机|固话|微信)"
# what is wrong with calling it, between the phone word and the number (物业电话一直打不通 0512-…)
_FAILS = r"(?:一直|老是|总是|都|也|根本|还是)?(?:打不通|没人接|不接|占线|关机|停机|是空号|不回)了?"
_GAP = rf"(?:是|为|[:：]|(?:换成|改成|变成|改为|换为|换)了?)?\s*(?:{_FAILS}[，,\s]*(?:号码?)?(?:是|为)?[:：]?\s*)?"
_BEFORE = re.compile(rf"(?:打给|联系|找|问|给)?{_ROLE}(?:{_LINK}){{0,2}}(?:[ ，,、]?{_PHONE_WORD})?{_GAP}$")
# the number, then whose: 「13912345678（车主的）」, 「13912345678是物业的」
_AFTER = re.compile(rf"\s*(?:[（(]\s*(?:是|为)?{_ROLE}|(?:是|为){_ROLE}(?:{_LINK})?的?(?:电话|手机|号码|座机)?(?!{_HAN}))")
# the speaker naming themselves by a role (我是3栋业主): not a third party
_SPEAKER_ROLE = re.compile(r"(?:我|本人)们?(?:就|也)?是[^，,。；;！!？?]{0,10}$")
_SAID_AS = r"(?:的)?(?:电话|手机|手机号|号码|联系方式|座机)?(?:号码)?(?:是|为|[:：])?\s*$"
_MINE = re.compile(r"(?:我|我的|本人|联系我|打我|找我|我家|我自己)" + _SAID_AS)
_WINDOW = 28


def someone_elses(folded: str, start: int, end: int) -> bool:
    """The phone at `start:end` of `folded` (a normalised, folded text) is said as another party's."""
    if _MINE.search(folded[max(0, start - 8):start]):
        return False
    lo = max(0, start - _WINDOW)
    m = _BEFORE.search(folded, lo, start)
    if m and not _SPEAKER_ROLE.search(folded, max(0, m.start() - 14), m.start()):
        return True
    return bool(_AFTER.match(folded, end))


def own_phone(text: str) -> str | None:
    """The resident's own phone among those a message gives: one said as theirs (我的电话 …) first, else the first not
    said as someone else's (usertest27: 「楼上电话0571-88886666，我的电话一五八…」 kept the neighbour's landline, and
    the worker would have called the person complained about); None when every phone is someone else's."""
    t = normalize(text)
    f = fold(t)
    spans = corrected(t, phone_spans(t))  # 「…5678，不对说错了，是…5679」: the second stands for the first (flow30)
    mine = [canon for start, _, canon in spans if _MINE.search(f[max(0, start - 8):start])]
    if mine:
        return mine[0]
    theirs = [canon for start, end, canon in spans if not someone_elses(f, start, end)]
    return theirs[0] if theirs else None


# a name given for a party: 房东叫周志强, 车主是何小军，, 负责人名叫欧阳建国, and directly before a phone word (经理许文斌电话)
# and (second user test, twentieth session) a neighbour's name before 家 (对门王秀兰家的狗) or a name someone is told to
# call before its digits (居民可以打王秀兰138…)
_NAME_CUE = re.compile(rf"(?:{_ROLE}|打给?|联系)(?:那个|那位|这位|的)?(?:(?P<cue>叫|名叫|名字叫|名字是|姓名是?)|(?P<is>是)"
                       rf"|(?P<bare>))")
_NAME_ENDS = re.compile(r"[，,。.！!？?；;、\s]|$|的?(?:电话|手机|号码|座机|联系方式)")
_PHONE_NEXT = re.compile(r"[ ，,、]?的?(?:电话|手机|号码|座机|联系方式)|家|[ ，,、]?[0-9]{3}")
# a given name is no title (王经理, 刘工, 张姐: a surname and a title) and no count or date (物业费一年)
_NOT_GIVEN = re.compile(rf"^{_TITLE}|[年月日天点号个位次]")


def third_party_names(text: str | None) -> list[str]:
    """Full names the resident gives for someone else in `text`, as written, in order, each once."""
    if not text:
        return []
    f = fold(text)
    if len(f) != len(text):
        f = text
    found: list[str] = []
    for m in _NAME_CUE.finditer(f):
        name = name_at(f, m.end())
        if not name:
            continue
        after = m.end() + len(name)
        given = name[2:] if name[:1] in "老小" else name[1:] if len(name) < 4 else name[2:]
        if _NOT_GIVEN.search(given) or (m.group("bare") is not None and not _PHONE_NEXT.match(f, after)) or (
                m.group("is") is not None and not _NAME_ENDS.match(f, after)):
            continue  # 物业张贴通知, 车主是江苏人: words that start like a name
        written = text[m.end():m.end() + len(name)]
        if written not in found:
            found.append(written)
    return found
