"""What an answer to one of the intake's questions is: the place that was asked for, or a second
problem the resident brings up in the middle of the form ("对了还有，楼下垃圾好几天没人收了").

The intake asks one question at a time and used to take any words as the answer. These readers let
it tell an answer from an aside, so an aside is never stored as a field. Pure, like every reader here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.text.address import CommunitySpec, parse_address
from core.text.normalize import fold, normalize
from core.text.vocab import ASIDE_MARKERS, PLACE_ANSWER_MAX, PLACE_WORDS, PROBLEM_WORDS, QUESTION_CUES

__all__ = ["asks_back", "new_problem", "opens_aside", "reads_as_place", "without_lead"]


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PUNCT = r"[\s,，.。!！:：、~～]*"
_LEAD = re.compile(rf"^{_PUNCT}(?:(?:{_alt(ASIDE_MARKERS)}){_PUNCT})+")
_PROBLEM = re.compile(_alt(PROBLEM_WORDS))
_PLACE = re.compile(_alt(PLACE_WORDS))
_QUESTION = re.compile(rf"(?:{_alt(QUESTION_CUES)})|[吗么嘛?？][啊呀呢吧]?\W*$")
_CLAUSE = re.compile(r"[,，;；。!！?？]")
# "电梯也坏了": 也/又 right before what is wrong names another thing that is wrong too
_ALSO = re.compile(rf"[也又](?:都|还|是|经常|老是|一直)?(?:{_alt(PROBLEM_WORDS)})")


def _folded(text: str) -> str:
    return fold(normalize(text[:PLACE_ANSWER_MAX * 50]))


def new_problem(text: str) -> bool:
    """The message brings up another problem: it opens with 另外 / 还有 / 对了 … and says what is
    wrong, or says that something else is broken too ("电梯也坏了")."""
    f = _folded(text)
    if not _PROBLEM.search(f):
        return False
    return bool(_LEAD.search(f) or _ALSO.search(f))


def reads_as_place(text: str, known_communities: Sequence[CommunitySpec] = ()) -> bool:
    """The message reads as an answer to "where?": a structured address (小区, 楼栋, 单元, 室), or a
    short phrase that names a place ("菜市场门口", "小区东门") without saying what is wrong."""
    if new_problem(text):
        return False
    if not parse_address(text, known_communities).is_empty:
        return True
    f = "".join(_folded(text).split())
    return (
        len(f) <= PLACE_ANSWER_MAX
        and len(_CLAUSE.findall(f.rstrip(",，;；。!！?？"))) <= 1
        and bool(_PLACE.search(f))
        and not _PROBLEM.search(f)
    )


def without_lead(text: str) -> str:
    """The words of a second problem without the 另外 / 对了还有 that introduced it mid-form."""
    m = _LEAD.search(fold(text))  # fold keeps every position
    rest = text[m.end() :] if m else text
    return rest or text


def opens_aside(text: str) -> bool:
    """The message opens with 另外 / 还有 / 对了 … and goes on: something else is being brought up,
    whether or not its words say what is wrong (「还有他们把装修垃圾全扔在电梯口」)."""
    m = _LEAD.search(_folded(text))
    return m is not None and len(_folded(text)) - m.end() >= 4


def asks_back(text: str) -> bool:
    """The message is a question to the bot (「你们是不是机器人啊」), not an answer to one."""
    return bool(_QUESTION.search(_folded(text)))
