"""The first decision for every message: which dialog takes it. Pure, like the dialogs themselves.

Order matters and reads like the rules: refuse bad input; pressed (or typed-as-pressed) buttons;
words that work from any state; a worker's command; a pending worker note; the survey's side
question; the draft (or its consultation's short answer); with no draft open, a ticket number, the
menu, words for the desk that wrote to them, small talk, a question about the last ticket
(bot/dialogs/aftercare.py); and only then a new matter.
"""

from __future__ import annotations

from bot.dialogs import (
    aftercare,
    consult,
    downgrade,
    group_asks,
    intake,
    place_fix,
    place_more,
    survey,
    tracking,
    urging,
    withdrawal,
    worker,
)
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, Filed, FlagForDesk, Refused
from bot.dialogs.flow_texts import ASIDE_ASKED_WORDS, NOTHING_SET_ASIDE, SAY_ON
from bot.dialogs.inputs import (
    MAX_KEY,
    WORK_WORDS,
    Global,
    bare_number,
    bind_code,
    global_request,
    lead_only,
    problem,
    word,
    worker_command,
)
from bot.dialogs.intake import button_words
from bot.dialogs.openings import pleasantry, words_request
from bot.dialogs.simplified_words import folded
from bot.dialogs.state import Asking, ConvState
from bot.dialogs.step import Step
from bot.dialogs.worker_words import command_in
from core.enums import Rating
from core.messages import Incoming, Notice, Text
from core.service import keys
from core.text.answers import aside_lead_only
from core.text.normalize import nfkc

_WORKER_KEYS = (*keys.WORKER_VERBS, keys.FOLLOW_UP)


def route(state: ConvState, inc: Incoming, ctx: Context) -> Step:
    inc = folded(inc, state)  # 「不留電話」「跳過」: matched as 不留电话, 跳过 (flow30)
    survey.expire(state, ctx)
    worker.expire(state, ctx)
    if inc.chat_kind == "group":
        return _group(state, inc, ctx)
    return _private(state, inc, ctx)


# ---- private chats: residents, and workers without bot groups -------------------------------------


