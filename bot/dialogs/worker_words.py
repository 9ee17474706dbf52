"""What a grid worker's words mean, read the same in every chat a worker uses: the group or private chat
(bot/dialogs/worker.py) and the WeCom app (bot/adapters/wecom_app/worker.py), which had each kept a copy —
the WeCom app's return reasons had not learnt 「这个不归我们管 是燃气公司的」. Pure: no state, no effects."""

from __future__ import annotations

from typing import Literal

from bot.dialogs import vocabulary as vocab
from bot.dialogs import worker_texts as wtx
from bot.dialogs.inputs import word
from core.text.unfinished import sounds_done

UnfinishedAnswer = Literal["progress", "resolve", "done"]


def split_reason(text: str) -> tuple[str, str | None]:
    """A return (退回) said in words: one of wtx.RETURN_REASONS and the rest as the note."""
    for reason in wtx.RETURN_REASONS:
        if text.startswith(reason):
            return reason, text[len(reason):].strip(" ：:，,") or None
    for reason, cue in vocab.RETURN_REASON_CUES.items():  # 「这个不归我们管 是电梯公司的」: 不属于物业职责
        if cue.search(text):
            return reason, text
    return wtx.RETURN_REASONS[-1], text  # 其他, with their words as the note


def unfinished_answer(text: str | None) -> UnfinishedAnswer | None:
    """Typed words answering 「…听起来还没办完」 (the core refused a 办结 as work still to come): 记为进展 (progress),
    仍然办结 (resolve the note all the same), words saying it is done after all (「已经清理完了」: resolve with them —
    the core agrees, since they read as done), or None (the question again)."""
    if not text:
        return None
    w = word(text)
    if w == wtx.UNFINISHED_AS[0]:
        return "progress"
    if w == wtx.UNFINISHED_AS[1]:
        return "resolve"
    return "done" if sounds_done(text) else None
