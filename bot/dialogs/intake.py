"""Resident intake (受理): take from the first message everything it already says, ask only for what is
missing — one question at a time —, read the record back, file it.

Pure: every function takes the state (already a private copy) and the context and returns a Step;
filing and the duplicate check are effects the engine runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, Filed, FileTicket, FindDuplicate, JoinTicket, RecoverFiling, Refused
from bot.dialogs.inputs import clean, meaningful
from bot.dialogs.state import Asking, ConvState, Draft, Point
from bot.dialogs.step import Step
from bot.dialogs.understand import (
    Place,
    find_phones,
    mask_phones,
    normalize_phone,
    parse_time_phrase,
    read_address,
)
from core.enums import Kind
from core.messages import Choice, Choices, GeoPoint, MediaRef, OutMessage, Text
from core.service import keys
from core.text.address import display
from core.text.phone import mask_phone

DRAFT, MENU = "draft", "menu"
K_SUBMIT, K_CHANGE, K_CANCEL = "i:submit", "i:change", "i:cancel"
K_FIELD = "i:f:"
K_ADDR_YES, K_ADDR_RETRY = "i:a:yes", "i:a:retry"
K_COMMUNITY = "i:c:"
K_TIME = "i:t:"
K_LAST_PHONE, K_NO_PHONE, K_HUMAN = "i:p:last", "i:p:none", "i:human"
K_RESUME_GO, K_RESUME_NEW, K_RESUME_DROP = "r:go", "r:new", "r:drop"
MENU_KEYS = {"m:complaint": "complaint", "m:repair": "repair", "m:consult": "consult"}
K_MENU_MY = "m:my"
MAX_OCCURRED = 100  # the ticket column's width
MAX_ADDRESS = 300
COMMUNITY_OPTIONS = 8  # more grids than this: type the name
HUMAN_REASON = "居民要求人工服务"
EDITABLE = ("description", "address", "occurred", "phone", "photos", "back")


# ---- entry points ---------------------------------------------------------------------------------


def menu(state: ConvState) -> Step:
    choices = Choices(
        tx.WELCOME,
        (
            Choice("m:complaint", tx.MENU_COMPLAINT),
            Choice("m:repair", tx.MENU_REPAIR),
            Choice("m:consult", tx.MENU_CONSULT),
            Choice(K_MENU_MY, tx.MENU_MY),
        ),
    )
    state.offer(MENU, choices)
    return Step(state, [choices])


def start(
    state: ConvState,
    ctx: Context,
    *,
    text: str | None = None,
    kind: str | None = None,
    photos: Sequence[MediaRef] = (),
    point: GeoPoint | None = None,
) -> Step:
    """A new draft from a first message (free text, photos, a location) or a menu choice."""
    state.withdraw(MENU, DRAFT)
    d = Draft(id=uuid.uuid4().hex, started_at=ctx.now, touched_at=ctx.now, kind=kind)
    state.draft = d
    replies: list[OutMessage] = []
    if photos:
        _take_photos(d, photos, ctx)
    if point is not None:
        d.point, d.address_ok = Point(lat=point.lat, lng=point.lng, label=point.label), True
    if text and meaningful(text):
        _absorb(d, text, ctx, description=True)
    if d.emergency:
        replies.append(Text(tx.emergency_numbers(ctx.gas_phone, d.hazard)))
    elif photos and not d.description:
        replies.append(Text(tx.PHOTO_START))
        d.asking = Asking.DESCRIPTION
        state.last_scope = None
        return Step(state, replies)
    return _proceed(state, ctx, replies)


def answer(
    state: ConvState,
    ctx: Context,
    *,
    text: str | None = None,
    photos: Sequence[MediaRef] = (),
    point: GeoPoint | None = None,
) -> Step:
    """Whatever the resident sent while a draft is open (button presses go to `choose`)."""
    d = _draft(state)
    d.touched_at, d.reminded = ctx.now, False
    if d.stage == "submitting":
        return _still_submitting(state, ctx)
    replies: list[OutMessage] = []
    if photos:
        ack = _take_photos(d, photos, ctx)
        if not text and point is None:
            return Step(state, ack)  # a photo never advances the dialog
    if point is not None:
        d.point, d.address_ok = Point(lat=point.lat, lng=point.lng, label=point.label), True
        if d.asking not in (Asking.ADDRESS, Asking.COMMUNITY, Asking.ADDRESS_CONFIRM):
            replies.append(Text(tx.LOCATION_RECEIVED))
        if not text:
            return _proceed(state, ctx, replies)
    if text is None:
        return Step(state, replies)
    text = clean(text)
    handler = _ANSWERS.get(d.asking or Asking.DESCRIPTION, _answer_description)
    return handler(state, ctx, text, replies)


def choose(state: ConvState, ctx: Context, key: str) -> Step:
    """A button of the draft's current question (already checked to be on offer)."""
    d = _draft(state)
    d.touched_at, d.reminded = ctx.now, False
    if d.stage == "submitting":
        return _still_submitting(state, ctx)
    if key == K_SUBMIT:
        return _submit(state, ctx)
    if key == K_CHANGE:
        return _ask(state, ctx, Asking.WHICH)
    if key == K_CANCEL:
        return cancel(state)
    if key == K_HUMAN:
        return human(state, ctx)
    if key.startswith(K_FIELD):
        return _edit(state, ctx, key[len(K_FIELD) :])
    if key == K_ADDR_YES:
        d.address_ok = True
        return _proceed(state, ctx)
    if key == K_ADDR_RETRY:
        _clear_address(d)
        return _ask(state, ctx, Asking.ADDRESS, force=True)
    if key.startswith(K_COMMUNITY):
        community = ctx.community(key[len(K_COMMUNITY) :])
        if community is None:
            return _ask(state, ctx, d.asking or Asking.ADDRESS, force=True, prefix=[Text(tx.EXPIRED_BUTTON)])
        if d.asking == Asking.ADDRESS:  # only the 小区 was picked: nothing finer is known
            d.building = d.unit = d.room = d.address_text = None
        d.community, d.address_ok = community.name, True
        return _proceed(state, ctx)
    if key.startswith(K_TIME):
        index = int(key[len(K_TIME) :]) if key[len(K_TIME) :].isdigit() else -1
        if not 0 <= index < len(tx.OCCURRED_OPTIONS):
            return _ask(state, ctx, Asking.OCCURRED, force=True)
        d.occurred_text = tx.OCCURRED_OPTIONS[index]
        d.occurred_at = ctx.now if index in (0, 1) else None
        return _proceed(state, ctx)
    if key == K_LAST_PHONE and ctx.last_phone:
        d.phone, d.phone_declined = ctx.last_phone, False
        return _proceed(state, ctx)
    if key == K_NO_PHONE:
        d.phone, d.phone_declined = None, True
        return _proceed(state, ctx)
    if key == K_RESUME_GO:
        pending, d.pending_text = d.pending_text, None
        if pending:  # what they wrote when we asked was most likely the answer: use it
            return answer(state, ctx, text=pending)
        return _ask(state, ctx, d.asking or Asking.DESCRIPTION, force=True, prefix=[Text(tx.CONTINUE_DRAFT)])
    if key == K_RESUME_NEW:
        pending = d.pending_text
        state.draft = None
        return start(state, ctx, text=pending) if pending else _ask_fresh(state, ctx)
    if key == K_RESUME_DROP:
        return cancel(state)
    verb = keys.decode(key)
    if verb is not None and verb.verb == keys.JOIN and d.duplicate_of == verb.number:
        d.stage, d.submitting_at = "submitting", ctx.now
        state.withdraw(DRAFT)
        return Step(state, [], [JoinTicket(number=verb.number, draft_id=d.id, then=after_join)])
    if verb is not None and verb.verb == keys.NO_JOIN and d.duplicate_of == verb.number:
        d.dup_checked, d.duplicate_of = True, None
        return _submit(state, ctx)
    return _ask(state, ctx, d.asking or Asking.DESCRIPTION, force=True, prefix=[Text(tx.EXPIRED_BUTTON)])


