"""One handler per question: what the resident's words mean as the answer to it; and changing one
field from the read-back."""

from __future__ import annotations

import re

from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs.context import Context
from bot.dialogs.inputs import corrected_value, meaningful, only_words, word
from bot.dialogs.intake.fields import (
    absorb,
    clear_address,
    draft_of,
    emergency_alert,
    merge_place,
    outdoors_at_a_spot,
    remember,
    seen_before,
    settle_time,
    start_of,
    written_as,
)
from bot.dialogs.intake.flow import proceed
from bot.dialogs.intake.keys import MAX_ADDRESS, MAX_OCCURRED
from bot.dialogs.intake.not_when import ASKED, a_plan, harm_it_did, how_it_is
from bot.dialogs.intake.passed_on import community_at_phone, question_community
from bot.dialogs.intake.phone_words import DECLINES, FEARS, MUST_I, mandarin
from bot.dialogs.intake.place_late import (
    finish_place,
    names_a_place,
    place_added,
    place_again,
    replace_loose_place,
)
from bot.dialogs.intake.questions import ask, invalid
from bot.dialogs.intake.time_words import no_time, time_verdict
from bot.dialogs.intake.triage import answer_triage
from bot.dialogs.service_questions import service_question
from bot.dialogs.state import Asking, ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import (
    Place,
    asks_back,
    find_phones,
    mask_phones,
    normalize_phone,
    parse_time_phrase,
    place_answer,
    place_detail,
    read_address,
    said_instead_of_address,
    stall,
    to_staff,
)
from core.messages import OutMessage, Text
from core.text.answers import shares_subject
from core.text.normalize import nfkc
from core.text.phone import digit_view
from core.text.third_party import own_phone
from core.text.vocab import UNTIMED_RECURRING


