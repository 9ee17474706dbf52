"""Grid workers acting on tickets — from a bound group (buttons on the assignment card, notes as
replies to our prompt) or from their own private chat (WeChat has no bot groups: 接单 261123-0001,
进展 261123-0001 已到现场 …) — and binding groups and staff chats.

Who may act is checked by the executor before anything changes (staff identity, the group's grid,
the ticket's grid) and again by the core service; a refusal of a button press is a Notice, shown
only to the person who pressed.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogs import survey
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from bot.dialogs import worker_words as words
from bot.dialogs.context import Context
from bot.dialogs.effects import (
    BindGroup,
    CheckWorker,
    Done,
    Effect,
    FollowUp,
    Rated,
    RedeemInvite,
    Refused,
    UnbindGroup,
    Unfinished,
    WorkerAct,
)
from bot.dialogs.inputs import WorkerCommand, clean
from bot.dialogs.state import ConvState, WorkerPending
from bot.dialogs.step import Step
from core.enums import Rating
from core.messages import Choice, Choices, MediaRef, Notice, OutMessage, Text
from core.service import keys
from core.service.keys import ActionKey

WORKER = "worker"
K_REASON = "w:r:"
K_UNFINISHED = "w:u:"  # + 0 (record as progress) / 1 (resolve all the same)


def _say(text: str, via_button: bool) -> OutMessage:
    return Notice(text) if via_button else Text(text)


def on_key(state: ConvState, ctx: Context, key: ActionKey) -> Step:
    """A card's button: claim / prog / done / ret / fu."""
    if ctx.staff is None:
        return Step(state, [Notice(wtx.NOT_STAFF)])
    if key.verb in (keys.CLAIM, keys.PROGRESS, keys.RESOLVE, keys.RETURN):
        return _start(state, key.verb, key.number, "", (), via_button=True)
    if key.verb == keys.FOLLOW_UP:
        if len(key.args) != 2 or not key.args[0].isdigit() or key.args[1] not in survey.RATINGS:
            return Step(state, [Notice(tx.EXPIRED_BUTTON)])
        return Step(
            state,
            [],
            [FollowUp(number=key.number, round=int(key.args[0]), rating=key.args[1], then=after_follow_up)],
        )
    return Step(state, [Notice(tx.EXPIRED_BUTTON)])


def on_command(state: ConvState, ctx: Context, cmd: WorkerCommand, photos: Sequence[MediaRef] = ()) -> Step:
    """接单 / 进展 / 办结 / 退回 typed with a ticket number."""
    if ctx.staff is None:
        return Step(state, [Text(wtx.NOT_STAFF)])
    return _start(state, cmd.verb, cmd.number, clean(cmd.rest), photos, via_button=False)


def _start(state: ConvState, verb: str, number: str, rest: str, photos: Sequence[MediaRef], via_button: bool) -> Step:
    move = words.start(verb, number, rest, photos)
    if isinstance(move, words.Ask):
        return Step(state, [], [CheckWorker(verb=verb, number=number, via_button=via_button, then=after_check)])
    return _act(state, move, via_button)


def _act(state: ConvState, act: words.Act, via_button: bool = False) -> Step:
    return Step(state, [], [WorkerAct(verb=act.verb, number=act.number, note=act.note, reason=act.reason,
                                      photos=act.photos, unfinished_confirmed=act.unfinished_confirmed,
                                      via_button=via_button, then=after_act)])


def after_check(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, CheckWorker)
    if isinstance(result, Refused):
        return Step(state, [_say(result.message, effect.via_button)])
    name = ctx.staff.name if ctx.staff else ""
    number = result.number if isinstance(result, Done) and result.number else effect.number  # a serial made whole
    state.worker = WorkerPending(
        verb=effect.verb,
        number=number,
        asked_at=ctx.now,
        step=words.first_step(effect.verb),
    )
    state.withdraw(WORKER)
    if effect.verb == keys.RETURN:
        question = Choices(
            wtx.ask_return_reason(number),
            tuple(Choice(f"{K_REASON}{i}", label) for i, label in enumerate(wtx.RETURN_REASONS)),
            allow_text=True,
        )
        state.offer(WORKER, question)
        return Step(state, [question])
    state.last_scope = None
    prompt = wtx.ask_progress if effect.verb == keys.PROGRESS else wtx.ask_resolve
    return Step(state, [Text(prompt(number, name), force_reply=ctx.in_group, addressee=name or None)])