def _private(state: ConvState, inc: Incoming, ctx: Context) -> Step:
    refusal = problem(inc, ctx.settings.max_input)
    if refusal is not None:
        return _refuse(state, ctx, refusal)
    if inc.command:
        return _command(state, inc, ctx)
    choice = inc.choice
    if choice is None and inc.text is not None and not inc.photos:
        choice = state.typed_choice(inc.text) or withdrawal.typed(state, inc.text)
        if choice is not None:
            return _pressed(state, ctx, choice, typed=True)
    if choice is not None:
        return _pressed(state, ctx, choice, typed=False)
    request = global_request(inc) or (words_request(inc.text) if not inc.photos else None)
    if request is not None:
        return _global(state, ctx, request)
    command = worker_command(inc.text)
    if command is not None:
        return worker.on_command(state, ctx, command, inc.photos)
    if state.worker is not None:
        step = worker.pending_input(state, ctx, text=inc.text, photos=inc.photos)
        if step is not None:
            return step
    code = bind_code(inc.text)
    if code is not None:
        return worker.redeem(state, ctx, code)
    if state.side is not None and inc.text and not inc.photos:
        return survey.on_text(state, ctx, inc.text)
    rated = survey.typed_rating(inc.text) if ctx.pending_survey is not None and not inc.photos else None
    if rated is None and ctx.pending_survey is not None and not inc.photos and survey.unresolved(
            inc.text, ctx.pending_survey_about):  # 「灯还是不亮 根本没修」: not satisfied, in their words
        rated = (Rating.DISSATISFIED.value, (inc.text or "").strip())
    if rated is not None:
        step = survey.typed(state, ctx, *rated)
        if step is not None:
            return step
    if not inc.photos and withdrawal.names_a_ticket(inc.text):  # 「撤销 261205-0001」, even mid-form: that ticket
        if ctx.staff is not None:
            return Step(state, [Text(wtx.NO_WITHDRAW_FOR_STAFF)])
        return withdrawal.offer(state, ctx, inc.text)
    if state.draft is not None:
        if consult.pending(state) and inc.text and not inc.photos:
            return consult.on_text(state, ctx, inc.text)
        if intake.needs_resume_question(state, ctx) and not inc.photos:  # photos are folded in regardless
            return intake.ask_resume(state, ctx, inc.text)
        if state.last_filed is not None and not inc.photos and aftercare.follow_up(inc.text):
            # 「师傅什么时候来看」 mid-form asks about the ticket filed before: its status, then this form's question
            return tracking.show(state, ctx, state.last_filed)
        if not inc.photos and inc.location is None and aside_lead_only(inc.text):  # 「还有」 alone: more in the next message
            state.aside_said = True  # (second user test: it was added to the matter and asked about danger)
            return Step(state, [Text(SAY_ON)])
        if not inc.photos and (stray := button_words.stray(state, ctx, inc.text)) is not None:
            return stray  # 「提交」 at where?: not yet, the question again (it became the address 提交3栋)
        text, state.aside_said = (f"还有，{inc.text}" if state.aside_said and inc.text else inc.text), False
        step = intake.answer(state, ctx, text=text, photos=inc.photos, point=inc.location)
        return consult.maybe_offer(step, ctx)
    number = bare_number(inc.text)
    if number is not None:
        return tracking.show(state, ctx, number)
    if not inc.photos and (urged := urging.urged_number(inc.text)) is not None:  # 能不能快点 261208-0005
        return urging.urge(state, ctx, inc.text or "", urged)
    if not inc.photos and inc.location is None and downgrade.offered(state, ctx, inc.text):
        return downgrade.take_back(state, inc.text or "")  # 「点错了」 after the yes that made it an emergency
    if not inc.photos and withdrawal.offered_for(state, inc.text):  # 「撤销投诉」「已经修好了 不用来了」: confirmed first
        return withdrawal.offer(state, ctx, inc.text)
    w = word(inc.text)
    if w in tx.GREETING_WORDS:
        return intake.menu(state)
    lead = tx.MENU_WORDS.get(w) or lead_only(inc.text)
    if lead is not None:  # 「我要投诉」「我想反映个事情」: asked what the matter is
        return intake.start(state, ctx, kind=lead)
    aside = intake.typed_aside(state, ctx, inc.text) if inc.location is None and not inc.photos else None
    if aside is not None:  # 好的 to 「要另外登记吗？」 is a yes, not small talk
        return aside
    if w in ASIDE_ASKED_WORDS:  # the offer's words with nothing set aside: said so, not a note on the ticket
        return Step(state, [Text(NOTHING_SET_ASIDE)])
    if inc.location is None:
        if ctx.desk_thread is not None and (inc.text or inc.photos):
            return aftercare.tell_desk(state, ctx, ctx.desk_thread, inc.text, inc.photos)
        if not inc.photos and aftercare.phone_fix(state, ctx, inc.text):  # 「刚才电话留错了 是139…」
            return aftercare.change_phone(state, ctx, inc.text or "")
        if not inc.photos and aftercare.phone_declined(state, inc.text):  # 「不方便留」 to the emergency's phone question
            return aftercare.phone_not_left(state)
        place = None if inc.photos else (place_fix.address_fix(state, ctx, inc.text)
                                         or place_more.fuller_place(state, ctx, inc.text))  # 3号楼1单元102 (flow30)
        if place is not None:  # 「不好意思 刚才说错了 是3单元」
            return place_fix.change_address(state, place)
        if inc.photos and aftercare.photos_for_last(state, ctx, inc.text):
            return aftercare.add_photos_to_last(state, ctx, inc.text, inc.photos)
        if not inc.photos:
            talk = aftercare.small_talk(inc.text)
            if talk is not None:
                return aftercare.answer_small_talk(state, talk)
            if state.last_filed is not None and pleasantry(inc.text):  # 晚安, 挺快的: no note on the ticket
                return aftercare.answer_small_talk(state, "ack")
            if aftercare.follow_up(inc.text) or (state.last_filed is not None and aftercare.ticket_number_asked(inc.text)):
                return aftercare.answer_follow_up(state, ctx)
            if urging.urges(state, inc.text):  # 催一下, 都三个小时了 帮忙催一下: a real 催办 of the ticket filed (work30)
                return urging.urge(state, ctx, inc.text or "")
            asked = aftercare.service_asked(state, inc.text)
            if asked is not None:  # 「会不会让他知道是我投诉的」: answered, no draft opened
                return aftercare.answer_service(state, asked)
            if aftercare.progress_asked(state, inc.text):  # 「我昨天报的那个楼道灯修好了没有啊」: its status, not a note
                return aftercare.answer_progress(state, ctx, inc.text)
            if aftercare.about_last_ticket(state, ctx, inc.text):
                return aftercare.add_to_last(state, ctx, inc.text)
    if inc.location is not None and not inc.photos and place_fix.location_for_last(state, ctx, inc.text):
        return place_fix.add_location(state, inc.location)  # the ticket just filed: where it is, on a map
    # words the model alone calls an emergency, right after filing: asked first, and "no" notes them there
    plain = not inc.photos and inc.location is None
    notes_on = state.last_filed if plain and aftercare.noted_unless_danger(state, ctx, inc.text) else None
    step = intake.start(state, ctx, text=inc.text, photos=inc.photos, point=inc.location, notes_on=notes_on)
    return consult.maybe_offer(step, ctx)


