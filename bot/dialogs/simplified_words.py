"""A reply typed in Traditional characters is read as its Simplified form (flow30's user test: 「不留電話」 looped on
「这个号码好像不对」 until typed in Simplified, 「跳過」 was stored as the time). The words the dialogs compare against
(不留电话, 跳过, 不知道, 没有, 提交 …) are written in Simplified, and many are compared whole, so one fold at the door
makes every one of them work in both scripts instead of a Traditional twin for each list. Folded: a short message
(the command words, a tap typed) and anything said while the form asks a question other than what happened (a long
「沒有電話可以留，你們直接派人過來處理就行」 was read as a second matter, its Simplified twin as the decline it is). Not
folded: a description, kept in the resident's own words (its reading already folds, core.text.normalize); a remark
kept from an answer reads in Simplified, the same words one character for one."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogs.state import Asking, ConvState
from core.messages import Incoming
from core.text.normalize import simplified

# Cantonese words the lists hold as written: 係 (is, yes: 係呀, 唔係) would read 系
KEPT = frozenset("係")
SHORT = 16  # characters: a reply to a question or a command word, never a whole complaint


def folded(inc: Incoming, state: ConvState) -> Incoming:
    """`inc` with its text in Simplified characters (same length, one for one) when it is short or answers a question."""
    text = inc.text
    if not text:
        return inc
    d = state.draft
    answering = d is not None and d.asking is not None and d.asking != Asking.DESCRIPTION
    if len(text) > SHORT and not answering:
        return inc
    plain = "".join(ch if ch in KEPT else simplified(ch) for ch in text)
    return inc if plain == text else replace(inc, text=plain)
