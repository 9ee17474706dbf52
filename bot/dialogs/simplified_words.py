"""A short message typed in Traditional characters is read as its Simplified form (flow30's user test:
「不留電話」 looped on 「这个号码好像不对」 until typed in Simplified, 「跳過」 was stored as the time). The words the
dialogs compare against (不留电话, 跳过, 提交, 不知道, 没有 …) are written in Simplified, and many are compared
whole, so one fold at the door makes every one of them work in both scripts instead of a Traditional twin for
each list. Only short messages — the answers to a question and the command words — are folded: a longer
message is a description kept in the resident's own words, and its reading already folds (core.text.normalize)."""

from __future__ import annotations

from dataclasses import replace

from core.messages import Incoming
from core.text.normalize import simplified

SHORT = 16  # characters: a reply to a question or a command word, never a whole complaint


def folded(inc: Incoming) -> Incoming:
    """`inc` with a short text in Traditional characters written in Simplified (same length, one for one)."""
    text = inc.text
    if not text or len(text) > SHORT:
        return inc
    plain = simplified(text)
    return inc if plain == text else replace(inc, text=plain)