def cancel(state: ConvState) -> Step:
    had = state.draft is not None
    state.draft = None
    state.withdraw(DRAFT, MENU)
    return Step(state, [Text(tx.CANCELLED if had else tx.NOTHING_TO_CANCEL)])


def human(state: ConvState, ctx: Context) -> Step:
    """人工 with a draft open: file what we have, flagged for the dispatch desk."""
    d = _draft(state)
    d.desk = True
    if not d.description:
        d.description = "（居民要求人工服务，尚未描述问题）"
    d.stage, d.submitting_at = "submitting", ctx.now
    state.withdraw(DRAFT)
    return Step(
        state, [], [FileTicket(draft=d.model_copy(deep=True), flag_reason=HUMAN_REASON, then=after_filed)]
    )


def reask(state: ConvState, ctx: Context) -> list[OutMessage]:
    """The draft's current question again (after help, a list, a side question)."""
    d = state.draft
    if d is None:
        return []
    if d.stage == "submitting":
        return [Text(tx.SUBMITTING)]
    return _ask(state, ctx, d.asking or Asking.DESCRIPTION, force=True).replies


def continue_draft(state: ConvState, ctx: Context) -> list[OutMessage]:
    """Back to the draft after something else (a survey question, a list): one line, then its question."""
    if state.draft is None:
        return []
    return [Text(tx.CONTINUE_DRAFT), *reask(state, ctx)]