def answer_description(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    if not meaningful(text):
        return invalid(state, ctx, Asking.DESCRIPTION, tx.BAD_DESCRIPTION)
    was_emergency = d.emergency
    absorb(d, text, ctx, description=True)
    if d.emergency and not was_emergency:
        replies.append(emergency_alert(d, ctx))
    return proceed(state, ctx, replies)


def answer_address(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    if not meaningful(text):
        return invalid(state, ctx, Asking.ADDRESS, tx.BAD_ADDRESS)
    place = read_address(text, ctx.communities)
    if place.is_empty and not d.emergency and (word(text) in _NO_PLACE_WORDS or only_words(word(text), _NOTHING)):
        return invalid(state, ctx, Asking.ADDRESS, tx.BAD_ADDRESS)  # 「是的」: nothing to confirm as a place
    if d.emergency and (phone := normalize_phone(text)) is not None:  # a phone for the place: kept, place asked
        d.phone, d.phone_declined = phone, False
        return ask(state, ctx, Asking.ADDRESS, force=True, prefix=[*replies, Text(etx.PHONE_NOTED_PLACE_STILL)])
    if d.emergency:  # any words will do: responders call back if unclear
        if (place.is_empty and d.invalid == 0 and not find_phones(text)
                and (not place_answer(text, ctx.communities) or _only_relative(text, ctx))):
            # 「120我打了 他们说要人帮忙抬下楼」 names no place at all: kept for those on the way, and where is
            # asked once more (never twice: then any words will do)
            d.invalid = 1
            return keep_remark(state, ctx, Asking.ADDRESS, text, replies)
        merge_place(d, place)
        d.address_text = text[:MAX_ADDRESS]
        d.address_ok = True
        return proceed(state, ctx, replies)
    if place.is_empty and _ADDRESS_UNKNOWN.search(text):
        # 「不知道是哪个小区，刚搬来」: no place to confirm; how else to say where
        return ask(state, ctx, Asking.ADDRESS, force=True, prefix=[*replies, Text(tx.ADDRESS_UNKNOWN_HELP)])
    if place.is_empty and (said_instead_of_address(text, ctx.communities) or to_staff(text)):
        # 「等一下我娃在哭」, 「你们能不能直接去跟他说」: not a place, so nothing to confirm; ask again,
        # and keep what was said (a request, how bad it is) with the description, read back before filing
        if stall(text):
            return invalid(state, ctx, Asking.ADDRESS, tx.ADDRESS_NOT_GIVEN)
        return keep_remark(state, ctx, Asking.ADDRESS, text, replies)
    if (place.is_empty and d.description and not place_answer(text, ctx.communities)
            and shares_subject(text, d.description)):
        # 「漏到我家卫生间了 天花板都湿了」 after 「楼上漏水」: more of the matter, not where — kept, where asked again
        return keep_remark(state, ctx, Asking.ADDRESS, text, replies)
    if place.known is not None:
        # 「就在南门那边」 then 「幸福里」 (at 对吗？): the spot said first is kept with the 小区 said after it
        spot = (d.address_text if d.community is None and not d.address_ok and d.address_text
                and not (place.building or place.unit or place.room) and place_answer(d.address_text, ctx.communities)
                else None)
        d.community, d.building, d.unit, d.room = place.community, place.building, place.unit, place.room
        d.address_text, d.address_ok = _detail(text, place) or spot or written_as(place), True
    elif place.building or place.unit or place.room:
        d.building, d.unit, d.room = place.building, place.unit, place.room
        if place.community:
            d.community, d.address_text = place.community, _detail(text, place)
        elif d.community and d.address_ok:
            pass  # "3栋" after we already know the 小区
        else:
            d.community = None
    else:
        d.community = place.community
        d.building = d.unit = d.room = None
        d.address_text = _detail(text, place) if place.community else text[:MAX_ADDRESS]
        d.address_ok = False  # confirmed next; words that do not read as a place are asked about kindly
    return proceed(state, ctx, replies)


# spots that say where only relative to a building the words do not name
_RELATIVE_SPOT = re.compile(r"楼下|楼上|门口|外面|外边|旁边|附近|对面|隔壁|院子|院里|楼道|楼梯|家里|屋里|这里|这儿|那里|那儿")


def _only_relative(text: str, ctx: Context) -> bool:
    """「我已经出来了 在楼下」 at an emergency's where?: a spot no responder can find without the building (thirteenth
    session: it was taken as the emergency's address) — kept as a remark, and where asked once more."""
    return bool(_RELATIVE_SPOT.search(text)) and not place_answer(_RELATIVE_SPOT.sub("", text), ctx.communities)


_ADDRESS_UNKNOWN = re.compile(r"(?:不知道|不清楚|不记得|忘了|说不清|搞不清)[^，,。]{0,6}(?:小区|地址|名字|叫什么|哪个|哪栋|几栋|门牌)"
                             r"|(?:小区|地址)[^，,。]{0,4}(?:不知道|不清楚|不记得|忘了)")

# yes, thanks or ok said at "where?": no place, and no words to ask "是在这里吗？" about
_NO_PLACE_WORDS = frozenset([*tx.SAME_PLACE_YES_WORDS, *vocab.SMALL_TALK_ACK, *vocab.SMALL_TALK_THANKS, *tx.TRIAGE_NO_WORDS,
                            tx.SUBMIT])


# 「没了」「没有了」「就这些」 at "where?" or 还是「…」吗？: nothing more to say, no place (it was read back as 「没了」)
_NOTHING = (*vocab.NOTHING_TO_SAY, "没了", "没有了", "没有", "就这些", "就这样", "没别的了", "吧", "啦", "了")


def _detail(text: str, place: Place) -> str | None:
    """Where inside the 小区 when no building says it (南门, 车库B1 靠电梯那块), or where near the building it
    names (2栋旁边的车棚, 南门到6栋那条路: round 22, the worker would look inside the building): kept with the
    address. A flat says where by itself."""
    if place.room or not place.community:
        return None
    detail = place_detail(text, place.community)
    if place.building and not (detail and _NEAR.search(detail)):
        return None
    return detail[:MAX_ADDRESS] if detail else None


# where beside a building (旁边, 门口, 后面, 到…之间, 那条路): a place near it, not in it
_NEAR = re.compile(r"旁边|边上|门口|门前|前面|后面|背后|对面|附近|周边|中间|之间|侧面|外面|[那这][条段片块个]")


def _answer_door(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    """楼栋/单元/室 after a location; anything else (跳过, 不知道) leaves the pin as the place."""
    d = draft_of(state)
    if d.building and finish_place(d, text, ctx, door_asked=True):  # 「2单元401」, 「401」 after 5栋: added to it
        return proceed(state, ctx, replies)
    place = read_address(text, ctx.communities)
    if place.building or place.unit or place.room:
        d.building, d.unit, d.room = place.building, place.unit, place.room
        if d.community and _NEAR.search(text):  # 「3栋旁边」 for the swing: near the building, not in it
            d.address_text = _detail(f"{d.community} {text}", Place(d.community, place.building, None, None, None))
    elif (phrase := parse_time_phrase(text, ctx.now)) is not None or find_phones(text):
        if phrase is not None and d.occurred_vague and not find_phones(text):
            # 「一个星期了」 after the opening's 晚上: how long, with the time of day said before (sixteenth session: the
            # answer was dropped and since when asked again)
            settle_time(d, phrase.text[:MAX_OCCURRED], start_of(phrase, ctx))
        absorb(d, text, ctx, description=False)  # 「昨天晚上」「135…」 instead of the door: kept for their own questions
    elif place.is_empty and (said_instead_of_address(text, ctx.communities) or to_staff(text)) and not stall(text):
        return keep_remark(state, ctx, Asking.DOOR, text, replies)  # 「孩子高考 天黑不安全」: how bad (usertest29: the spot)
    elif (not d.address_text and (place_answer(text, ctx.communities) or _a_spot(d, text))
          and (spot := place_detail(text, place.community) if place.community else _spot_words(text))):
        d.address_text = spot[:MAX_ADDRESS]  # 「儿童乐园里面靠东边那个」: where inside the 小区 (round 23)
    return proceed(state, ctx, replies)


def _a_spot(d: Draft, text: str) -> bool:
    """Asked where inside the 小区 the outdoor thing is, short words that are no skip, question, stall nor 不知道."""
    return (outdoors_at_a_spot(d) and len(word(text)) <= MAX_SPOT and word(text) not in tx.SKIP_WORDS
            and not asks_back(text) and not stall(text) and not _UNSURE_SPOT.search(text) and not find_phones(text))


MAX_SPOT = 20
_UNSURE_SPOT = re.compile(r"不(?:太)?(?:清楚|知道|晓得|记得)|说不(?:清|好|上来)|忘了|随便|都行|没有")


def _spot_words(text: str) -> str | None:
    said = re.sub(r"^(?:就在|就是在|就是|位置在|是在|在)|(?:啊|呀|吧|呢|哈|嘛|哦)$", "", text.strip(" ，,。.!！"))
    return said if said and word(said) not in tx.SKIP_WORDS else None


def _answer_community(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    if not d.needs_place_and_time:
        return question_community(state, ctx, text, replies)
    if not meaningful(text):
        return invalid(state, ctx, Asking.ADDRESS, tx.BAD_ADDRESS)
    place = read_address(text, ctx.communities)
    last = state.last_filed_place
    if place.known is not None:
        d.community, d.address_ok = place.known.name, True
        d.building, d.unit, d.room = place.building or d.building, place.unit or d.unit, place.room or d.room
    elif not place.community and last is not None and last.community and vocab.SAME_PLACE.search(nfkc(text)):
        # 「就是刚才那个地方」: the 小区 of the ticket just filed (it was taken as a community's name)
        d.community = last.community
        d.address_ok = read_address(last.community, ctx.communities).known is not None
    elif not place.community and (place.building or place.unit or place.room) and _DOOR_ONLY.fullmatch(nfkc(text).strip()):
        # the building and door said again (3-2-1201 twice), or more of them: no 小区 to be had — the door is kept,
        # the text is no estate's name (round 21 filed 「3-2-12013栋2单元1201室」)
        d.building, d.unit, d.room = place.building or d.building, place.unit or d.unit, place.room or d.room
        d.address_ok = True
    else:
        d.community = (place.community or text)[:MAX_ADDRESS]
        d.address_ok = False
    return proceed(state, ctx, replies)




# numbers and the words of a building, unit or door only: nothing in it names a place (中山路88号3栋 does)
_DOOR_ONLY = re.compile(r"[\da-zA-Z\s\-—_#/,，。.第栋幢楼号单元室门座层户零〇一二两三四五六七八九十幺]+")


def _answer_address_confirm(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    # typing instead of pressing 对 / 重新填写: a yes, a corrected address, or the next answers said early
    d = draft_of(state)
    if word(text) in tx.ADDRESS_YES_WORDS:  # 「是的」「没错」 to 地址是「…」，对吗？ or 还是「…」吗？
        d.address_ok = True
        return proceed(state, ctx, replies)
    if d.place_offered and vocab.SAME_PLACE.search(nfkc(text)) and not names_a_place(text, ctx):
        d.address_ok = True  # 「就是刚才那个地方」 to 还是「…」吗？ (its 刚才 was read as the time)
        return proceed(state, ctx, replies)
    if word(text) in tx.ADDRESS_NO_WORDS:  # 「不对」: as 重新填写 (it was taken for the address itself)
        clear_address(d)
        return ask(state, ctx, Asking.ADDRESS, force=True, prefix=replies)
    corrected = corrected_value(text)
    if corrected and not names_a_place(corrected, ctx):
        # 「电话写错了 是139…」「不对，应该是上周五开始的」 while the address is being confirmed: the other field's
        # new value, kept, and the address question put again
        noted = _corrected_early(d, corrected, ctx)
        if noted:
            return ask(state, ctx, Asking.ADDRESS_CONFIRM, force=True, prefix=[*replies, Text(tx.slots_noted(noted))])
    noted = [] if names_a_place(text, ctx) else _noted_early(d, text, ctx)
    if noted:
        # the phone or the time said instead of 对 (they read ahead): kept, and the address question put again
        return ask(state, ctx, Asking.ADDRESS_CONFIRM, force=True, prefix=[*replies, Text(tx.slots_noted(noted))])
    if d.place_offered:  # another place: nothing of the one offered stays, but its 小区 when only a door is said (flow30)
        place, estate = read_address(text, ctx.communities), d.community
        clear_address(d)
        if estate and not place.community and (place.building or place.unit or place.room):
            text = f"{estate}{text}"  # 「3栋门口」 to 还是「幸福里6栋」吗？ (the 小区 was asked again)
    return answer_address(state, ctx, text, replies)


def _corrected_early(d: Draft, text: str, ctx: Context) -> list[str]:
    """A phone or a time given as a correction: it replaces what the draft had."""
    if normalize_phone(text) is not None:
        d.phone = None
    elif parse_time_phrase(text, ctx.now) is not None:
        d.occurred_text, d.occurred_at, d.occurred_vague, d.occurred_hint = None, None, False, None
    return _noted_early(d, text, ctx)


def _noted_early(d: Draft, text: str, ctx: Context) -> list[str]:
    """A phone or a time said in place of the answer asked for, when the draft has none yet: kept, and
    named (in tx.SLOT_NAMES's words) for the resident to see it was."""
    noted = []
    phone = normalize_phone(text) or own_phone(text)
    if phone and not d.phone:
        d.phone, d.phone_declined = phone, False
        noted.append(tx.SLOT_NAMES[1])
    phrase = parse_time_phrase(text, ctx.now)
    if phrase and not d.occurred_text:
        settle_time(d, (phrase.text if len(text) > len(phrase.text) + 10 else text)[:MAX_OCCURRED], start_of(phrase, ctx))
        noted.append(tx.SLOT_NAMES[2])
    return noted


def answer_occurred(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    if not meaningful(text, 1):
        return invalid(state, ctx, None, tx.BAD_ANSWER)
    phrase = parse_time_phrase(text, ctx.now)
    if phrase is not None and a_plan(text, phrase):  # 「你们快点 我下午还要去上班」: their plan, not when it began,
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies)  # asked of the staff: kept for them (round 25)
    if phrase is not None and harm_it_did(text):  # 「上个月我家电动车就是这么丢的」: when the harm was, kept (round 27)
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies)
    if phrase is None and (word(text) in vocab.REVIEW_CONFIRM_WORDS or word(text) == tx.SUBMIT):
        # 「提交」「好的」 at the time question (the resident thinks the form is done): no time
        return invalid(state, ctx, Asking.OCCURRED, tx.BAD_OCCURRED)
    if phrase is None and find_phones(text):
        had_phone = bool(d.phone)
        absorb(d, text, ctx, description=False)  # the phone came early: keep it (and say so), ask the time again
        if d.occurred_hint is not None:  # unless 「一直都这样」 was said and 「从什么时候」 asked: that stands
            settle_time(d, d.occurred_hint, None)
        noted = [Text(tx.slots_noted([tx.SLOT_NAMES[1]]))] if d.phone and not had_phone else []
        return proceed(state, ctx, [*replies, *noted])
    if phrase is None and (verdict := time_verdict(text)) is not None:  # 跳过, 没有, 不知道几单元: no time (usertest28)
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies) if verdict == "remark" else no_time(
            state, ctx, verdict, replies)
    if phrase is None and asks_back(text):  # 「你们是不是机器人啊」: a question back, not when
        return invalid(state, ctx, Asking.OCCURRED, tx.BAD_OCCURRED)
    if phrase is None and stall(text):  # 「等一下，我老公在喊我」: not when either; the question again
        return ask(state, ctx, Asking.OCCURRED, force=True, prefix=[*replies, Text(tx.NO_HURRY)])
    if phrase is None and to_staff(text):  # 「你们师傅来之前先打电话，我上班」: kept for the staff, not when
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies)
    if phrase is None and finish_place(d, text, ctx):  # 「3单元1102」 after 「翠湖苑12栋」: the address, finished
        return ask(state, ctx, Asking.OCCURRED, force=True, prefix=[*replies, place_added(d)])
    if phrase is None and (known := place_again(d, text, ctx)) is not None:  # 「主要是B区靠电梯那一片」: where
        return ask(state, ctx, Asking.OCCURRED, force=True, prefix=[*replies, known])
    if phrase is None and names_a_place(text, ctx):  # 「我说的是楼上501 不是我家」: where, not when
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies)
    if phrase is None and ASKED.search(text):  # 「监控能查吗 我想找他赔」: a question for the staff, not when
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies)
    if phrase is None and how_it_is(text):  # 「台阶边上那块石头是松的 一踩就翘」: how it is, not when (round 26)
        return keep_remark(state, ctx, Asking.OCCURRED, text, replies)
    said = (phrase.text if phrase and len(text) > len(phrase.text) + 10 else text)[:MAX_OCCURRED]
    if phrase is None and d.occurred_hint is None and _goes_on(text):
        # "一直" says it goes on, not since when: ask that once, keep the words with the answer
        d.occurred_hint = text[:MAX_OCCURRED]
        return Step(state, [*replies, Text(tx.ASK_OCCURRED_SINCE)])
    settle_time(d, said, start_of(phrase, ctx))
    return proceed(state, ctx, replies)