def pending_input(
    state: ConvState,
    ctx: Context,
    *,
    text: str | None = None,
    photos: Sequence[MediaRef] = (),
    choice: str | None = None,
) -> Step | None:
    """The note (or return reason) a prompt asked for. None: nothing is pending."""
    p = state.worker
    if p is None:
        return None
    if p.step == "note" and photos:  # a progress or resolution note: photos are collected until the words arrive
        room = max(0, ctx.settings.max_photos - len(p.photos))
        p.photos += [m.to_json() for m in photos[:room]]
    prefix = {"reason": K_REASON, "unfinished": K_UNFINISHED}.get(p.step)
    move = words.answer(p, text, _index(choice, prefix))
    if isinstance(move, words.Act):
        return _act(state, move)
    if move.what == "expired":
        return Step(state, [Notice(tx.EXPIRED_BUTTON)])
    if move.what == "return_note":
        p.reason, p.step, p.asked_at = move.reason, "return_note", ctx.now
        state.withdraw(WORKER)
        state.last_scope = None
        return Step(state, [Text(wtx.ask_return_note(p.reason or ""), force_reply=ctx.in_group)])
    if move.what == "unfinished":
        return Step(state, [Text(wtx.unfinished_question(p.number, p.note or ""))])
    if p.step != "note":
        return Step(state, [Text(wtx.NOTE_NEEDED)])
    if photos:
        in_burst = p.photo_ack_at is not None and ctx.now - p.photo_ack_at <= ctx.settings.photo_burst
        p.photo_ack_at = ctx.now
        return Step(
            state,
            []
            if in_burst
            else [Text(wtx.PHOTOS_WAITING.format(count=len(p.photos)), force_reply=ctx.in_group)],
        )
    return Step(state, [Text(wtx.NOTE_NEEDED, force_reply=ctx.in_group)])


def _index(choice: str | None, prefix: str | None) -> int | None:
    """Which of this chat's options a button (or its typed number) chose: None for none, -1 for a broken one."""
    if choice is None or prefix is None or not choice.startswith(prefix):
        return None
    index = choice[len(prefix):]
    return int(index) if index.isdigit() else -1


def _ask_unfinished(state: ConvState, ctx: Context, effect: WorkerAct, asked: Unfinished) -> Step:
    """办结 the core refused because the note reads as work still to come (「师傅明天上午去看」, whether typed with the
    command or as the note asked for): record it as progress, or resolve all the same. The photos sent go with it."""
    p = state.worker = WorkerPending(verb=keys.RESOLVE, number=asked.number, asked_at=ctx.now, step="unfinished",
                                     note=asked.note, photos=[m.to_json() for m in effect.photos])
    state.withdraw(WORKER)
    question = Choices(
        wtx.unfinished_question(p.number, asked.note),
        tuple(Choice(f"{K_UNFINISHED}{i}", label) for i, label in enumerate(wtx.UNFINISHED_AS)),
    )
    state.offer(WORKER, question)
    return Step(state, [question])


def expire(state: ConvState, ctx: Context) -> None:
    p = state.worker
    ttl = ctx.settings.worker_return_ttl if p is not None and p.verb == keys.RETURN else ctx.settings.worker_prompt_ttl
    if p is not None and ctx.now - p.asked_at > ttl:
        state.worker = None
        state.withdraw(WORKER)


def after_act(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, WorkerAct)
    if isinstance(result, Unfinished):
        return _ask_unfinished(state, ctx, effect, result)
    if isinstance(result, Refused):
        if not words.keeps_prompt(result.code):
            _clear(state, effect.number)
        return Step(state, [_say(result.message, effect.via_button)])
    number = result.number if isinstance(result, Done) and result.number else effect.number  # a serial made whole
    _clear(state, number)
    done = {
        keys.CLAIM: wtx.claimed,
        keys.PROGRESS: wtx.progress_added,
        keys.RESOLVE: wtx.resolved,
        keys.RETURN: wtx.returned,
    }[effect.verb]
    if effect.verb == keys.CLAIM and isinstance(result, Done) and result.detail == wtx.NO_PHONE:
        return Step(state, [_say(wtx.claimed(number, phone=False), effect.via_button)])
    return Step(state, [_say(done(number), effect.via_button)])


def _clear(state: ConvState, number: str) -> None:
    if state.worker is not None and state.worker.number == number:
        state.worker = None
        state.withdraw(WORKER)


def after_follow_up(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, FollowUp)
    if isinstance(result, Refused):
        return Step(state, [Notice(result.message)])
    assert isinstance(result, Rated)
    if not result.recorded:
        return Step(state, [Notice(wtx.follow_up_not_recorded(effect.number))])
    return Step(state, [Notice(wtx.follow_up_recorded(effect.number, Rating(effect.rating).label))])


# ---- binding --------------------------------------------------------------------------------------


def bind_group(state: ConvState, ctx: Context, args: Sequence[str]) -> Step:
    if len(args) != 2:
        return Step(state, [Text(wtx.BIND_HOW_GROUP)])
    return Step(state, [], [BindGroup(target=args[0].strip(), code=args[1].strip(), then=after_bind)])


def unbind_group(state: ConvState, ctx: Context) -> Step:
    return Step(state, [], [UnbindGroup(then=after_bind)])


def redeem(state: ConvState, ctx: Context, code: str | None) -> Step:
    if not code:
        return Step(state, [Text(wtx.BIND_HOW_PRIVATE)])
    return Step(state, [], [RedeemInvite(code=code, then=after_bind)])


def after_bind(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    if isinstance(result, Refused):
        return Step(state, [Text(result.message)])
    assert isinstance(result, Done)
    return Step(state, [Text(result.detail)])