def needs_resume_question(state: ConvState, ctx: Context) -> bool:
    d = state.draft
    return (
        d is not None
        and d.stage == "collecting"
        and d.asking != Asking.RESUME
        and ctx.now - d.touched_at >= ctx.settings.resume_after
    )


def ask_resume(state: ConvState, ctx: Context, pending_text: str | None) -> Step:
    d = _draft(state)
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


# ---- what the first message (or any answer) already says ----------------------------------------


def _absorb(d: Draft, text: str, ctx: Context, *, description: bool) -> None:
    reading = ctx.reader.read(text, ctx.now, ctx.communities)
    if description:
        d.description = mask_phones(text)  # the number is kept as the contact phone, not in the text
    if d.kind is None and reading.kind:
        d.kind = reading.kind
    if reading.category and not d.category:
        d.category = reading.category
    rank = {"normal": 0, "urgent": 1, "emergency": 2}
    if rank.get(reading.urgency, 0) > rank.get(d.urgency, 0):
        d.urgency, d.hazard, d.triggers = reading.urgency, reading.hazard, list(reading.triggers)
    if not d.address_ok and d.point is None:
        _merge_place(d, reading.place)
    if not d.phone and reading.phones:
        d.phone = reading.phones[0]
    if not d.occurred_text and reading.time_text:
        d.occurred_text, d.occurred_at = reading.time_text[:MAX_OCCURRED], reading.time_start


def _merge_place(d: Draft, place: Place) -> None:
    if place.is_empty:
        return
    if place.community and (place.known or not d.community):
        d.community = place.community
    d.building = place.building or d.building
    d.unit = place.unit or d.unit
    d.room = place.room or d.room
    if place.known is not None:
        d.address_ok = True


def _take_photos(d: Draft, photos: Sequence[MediaRef], ctx: Context) -> list[OutMessage]:
    """Fold photos into the draft; acknowledge once per burst (an album is several messages)."""
    in_burst = d.last_photo_at is not None and ctx.now - d.last_photo_at <= ctx.settings.photo_burst
    d.last_photo_at = ctx.now
    if not in_burst:
        d.photo_limit_told = False
    room = max(0, ctx.settings.max_photos - len(d.photos))
    d.photos += [p.to_json() for p in photos[:room]]
    if len(photos) > room:
        if d.photo_limit_told:
            return []
        d.photo_limit_told = True
        return [Text(tx.PHOTO_LIMIT.format(limit=ctx.settings.max_photos))]
    return [] if in_burst else [Text(tx.PHOTO_RECEIVED.format(count=len(d.photos)))]


# ---- which question comes next --------------------------------------------------------------------


def _missing(d: Draft) -> Asking | None:
    if not d.description:
        return Asking.DESCRIPTION
    if d.emergency:  # only what responders need
        if not _has_place(d):
            return Asking.ADDRESS
        if not d.phone and not d.phone_declined:
            return Asking.PHONE
        return None
    if d.needs_place_and_time:
        where = _address_missing(d)
        if where:
            return where
        if not d.occurred_text:
            return Asking.OCCURRED
    if not d.phone and not d.phone_declined:
        return Asking.PHONE
    return None


def _has_place(d: Draft) -> bool:
    return bool(d.point or d.address_text or d.community or d.building)


def _address_missing(d: Draft) -> Asking | None:
    if d.point is not None or d.address_ok:
        return None
    if not d.community and (d.building or d.unit or d.room):
        return Asking.COMMUNITY
    if d.community or d.address_text:
        return Asking.ADDRESS_CONFIRM  # a place we do not know: the resident confirms it
    return Asking.ADDRESS


def _proceed(state: ConvState, ctx: Context, replies: list[OutMessage] | None = None) -> Step:
    d = _draft(state)
    replies = list(replies or [])
    missing = _missing(d)
    if missing is None:
        d.editing = False
        if d.emergency:
            return _submit(state, ctx, replies)  # file at once: no read-back in an emergency
        return _review(state, ctx, replies)
    return _ask(state, ctx, missing, prefix=replies)


