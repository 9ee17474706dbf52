"""What a resident writes when no form is open: small talk (谢谢, 好的, 👍, a stray 「2」) gets a short
polite answer and never opens a draft; a question about the ticket just filed (师傅几点来) gets its
status; after the desk wrote to them, their words go to that ticket's conversation; for a while after
filing, words that bring up nothing new (我下午三点以后在家, 师傅要带梯子, 已经修好了, 唔該) go to the
ticket just filed. Anything else is a new matter for the intake dialog (the router's last rule)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from bot.dialogs import emergency_texts as etx
from bot.dialogs import filing_texts as ftx
from bot.dialogs import intake, tracking
from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs.context import Context
from bot.dialogs.effects import ChangePhone, Done, Effect, Refused, TellDesk
from bot.dialogs.inputs import only_words, word
from bot.dialogs.intake.fields import follows_filing
from bot.dialogs.intake.phone_words import declines_phone
from bot.dialogs.service_questions import service_question
from bot.dialogs.smalltalk import VOCABULARY, SmallTalk, small_talk
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from bot.dialogs.understand import door_only
from bot.dialogs.vocabulary import FOLLOW_UP_THIS, FOLLOW_UP_WHEN_ASKS
from core.messages import MediaRef, Text
from core.text.address import parse_address
from core.text.answers import another_matter, new_matter, points_back, shares_subject, to_staff
from core.text.consult import consultation_cues
from core.text.normalize import fold, nfkc, normalize
from core.text.phone import find_phones, phone_spans
from core.text.third_party import own_phone
from core.text.urgency import EMERGENCY, UrgencyAssessment, asked_not_called, assess_urgency, names_someone
from core.text.vocab import PLACE_WORDS

# asking when, whether the worker can come or fix it, or asking them to act (今天能来吗, 今天能修好吗,
# 能帮忙去说说吗, 那钱能退吗): about the ticket just filed, not a consultation of its own
_WHEN = re.compile(r"多久|时候|几点|几时|来|上门|修|处理|弄|^能")
# what the visit costs or who pays for this repair (要收费吗 上门费多少, 修这个要收钱吗, 是不是物业负责), a
# call back asked for, or another time offered for the visit (明天上午我不在家 下午可以吗): about the ticket
# just filed, whatever question words come with it
_THIS_VISIT = re.compile(r"收费吗|要收费|上门费|要钱吗|要不要钱|收钱吗|要收钱|收不收钱"
                         r"|谁(?:负责|出钱|来出|付|赔)|是不是[^，,。\s]{0,4}(?:负责|出钱)|负责吗"
                         r"|回(?:个)?电话|打(?:个)?电话给我|给我打(?:个)?电话|联系我"
                         r"|(?:早上|上午|中午|下午|晚上|明天|后天|周末|周[一二三四五六日天])(?:来)?(?:可以|行|方便)吗"
                         # who is answerable for this matter (是不是环保局的事, 归不归城管管, 维保是哪家公司), who
                         # makes good the harm (要赔吗, 自己出钱吗, 从物业费里扣), the worker's own number (round 16)
                         r"|是不是[^，,。\s]{0,6}(?:的事|的问题|负责的)|归(?:不归)?[^，,。\s]{0,4}管|管不管|哪家公司|找谁"
                         r"|赔(?:吗|偿|不赔|钱)|要赔|自己出|我们出|从[^，,。\s]{0,5}扣"
                         r"|(?:师傅|工人|维修工|维修的)的?(?:电话|手机|号码|微信)|直接(?:联系|找)(?:他|她|师傅)"
                         # what this repair costs and who bears it (修这个大概要花多少钱, 维修的钱谁出), whether the staff
                         # have reached the other party yet (楼上那家你们联系上了没有, 找过他们了吗): round 18
                         r"|(?:修|维修|换|弄|上门)[^，,。\s]{0,6}?(?:花|要|得|收)多少钱|(?:钱|费用?)(?:由)?谁(?:出|付|承担|掏)|谁(?:承担|掏钱)"
                         r"|(?:联系|找|通知|沟通|说)(?:上|过|到)?了?(?:他们|她们|他|她|那家|人家)?了?(?:没有|没|吗|么|嘛)"
                         # the repair's fee and whether the resident bears it (维修费是多少 要我出吗): round 23
                         r"|(?:维修|修理|上门|人工|材料)费[^，,。\s]{0,3}多少|要我(?:自己)?(?:出|付|掏|承担|交)(?:钱)?(?:吗|么|嘛|不)")


def answer_small_talk(state: ConvState, kind: SmallTalk) -> Step:
    filed = state.last_filed is not None
    reply = {
        "thanks": tx.SMALL_TALK_THANKS_REPLY if filed else tx.SMALL_TALK_THANKS_REPLY_NEW,
        "ack": tx.SMALL_TALK_ACK_REPLY if filed else tx.SMALL_TALK_ACK_REPLY_NEW,
        "hello": tx.SMALL_TALK_HELLO_REPLY,
        "bot": tx.SMALL_TALK_BOT_REPLY,
        "number": tx.STRAY_NUMBER,
        "symbols": tx.STRAY_SYMBOLS,
        "test": tx.SMALL_TALK_TEST_REPLY,
        "mistake": tx.SMALL_TALK_MISTAKE_REPLY if filed else tx.SMALL_TALK_MISTAKE_REPLY_NEW,
    }[kind]
    return Step(state, [Text(reply)])


def service_asked(state: ConvState, text: str | None) -> str | None:
    """With no form open, 「会不会让他知道是我投诉的」「你们晚上有人处理吗」: a question about the service itself, with
    no matter in it (thirteenth session: after filing it opened a new draft). 多久能处理 is `follow_up`'s."""
    if not text or len(word(text)) > _BARE_SERVICE_QUESTION or new_matter(text, state.last_filed_about):
        return None
    asked = service_question(text)
    return asked if asked in ("privacy", "hours") else None