def _goes_on(text: str) -> bool:
    """A short answer that says the problem goes on (一直, 经常, 老是这样) but not since when."""
    said = word(text)
    return len(said) <= 8 and any(w in said for w in UNTIMED_RECURRING)


def answer_phone(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    found = normalize_phone(text) or own_phone(text)
    plain = mandarin(text)  # 「唔想留電話」: declined in Cantonese too
    if found is None and not any(ch.isdigit() for ch in text) and (
            MUST_I.search(plain) or (DECLINES.search(plain) and ASKED.search(plain))) and not d.phone_optional_told:
        # 「不留可以吗」「一定要留电话吗」: asked, not declined — told it may be left out, and asked again (once: the
        # same question after 可以不留 is the answer, 不留, or the resident is asked for ever — round 29)
        d.phone_optional_told = True
        return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, Text(tx.PHONE_OPTIONAL)])
    if found is None and not any(ch.isdigit() for ch in text) and not DECLINES.search(plain) and (
            service_question(text) == "privacy" and not d.privacy_told):
        d.privacy_told = True  # 「能匿名吗」「会不会让他知道是我」: who sees it told, the phone asked again
        return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, Text(tx.PRIVACY_ASSURED)])
    if found is None and not any(ch.isdigit() for ch in text) and (DECLINES.search(plain) or MUST_I.search(plain)):
        if FEARS.search(text) and not d.privacy_told:  # 「怕被报复」: told who sees it, asked once more (as a hotline does)
            d.privacy_told = True
            return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, Text(tx.PRIVACY_ASSURED)])
        d.phone, d.phone_declined = None, True  # 「不方便留」, 「电话就不留了 有事微信上说」: 不留电话
        return proceed(state, ctx, replies)
    if found is None and not any(ch.isdigit() for ch in text) and vocab.PHONE_ON_FILE.search(text):
        return invalid(state, ctx, Asking.PHONE, tx.PHONE_NOT_SEEN)  # 「就是微信绑定的那个」: we cannot see it
    if found is None and not any(ch.isdigit() for ch in text) and (
            asks_back(text) or to_staff(text) or (d.description and shares_subject(text, d.description))):
        # 「你们保洁是不是换公司了？」, 「漏得更厉害了」: no number, words for the staff
        return keep_remark(state, ctx, Asking.PHONE, text, replies)
    if found is None and (kept := community_at_phone(state, ctx, text, replies)) is not None:
        return kept  # a consultation's 小区, out of turn
    phrase = parse_time_phrase(text, ctx.now) if found is None and not any(ch.isdigit() for ch in text) else None
    if phrase is not None and (a_plan(text, phrase) or phrase.visit):  # 「明天下午在家」: for the staff's visit
        return keep_remark(state, ctx, Asking.PHONE, text, replies)
    if phrase is not None and d.occurred_at is None:
        # 「上个月开始」 at the phone question (a when the form did not ask, or asked no more precisely): the time,
        # kept after what was said before, and the phone asked again — it was told the number looks wrong
        d.occurred_vague = bool(d.occurred_text)
        settle_time(d, text.strip()[:MAX_OCCURRED], start_of(phrase, ctx))
        return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, Text(tx.slots_noted([tx.SLOT_NAMES[2]]))])
    if found is None and replace_loose_place(d, text, ctx):  # the whole address, late: taken, the phone asked again
        return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, place_added(d)])
    if found is None and finish_place(d, text, ctx):  # the rest of the address, late: taken, the phone asked again
        return ask(state, ctx, Asking.PHONE, force=True, prefix=[*replies, place_added(d)])
    if found is None and ctx.last_phone and vocab.SAME_PHONE.fullmatch(word(text)):
        found = ctx.last_phone  # 「用上次的」 typed for the button 用上次的 138****9999
    short = _short_number(text) if found is None else None
    if short is not None and d.phone_doubted == short:
        found = short  # the same digits again: the resident's number as written (the staff will see it)
    elif short is not None:
        d.phone_doubted = short
        return invalid(state, ctx, Asking.PHONE, tx.BAD_PHONE_SHORT)
    if found is None and (near := _near_mobile(text)) is not None:
        # 「一三五 七七七 八八八八」: a mobile a digit short or long — the digits read are shown, so a slip can be seen
        return invalid(state, ctx, Asking.PHONE, tx.BAD_PHONE_COUNT.format(digits=near, n=len(near)))
    if found is None and _told_not_numbered(text):  # 「滴下来的水是黄色的」: a detail, not a number said wrong
        return keep_remark(state, ctx, Asking.PHONE, text, replies)
    if found is None:
        return invalid(state, ctx, Asking.PHONE, tx.BAD_PHONE)
    d.phone, d.phone_declined, d.phone_doubted = found, False, None
    return proceed(state, ctx, replies)


