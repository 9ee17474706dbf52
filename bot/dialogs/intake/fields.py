"""What a resident's words, photos and location say about the draft, and which of its fields are
still missing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime

from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.danger_advice import choose
from bot.dialogs.inputs import subject_only, without_lead_in
from bot.dialogs.intake.keys import MAX_OCCURRED, SEEN_TEXTS
from bot.dialogs.state import Asking, ConvState, Draft, Point
from bot.dialogs.understand import Place, grid_for, mask_phones, read_address, spot_beside
from core.messages import GeoPoint, MediaRef, OutMessage, Text
from core.text.address import display
from core.text.answers import about_the_estate, asks_back, matter_words
from core.text.normalize import nfkc
from core.text.third_party import own_phone
from core.text.timephrase import TimePhrase
from core.text.vocab import BUILDING_WORDS, HOME_WORDS, OUTDOOR_SPOT_WORDS


def draft_of(state: ConvState) -> Draft:
    if state.draft is None:  # a programming error: callers check first
        raise AssertionError("no draft")
    return state.draft


def absorb(d: Draft, text: str, ctx: Context, *, description: bool) -> None:
    # words that follow a matter already told (a ticket just filed; more words for a draft about something
    # else, not the answer to the triage question itself): the model's emergency alone is asked about
    after_matter = d.after_filing or (not description and bool(d.description) and not d.emergency
                                      and d.asking != Asking.TRIAGE)
    reading = ctx.reader.read(text, ctx.now, ctx.communities, after_matter=after_matter)
    # 「麻烦问一下」 then 「我家楼下的路灯坏了」: the lead only guessed a question; a fault told with no question of its
    # own is a repair or complaint, its place and time asked (round 7's p113, reached in the tenth session)
    if description and not d.description and d.kind == "consult" and reading.kind in _TOLD_KINDS and not asks_back(text):
        d.kind = None
    if description:
        # the number is kept as the contact phone, not in the text; 「另外，…」 is how it came up, not what it is
        said = mask_phones(without_lead_in(matter_words(text)))
        if d.subject_only and d.description:  # 「就是我家楼上」 then what is wrong: the two together are the matter
            d.description, d.subject_only = f"{d.description}，{said}", False
            d.seen = [*d.seen, digest(text)]
        else:
            d.description, d.seen = said, [digest(text)]
            d.subject_only = subject_only(text)
    if d.kind is None and reading.kind:
        d.kind = reading.kind
    if reading.category and not d.category:
        d.category = reading.category
    rank = {"normal": 0, "urgent": 1, "emergency": 2}
    if rank.get(reading.urgency, 0) > rank.get(d.urgency, 0):
        d.urgency, d.hazard, d.triggers = reading.urgency, reading.hazard, list(reading.triggers)
    if reading.triage and not d.emergency and not d.triage_done:
        d.triage, d.hazard = True, d.hazard or reading.hazard  # partial evidence: ask before anything else
    if not d.address_ok and d.point is None:
        merge_place(d, reading.place)
        if description and not d.address_text and not d.room and (spot := spot_beside(text, d.community)):
            d.address_text = spot  # 7栋5楼, 中心广场, 北门: kept in 地点 (usertest28)
    if not d.phone and reading.phones:
        d.phone = own_phone(text)  # not the neighbour's number said beside it
    if not d.occurred_text and reading.time_text:
        d.occurred_text, d.occurred_at = reading.time_text[:MAX_OCCURRED], began(reading.time_start, ctx.now)
        d.occurred_vague = reading.time_vague


_TOLD_KINDS = frozenset({"repair", "complaint", "report"})


def follows_filing(state: ConvState, ctx: Context) -> bool:
    """A ticket that was no emergency was filed in this chat a moment ago (the after-filing window)."""
    at = state.last_filed_at
    return at is not None and not state.last_filed_emergency and ctx.now - at <= ctx.settings.desk_thread


def settle_time(d: Draft, said: str, start: datetime | None) -> None:
    """The answer to the time question, kept after what was said before it: a time of day or 好久 from
    the first message, and 一直 (「晚上，好几天了」)."""
    before = [d.occurred_text if d.occurred_vague else None, d.occurred_hint]
    # 「一直都这样」 twice is said once; so is the opening's 晚上 when the answer says 天天晚上 again
    kept = [b for b in before if b and b.strip() not in said]
    joined = ""
    for part in [*kept, said]:
        # 「天天晚上」 then 「九点十点那会儿」: the hours narrow the time of day, one phrase (天天晚上九点十点那会儿)
        joined += part if not joined or (_DAY_PART_END.search(joined) and _HOURS.match(part)) else "，" + part
    d.occurred_text = joined[:MAX_OCCURRED]
    d.occurred_at, d.occurred_hint, d.occurred_vague = start, None, False


_DAY_PART_END = re.compile(r"(?:晚上|半夜|凌晨|早上|上午|下午|中午|夜里|傍晚)$")
_HOURS = re.compile(r"(?:大概|差不多|大约)?[零一二两三四五六七八九十\d]{1,3}[点點:]")


def began(start: datetime | None, now: datetime) -> datetime | None:
    """A start in the future (明天上午, 今晚八点以后) is when the resident wants the visit, not when the
    problem began: the words are kept, no start is stored."""
    if start is None:
        return None
    naive_now = now.replace(tzinfo=None) if start.tzinfo is None else now
    return start if start <= naive_now else None


def digest(text: str) -> str:
    """A short fingerprint of a message, to know it again when a platform or the resident resends it."""
    folded = "".join(nfkc(text).split())
    return hashlib.sha256(folded.encode()).hexdigest()[:16]


def seen_before(d: Draft, text: str) -> bool:
    return digest(text) in d.seen


def remember(d: Draft, text: str) -> None:
    d.seen = [*d.seen, digest(text)][-SEEN_TEXTS:]


def merge_place(d: Draft, place: Place) -> None:
    if place.is_empty:
        return
    if place.community and (place.known or not d.community):
        d.community = place.community
    d.building = place.building or d.building
    d.unit = place.unit or d.unit
    d.room = place.room or d.room
    if place.known is not None:
        d.address_ok = True
    if place.heard_as and not d.address_text:
        d.address_text = written_as(place)


def written_as(place: Place) -> str | None:
    """The read-back says which known name a slip was read as (翠湖苑5栋（原文写作「翠胡苑」）), so a
    wrong guess is caught before filing; the card tells the worker the same."""
    return tx.written_as(place.heard_as) if place.heard_as else None


def take_photos(d: Draft, photos: Sequence[MediaRef], ctx: Context) -> list[OutMessage]:
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


def take_point(d: Draft, point: GeoPoint, ctx: Context) -> None:
    """A shared location: the place, and the 小区 it lies in (then its door is asked for)."""
    d.point, d.address_ok = Point(lat=point.lat, lng=point.lng, label=point.label), True
    named = read_address(point.label, ctx.communities).known if point.label else None
    if named is not None:
        # the label names a 小区 (「翠湖苑东门」): the resident's word, not the polygon the pin fell in near a
        # border (usertest28: filed as 幸福里小区（翠湖苑东门）)
        d.community = named.name
    elif not d.community:
        inside = grid_for(None, (point.lat, point.lng), ctx.communities)
        d.community = inside.name if inside else None


def clear_address(d: Draft) -> None:
    d.community = d.building = d.unit = d.room = d.address_text = None
    d.point, d.address_ok, d.door_asked = None, False, False


def address_label(d: Draft) -> str | None:
    extra = d.address_text or (d.point.label if d.point and d.point.label else None)
    if d.point is not None and not extra:
        extra = f"位置 {d.point.lat:.5f},{d.point.lng:.5f}"
    return display(d.community, d.building, d.unit, d.room, extra)


def missing(d: Draft) -> Asking | None:
    if not d.description or d.subject_only:
        return Asking.DESCRIPTION
    if d.triage and not d.triage_done and not d.emergency:
        return Asking.TRIAGE  # at once: if someone is in danger, nothing else matters
    if d.emergency:  # only what responders need
        if not _has_place(d):
            return Asking.ADDRESS
        if d.building and not (d.community or d.point or d.address_text or d.community_asked):
            return Asking.COMMUNITY  # 「快来人 12号楼…」: a building alone does not tell responders which 小区 (one tap)
        return None  # the phone is asked once the alert is out (usertest27: it waited for a number)
    if d.needs_place_and_time:
        where = _address_missing(d)
        if where:
            return where
        if (not d.occurred_text or d.occurred_vague) and not d.occurred_skipped:
            return Asking.OCCURRED
    elif not (d.community or d.point or d.community_asked) and (d.kind in _PASSED_ON or about_the_estate(d.description)):
        # a question answered by the 小区's own staff, or a praise or a suggestion passed on to them (round 16: 北门加个
        # 减速带 went to the dispatcher with no 小区): which 小区, once, nothing finer
        return Asking.COMMUNITY
    if not d.phone and not d.phone_declined:
        return Asking.PHONE
    return None


_PASSED_ON = frozenset({"praise", "suggestion"})


def _at_home(d: Draft) -> bool:
    """The problem is inside the resident's own flat (家里, 厨房, 卫生间 …); 我家的车位, 我家的狗 are the household's,
    not the flat (round 25: 我家的车位又被人占了 asked for the door of a garage)."""
    said = _HOUSEHOLD_S.sub("", d.description or "")
    return any(w in said for w in HOME_WORDS)


# the household's things or people kept outside the flat: 我家 there names whose, not where
_HOUSEHOLD_S = re.compile(r"(?:我家|家里)的?(?=车位|车库|汽车|车子|车|电动车|电瓶车|自行车|信箱|邮箱|快递|狗|猫|孩子|小孩|老人)")


def in_a_building(d: Draft) -> bool:
    """The problem is in a shared part of one building (电梯, 楼道 …), not at home or outdoors."""
    return not _at_home(d) and any(w in (d.description or "") for w in BUILDING_WORDS)


def outdoors_at_a_spot(d: Draft) -> bool:
    """The problem is a thing outdoors at one spot of the estate (秋千, 路灯, 井盖 …) and the words say no spot
    (东门, 3栋旁边, B区): where inside the 小区 is still to ask (round 23)."""
    said = d.description or ""
    return (not _at_home(d) and not in_a_building(d) and any(w in said for w in OUTDOOR_SPOT_WORDS)
            and not _SPOT_SAID.search(said))


# a spot named in the description: a gate, beside something, an area (B区, 北区; not 小区 / 社区), a building
_SPOT_SAID = re.compile(r"[东南西北大侧后正]门|门口|旁边|边上|附近|对面|前面|后面|那边|路口|入口|出口|(?<![小社])区"
                        r"|\d+\s*(?:栋|号楼|幢|座)|广场|中心|花园里|[东南西北]侧")


def _has_place(d: Draft) -> bool:
    return bool(d.point or d.address_text or d.community or d.building)


def _address_missing(d: Draft) -> Asking | None:
    if d.point is not None and d.community and not (d.building or d.unit or d.room) and not d.door_asked:
        return Asking.DOOR  # a pin inside a 小区 finds the compound, not the door
    if d.address_ok and d.community and not (d.building or d.unit or d.room) and not d.door_asked and (
            _at_home(d) or (in_a_building(d) and not d.address_text)):
        # 「我是东湖名苑的，家里厨房下水堵了」: a visit to the flat needs its door; 「电梯又坏了」 its building
        return Asking.DOOR
    if (d.address_ok and d.community and not (d.building or d.unit or d.room or d.address_text) and not d.door_asked
            and outdoors_at_a_spot(d)):
        return Asking.DOOR  # 「儿童乐园的秋千坏了」 and 「幸福里小区」: where inside the 小区 (round 23)
    if d.address_ok and d.community and d.building and not d.room and not d.door_asked and _at_home(d):
        return Asking.DOOR  # 「我是幸福里5栋的，家里暖气不热」: the building alone does not find the flat
    if d.address_ok and d.community and d.building and not d.unit and not d.door_asked and _OUR_UNIT.search(d.description or ""):
        return Asking.DOOR  # 「我们单元门口的路灯坏了」 and 12栋: the words name a unit, the place does not (sixteenth session)
    if d.point is not None or d.address_ok:
        return None
    if not d.community and (d.building or d.unit or d.room):
        return Asking.COMMUNITY
    if d.community or d.address_text:
        return Asking.ADDRESS_CONFIRM  # a place we do not know: the resident confirms it
    return Asking.ADDRESS


# the resident's own unit named without its number (我们单元门口, 咱那个单元的楼道, 本单元)
_OUR_UNIT = re.compile(r"(?:我们|咱们|咱|我家|俺们|俺|本)(?:那个|这个|这|那)?单元(?!楼)")


def start_of(phrase: TimePhrase | None, ctx: Context) -> datetime | None:
    """When the problem began, as the phrase says; a time to visit (周末都在) says no start."""
    return began(phrase.start, ctx.now) if phrase and not phrase.visit else None


def emergency_alert(d: Draft, ctx: Context) -> Text:
    """The numbers to call and what to do first: the advice table's row for who is at risk and how, else for the
    emergency's hazard (bot/dialogs/danger_advice.py chooses; only an emergency gets here)."""
    c = choose(d.hazard, d.description or "")
    return Text(etx.emergency_numbers(ctx.gas_phone, c.hazard, self_harm=c.self_harm, hurt=c.hurt, situation=c.row))