_BARE_SERVICE_QUESTION = 16  # characters: longer words carry a matter


def answer_service(state: ConvState, asked: str) -> Step:
    said = tx.SERVICE_ANSWERS[asked]
    return Step(state, [Text(said if state.last_filed is not None else f"{said}\n{tx.SAY_THE_MATTER}")])


def follow_up(text: str | None) -> bool:
    """A question about a ticket already filed (师傅几点来, 怎么还没人来), with nothing new in it."""
    w = nfkc(text or "").strip().lower()
    if not w or len(w) > 30:
        return False
    found = only_words(w, _FOLLOW_UP_WORDS, slack=1)
    return found is not None and any(f in _ASKS for f in found)


def ticket_number_asked(text: str | None) -> bool:
    """「那个号码是多少来着」 right after filing: the number just given, asked again (its status shows it)."""
    w = fold(nfkc(text or "")).strip()
    return 0 < len(w) <= _NUMBER_ASKED_MAX and bool(vocab.TICKET_NUMBER_ASKED.search(w))


_NUMBER_ASKED_MAX = 20  # characters: longer words carry a matter
_ASKS = frozenset((*vocab.FOLLOW_UP_ASKS, *FOLLOW_UP_WHEN_ASKS))
_FOLLOW_UP_WORDS = (*_ASKS, *vocab.FOLLOW_UP_WHO, *FOLLOW_UP_THIS, *VOCABULARY)


def answer_follow_up(state: ConvState, ctx: Context) -> Step:
    """The status of the ticket they filed last in this chat; without one, the list of theirs."""
    if state.last_filed is None:
        return tracking.mine(state, ctx)
    return tracking.show(state, ctx, state.last_filed)


def progress_asked(state: ConvState, text: str | None) -> bool:
    """A question whether a matter already reported is seen to (「我昨天报的那个楼道灯修好了没有啊」, usertest27: kept as
    a note on the ticket instead of answered): a fix or a visit asked about, of a report named as such or of the
    ticket just filed (its words share a subject) — 「门口那个井盖修了吗」 with no such ticket is a matter of its own."""
    t = fold(nfkc(text or ""))
    if not 0 < len(t) <= 40 or not _PROGRESS_Q.search(t) or another_matter(t):
        return False
    about = state.last_filed_about
    return bool(_REPORTED.search(t)) or bool(about and state.last_filed and shares_subject(t, about))


# 修好了没有 / 处理了吗 / 来人了没 / 有进展吗: the outcome asked; 报的 / 反映的 / 投诉的 / 登记的: a matter already reported
# …or chased (usertest29b: 到底有没有人管啊, 现在怎么样了 — a new draft, or a silent note)
_PROGRESS_Q = re.compile(r"(?:修|弄|搞|处理|解决|清|换|来人|派人|来修|上门|进展|回复|结果)[^，。？?]{0,3}"
                         r"(?:了没有|了没|没有|了吗|了么|吗|么|没)|有没有人管|有人管(?:吗|没)|(?:怎么|咋)样了|进展如何")
