"""Is the message a question (咨询) rather than a report of a problem?

A consultation asks for information (「想问下燃气费在哪里交」, 「请问物业几点下班」); it is answered by
the desk and gets no repair deadline. A report of a problem may be worded as a question too
(「怎么还没人修？」, 「能不能管管？」): the problem words decide then. The kind model of
:mod:`core.classify` is the fallback for what neither list settles.
"""

from __future__ import annotations

import re

from core.text.normalize import fold, normalize
from core.text.urgency_vocab import read_data_toml

__all__ = ["consultation_cues", "is_consultation"]

_DATA = read_data_toml("consult_cues.toml")
_ASK = re.compile(_DATA["ask"])
_PROBLEM = re.compile(_DATA["problem"])
_QUESTION_END = re.compile(r"(?:吗|么|呢|没有|不)?[?？]\s*$|吗\s*$")


def consultation_cues(text: str) -> tuple[list[str], list[str]]:
    """(question words, problem words) found in the text."""
    f = fold(normalize(text))
    asks = [m.group() for m in _ASK.finditer(f)]
    if _QUESTION_END.search(f):
        asks.append("?")
    return asks, [m.group() for m in _PROBLEM.finditer(f)]


def is_consultation(text: str, model_says_consult: float = 0.0) -> bool:
    """True when the text asks and reports no problem; ``model_says_consult`` is the kind model's
    probability of 咨询, enough on its own (≥ 0.5) when no problem word is there."""
    asks, problems = consultation_cues(text)
    if problems:
        return False
    return bool(asks) or model_says_consult >= 0.5