# 7 or 8 digits not starting with 0 or 1: a landline without its area code, or a Hong Kong / Macau mobile without
# +852 / +853 (round 16: 9123 4567 refused nine times over) — a real number somewhere, never a cut mobile
_SHORT_NUMBER = re.compile(r"[2-9]\d{6,7}")
_DIGIT_RUN = re.compile(r"\d(?:[\s\-]*\d)*")


def _numbers(text: str) -> list[str]:
    """The numbers among the words, in digits or numerals, their spaces and dashes dropped."""
    runs = [re.sub(r"[\s\-]", "", r) for r in _DIGIT_RUN.findall(digit_view(nfkc(text), numerals=True))]
    return [r for r in runs if len(r) >= 3]  # a numeral in a word (等一下, 一直) is no number


def _one_number(text: str) -> str | None:
    """The one number among the words, in digits or numerals, its spaces and dashes dropped."""
    runs = _numbers(text)
    return runs[0] if len(runs) == 1 else None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _told_not_numbered(text: str) -> bool:
    """Words with no number in them, not even in numerals (a numeral in a word, 一直, is none), and long enough to
    tell something (five characters or more): told 「这个号码好像不对」 they read as a slip of the keyboard."""
    return not _numbers(text) and len(_CJK.findall(text)) >= 5 and not _OF_THE_PHONE.search(text)


