"""The intake dialog's steps as the router calls them: the menu, a first message, any later message
or button of an open draft, 取消 and 人工, and going back to the draft after something else."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from bot.dialogs import flow_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs.also_apart import also_apart
from bot.dialogs.context import Context
from bot.dialogs.downgrade import takes_back
from bot.dialogs.effects import FileTicket, JoinTicket
from bot.dialogs.inputs import clean, duplicate_said, gives_up_first, meaningful, word
from bot.dialogs.intake.answers import ANSWERS, answer_description, keep_remark
from bot.dialogs.intake.corrections import CORRECTED_AT, corrected
from bot.dialogs.intake.danger_late import danger_told, take_danger
from bot.dialogs.intake.fields import (
    absorb,
    clear_address,
    draft_of,
    emergency_alert,
    follows_filing,
    remember,
    seen_before,
    settle_time,
    take_photos,
    take_point,
)
from bot.dialogs.intake.flow import after_filed, after_join, proceed, still_submitting, submit
from bot.dialogs.intake.keys import (
    ASIDE,
    DRAFT,
    HUMAN_REASON,
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
    K_MENU_MY,
    K_NO_PHONE,
    K_RESUME_DROP,
    K_RESUME_GO,
    K_RESUME_NEW,
    K_SUBMIT,
    K_TIME,
    K_TRIAGE_NO,
    K_TRIAGE_YES,
    MAX_ASIDES,
    MENU,
)
from bot.dialogs.intake.not_when import news_at_time
from bot.dialogs.intake.now_asking import become_question, meant_to_ask
from bot.dialogs.intake.questions import ask, ask_fresh, invalid, offer_asides
from bot.dialogs.intake.readback import (
    answer_review,
    answer_which,
    edit,
    place_fixed_at_duplicate,
)
from bot.dialogs.intake.said_again import remark_again_at_time
from bot.dialogs.intake.triage import reopen_triage, triage_answered
from bot.dialogs.openings import opening_slots
from bot.dialogs.service_questions import only_the_question, service_question
from bot.dialogs.smalltalk import small_talk
from bot.dialogs.state import Asking, ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import (
    mask_phones,
    new_problem,
    opens_aside,
    parse_time_phrase,
    read_address,
    without_lead,
)
from core.messages import Choice, Choices, GeoPoint, MediaRef, Notice, OutMessage, Text
from core.service import keys
from core.text.answers import new_matter, shares_subject
from core.text.enumerated import split_matters, split_second
from core.text.urgency import denies_danger

_HANDLERS = {**ANSWERS, Asking.REVIEW: answer_review, Asking.WHICH: answer_which}


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
    notes_on: str | None = None,
) -> Step:
    """A new draft from a first message (free text, photos, a location) or a menu choice. `notes_on`: the
    ticket just filed, which the words go to if the resident says no to the triage question."""
    state.withdraw(MENU, DRAFT, ASIDE)  # a second problem not taken up yet is offered again after this one
    d = Draft(id=uuid.uuid4().hex, started_at=ctx.now, touched_at=ctx.now, kind=kind,
              after_filing=follows_filing(state, ctx), notes_on=notes_on)
    state.draft = d
    replies: list[OutMessage] = []
    if photos:
        take_photos(d, photos, ctx)
        if text and vocab.PHOTO_CAPTION.fullmatch(word(text)):
            text = None  # 「看图」 with the photo: what happened is still to be said
    if point is not None:
        take_point(d, point, ctx)
        replies.append(Text(tx.LOCATION_RECEIVED))
    items = (split_matters(text) or split_second(text) or also_apart(text, ctx)) if text and meaningful(text) and kind != "praise" else None
    if text and items:
        # 「一是…二是…」: the first is this complaint, the others are offered one by one once it is filed; where,
        # when and the phone may be said anywhere in the message
        absorb(d, items[0], ctx, description=True)
        absorb(d, text, ctx, description=False)
        if d.occurred_text and _said_of_another(d.occurred_text, items):
            # 「…健身器材坏了 还有就是晚上广场舞太吵」: the dance's 晚上 was taken as when the equipment broke. A time in a
            # clause of its own after the last matter (，这周一直这样，电话…) is said of them all, like the place
            d.occurred_text, d.occurred_at, d.occurred_vague = None, None, False
        remember(d, text)  # the whole message sent again is a resend
        if d.emergency:  # danger somewhere in the list: the whole message goes to those on the way
            d.description = mask_phones(text)
        else:
            state.asides = [*state.asides, *items[1:]][:MAX_ASIDES]
            replies.append(Text(tx.LIST_SPLIT))
    elif text and meaningful(text) and (noted := opening_slots(text, ctx.communities)):
        absorb(d, text, ctx, description=False)  # 「你好 我是幸福里3栋的」, a phone alone: taken, what happened still asked
        d.kind, d.category = kind, None  # read from what happened, not from the introduction
        replies.append(Text(tx.slots_noted(noted)))
    elif text and meaningful(text):
        absorb(d, text, ctx, description=True)
    if d.emergency:
        replies.append(emergency_alert(d, ctx))
    elif photos and not d.description:
        replies.append(Text(tx.PHOTO_START))
        d.asking = Asking.DESCRIPTION
        state.last_scope = None
        return Step(state, replies)
    return proceed(state, ctx, replies)


def answer(
    state: ConvState,
    ctx: Context,
    *,
    text: str | None = None,
    photos: Sequence[MediaRef] = (),
    point: GeoPoint | None = None,
) -> Step:
    """Whatever the resident sent while a draft is open (button presses go to `choose`)."""
    d = draft_of(state)
    d.touched_at, d.reminded = ctx.now, False
    if d.stage == "submitting":
        return still_submitting(state, ctx)
    replies: list[OutMessage] = []
    if photos:
        ack = take_photos(d, photos, ctx)
        if text and vocab.PHOTO_CAPTION.fullmatch(word(text)):
            text = None  # 「又拍了一张」「现场照片」: about the photo sent, no detail of the matter
        if not text and point is None:
            return Step(state, ack)  # a photo never advances the dialog
    if point is not None:
        take_point(d, point, ctx)
        replies.append(Text(tx.LOCATION_RECEIVED))  # always: the next question may not show it was taken
        if not text:
            return proceed(state, ctx, replies)
    if text is None:
        return Step(state, replies)
    text = clean(text)
    question = d.asking or Asking.DESCRIPTION
    if seen_before(d, text):  # the same message again (a resend): already in the description
        if (again := remark_again_at_time(state, ctx, text, replies)) is not None:
            return again  # a remark kept at since-when, said again: its time or 说不清, not the question forever
        if d.invalid + 1 >= ctx.settings.invalid_limit:  # said again and again: a person may help
            return invalid(state, ctx, question, tx.ALREADY_NOTED)
        d.invalid += 1
        return ask(state, ctx, question, force=True, prefix=[*replies, Text(tx.ALREADY_NOTED)])
    if d.emergency and question in (Asking.ADDRESS, Asking.PHONE) and tx.TRIAGE_TRIGGER in d.triggers and takes_back(text):
        return reopen_triage(state, ctx, text, replies, slip=True)  # 「点错了」 before the alert: the question again
    talk = small_talk(text)
    if talk in ("hello", "bot", "test", "mistake"):  # 「喂」「你是机器人吗」「发错了」 mid-form: answered, the question again
        reply = {"bot": tx.SMALL_TALK_BOT_REPLY, "mistake": tx.MISTAKE_MID_FORM}.get(talk, tx.STILL_HERE)
        return ask(state, ctx, question, force=True, prefix=[*replies, Text(reply)])
    if talk == "thanks" and question in _THANKED_AT:  # 「谢谢啊」 at where?: no place, no remark; asked again
        return ask(state, ctx, question, force=True, prefix=[*replies, Text(tx.THANKS_MID_FORM if d.needs_place_and_time else ftx.THANKS_MID_QUESTION)])
    asked = _service_asked(question, text, ctx) if question in _SERVICE_ASKED_AT else None
    if asked is None and question in _SERVICE_ASKED_AT and gives_up_first(text):
        # 「算了不投了 反正也没人管」, but also 「不投诉了 你们先把上次的事办好」 (a protest): how to stop, and the question again
        return ask(state, ctx, question, force=True, prefix=[*replies, Text(tx.CANCEL_IF_YOU_WISH)])
    if asked is not None:
        answered = [*replies, Text(tx.SERVICE_ANSWERS[asked])]
        if gives_up_first(text):  # 「算了 不投诉了 怕邻居找麻烦」: reassured, and told how to stop if they still wish
            answered.append(Text(tx.CANCEL_IF_YOU_WISH))
            return ask(state, ctx, question, force=True, prefix=answered)
        if not only_the_question(text):  # 「楼上又拖椅子了 什么时候能来处理」: the words kept for the staff too
            return keep_remark(state, ctx, question, text, answered)
        return ask(state, ctx, question, force=True, prefix=answered)
    if d.emergency and question in (Asking.ADDRESS, Asking.PHONE) and denies_danger(text):
        return reopen_triage(state, ctx, text, replies)  # 「没有人被困 就是电梯坏了」: the danger asked about again
    if question in CORRECTED_AT and (fixed := corrected(state, ctx, text, replies)) is not None:
        return fixed  # 「不对 是4栋」 the place, 「不对，其实是楼道灯坏了」 the matter, corrected (usertest28)
    if question in _FORM_QUESTIONS and question not in _BUTTONS_ONLY and meant_to_ask(d, text):  # 其实是想问一下…
        return become_question(state, ctx, text, replies)
    if question in _FORM_QUESTIONS and question != Asking.TRIAGE and danger_told(d, text):  # 「里面有人被困住了」 at when?: not the time
        return take_danger(state, ctx, text, replies)
    if question in _FORM_QUESTIONS and _another_problem(state, question, text, ctx):
        return _set_aside(state, ctx, question, text, replies)
    if question == Asking.DUPLICATE and d.duplicate_of and (redone := place_fixed_at_duplicate(state, ctx, text, replies)):
        return redone  # 「说错了 是5栋不是3栋」: the place corrected, the offer (for the old place) dropped
    if question == Asking.DUPLICATE and d.duplicate_of and (said := duplicate_said(text)) is not None:
        return _duplicate_in_words(state, ctx, text, said)
    handler = _HANDLERS.get(question, answer_description)
    return handler(state, ctx, text, replies)


def _duplicate_in_words(state: ConvState, ctx: Context, text: str, said: str) -> Step:
    """「不一样 我说的是另一盏灯」: filed on its own, the words kept for the staff; 「是同一件事」: the open ticket joined
    (the resident's own: not filed again) — as the buttons would."""
    d = draft_of(state)
    number = d.duplicate_of or ""
    if said == "other":
        if len(word(text)) > 4 and not seen_before(d, text):  # more than 不一样: how it differs
            d.description = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
            remember(d, text)
        return choose(state, ctx, keys.encode(keys.NO_JOIN, number))
    return choose(state, ctx, K_DUP_SKIP if d.duplicate_own else keys.encode(keys.JOIN, number))


# questions a 「谢谢」 is no answer to (at the read-back and the buttons it may mean yes: left to them)
_THANKED_AT = frozenset({Asking.DESCRIPTION, Asking.ADDRESS, Asking.COMMUNITY, Asking.DOOR, Asking.OCCURRED, Asking.PHONE})
# questions a question about the service (多久能处理, 会不会让他知道是我) may interrupt; at the phone question privacy is
# answer_phone's (it knows a decline from a fear)
_SERVICE_ASKED_AT = frozenset({
    Asking.ADDRESS, Asking.COMMUNITY, Asking.DOOR, Asking.OCCURRED, Asking.PHONE, Asking.REVIEW, Asking.DUPLICATE,
})  # fmt: skip


def _service_asked(question: Asking, text: str, ctx: Context) -> str | None:
    asked = service_question(text)
    if asked == "privacy" and question == Asking.PHONE:
        return None
    if asked == "when" and question == Asking.OCCURRED and parse_time_phrase(text, ctx.now) is not None:
        return None  # 「几天前就坏了 什么时候能修好」: the time is answered; the question stays with it
    return asked


# questions whose answer is one field: another problem said there is never stored as that field
_BUTTONS_ONLY = frozenset({Asking.TRIAGE, Asking.DUPLICATE})  # answered by their own readers
_FORM_QUESTIONS = frozenset({
    Asking.ADDRESS, Asking.COMMUNITY, Asking.ADDRESS_CONFIRM, Asking.OCCURRED, Asking.PHONE, Asking.REVIEW,
    Asking.TRIAGE, Asking.DUPLICATE,
})  # fmt: skip


def _another_problem(state: ConvState, question: Asking, text: str, ctx: Context) -> bool:
    """Something else brought up instead of the answer. Words already set aside and said again are the
    answer after all (a resident who repeats 「下雨的时候 昨晚也漏」 is answering, and must not be asked
    forever); so is 「也漏」 when leaking is what the complaint is about (the same fault, another time)."""
    about = state.draft.description if state.draft else None
    if without_lead(text)[: ctx.settings.max_input] in state.asides:  # news told with 刚才 again is still no answer
        return question == Asking.OCCURRED and news_at_time(text, about, ctx.now)
    return (new_problem(text, about) or _aside_at_time(question, text, ctx) or _matter_at_phone(question, text, about)
            or question == Asking.OCCURRED and news_at_time(text, about, ctx.now)
            or _matter_elsewhere_at_review(state, question, text, ctx))


def _matter_elsewhere_at_review(state: ConvState, question: Asking, text: str, ctx: Context) -> bool:
    """At the read-back, a matter the complaint does not name, at a place of its own that is not this one
    (「幸福里小区2栋楼道的灯坏了三天了」 read back a leak in 阳光花园): another complaint, not a detail of this one.
    A place alone is a correction (改 asks which field); a matter alone may be a detail (漏到电表箱那边了)."""
    d = state.draft
    if question != Asking.REVIEW or d is None or not new_matter(text, d.description):
        return False
    place = read_address(text, ctx.communities)  # the other place decides: the words may share 晚上 with this one
    return bool((place.community and place.community != d.community)
                or (place.building and d.building and place.building != d.building))


def _matter_at_phone(question: Asking, text: str, about: str | None) -> bool:
    """At the phone question, words with no number and nothing about the phone that tell of a matter
    the complaint does not name (「楼上邻居天天晚上剁肉，吵死了」): another problem, not a wrong number.
    The same fault again (「漏得更厉害了」) is a remark on this one (answers.py)."""
    return (question == Asking.PHONE and not any(ch.isdigit() for ch in text) and not _ABOUT_PHONE.search(text)
            and new_matter(text, about) and not (about and shares_subject(text, about)))


_ABOUT_PHONE = re.compile(r"电话|手机|号码|座机|联系|打给|微信")


def _aside_at_time(question: Asking, text: str, ctx: Context) -> bool:
    """At the time question, 「还有…」 / 「另外…」 with no time in it is something else brought up, even
    when its words do not say what is wrong (「还有他们把装修垃圾全扔在电梯口」); at the address question,
    the same with no address in it (「另外，我家楼下那个井盖也松了」)."""
    if not opens_aside(text):
        return False
    if question == Asking.OCCURRED:
        phrase = parse_time_phrase(text, ctx.now)
        return phrase is None or _beyond_time(text, phrase.text)
    if question in _WHERE_QUESTIONS:
        # 「对了，我们3栋的楼道也好几天没人打扫了」 names a place of its own, but says when something began
        # there: a matter, not the answer
        return read_address(text, ctx.communities).is_empty or parse_time_phrase(text, ctx.now) is not None
    return False


def _beyond_time(text: str, phrase: str) -> bool:
    """「还有西门保安亭晚上根本没人值班」: once the lead and the time are taken out, words enough to tell of
    something else are left (「还有就是每天晚上十点以后」 leaves 就是: an answer)."""
    rest = without_lead(text).replace(phrase, "", 1)
    return sum(1 for ch in rest if ch.isalnum()) >= BEYOND_TIME


BEYOND_TIME = 7  # characters left beside the time: 「西门保安亭根本没人值班」, not 「一般是开始吵」
_WHERE_QUESTIONS = frozenset({Asking.ADDRESS, Asking.COMMUNITY, Asking.ADDRESS_CONFIRM})


def _set_aside(state: ConvState, ctx: Context, question: Asking, text: str, replies: list[OutMessage]) -> Step:
    """A second problem in the middle of the form: kept, and offered as a complaint of its own once
    this one is filed; then the question it interrupted, again."""
    words = without_lead(text)[: ctx.settings.max_input]  # "另外…" is how it came up, not what it is
    if words not in state.asides and len(state.asides) < MAX_ASIDES:
        state.asides.append(words)
    return ask(state, ctx, question, force=True, prefix=[*replies, Text(tx.ASIDE_NOTED)])


def typed_aside(state: ConvState, ctx: Context, text: str | None) -> Step | None:
    """好的 / 不用了 typed while 「您还提到…，要另外登记吗？」 is the last question: its answer."""
    if ASIDE not in state.offered or state.last_scope != ASIDE or state.draft is not None:
        return None
    said = word(text)
    if said in tx.ASIDE_YES_WORDS:
        return choose_aside(state, ctx, K_ASIDE_YES)
    if said in tx.ASIDE_NO_WORDS:
        return choose_aside(state, ctx, K_ASIDE_NO)
    return None


def choose_aside(state: ConvState, ctx: Context, key: str) -> Step:
    """The answer to 「您还提到…，要另外登记吗？」: file it next (a new draft from its words), or not."""
    state.withdraw(ASIDE)
    if not state.asides or state.draft is not None:
        return Step(state, [Notice(tx.EXPIRED_BUTTON)])
    if key == K_ASIDE_NO:
        state.asides = []
        return Step(state, [Text(tx.ASIDE_DROPPED)])
    return start(state, ctx, text=state.asides.pop(0))


def choose(state: ConvState, ctx: Context, key: str) -> Step:
    """A button of the draft's current question (already checked to be on offer)."""
    d = draft_of(state)
    d.touched_at, d.reminded = ctx.now, False
    if d.stage == "submitting":
        return still_submitting(state, ctx)
    if key == K_SUBMIT:
        return submit(state, ctx)
    if key == K_CHANGE:
        return ask(state, ctx, Asking.WHICH)
    if key == K_CANCEL:
        return cancel(state)
    if key == K_HUMAN:
        return human(state, ctx)
    if key.startswith(K_FIELD):
        return edit(state, ctx, key[len(K_FIELD) :])
    if key in (K_TRIAGE_YES, K_TRIAGE_NO):
        return triage_answered(state, ctx, danger=key == K_TRIAGE_YES)
    if key == K_DUP_SKIP and d.duplicate_of:
        number = d.duplicate_of
        state.draft = None
        state.withdraw(DRAFT)
        return Step(state, [Text(tx.not_refiled(number)), *offer_asides(state)])
    if key == K_ADDR_YES:
        d.address_ok = True
        return proceed(state, ctx)
    if key == K_ADDR_RETRY:
        clear_address(d)
        return ask(state, ctx, Asking.ADDRESS, force=True)
    if key.startswith(K_COMMUNITY):
        community = ctx.community(key[len(K_COMMUNITY) :])
        if community is None:
            return ask(state, ctx, d.asking or Asking.ADDRESS, force=True, prefix=[Text(tx.EXPIRED_BUTTON)])
        if d.asking == Asking.ADDRESS:  # only the 小区 was picked: nothing finer is known
            d.building = d.unit = d.room = d.address_text = None
        d.community, d.address_ok = community.name, True
        return proceed(state, ctx)
    if key.startswith(K_TIME):
        index = int(key[len(K_TIME) :]) if key[len(K_TIME) :].isdigit() else -1
        if not 0 <= index < len(tx.OCCURRED_OPTIONS):
            return ask(state, ctx, Asking.OCCURRED, force=True)
        said = tx.OCCURRED_OPTIONS[index]
        phrase = parse_time_phrase(said, ctx.now)  # 好几天了 reaches back too, not only 刚刚 and 今天
        settle_time(d, said, phrase.start if phrase else None)
        return proceed(state, ctx)
    if key == K_LAST_PHONE and ctx.last_phone:
        d.phone, d.phone_declined = ctx.last_phone, False
        return proceed(state, ctx)
    if key == K_NO_PHONE:
        d.phone, d.phone_declined = None, True
        return proceed(state, ctx)
    if key == K_RESUME_GO:
        pending, d.pending_text = d.pending_text, None
        if pending:  # what they wrote when we asked was most likely the answer: use it
            return answer(state, ctx, text=pending)
        return ask(state, ctx, d.asking or Asking.DESCRIPTION, force=True, prefix=[Text(tx.CONTINUE_DRAFT)])
    if key == K_RESUME_NEW:
        pending = d.pending_text
        state.draft = None
        return start(state, ctx, text=pending) if pending else ask_fresh(state, ctx)
    if key == K_RESUME_DROP:
        return cancel(state)
    verb = keys.decode(key)
    if verb is not None and verb.verb == keys.JOIN and d.duplicate_of == verb.number:
        d.stage, d.submitting_at = "submitting", ctx.now
        state.withdraw(DRAFT)
        return Step(state, [], [JoinTicket(number=verb.number, draft_id=d.id, then=after_join)])
    if verb is not None and verb.verb == keys.NO_JOIN and d.duplicate_of == verb.number:
        d.dup_checked, d.duplicate_of = True, None
        return submit(state, ctx)
    return ask(state, ctx, d.asking or Asking.DESCRIPTION, force=True, prefix=[Text(tx.EXPIRED_BUTTON)])


def cancel(state: ConvState) -> Step:
    had = state.draft is not None
    if not had and ASIDE in state.offered:  # 取消 / 算了 to 「要另外登记吗？」: no
        state.asides = []
        state.withdraw(ASIDE)
        return Step(state, [Text(tx.ASIDE_DROPPED)])
    state.draft = None
    state.withdraw(DRAFT, MENU)
    return Step(state, [Text(tx.CANCELLED if had else tx.NOTHING_TO_CANCEL), *offer_asides(state)])


def human(state: ConvState, ctx: Context) -> Step:
    """人工 with a draft open: file what we have, flagged for the dispatch desk."""
    d = draft_of(state)
    d.desk = True
    if not d.description:
        d.description, d.kind, d.category = "（居民要求人工服务，尚未描述问题）", "consult", "其他"  # no complaint yet
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
    return ask(state, ctx, d.asking or Asking.DESCRIPTION, force=True).replies


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


def _said_of_another(when: str, items: Sequence[str]) -> bool:
    """The time is in another matter's own clause (its first), and not in the first matter's words."""
    return when not in items[0] and any(when in _CLAUSE_BREAK.split(other)[0] for other in items[1:])


_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?]")