_REPORTED = re.compile(r"(?:报|反映|反应|投诉|登记|提)(?:过)?的|上次|之前|那(?:个|件)[^，。？?\s]{1,8}的事")


def answer_progress(state: ConvState, ctx: Context, text: str | None) -> Step:
    """The ticket just filed when the question is about it (its words share a subject), else the list of theirs."""
    about = state.last_filed_about
    if state.last_filed is not None and about and shares_subject(text or "", about):
        return tracking.show(state, ctx, state.last_filed)
    return tracking.mine(state, ctx)


def about_last_ticket(state: ConvState, ctx: Context, text: str | None) -> bool:
    """Soon after filing, the message adds to the ticket just filed rather than reporting a new
    matter: no lead into another matter and nothing said to be wrong (:func:`new_matter`), no danger
    nor a hint of it (the triage question), no question asked with a question word (燃气费在哪交 is a consultation of its own). A closed ticket refuses the words, and
    they become a new matter after all."""
    if not text or state.last_filed is None or state.last_filed_at is None:
        return False
    if ctx.now - state.last_filed_at > ctx.settings.desk_thread:
        return False
    return _adds_to_last(state, text, assess_urgency(text))


def noted_unless_danger(state: ConvState, ctx: Context, text: str | None) -> bool:
    """Soon after a ticket that was no emergency, words the model alone calls an emergency (外婆一个人在屋里,
    工人还在敲 after a noise complaint) that would otherwise add to the ticket just filed: the new draft asks
    the triage question, and "no" notes them on that ticket (bot/dialogs/intake/answers.py)."""
    if not text or state.last_filed is None or not follows_filing(state, ctx):
        return False
    u = assess_urgency(text)
    return u.model_alone and _adds_to_last(state, text, asked_not_called(u))


def _adds_to_last(state: ConvState, text: str, u: UrgencyAssessment) -> bool:
    """Within the window: whether `text`, read as `u`, adds to the ticket just filed."""
    if state.last_filed_emergency and _COURSE.search(text) and not another_matter(text):
        return True  # 我已经打了119了, 家属来了, 人出来了: the emergency's course, whatever the words would call
    if state.last_filed_emergency and _emergency_unfolding(text, u.level == EMERGENCY or u.triage):
        if not _another_emergency(state, text, u):
            return True
    if impatient(text):  # 到底有没有人管啊！: no matter of its own (没人管 is about this one), nor danger (the model
        return True      # leans on 有人 and the 「！」)
    if new_matter(text, state.last_filed_about):
        return False
    if door_only(text) and (u.level != EMERGENCY or u.model_alone):
        return True  # 6楼, 是3单元: where, for the ticket just filed (the model alone calls 「6楼」 an emergency)
    if u.level == EMERGENCY:
        return False
    if _NEWS.search(fold(normalize(text))) and not points_back(text) and not shares_subject(
            text, state.last_filed_about or ""):  # 我发现地下车库有个陌生人在拉车门: something seen, elsewhere
        return False
    if points_back(text):  # 能不能上午来, 还是那家, 刚才说的那个垃圾: about this ticket, even with a hint of
        return True        # danger in its words (the ticket already has them)
    if u.triage and _danger_said(u):  # a hint of danger (不知道是不是煤气) is asked about; the model's
        return False                    # guess alone on a few words about people (我老公在家 他接待) is not
    if _THIS_VISIT.search(fold(normalize(text))) or _SENT.search(text):
        return True
    if _PAPERS.search(text) and not shares_subject(text, state.last_filed_about or ""):
        return False  # 能开个居住证明吗: a paper or a card asked for, a question of its own (round 25)
    # a question with a question word is a consultation of its own, unless it asks when (还要多久) or names what
    # the ticket names (吊顶会不会塌 after a leak into the ceiling); 「就是问问 不着急」 asks nothing, nor does how
    # things still stand (冰箱里还有东西呢: a 呢 after 还 tells, round 23)
    asks, _problems = consultation_cues(_STILL_SO.sub("", _HEDGE.sub("", text)))
    if not [a for a in asks if a != "?" and not _WHEN.search(a)]:
        return True
    return state.last_filed_about is not None and shares_subject(text, state.last_filed_about)


