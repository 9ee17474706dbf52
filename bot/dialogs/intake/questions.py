"""Putting one question to the resident (one at a time), the read-back, the question whether to go
on with an old draft, and what an invalid answer gets."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from bot.dialogs import flow_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.intake import lasting_time, place_edit
from bot.dialogs.intake.fields import address_label, draft_of, in_a_building, outdoors_at_a_spot
from bot.dialogs.intake.keys import (
    ASIDE,
    COMMUNITY_OPTIONS,
    DRAFT,
    EDITABLE,
    K_ADDR_RETRY,
    K_ADDR_YES,
    K_ASIDE_NO,
    K_ASIDE_YES,
    K_CANCEL,
    K_CHANGE,
    K_COMMUNITY,
    K_DUP_SKIP,
    K_FIELD,
    K_HUMAN,
    K_LAST_PHONE,
    K_NO_PHONE,
    K_RESUME_DROP,
    K_RESUME_GO,
    K_RESUME_NEW,
    K_SUBMIT,
    K_TIME,
    K_TRIAGE_NO,
    K_TRIAGE_YES,
)
from bot.dialogs.state import Asking, ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import place_answer
from core.enums import Kind
from core.messages import Choice, Choices, OutMessage, Text
from core.service import keys
from core.text.address import display
from core.text.phone import mask_phone


def review(state: ConvState, ctx: Context, replies: list[OutMessage] | None = None) -> Step:
    d = draft_of(state)
    d.asking, d.invalid = Asking.REVIEW, 0
    place_edit.follow(d)  # 修改 took the place elsewhere: 内容 says the new one too (flow30)
    body = tx.review_lines(
        kind=Kind(d.kind).label if d.kind else None,
        category=d.category,
        description=d.description or "",
        address=address_label(d),
        occurred=d.occurred_text,
        phone=d.phone,
        photos=len(d.photos),
        ask_address=d.needs_place_and_time or bool(d.community),
        ask_occurred=d.needs_place_and_time,
    )
    choices = Choices(
        f"{body}\n{tx.REVIEW_QUESTION}",
        (Choice(K_SUBMIT, tx.SUBMIT), Choice(K_CHANGE, tx.CHANGE), Choice(K_CANCEL, tx.CANCEL)),
    )
    state.offer(DRAFT, choices)
    return Step(state, [*(replies or []), choices])


def ask(
    state: ConvState, ctx: Context, field: Asking, *, force: bool = False, prefix: Sequence[OutMessage] = ()
) -> Step:
    """Put one question. `force`: ask again even if it is the same question (re-show)."""
    d = draft_of(state)
    if d.asking != field:
        d.invalid = 0
    d.asking = field
    if field == Asking.REVIEW:
        return review(state, ctx, list(prefix))
    if field == Asking.RESUME:
        return ask_resume(state, ctx, d.pending_text)
    message: OutMessage
    if field == Asking.DESCRIPTION:
        message = Text(tx.ASK_WHAT_IS_WRONG if d.subject_only else tx.ASK_DESCRIPTION_FOR.get(d.kind or "", tx.ASK_DESCRIPTION))
    elif field == Asking.ADDRESS:
        prompt = tx.ASK_ADDRESS_EMERGENCY if d.emergency else tx.ASK_ADDRESS
        options = () if d.emergency else _community_options(ctx)
        message = Choices(prompt, options, allow_text=True) if options else Text(prompt)
    elif field == Asking.COMMUNITY:
        d.community_asked = True
        options = _community_options(ctx)
        prompt = (tx.ASK_COMMUNITY if d.needs_place_and_time
                  else tx.ASK_COMMUNITY_PRAISE if d.kind in ("praise", "suggestion") else tx.ASK_COMMUNITY_QUESTION)
        message = Choices(prompt, options, allow_text=True) if options else Text(prompt)
    elif field == Asking.ADDRESS_CONFIRM:
        label = address_label(d) or ""
        last = state.last_filed_place
        if d.place_offered and not d.address_ok and label and last is not None and d.community == last.community:
            # the place of the ticket just filed, again (not once the resident typed another in its stead)
            message = Choices(
                tx.same_place(label),
                (Choice(K_ADDR_YES, tx.SAME_PLACE_YES), Choice(K_ADDR_RETRY, tx.SAME_PLACE_OTHER)),
                allow_text=True,
            )
        elif d.address_text and not (d.community or d.building) and not place_answer(d.address_text, ctx.communities):
            # words that do not read as a place: ask whether they really are one, kindly
            message = Choices(
                tx.unclear_address(label),
                (Choice(K_ADDR_YES, tx.ADDRESS_IS_HERE), Choice(K_ADDR_RETRY, tx.ADDRESS_RETRY)),
                allow_text=True,
            )
        else:
            message = Choices(
                tx.confirm_address(label),
                (Choice(K_ADDR_YES, tx.ADDRESS_YES), Choice(K_ADDR_RETRY, tx.ADDRESS_RETRY)),
            )
    elif field == Asking.TRIAGE:
        d.triage_asked += 1
        message = Choices(
            tx.ASK_TRIAGE_VIOLENCE if d.hazard == "violence" else tx.ASK_TRIAGE,
            (Choice(K_TRIAGE_YES, tx.TRIAGE_YES), Choice(K_TRIAGE_NO, tx.TRIAGE_NO)),
            allow_text=True,
        )
    elif field == Asking.DOOR:
        d.door_asked = True
        if d.point is None and d.building:  # at home, the building said: the unit and the door
            wording = tx.ASK_DOOR_NUMBER if d.unit else tx.ASK_ROOM  # the unit said: only the door is asked
            message = Text(wording.format(place=display(d.community, d.building, d.unit, None, None)))
        else:
            wording = (tx.ASK_BUILDING if d.point is None and in_a_building(d)
                       else tx.ASK_SPOT if d.point is None and outdoors_at_a_spot(d) else tx.ASK_DOOR)
            message = Text(wording.format(community=d.community or ""))
    elif field == Asking.OCCURRED:
        heard = lasting_time.heard(d)  # 好久了, 天天半夜: what was said, and only the start asked (flow30)
        message = Choices(
            ftx.ask_since_when(heard) if heard else tx.ASK_OCCURRED,
            tuple(Choice(f"{K_TIME}{i}", label) for i, label in enumerate(tx.OCCURRED_OPTIONS)
                  if not heard or i in lasting_time.KEPT_OPTIONS),
            allow_text=True,
        )
    elif field == Asking.PHONE:
        prompt = tx.ASK_PHONE_EMERGENCY if d.emergency else tx.ASK_PHONE
        message = (
            Choices(
                prompt,
                (Choice(K_LAST_PHONE, tx.use_last_phone(mask_phone(ctx.last_phone))),),
                allow_text=True,
            )
            if ctx.last_phone
            else Text(prompt)
        )
    elif field == Asking.WHICH:
        message = Choices(
            tx.ASK_WHICH_FIELD,
            tuple(
                Choice(f"{K_FIELD}{f}", tx.FIELD_LABELS[f])
                for f in EDITABLE
                if d.needs_place_and_time or f not in ("address", "occurred")
            ),
        )
    elif field == Asking.DUPLICATE and d.duplicate_of and d.duplicate_own:
        message = Choices(
            tx.own_duplicate_offer(d.duplicate_of),
            (
                Choice(K_DUP_SKIP, tx.NO_REFILE_LABEL),
                Choice(keys.encode(keys.NO_JOIN, d.duplicate_of), tx.FILE_ANYWAY_LABEL),
            ),
        )
    elif field == Asking.DUPLICATE and d.duplicate_of:
        message = Choices(
            tx.duplicate_offer(d.duplicate_of),
            (
                Choice(keys.encode(keys.JOIN, d.duplicate_of), tx.JOIN_LABEL),
                Choice(keys.encode(keys.NO_JOIN, d.duplicate_of), tx.FILE_ANYWAY_LABEL),
            ),
        )
    else:
        return review(state, ctx, list(prefix))
    if isinstance(message, Choices):
        state.offer(DRAFT, message)
    else:
        state.withdraw(DRAFT)
        state.last_scope = None  # a typed "1" now is an answer, not a button
    return Step(state, [*prefix, message])


def offer_asides(state: ConvState) -> list[OutMessage]:
    """The first second problem set aside during a form, offered as a complaint of its own."""
    if not state.asides:
        state.withdraw(ASIDE)
        return []
    first = state.asides[0]
    summary = first if len(first) <= 30 else first[:30] + "…"
    choices = Choices(tx.aside_offer(summary), (Choice(K_ASIDE_YES, tx.ASIDE_YES), Choice(K_ASIDE_NO, tx.ASIDE_NO)))
    state.offer(ASIDE, choices)
    return [choices]


def ask_fresh(state: ConvState, ctx: Context) -> Step:
    state.draft = Draft(id=uuid.uuid4().hex, started_at=ctx.now, touched_at=ctx.now)
    return ask(state, ctx, Asking.DESCRIPTION)


def _community_options(ctx: Context) -> tuple[Choice, ...]:
    if not 0 < len(ctx.communities) <= COMMUNITY_OPTIONS:
        return ()
    return tuple(Choice(f"{K_COMMUNITY}{c.grid_code}", c.name) for c in ctx.communities)


def ask_resume(state: ConvState, ctx: Context, pending_text: str | None) -> Step:
    d = draft_of(state)
    d.touched_at, d.reminded = ctx.now, False
    d.pending_text = pending_text[: ctx.settings.max_input] if pending_text else None
    choices = Choices(
        tx.resume_question(d.summary()),
        (
            Choice(K_RESUME_GO, tx.RESUME_GO),
            Choice(K_RESUME_NEW, tx.RESUME_NEW),
            Choice(K_RESUME_DROP, tx.RESUME_DROP),
        ),
    )
    # remember where we were: "继续" goes back to that question
    state.offer(DRAFT, choices)
    d.invalid = 0
    return Step(state, [choices])


def invalid(state: ConvState, ctx: Context, field: Asking | None, message: str) -> Step:
    """One more invalid answer. Every `invalid_limit`-th in a row: explain with an example and
    offer a human, never an endless loop of the same question."""
    d = draft_of(state)
    d.invalid += 1
    if d.invalid % ctx.settings.invalid_limit:
        return Step(state, [Text(message)])
    options = [Choice(K_HUMAN, tx.OPTION_HUMAN)]
    if field == Asking.PHONE:
        options.append(Choice(K_NO_PHONE, tx.OPTION_NO_PHONE))
    options.append(Choice(K_CANCEL, tx.OPTION_CANCEL))
    explanation = Choices(
        tx.INVALID_EXPLAIN.get(field or "", tx.INVALID_EXPLAIN[""]), tuple(options), allow_text=True
    )
    state.offer(DRAFT, explanation)
    return Step(state, [explanation])
