"""What a grid worker's words and buttons mean, decided once for every chat a worker uses: the group or private chat
(bot/dialogs/worker.py, effects run by bot/conversation/executor.py) and the WeCom app
(bot/adapters/wecom_app/worker.py), which had each kept a copy — the WeCom app's return reasons had not learnt
「这个不归我们管 是燃气公司的」. Pure: no state, no effects. A channel keeps only how it offers a choice (a button, a
numbered line), where it keeps the prompt, and how it words and sends the reply; whether the worker may is the
core's answer (core/service/permissions.py), asked by the channel before a question and again by the action."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs import worker_texts as wtx
from bot.dialogs.inputs import (
    WorkerCommand,
    clean,
    meaningful,
    word,
    worker_command,
    worker_own_words,
    worker_verb_alone,
)
from bot.dialogs.state import WorkerPending
from core.messages import MediaRef
from core.service import keys
from core.text.address import parse_address
from core.text.unfinished import sounds_done

UnfinishedAnswer = Literal["progress", "resolve", "done"]
PromptStep = Literal["note", "reason", "return_note", "unfinished"]


@dataclass
class Prompt:
    """A question asked of a worker, as the WeCom app keeps it in the shared store (the chat keeps a WorkerPending,
    with its times)."""

    verb: str  # prog / done / ret
    number: str
    step: str  # note / reason / return_note / unfinished
    reason: str | None = None
    note: str | None = None  # a resolution note that reads as work still to come, while the worker decides
    photos: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Act:
    """Call the core now (bot/conversation/worker_calls.perform)."""

    verb: str
    number: str
    note: str | None = None
    reason: str | None = None
    photos: tuple[MediaRef, ...] = ()
    unfinished_confirmed: bool = False


@dataclass(frozen=True)
class Ask:
    """Something is missing: ask the core whether the worker may first (a refusal before a question that could not
    be used), then ask for it — the step `first_step(verb)`."""

    verb: str
    number: str


@dataclass(frozen=True)
class Reply:
    """No call; the prompt stays. `return_note`: a listed reason was chosen (`reason`), its note is asked next;
    `words`: the answer needs words; `unfinished`: the unfinished-办结 question again; `expired`: an option no
    longer offered."""

    what: Literal["return_note", "words", "unfinished", "expired"]
    reason: str | None = None


def command_in(text: str | None, *, awaiting: bool) -> WorkerCommand | None:
    """A command in a worker's chat (their group, the WeCom app): with a number, the command word alone (「接单」), or
    their own words (「搞定了 门吸换了」) — but not while a note is awaited (`awaiting`): then those are the note."""
    return worker_command(text) or worker_verb_alone(text) or (None if awaiting else worker_own_words(text))


def start(verb: str, number: str, rest: str, photos: Sequence[MediaRef] = ()) -> Act | Ask:
    """A verb on a ticket, pressed or typed with what followed it: acted on at once when it has what it needs."""
    if verb == keys.CLAIM:
        return Act(keys.CLAIM, number)
    if verb in (keys.PROGRESS, keys.RESOLVE) and (meaningful(rest, 1) or photos):
        return Act(verb, number, note=rest, photos=tuple(photos))
    if verb == keys.RETURN and rest:
        reason, note = split_reason(rest)
        return Act(keys.RETURN, number, reason=reason, note=note)
    return Ask(verb, number)


def first_step(verb: str) -> PromptStep:
    """What an `Ask` asks for: a return's reason, else the note."""
    return "reason" if verb == keys.RETURN else "note"