# a paper or a card the property issues (开个居住证明, 办张门禁卡, 补个停车月卡, 开发票): asked for, not this ticket's
_PAPERS = re.compile(r"(?:开|办|补|出具|出)(?:个|一?张|一?份|一下)?[^，,。\s]{0,6}?(?:证明|发票|收据|月卡|门禁卡|停车卡|出入证)")
# about what they sent (我刚才是不是发了两遍, 发重复了, 刚那条发错了): the message, not a matter
_SENT = re.compile(r"发了?(?:两|2|二|几)(?:遍|次|条)|发重(?:了|复)?|重复发|多发了|发错")
# a hedge that asks nothing (我就是问问, 随便问问, 不着急): its 问问 is no question
_HEDGE = re.compile(r"(?:就是|只是|随便|就|只)问问(?:而已)?|问问而已|不(?:着|太)?急|慢慢来")


# 还…呢 ends a statement of how things still stand (冰箱里还有东西呢, 孩子还在睡觉呢), asking nothing
_STILL_SO = re.compile(r"还[^，,。？?！!\s]{1,8}呢(?=[\s，,。!！~～]|$)")


def _danger_said(u: UrgencyAssessment) -> bool:
    """The words themselves name a danger (a rule, a hazard, someone at risk or in a bad state), rather
    than the model leaning on words such as 老人, 孩子, 还在 in a message that says nothing is wrong."""
    return bool(u.triggers or u.hazard or u.at_risk or u.state)


def _emergency_unfolding(text: str, danger: bool) -> bool:
    """After an emergency: 烟越来越大了, 快点 里面好闷, 我在门口等着 — short words with no place or phone of
    their own that say nothing else is wrong, or that tell of the danger itself: the emergency unfolding,
    for those on the way (not a new report, nor the triage question again). A complaint of its own
    (楼下烧烤店每天晚上12点还在吵，幸福里小区3栋…) or another matter (另外…, 也…) is not."""
    if len(text) > _UNFOLDING_MAX or another_matter(text) or find_phones(text):
        return False
    if not parse_address(text).is_empty:
        return False
    return danger or not new_matter(text)


_UNFOLDING_MAX = 30
# how an emergency unfolding is told: it grows, goes on, or the resident waits (烟越来越大了, 快点 里面好闷)
_UNFOLDS = re.compile(r"越来越|更(?:大|多|浓|重|厉害)|还在|还是|一直|快点|快来|等着|里面")


# After an emergency: the call made, help arrived, the person out or taken away (round 16) — read alone, 打了119
# or 人出来了 手有点烫红 are emergencies of their own, and a person named by their building (3栋的刘大爷) an address
_COURSE = re.compile(r"打了?过?(?:119|120|110)|(?:119|120|110)[^，,。\s]{0,4}打(?:了|过)|报(?:了)?警"
                     r"|(?:救护车|消防车|消防|警察|民警|家属|家里人|儿子|女儿|物业|保安|医生)[^，,。\s]{0,4}(?:到了|来了)"
                     r"|出来了|醒了|送(?:去)?医院")


def _another_emergency(state: ConvState, text: str, u: UrgencyAssessment) -> bool:
    """Soon after an emergency was filed, another one with a hazard of its own (a gas leak, then
    「楼下有人晕倒了」), told as news rather than as the first growing: its own emergency report. Not what is asked
    of those on the way that the model alone calls an emergency (你们快去把小孩都叫开), nor someone hurt, with no place of their own, by a danger that hurts people
    (有个人在流血 after a fight with a knife, 有人被砸到了 after a falling flowerpot): those are the first
    emergency's victims (round 23)."""
    hazard = u.hazard
    if u.level != EMERGENCY or hazard is None or state.last_filed_hazard is None or (u.model_alone and to_staff(text)):
        return False
    if u.model_alone and not names_someone(text):
        return False  # 现在好像没声音了: nobody named, only the model reading danger: how the first one stands now
    if hazard == "injury" and (u.state or u.triggers) and state.last_filed_hazard in _HURTS and not _PLACE_SAID.search(text):
        return False
    return hazard != state.last_filed_hazard and not _UNFOLDS.search(text) and not points_back(text)