def _refuse(state: ConvState, ctx: Context, refusal: str) -> Step:
    """Empty, huge or binary input: a polite word, and it counts as an invalid answer to the draft's
    question (three in a row → explanation and a human)."""
    d = state.draft
    if d is not None and d.stage == "collecting" and d.asking not in (None, Asking.RESUME):
        step = intake.invalid(state, ctx, None, refusal)
        if not any(isinstance(r, Text) and r.text == refusal for r in step.replies):
            step.replies.insert(0, Text(refusal))
        return step
    return Step(state, [Text(refusal)])


def _command(state: ConvState, inc: Incoming, ctx: Context) -> Step:
    name = (inc.command or "").lower()
    if name == "bind":
        return worker.redeem(state, ctx, inc.args[0] if inc.args else None)
    request = global_request(inc)
    if request is not None:
        return _global(state, ctx, request)
    return Step(state, [Text(_help(ctx)), *intake.continue_draft(state, ctx)])


def _help(ctx: Context) -> str:
    """A worker in their private chat is shown the worker's commands, not the residents' 使用说明 (usertest28)."""
    return wtx.PRIVATE_HELP if ctx.staff is not None and not ctx.in_group else tx.help_text(ctx.gas_phone)


def _global(state: ConvState, ctx: Context, request: Global) -> Step:
    if request.name == "cancel":
        if (state.draft is None and state.worker is None and state.side is None and intake.ASIDE not in state.offered
                and withdrawal.offered_for(state, request.raw)):  # 「撤销」 with nothing being filled: the ticket filed
            return withdrawal.offer(state, ctx, request.raw)
        if state.worker is not None or state.side is not None:
            state.worker = state.side = None
            state.withdraw(worker.WORKER, survey.SIDE)
            if state.draft is None:
                return Step(state, [Text(tx.CANCELLED)])
        return intake.cancel(state)
    if request.name == "help":
        return Step(state, [Text(_help(ctx)), *intake.reask(state, ctx)])
    if request.name == "human":
        if state.draft is not None and state.draft.stage == "collecting":
            return intake.human(state, ctx)
        return Step(state, [], [FlagForDesk(reason=intake.HUMAN_REASON, then=_after_flag)])
    if request.name == "my":
        if ctx.staff is not None and request.raw in WORK_WORDS:  # a worker's 我的工单: the tickets they work
            return tracking.work(state, ctx)
        return tracking.mine(state, ctx)
    if request.name == "query":
        if request.number is None:
            return Step(state, [Text(tx.QUERY_HOW)])
        return tracking.show(state, ctx, request.number)
    # start / menu
    if state.draft is not None:
        return intake.ask_resume(state, ctx, None)
    return intake.menu(state)


