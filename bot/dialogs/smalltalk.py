"""Telling small talk from a matter: thanks, an acknowledgement, a greeting, a question about the bot itself
(你是机器人吗), a stray number or emoji, a test (测试一下) or a message sent by mistake (发错了). None of them opens a complaint, before filing, after it, or in the
middle of the form."""

from __future__ import annotations

from typing import Literal

from bot.dialogs import vocabulary as vocab
from bot.dialogs.inputs import only_words, word
from bot.dialogs.vocabulary import GREETING_ONLY, HELLO_WHO_ASKS, NOTHING_TO_SAY, WHOM_TO_TELL
from core.text.normalize import fold, nfkc

SmallTalk = Literal["thanks", "ack", "hello", "bot", "number", "symbols", "test", "mistake"]

_THANKS_EMOJI = frozenset("🙏💐🌹❤♥😘🥰")
_ACK_EMOJI = frozenset("👍👌👏🤝✌😊🙂😄😁😀☺✔✅🆗")
_HELLO = frozenset((*vocab.SMALL_TALK_HELLO, *HELLO_WHO_ASKS, *WHOM_TO_TELL))
VOCABULARY = (*vocab.SMALL_TALK_THANKS, *vocab.SMALL_TALK_ACK, *vocab.SMALL_TALK_WAIT, *_HELLO, *vocab.SMALL_TALK_FILLERS)
_ABOUT_BOT = (*vocab.SMALL_TALK_BOT, *vocab.SMALL_TALK_BOT_FILLERS, *vocab.SMALL_TALK_HELLO, *vocab.SMALL_TALK_FILLERS)
# said to be nothing but a greeting or thanks (没事，问个好; 没别的事 就是说声谢谢): only with one of GREETING_ONLY or a
# thanks, so 「没事」 alone is read as before
_NOTHING = (*VOCABULARY, *GREETING_ONLY, *NOTHING_TO_SAY)
_SLIP = (*vocab.SMALL_TALK_TEST, *vocab.SMALL_TALK_MISTAKE, *vocab.SMALL_TALK_SORRY, *vocab.SMALL_TALK_HELLO,
         *vocab.SMALL_TALK_FILLERS)


def small_talk(text: str | None) -> SmallTalk | None:
    """What kind of small talk `text` is, or None when it may say something (a problem, a question)."""
    w = fold(word(text))  # traditional characters too (好的謝謝, 你們是物業嗎)
    if not w:  # punctuation alone (。。。) is a reply too, just not a complaint
        raw = nfkc(text or "").strip()
        return "symbols" if raw and not any(ch.isalnum() for ch in raw) else None
    if w.isdigit() and len(w) <= 9:  # not a ticket number, not an option on offer (the router asked)
        return "number"
    if not any(ch.isalnum() for ch in w):
        if any(ch in _THANKS_EMOJI for ch in w):
            return "thanks"
        return "ack" if any(ch in _ACK_EMOJI for ch in w) else "symbols"
    about_bot = only_words(w, _ABOUT_BOT)
    if about_bot and any(f in vocab.SMALL_TALK_BOT for f in about_bot):
        return "bot"  # 你是机器人吗, 是真人还是自动回复
    slip = only_words(w, _SLIP)
    if slip and any(f in vocab.SMALL_TALK_MISTAKE for f in slip):
        return "mistake"  # 「不好意思发错了」
    if slip and any(f in vocab.SMALL_TALK_TEST for f in slip):
        return "test"  # 「测试一下」
    found = only_words(w, VOCABULARY)
    if not found:
        nothing = only_words(w, _NOTHING) or []
        if any(f in GREETING_ONLY for f in nothing):
            return "hello"
        return "thanks" if any(f in vocab.SMALL_TALK_THANKS for f in nothing) else None
    if any(f in vocab.SMALL_TALK_THANKS for f in found):
        return "thanks"
    if any(f in _HELLO for f in found):
        return "hello"
    if any(f in vocab.SMALL_TALK_ACK or f in vocab.SMALL_TALK_WAIT for f in found) or any(ch in _ACK_EMOJI for ch in w):
        return "ack"
    return None  # only fillers (「你」「的」): too little to tell