# dangers that hurt the people near them: an injury told next is theirs
_HURTS = frozenset(("violence", "falling", "fire", "gas", "electric", "structure", "steam", "heat", "chemical", "smoke"))
_PLACE_SAID = re.compile("|".join(re.escape(w) for w in PLACE_WORDS))


# the phone said to be wrong or changed (电话留错了, 号码不对, 换个号码, 打我这个新号), with the new number
_PHONE_FIX = re.compile(r"(?:电话|号码|手机号?|联系方式)[^\d]{0,6}(?:错|不对|改|换|打不通|停机|不用了)"
                        r"|(?:改|换)(?:成|为|个|一下)?[^\d]{0,4}(?:电话|号码|手机)|(?:新|另一个)(?:的)?(?:电话|号码|手机号?)"
                        r"|(?:打|联系)(?:我)?(?:这个|这)(?:新)?(?:号码?|电话|手机)")


def phone_fix(state: ConvState, ctx: Context, text: str | None) -> bool:
    """After filing, within the window: the resident corrects the phone of the ticket just filed, or gives the one an
    emergency filed without a phone asked for."""
    wanted = state.phone_wanted_for is not None and state.phone_wanted_for == state.last_filed
    phones = find_phones(text or "")
    # the number asked for, said alone or nearly (「13800001234 我儿子的」), not a new complaint that carries one
    alone = wanted and len(word(_without_phones(text or ""))) <= 8
    # 「车主电话一直打不通 139…」: someone else's number is news for the ticket, not its new contact phone (third30)
    return (bool(text) and _soon_after_filing(state, ctx, ctx.settings.desk_thread) and bool(phones)
            and own_phone(text or "") is not None and (alone or bool(_PHONE_FIX.search(nfkc(text or "")))))


# something the resident has just seen (我发现 / 刚看到 / 有个陌生人在): news of its own unless it names the ticket's
# matter — it reached the ticket just filed once the retrained model stopped asking the danger question (r24)
_NEWS = re.compile(r"^(?:我|刚才|刚刚|刚)?(?:发现|看到|看见|瞅见|注意到)|有个?(?:陌生人|小偷|可疑的人)")


def phone_declined(state: ConvState, text: str | None) -> bool:
    """The phone an emergency filed without one asked for, declined (不方便留, 没有手机)."""
    return (state.phone_wanted_for is not None and state.phone_wanted_for == state.last_filed
            and len(word(text)) <= 12 and (declines_phone(text or "") or bool(_NOT_ON_ME.search(nfkc(text or "")))))


def phone_not_left(state: ConvState) -> Step:
    state.phone_wanted_for = None
    return Step(state, [Text(etx.PHONE_NOT_LEFT if state.last_filed_emergency else ftx.HUMAN_PHONE_NOT_LEFT)])


# beside the phone question's declines: no phone on them now (没带手机, 手机没电)
_NOT_ON_ME = re.compile(r"没(?:有|带)?(?:电话|手机)|手机没(?:带|电)|算了")
def _without_phones(text: str) -> str:
    """The words beside the phones in `text`, read by the phone reader (Chinese numerals and spaced forms too)."""
    for start, end, _ in reversed(phone_spans(text)):
        text = text[:start] + text[end:]
    return text


def change_phone(state: ConvState, ctx: Context, text: str) -> Step:
    assert state.last_filed is not None
    return Step(state, [], [ChangePhone(number=state.last_filed, said=text, then=_phone_changed)])


def _phone_changed(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, ChangePhone)
    if isinstance(result, Refused) or not isinstance(result, Done):
        return Step(state, [Text(result.message if isinstance(result, Refused) else tx.BAD_PHONE)])
    wanted = state.phone_wanted_for == effect.number
    said = (etx.phone_added_to_ticket if wanted and state.last_filed_emergency
            else ftx.phone_for_human if wanted else tx.phone_changed_on_ticket)  # asked after 人工 or a taken-back emergency
    state.phone_wanted_for = None
    return Step(state, [Text(said(effect.number, own_phone(effect.said) or find_phones(effect.said)[0]))])


def photos_for_last(state: ConvState, ctx: Context, text: str | None) -> bool:
    """A photo soon after filing shows the matter just filed (the read-back invites photos, and many send them
    after 「提交」): with no caption, a caption that only says a photo is sent, or one that adds nothing new."""
    if not _soon_after_filing(state, ctx, ctx.settings.photos_follow_filing):
        return False
    if not text or vocab.PHOTO_CAPTION.fullmatch(word(text)):
        return True
    return _adds_to_last(state, text, assess_urgency(text))