def answer(p: Prompt | WorkerPending, text: str | None, choice: int | None = None) -> Act | Reply:
    """The worker's answer to prompt `p`: their words, or `choice`, the index of the option they chose as their
    channel offers it (a button, a digit), -1 for one it no longer offers. Photos sent while a note is asked
    are the channel's to collect into `p.photos`; they go with the act."""
    photos = tuple(MediaRef.from_json(m) for m in p.photos)
    if p.step == "reason":
        if choice is not None:
            if not 0 <= choice < len(wtx.RETURN_REASONS):
                return Reply("expired")
            return Reply("return_note", reason=wtx.RETURN_REASONS[choice])
        if text and meaningful(text, 1):
            reason, note = split_reason(clean(text))
            return Act(keys.RETURN, p.number, reason=reason, note=note)
        return Reply("words")
    if p.step == "return_note":
        if not text:
            return Reply("words")
        note = None if word(text) in tx.SKIP_WORDS else clean(text)
        return Act(keys.RETURN, p.number, reason=reason_for(p.reason or wtx.RETURN_REASONS[-1], note), note=note)
    if p.step == "unfinished":  # 记为进展 / 仍然办结, or words that say it is done after all
        if choice is None:
            said = unfinished_answer(text)
            if said == "done" and text:  # 「已经清理完了」 instead of an option: resolved with these words
                return Act(keys.RESOLVE, p.number, note=clean(text), photos=photos)
            if said is None:
                return Reply("unfinished")
            choice = 0 if said == "progress" else 1
        if choice not in (0, 1):
            return Reply("expired")
        verb = keys.PROGRESS if choice == 0 else keys.RESOLVE
        return Act(verb, p.number, note=p.note, photos=photos, unfinished_confirmed=verb == keys.RESOLVE)
    if text and meaningful(text, 1) and not _BARE_NUMBER.fullmatch(word(text)):  # a progress or resolution note
        return Act(p.verb, p.number, note=clean(text), photos=photos)
    return Reply("words")


# 「2」 while a note is asked: an option typed from an older card (sixteenth session: sent to the resident as the
# progress 「工单…有新进展：2」), not what was done — the words are asked for again
_BARE_NUMBER = re.compile(r"\d{1,3}")


def keeps_prompt(code: str) -> bool:
    """After the core refused an act with error `code`: a bad note may be retried; any other refusal ends the
    prompt."""
    return code == "invalid_input"


def split_reason(text: str) -> tuple[str, str | None]:
    """A return (退回) said in words: one of wtx.RETURN_REASONS and the rest as the note. A label said first is taken
    unless the words after it name another reason (see `reason_for`); 「其他网格的…」 is no label 其他 (left29)."""
    for reason in wtx.RETURN_REASONS:
        rest = text[len(reason):]
        if text.startswith(reason) and (reason != wtx.RETURN_REASONS[-1] or not rest or not rest[0].isalnum()):
            note = rest.strip(" ：:，,") or None
            return reason_for(reason, note), note
    said = words_reason(text)  # 「这个不归我们管 是电梯公司的」: 不属于物业职责
    return said or wtx.RETURN_REASONS[-1], text  # else 其他, with their words as the note


def words_reason(text: str | None) -> str | None:
    """The one reason the words name (vocab.RETURN_REASON_CUES); None when they name none, or several. Another estate
    named as the place's owner with words that it is not theirs (那是锦绣家园的楼，不归我们管) is another grid's, though
    the generic 不归我们管 alone reads as not the property's job (work30)."""
    named = [reason for reason, cue in vocab.RETURN_REASON_CUES.items() if text and cue.search(text)]
    if text and set(named) <= {wtx.RETURN_REASONS[0], wtx.RETURN_REASONS[1]} and another_estate(text):
        return wtx.RETURN_REASONS[0]
    return named[0] if len(named) == 1 else None


def another_estate(text: str) -> bool:
    """An estate named (by its name or as 别的小区) as whose the place is, with words that it is not the worker's, and
    no company or body named whose job it is (电梯公司, 自来水公司, 业主自己)."""
    if not _NOT_THEIRS.search(text) or _A_BODY.search(text):
        return False
    return bool(_OTHER_ESTATE.search(text)) or parse_address(text).community is not None


_NOT_THEIRS = re.compile(r"不归我们|不是我们|不在我们|不属于我们|我们管不了|我们不管|管不着|不归这边|不是这边")
_OTHER_ESTATE = re.compile(r"(?:别的|其他|其它|隔壁|另一个|旁边|对面|人家)(?:小区|楼盘|物业|园区)")
_A_BODY = re.compile(r"公司|供电局|电力局|市政|城管|交警|派出所|街道办|业主自己|私人|不是公共")


def reason_for(label: str, note: str | None) -> str:
    """The reason of a return whose label (a tap, a digit, or typed first) the note's words contradict: 不属于本网格
    tapped, then 「居民不在家，敲门没人应」 typed — the words name another reason and not the label's, and the words win
    (the desk re-routes on the label: a ticket of this grid sent to another for a resident who was out)."""
    said = words_reason(note)
    if said is None or said == label or vocab.RETURN_REASON_CUES.get(label, _NEVER).search(note or ""):
        return label
    return said


_NEVER = re.compile(r"(?!)")


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