# words about the number itself (「我手机号码不记得了」): the phone question's own answer, told how to leave none
_OF_THE_PHONE = re.compile(r"电话|號碼|号码|手机|手機|座机|座機|号|號|打给|打我|联系")


def _short_number(text: str) -> str | None:
    """Such a number alone, or the one number among words, in digits or numerals (「我没有手机 座机行吗
    八三二六七七五一」: eleventh session, told only that the number looked wrong)."""
    run = _one_number(text)
    return run if run is not None and _SHORT_NUMBER.fullmatch(run) else None


def _near_mobile(text: str) -> str | None:
    """A mobile with a digit missing or one too many (10 or 12 digits from 13–19): the digits read."""
    run = _one_number(text)
    return run if run is not None and re.fullmatch(r"1[3-9]\d{8}(?:\d\d)?", run) else None


# help already called or coming (我已经打了120, 救护车马上到): not told to call again
_HELP_CALLED = re.compile(r"1[12][09]|救护车|消防车|警察|报(?:了)?警|打了")


def keep_remark(state: ConvState, ctx: Context, question: Asking, text: str, replies: list[OutMessage]) -> Step:
    """Words said instead of the answer that are no answer, nor a second problem, nor a stall (a request
    to the staff, a question, how bad it is): added to the description, so the read-back shows them and
    the ticket keeps them; then the same question again."""
    d = draft_of(state)
    if not d.emergency and _already_told(d, text):  # 「两天了」 at the phone question after 「滴了两天了」: not appended again
        return ask(state, ctx, question, force=True, prefix=[*replies, Text(tx.REMARK_KNOWN)])
    combined = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
    if len(combined) <= ctx.settings.max_input and not seen_before(d, text):
        d.description = combined
        remember(d, text)
    kept = etx.REMARK_KEPT_EMERGENCY if d.emergency and not _HELP_CALLED.search(text) else tx.REMARK_KEPT
    return ask(state, ctx, question, force=True, prefix=[*replies, Text(kept)])


_NOT_CONTENT = re.compile(r"[^\w]|[啊呀吧呢哦嘛哈]")


def _already_told(d: Draft, text: str) -> bool:
    """The words, punctuation and particles aside, are inside what the description or the time already says."""
    said = _NOT_CONTENT.sub("", nfkc(text))
    return len(said) >= 2 and any(said in _NOT_CONTENT.sub("", nfkc(known))
                                  for known in (d.description, d.occurred_text) if known)


def _answer_buttons_only(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    return invalid(state, ctx, None, tx.BAD_ANSWER)


ANSWERS = {
    Asking.DESCRIPTION: answer_description,
    Asking.ADDRESS: answer_address,
    Asking.COMMUNITY: _answer_community,
    Asking.DOOR: _answer_door,
    Asking.ADDRESS_CONFIRM: _answer_address_confirm,
    Asking.OCCURRED: answer_occurred,
    Asking.PHONE: answer_phone,
    Asking.DUPLICATE: _answer_buttons_only,
    Asking.RESUME: _answer_buttons_only,
    Asking.TRIAGE: answer_triage,
}