def add_photos_to_last(state: ConvState, ctx: Context, text: str | None, photos: Sequence[MediaRef]) -> Step:
    assert state.last_filed is not None
    caption = None if not text or vocab.PHOTO_CAPTION.fullmatch(word(text)) else text
    return Step(state, [], [TellDesk(number=state.last_filed, text=caption, photos=tuple(photos), then=_photos_added)])


def _photos_added(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, TellDesk)
    if isinstance(result, Refused) or not isinstance(result, Done):
        return _a_new_matter_after_all(state, ctx, effect)
    burst = state.last_photos_at is not None and ctx.now - state.last_photos_at <= ctx.settings.photo_burst
    state.last_photos_at = ctx.now
    return Step(state, [] if burst else [Text(tx.photos_on_ticket(effect.number))])


def _soon_after_filing(state: ConvState, ctx: Context, span: timedelta) -> bool:
    return state.last_filed is not None and state.last_filed_at is not None and ctx.now - state.last_filed_at <= span


def _a_new_matter_after_all(state: ConvState, ctx: Context, effect: TellDesk) -> Step:
    """The ticket closed meanwhile or is not theirs: what they sent (words, photos) is a new matter."""
    state.last_filed_at = None
    return intake.start(state, ctx, text=effect.text, photos=effect.photos)


def add_to_last(state: ConvState, ctx: Context, text: str) -> Step:
    assert state.last_filed is not None
    return Step(state, [], [TellDesk(number=state.last_filed, text=text, then=_after_added)])


def _after_added(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, TellDesk)
    if isinstance(result, Refused) or not isinstance(result, Done):
        return _a_new_matter_after_all(state, ctx, effect)
    noted = tx.noted_on_emergency if state.last_filed_emergency else tx.noted_on_ticket
    if state.last_filed_emergency and thanks_only(effect.text):
        noted = etx.thanked_on_emergency  # 「谢谢王师傅」: no evacuation advice after a thank-you (usertest28)
    # 「催一下」 and impatience alone are a real 催办 now, before they would reach here (bot/dialogs/urging.py, work30)
    if noted is tx.noted_on_emergency:
        return Step(state, [Text(tx.noted_on_emergency(effect.number, state.last_filed_hazard, state.last_filed_advice))])
    return Step(state, [Text(noted(effect.number))])


def thanks_only(text: str | None) -> bool:
    """「谢谢王师傅」「太感谢了 辛苦你们」: thanks and to whom, nothing else said."""
    said = word(text)
    return bool(_THANKS.search(said)) and not _THANKS_WORDS.sub("", said)


_THANKS = re.compile(r"谢|感谢|辛苦")
_THANKS_WORDS = re.compile(r"[\u4e00-\u9fff]?师傅|非常|太|真是?|谢谢|多谢|感谢|辛苦|麻烦|你们|您|你|大家|各位|好的|好|嗯|了|啦|啊|哈"
                           r"|[\s，,。.!！~～]")


def impatient(text: str | None) -> bool:
    """「怎么还没人来修啊 都两天了」「你们到底管不管」: impatience and nothing else (no detail, no new matter)."""
    said = word(text)
    if not said or len(said) > 24 or not vocab.IMPATIENCE.search(said):
        return False
    rest = vocab.IMPATIENCE_FILLERS.sub("", vocab.WAITING_SPAN.sub("", vocab.IMPATIENCE.sub("", said)))
    return not rest


# ---- the desk's thread -------------------------------------------------------------------------------


def tell_desk(state: ConvState, ctx: Context, number: str, text: str | None, photos: Sequence[MediaRef]) -> Step:
    """The desk wrote to them about `number` lately: this message is their answer, for that ticket."""
    return Step(state, [], [TellDesk(number=number, text=text, photos=tuple(photos), then=_after_told)])


def _after_told(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, TellDesk)
    if isinstance(result, Refused) or not isinstance(result, Done):
        # the ticket closed meanwhile: the message is a new matter after all
        return intake.start(state, ctx, text=effect.text, photos=effect.photos)
    kind = small_talk(effect.text) if not effect.photos else None
    return Step(state, [Text(tx.told_desk_thanks(effect.number) if kind == "thanks" else tx.told_desk(effect.number))])