def _review(state: ConvState, ctx: Context, replies: list[OutMessage] | None = None) -> Step:
    d = _draft(state)
    d.asking, d.invalid = Asking.REVIEW, 0
    body = tx.review_lines(
        kind=Kind(d.kind).label if d.kind else None,
        category=d.category,
        description=d.description or "",
        address=_address_label(d),
        occurred=d.occurred_text,
        phone=d.phone,
        photos=len(d.photos),
        ask_address=d.needs_place_and_time,
        ask_occurred=d.needs_place_and_time,
    )
    choices = Choices(
        f"{body}\n{tx.REVIEW_QUESTION}",
        (Choice(K_SUBMIT, tx.SUBMIT), Choice(K_CHANGE, tx.CHANGE), Choice(K_CANCEL, tx.CANCEL)),
    )
    state.offer(DRAFT, choices)
    return Step(state, [*(replies or []), choices])


def _ask(
    state: ConvState, ctx: Context, field: Asking, *, force: bool = False, prefix: Sequence[OutMessage] = ()
) -> Step:
    """Put one question. `force`: ask again even if it is the same question (re-show)."""
    d = _draft(state)
    if d.asking != field:
        d.invalid = 0
    d.asking = field
    if field == Asking.REVIEW:
        return _review(state, ctx, list(prefix))
    if field == Asking.RESUME:
        return ask_resume(state, ctx, d.pending_text)
    message: OutMessage
    if field == Asking.DESCRIPTION:
        message = Text(tx.ASK_DESCRIPTION_FOR.get(d.kind or "", tx.ASK_DESCRIPTION))
    elif field == Asking.ADDRESS:
        prompt = tx.ASK_ADDRESS_EMERGENCY if d.emergency else tx.ASK_ADDRESS
        options = () if d.emergency else _community_options(ctx)
        message = Choices(prompt, options, allow_text=True) if options else Text(prompt)
    elif field == Asking.COMMUNITY:
        options = _community_options(ctx)
        message = Choices(tx.ASK_COMMUNITY, options, allow_text=True) if options else Text(tx.ASK_COMMUNITY)
    elif field == Asking.ADDRESS_CONFIRM:
        message = Choices(
            tx.confirm_address(_address_label(d) or ""),
            (Choice(K_ADDR_YES, tx.ADDRESS_YES), Choice(K_ADDR_RETRY, tx.ADDRESS_RETRY)),
        )
    elif field == Asking.OCCURRED:
        message = Choices(
            tx.ASK_OCCURRED,
            tuple(Choice(f"{K_TIME}{i}", label) for i, label in enumerate(tx.OCCURRED_OPTIONS)),
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
    elif field == Asking.DUPLICATE and d.duplicate_of:
        message = Choices(
            tx.duplicate_offer(d.duplicate_of),
            (
                Choice(keys.encode(keys.JOIN, d.duplicate_of), tx.JOIN_LABEL),
                Choice(keys.encode(keys.NO_JOIN, d.duplicate_of), tx.FILE_ANYWAY_LABEL),
            ),
        )
    else:
        return _review(state, ctx, list(prefix))
    if isinstance(message, Choices):
        state.offer(DRAFT, message)
    else:
        state.withdraw(DRAFT)
        state.last_scope = None  # a typed "1" now is an answer, not a button
    return Step(state, [*prefix, message])


def _ask_fresh(state: ConvState, ctx: Context) -> Step:
    state.draft = Draft(id=uuid.uuid4().hex, started_at=ctx.now, touched_at=ctx.now)
    return _ask(state, ctx, Asking.DESCRIPTION)


def _community_options(ctx: Context) -> tuple[Choice, ...]:
    if not 0 < len(ctx.communities) <= COMMUNITY_OPTIONS:
        return ()
    return tuple(Choice(f"{K_COMMUNITY}{c.grid_code}", c.name) for c in ctx.communities)


def _address_label(d: Draft) -> str | None:
    extra = d.address_text or (d.point.label if d.point and d.point.label else None)
    if d.point is not None and not extra:
        extra = f"位置 {d.point.lat:.5f},{d.point.lng:.5f}"
    return display(d.community, d.building, d.unit, d.room, extra)


# ---- answers, one handler per question ------------------------------------------------------------


def _answer_description(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = _draft(state)
    if not meaningful(text):
        return invalid(state, ctx, Asking.DESCRIPTION, tx.BAD_DESCRIPTION)
    was_emergency = d.emergency
    _absorb(d, text, ctx, description=True)
    if d.emergency and not was_emergency:
        replies.append(Text(tx.emergency_numbers(ctx.gas_phone, d.hazard)))
    return _proceed(state, ctx, replies)


def _answer_address(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = _draft(state)
    if not meaningful(text):
        return invalid(state, ctx, Asking.ADDRESS, tx.BAD_ADDRESS)
    place = read_address(text, ctx.communities)
    if d.emergency:  # any words will do: responders call back if unclear
        _merge_place(d, place)
        d.address_text = text[:MAX_ADDRESS]
        d.address_ok = True
        return _proceed(state, ctx, replies)
    if place.known is not None:
        d.community, d.building, d.unit, d.room = place.community, place.building, place.unit, place.room
        d.address_text, d.address_ok = None, True
    elif place.building or place.unit or place.room:
        d.building, d.unit, d.room = place.building, place.unit, place.room
        if place.community:
            d.community, d.address_text = place.community, None
        elif d.community and d.address_ok:
            pass  # "3栋" after we already know the 小区
        else:
            d.community = None
    else:
        d.community = place.community
        d.building = d.unit = d.room = None
        d.address_text = None if place.community else text[:MAX_ADDRESS]
        d.address_ok = False
    return _proceed(state, ctx, replies)


def _answer_community(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = _draft(state)
    if not meaningful(text):
        return invalid(state, ctx, Asking.ADDRESS, tx.BAD_ADDRESS)
    place = read_address(text, ctx.communities)
    if place.known is not None:
        d.community, d.address_ok = place.known.name, True
        d.building, d.unit, d.room = place.building or d.building, place.unit or d.unit, place.room or d.room
    else:
        d.community = (place.community or text)[:MAX_ADDRESS]
        d.address_ok = False
    return _proceed(state, ctx, replies)


def _answer_address_confirm(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    # typing instead of pressing 对 / 重新填写: a corrected address
    return _answer_address(state, ctx, text, replies)


def _answer_occurred(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = _draft(state)
    if not meaningful(text, 1):
        return invalid(state, ctx, None, tx.BAD_ANSWER)
    phrase = parse_time_phrase(text, ctx.now)
    if phrase is None and find_phones(text):
        _absorb(d, text, ctx, description=False)  # the phone came early: keep it, ask the time again
        return _proceed(state, ctx, replies)
    d.occurred_text = (phrase.text if phrase and len(text) > len(phrase.text) + 10 else text)[:MAX_OCCURRED]
    d.occurred_at = phrase.start if phrase else None
    return _proceed(state, ctx, replies)


def _answer_phone(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = _draft(state)
    found = normalize_phone(text) or next(iter(find_phones(text)), None)
    if found is None:
        return invalid(state, ctx, Asking.PHONE, tx.BAD_PHONE)
    d.phone, d.phone_declined = found, False
    return _proceed(state, ctx, replies)


def _answer_review(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """Words at the read-back are more details: add them to the description."""
    d = _draft(state)
    if not meaningful(text):
        return invalid(state, ctx, None, tx.BAD_ANSWER)
    combined = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
    if len(combined) > ctx.settings.max_input:
        return Step(state, [Text(tx.too_long(ctx.settings.max_input))])
    d.description = combined
    _absorb(d, text, ctx, description=False)
    return _proceed(state, ctx, [*replies, Text(tx.DESCRIPTION_APPENDED)])


def _answer_buttons_only(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    return invalid(state, ctx, None, tx.BAD_ANSWER)


_ANSWERS = {
    Asking.DESCRIPTION: _answer_description,
    Asking.ADDRESS: _answer_address,
    Asking.COMMUNITY: _answer_community,
    Asking.ADDRESS_CONFIRM: _answer_address_confirm,
    Asking.OCCURRED: _answer_occurred,
    Asking.PHONE: _answer_phone,
    Asking.REVIEW: _answer_review,
    Asking.WHICH: _answer_buttons_only,
    Asking.DUPLICATE: _answer_buttons_only,
    Asking.RESUME: _answer_buttons_only,
}


def invalid(state: ConvState, ctx: Context, field: Asking | None, message: str) -> Step:
    """One more invalid answer. Every `invalid_limit`-th in a row: explain with an example and
    offer a human, never an endless loop of the same question."""
    d = _draft(state)
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


def _edit(state: ConvState, ctx: Context, field: str) -> Step:
    d = _draft(state)
    if field == "back":
        return _review(state, ctx)
    if field == "photos":
        d.photos = []
        return _review(state, ctx, [Text(tx.PHOTOS_CLEARED)])
    if field not in ("description", "address", "occurred", "phone"):
        return _review(state, ctx, [Text(tx.EXPIRED_BUTTON)])
    question = Asking(field)
    d.editing = True
    if question == Asking.DESCRIPTION:
        d.description = None
    elif question == Asking.ADDRESS:
        _clear_address(d)
    elif question == Asking.OCCURRED:
        d.occurred_text, d.occurred_at = None, None
    elif question == Asking.PHONE:
        d.phone, d.phone_declined = None, False
    step = _ask(state, ctx, question, force=True)
    if question == Asking.DESCRIPTION:  # a fresh wording, not the first-message prompt
        step.replies[-1] = Text(tx.ASK_NEW["description"])
    return step


def _clear_address(d: Draft) -> None:
    d.community = d.building = d.unit = d.room = d.address_text = None
    d.point, d.address_ok = None, False


# ---- submitting -------------------------------------------------------------------------------------


def _submit(state: ConvState, ctx: Context, replies: Sequence[OutMessage] = ()) -> Step:
    d = _draft(state)
    d.stage, d.submitting_at, d.asking = "submitting", ctx.now, Asking.REVIEW
    state.withdraw(DRAFT)
    snapshot = d.model_copy(deep=True)
    effect: Effect
    if d.emergency or d.dup_checked:
        effect = FileTicket(draft=snapshot, then=after_filed)
    else:
        effect = FindDuplicate(draft=snapshot, then=after_duplicate_check)
    return Step(state, list(replies), [effect])


def _still_submitting(state: ConvState, ctx: Context) -> Step:
    d = _draft(state)
    if d.submitting_at is not None and ctx.now - d.submitting_at >= ctx.settings.submit_grace:
        return Step(state, [], [RecoverFiling(draft=d.model_copy(deep=True), then=after_recovery)])
    return Step(state, [Text(tx.SUBMITTING)])


def _same_draft(state: ConvState, draft_id: str) -> Draft | None:
    d = state.draft
    return d if d is not None and d.id == draft_id else None


def after_duplicate_check(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, FindDuplicate)
    d = _same_draft(state, effect.draft.id)
    if d is None:
        return Step(state)
    if isinstance(result, str) and result:
        d.stage, d.submitting_at = "collecting", None
        d.dup_checked, d.duplicate_of = True, result
        return _ask(state, ctx, Asking.DUPLICATE)
    d.dup_checked = True
    return Step(state, [], [FileTicket(draft=d.model_copy(deep=True), then=after_filed)])


def after_filed(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, FileTicket)
    d = _same_draft(state, effect.draft.id)
    if isinstance(result, Refused):
        if d is None:
            return Step(state, [Text(tx.submit_failed(result.message))])
        d.stage, d.submitting_at = "collecting", None
        return _review(state, ctx, [Text(tx.submit_failed(result.message))])
    assert isinstance(result, Filed)
    if d is not None:
        state.draft = None
        state.withdraw(DRAFT)
    state.last_filed = result.number
    return Step(state, [Text(filed_text(result))])


def filed_text(result: Filed) -> str:
    if result.to_desk:
        return tx.filed_to_desk(result.number)
    handler = result.handler or tx.DESK
    if result.emergency:
        return tx.filed_emergency(result.number, handler)
    return tx.filed(result.number, handler, result.due)


def after_join(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, JoinTicket)
    d = _same_draft(state, effect.draft_id)
    if isinstance(result, Refused):
        # the other ticket closed meanwhile: file this one after all
        if d is None:
            return Step(state, [Text(result.message)])
        return Step(
            state, [Text(result.message)], [FileTicket(draft=d.model_copy(deep=True), then=after_filed)]
        )
    if d is not None:
        state.draft = None
        state.withdraw(DRAFT)
    return Step(state, [Text(tx.joined(effect.number))])


def after_recovery(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, RecoverFiling)
    d = _same_draft(state, effect.draft.id)
    if isinstance(result, Filed):
        return after_filed(state, FileTicket(draft=effect.draft, then=after_filed), result, ctx)
    if d is None:
        return Step(state)
    d.stage, d.submitting_at = "collecting", None
    return _review(state, ctx, [Text(tx.SUBMIT_RETRY)])


def _draft(state: ConvState) -> Draft:
    if state.draft is None:  # a programming error: callers check first
        raise AssertionError("no draft")
    return state.draft
