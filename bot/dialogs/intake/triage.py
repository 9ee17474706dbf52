"""The triage question (is anyone hurt or trapped, is there gas, fire, water or electricity danger?) answered in
words; 「没有人被困 就是电梯坏了」 while an emergency is taken asks it again; yes takes the emergency path."""

from __future__ import annotations

import re

from bot.dialogs import emergency_texts as etx
from bot.dialogs import flow_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.danger_advice import CANNOT_KNOW, someone_else, watch_for
from bot.dialogs.effects import Done, Effect, TellDesk
from bot.dialogs.inputs import word
from bot.dialogs.intake.fields import absorb, draft_of, emergency_alert, remember, settle_time, start_of
from bot.dialogs.intake.flow import proceed
from bot.dialogs.intake.keys import DRAFT, MAX_OCCURRED
from bot.dialogs.intake.place_late import finish_place, place_again
from bot.dialogs.intake.questions import ask
from bot.dialogs.state import Asking, ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import mask_phones, parse_time_phrase
from core.enums import Kind
from core.messages import OutMessage, Text
from core.text.urgency import denies_danger, hazard_said_present


def answer_triage(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """Typed instead of pressed: 有 / 没有, or a few words that settle it either way."""
    d = draft_of(state)
    said = word(text)
    if said in tx.TRIAGE_NO_WORDS:
        return triage_answered(state, ctx, danger=False, replies=replies)
    if said in tx.TRIAGE_YES_WORDS:
        return triage_answered(state, ctx, danger=True, replies=replies)
    hazard = hazard_said_present(text)
    if hazard is not None:  # 「没人受伤 但是煤气味很大」: the gas the question asked about
        d.hazard = d.hazard or hazard
        d.description = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
        return triage_answered(state, ctx, danger=True, replies=replies)
    if _no_then(text) is None and CANNOT_KNOW.search(text) and not denies_danger(text):
        return _cannot_know(state, ctx, text, replies)  # before its 「现在」 or 「在外地」 is taken for a time or a place
    before = _slots(d)
    if finish_place(d, text, ctx) or place_again(d, text, ctx) is not None:
        # 「3单元1102」 after 「翠湖苑12栋」, or the whole address of the 小区 already named (幸福里小区6栋3单元101 after
        # 我是幸福里的): kept, the question put again (usertest28: it was refused, the building asked again later)
        return _unanswered(state, ctx, replies, [tx.SLOT_NAMES[0]])
    absorb(d, text, ctx, description=False)  # "有人被困在里面" reads as an emergency by itself
    if d.emergency:
        d.description = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
        return triage_answered(state, ctx, danger=True, replies=replies)
    phrase = parse_time_phrase(text, ctx.now)
    if phrase and phrase.text not in (d.occurred_text or "") and len(text) <= len(phrase.text) + 10:
        # 「今天下午三点多」 is the time even when the opening's 「现在」 was taken for one
        settle_time(d, phrase.text[:MAX_OCCURRED], start_of(phrase, ctx))
        before = (*before[:2], None)
    noted = [name for name, was, now in zip(tx.SLOT_NAMES, before, _slots(d), strict=True) if now and not was]
    if tx.SLOT_NAMES[2] in noted:
        d.occurred_vague = False  # 「每天」 told 时间已记下 is not asked since when after (usertest28: it was)
    if noted:
        # the address (or phone, or time) said instead of 有 / 没有: kept, said so, and the question put again once
        return _unanswered(state, ctx, replies, noted)
    if (rest := _no_then(text)) is not None:
        # 「没有，就是一直坐在边上不动」: a no, and what they add kept for the staff (it was 「请回答「有危险」或「没有」」)
        d.description = f"{d.description}；{mask_phones(rest)}" if d.description else mask_phones(rest)
        return triage_answered(state, ctx, danger=False, replies=replies)
    return _unanswered(state, ctx, replies, [])


def _cannot_know(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """「我也不知道 我人在外地」: the resident cannot know, so it could be — filed urgent, flagged for the desk to send
    someone and call back (the executor flags triage_unknown; welfare_check names the reason), told what happens next;
    the form goes on (usertest1: 「请回答有危险或没有」 was put again and again)."""
    d = draft_of(state)
    d.description = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
    d.triage_done, d.triage_unknown, d.welfare_check = True, True, True
    d.urgency = "urgent" if d.urgency == "normal" else d.urgency
    told = etx.TRIAGE_CANNOT_KNOW_SOMEONE if someone_else(d.description) else etx.TRIAGE_CANNOT_KNOW
    return proceed(state, ctx, [*replies, Text(told)])


TRIAGE_PUTS = 2  # the question asked, and once more: then the form goes on (usertest29: asked five times, no filing)


def _unanswered(state: ConvState, ctx: Context, replies: list[OutMessage], noted: list[str]) -> Step:
    """No yes or no to the triage question: asked once more, in words — a typed 1 then (meant as 提交) is no
    button, so no 有危险 — and after that the form goes on, filed flagged for the desk to call back."""
    d = draft_of(state)
    said = [Text(tx.slots_noted(noted))] if noted else []
    if d.triage_asked >= TRIAGE_PUTS:
        d.triage_done, d.triage_unknown = True, True
        d.urgency = "urgent" if d.urgency == "normal" else d.urgency  # unsure danger: not a normal ticket
        return proceed(state, ctx, [*replies, *said, Text(ftx.TRIAGE_GONE_ON)])
    d.triage_asked += 1
    state.last_scope = None  # the buttons stay for a press; a typed digit is not one
    return Step(state, [*replies, Text(tx.triage_noted(noted) if noted else tx.BAD_TRIAGE)])


# a no to the triage question, then words of their own (没有，就是… / 没人受伤 但是… / 没事 只是…)
_NO_THEN = re.compile(r"(?:没有|沒有|没事|沒事|没人受伤|沒人受傷|没有人受伤|没有危险|都没有|冇|冇事|不是)"
                      r"[，,。.\s]*(?:就是|只是|但是?|不过|就)?[，,\s]*(.{2,})")


def _no_then(text: str) -> str | None:
    m = _NO_THEN.fullmatch(text.strip())
    return m.group(1).strip() if m else None


def reopen_triage(state: ConvState, ctx: Context, text: str, replies: list[OutMessage], *, slip: bool = False) -> Step:
    """「没有人被困 就是电梯坏了」 while an emergency is being taken: the danger denied, so asked once more — "yes" takes
    the emergency path again, "no" the ordinary one (nothing was filed or alerted yet). `slip`: a yes taken back
    (「点错了」): the words say nothing of the matter and stay out of the description, and the yes's trigger goes."""
    d = draft_of(state)
    d.urgency, d.triage, d.triage_done = "urgent", True, False
    if d.kind == Kind.HELP.value:
        d.kind = None  # 求助 was the emergency's kind: the filing reads the words' own
    if slip:
        d.triggers = [t for t in d.triggers if t != tx.TRIAGE_TRIGGER]
    else:
        d.description = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
    remember(d, text)
    return ask(state, ctx, Asking.TRIAGE, force=True, prefix=[*replies, Text(tx.DANGER_DENIED)])


def _slots(d: Draft) -> tuple[object, object, object]:
    """Where, the phone and when, as far as the draft has them (in tx.SLOT_NAMES's order)."""
    return ((d.community, d.building, d.unit, d.room, d.point) if _has_place(d) else None, d.phone, d.occurred_text)


def _has_place(d: Draft) -> bool:
    return bool(d.community or d.building or d.point)


def triage_answered(state: ConvState, ctx: Context, *, danger: bool, replies: list[OutMessage] | None = None) -> Step:
    """Yes: the emergency path (the numbers first, only where and a phone, filed at once). No: go on."""
    d = draft_of(state)
    d.triage_done = True
    out = list(replies or [])
    if danger:
        d.urgency = "emergency"
        d.triggers = list(dict.fromkeys([*d.triggers, tx.TRIAGE_TRIGGER]))
        # the category follows the hazard, as for an emergency read from the text (gas → 安全管理)
        d.category = ctx.reader.emergency_category(d.hazard) or d.category
        out.append(emergency_alert(d, ctx))
    elif d.notes_on is not None and d.description:
        # no danger in words that add to the ticket just filed (外婆一个人在屋里 after a noise complaint): noted there
        return Step(state, out, [TellDesk(number=d.notes_on, text=d.description, then=_noted_after_triage)])
    elif watch := watch_for(d.description or ""):
        out.append(Text(f"好的。{watch}"))  # 爸爸有点胸口闷 + 没有: still told when to call 120 (usertest1)
    return proceed(state, ctx, out)


def _noted_after_triage(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, TellDesk)
    if isinstance(result, Done):
        state.draft = None
        state.withdraw(DRAFT)  # the triage buttons go with the draft
        return Step(state, [Text(tx.noted_on_ticket(effect.number))])
    # closed meanwhile or not theirs: the words are a matter of their own after all, as the draft has them
    draft_of(state).notes_on, state.last_filed_at = None, None
    return proceed(state, ctx, [])