def _after_flag(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    if isinstance(result, Refused):
        return Step(state, [Text(result.message)])
    assert isinstance(result, Filed)
    state.last_filed, state.last_filed_at = result.number, ctx.now
    state.last_filed_emergency = state.last_filed_triaged = False
    asked = intake.human_phone(state, ctx, result.number, known=result.phone or ctx.last_phone)
    return Step(state, [Text(tx.filed_to_desk(result.number)), *asked])


def _pressed(state: ConvState, ctx: Context, key: str, *, typed: bool) -> Step:
    if len(key) > MAX_KEY:
        return Step(state, [Notice(tx.EXPIRED_BUTTON)])
    action = keys.decode(key)
    if action is not None and action.verb == keys.SURVEY:
        return survey.on_key(state, ctx, action)
    if action is not None and action.verb in _WORKER_KEYS:
        return worker.on_key(state, ctx, action)
    scope = state.scope_of(key)
    if key == intake.K_MENU_MY or key in intake.MENU_KEYS:
        # the menu is always on offer (WeChat's custom menu sends these keys at any time)
        state.withdraw(intake.MENU)
        if key == intake.K_MENU_MY:
            return tracking.mine(state, ctx)
        if state.draft is not None:
            return intake.ask_resume(state, ctx, None)
        return intake.start(state, ctx, kind=intake.MENU_KEYS[key])
    if scope == withdrawal.WITHDRAW:
        return withdrawal.choose(state, ctx, key)
    if scope == tracking.WORK:
        return tracking.picked(state, ctx, key)
    if scope == consult.CONSULT and state.draft is not None:
        return consult.choose(state, ctx, key)
    if scope == intake.DRAFT and state.draft is not None:
        return intake.choose(state, ctx, key)
    if scope == intake.ASIDE:
        return intake.choose_aside(state, ctx, key)
    if scope == survey.SIDE and state.side is not None:
        return survey.skip(state, ctx)
    if scope == worker.WORKER and state.worker is not None:
        step = worker.pending_input(state, ctx, choice=key)
        if step is not None:
            return step
    # stale (an old message's button) or forged: say so and change nothing
    return Step(state, [Notice(tx.EXPIRED_BUTTON)])


# ---- group chats: workers --------------------------------------------------------------------------


def _group(state: ConvState, inc: Incoming, ctx: Context) -> Step:
    if inc.command:
        name = inc.command.lower()
        if name == "bind":
            return worker.bind_group(state, ctx, inc.args)
        if name == "unbind":
            return worker.unbind_group(state, ctx)
        if name in ("help", "start"):
            return Step(state, [Text(wtx.GROUP_HELP)])
        return Step(state)
    refusal = problem(inc, ctx.settings.max_input)
    if refusal is not None:
        # group chatter is not for us; only someone we are waiting for hears about bad input
        return Step(state, [Text(refusal)] if state.worker is not None else [])
    choice = inc.choice
    if choice is None and inc.text is not None and state.worker is not None:
        choice = state.typed_choice(inc.text)
    if choice is None and not inc.photos:  # 「2」 after 我的工单 listed their tickets
        choice = group_asks.picked(state, inc.text)
    if choice is not None:
        if len(choice) > MAX_KEY:
            return Step(state, [Notice(tx.EXPIRED_BUTTON)])
        action = keys.decode(choice)
        if action is not None and action.verb in _WORKER_KEYS:
            return worker.on_key(state, ctx, action)
        if state.scope_of(choice) == tracking.WORK:
            return tracking.picked(state, ctx, choice)
        if state.scope_of(choice) == worker.WORKER:
            step = worker.pending_input(state, ctx, choice=choice)
            if step is not None:
                return step
        return Step(state, [Notice(tx.EXPIRED_BUTTON)])
    command = command_in(inc.text, awaiting=state.worker is not None)
    if command is not None:  # 「接单」「办结 灯已换好」 with no number too: the one ticket it can mean, or asked which
        return worker.on_command(state, ctx, command, inc.photos)
    if word(inc.text) in tx.CANCEL_WORDS and state.worker is not None:
        state.worker = None
        state.withdraw(worker.WORKER)
        return Step(state, [Text(tx.CANCELLED)])
    if state.worker is None and not inc.photos:  # a command word the group has no action for: answered all the same
        request = global_request(inc)
        if request is not None and request.name == "query":
            return Step(state, [Text(wtx.GROUP_QUERY if request.number else tx.QUERY_HOW)])
        asked = group_asks.answer(state, ctx, inc)  # 「帮助」「我的工单」 (work30: no reply at all)
        if asked is not None:
            return asked
        if withdrawal.names_a_ticket(inc.text):
            return Step(state, [Text(wtx.NO_WITHDRAW_FOR_STAFF)])
    step = worker.pending_input(state, ctx, text=inc.text, photos=inc.photos)
    if step is None and _option_number(inc.text):  # 「3」 meant for a card's buttons (usertest29: no answer at all)
        return Step(state, [Text(wtx.COMMAND_NEEDS_NUMBER)])
    return step if step is not None else Step(state)


def _option_number(text: str | None) -> bool:
    """A card option's number typed alone: which card it meant is not known here, so it names no ticket."""
    typed = nfkc(text or "").strip().rstrip("。.")
    return typed.isdigit() and len(typed) <= 2
