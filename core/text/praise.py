"""Is the message a praise (表扬) rather than a complaint?

「想表扬一下保洁王阿姨，每天把楼道拖得干干净净」 was filed as a complaint about 环境卫生 with a deadline to
「办结」. A praise is passed on to the people it names and thanked for; nothing is repaired. It is read
from its own words (表扬, 点赞, 锦旗, 感谢信, 夸一夸 …, or thanks to a named worker for what they did), never
when the message also tells of a problem or blames someone: 「表扬是不可能表扬的，电梯又坏了」 is a complaint.
"""

from __future__ import annotations

import re

from core.text.normalize import fold, normalize

__all__ = ["is_praise"]

# the resident says they praise: the verb or the thing given
_PRAISE = re.compile(r"表扬|点赞|点个赞|锦旗|感谢信|夸一夸|夸一下|夸夸|好评|赞一个|给.{0,6}(?:点赞|好评)")
# thanks to a named worker for what they did (感谢3栋的李师傅，半夜来帮我们修好了水管)
_THANKS = re.compile(r"(?:特别|非常|真心|衷心)?(?:感谢|谢谢|多谢)")
_WORKER = re.compile(r"师傅|保安|保洁|阿姨|大爷|管家|网格员|物业的?(?:小|工作人员|员工)|工作人员|电工|维修工|客服")
_DEED = re.compile(r"及时|认真|负责|热心|耐心|辛苦|帮(?:我|忙|我们)|修好|干净|尽职|细心|很好|不错|给力|专业")
# a problem, blame, a "but" or a question said with it: a complaint (or a question), whatever the courtesy
_PROBLEM = re.compile(
    r"不可能|没门|还想|投诉|不满|太差|很差|差劲|态度不好|不管|没人管|坏|漏水|漏了|堵了|吵|不亮|停水|停电|"
    r"臭|脏|乱|怎么回事|为什么|凭什么|还没|到底|催|什么时候|就是|但是|可是|不过|[?？]"
)


def is_praise(text: str) -> bool:
    f = fold(normalize(text))
    if _PROBLEM.search(f):
        return False
    if _PRAISE.search(f):
        return True
    thanks = _THANKS.search(f)
    return bool(thanks and _WORKER.search(f, thanks.end()) and _DEED.search(f))
