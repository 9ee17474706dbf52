"""Looking at what arrived before any dialog does: refuse empty, huge or binary input politely,
spot the words that work from any state (取消, 帮助, 人工, 我的投诉, 查询 …) and the worker's
typed commands (接单 261123-0001 …)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs import worker_texts as wtx
from core.messages import Incoming
from core.service.numbering import parse_number
from core.text.normalize import fold, nfkc

# NUL and other control characters, the replacement character (undecodable bytes) and lone
# surrogates: what binary data looks like once a platform forced it into a string
_BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ud800-\udfff]")
_TRAILING = "。.!！~～,，、 "
MAX_KEY = 64  # Telegram's callback data limit: anything longer was not made by us

_QUERY = re.compile(r"^(?:查询|查一下|查)\s*[:：]?\s*(.*)$", re.S)
_WORKER = re.compile(
    r"^(接单|进展|办结|退回)\s*[:：]?\s*#?(\d{6}\s*[-－—_]?\s*\d{4,6}|\d{3,4})(?!\d)\s*[:：,，]?\s*(.*)$", re.S
)
# 「0005 接单」: the serial first, the verb after it (what people type in a busy group)
_WORKER_SERIAL_FIRST = re.compile(r"^#?(\d{3,4})\s*(接单|进展|办结|退回)(?:$|[\s:：,，]+(.*)$)", re.S)
SHORT = "*"  # marks a WorkerCommand's number as the serial alone, found among the group's open tickets
_BIND = re.compile(r"^绑定\s*[:：]?\s*([A-Za-z0-9]{4,16})$")


def problem(inc: Incoming, max_input: int) -> str | None:
    """The polite refusal for input we cannot take, or None."""
    text = inc.text
    if text is not None:
        if _BINARY.search(text):
            return tx.BINARY_INPUT
        if len(text) > max_input:
            return tx.too_long(max_input)
    if any(_BINARY.search(a) or len(a) > max_input for a in inc.args):
        return tx.BINARY_INPUT
    if inc.choice is not None or inc.command or inc.photos or inc.location is not None:
        return None
    if text is None:
        return tx.UNSUPPORTED_INPUT  # a voice message, a sticker…
    if not text.strip():
        return tx.EMPTY_INPUT
    return None


def word(text: str | None) -> str:
    """A short message folded for comparing with command words: NFKC, lower case, no trailing
    punctuation."""
    if not text:
        return ""
    return nfkc(text).strip().strip(_TRAILING).lower()


def clean(text: str) -> str:
    """A free-text answer as we keep it: surrounding space gone, inner line breaks kept."""
    return unicodedata.normalize("NFC", text).strip()


def meaningful(text: str, minimum: int = 2) -> bool:
    """At least `minimum` letters, digits or CJK characters (not just punctuation or emoji)."""
    return sum(1 for ch in text if ch.isalnum()) >= minimum


@dataclass(frozen=True)
class Global:
    """A request that works from any state."""

    name: str  # cancel / help / human / my / query / start
    number: str | None = None
    raw: str = ""


_COMMANDS = {
    "cancel": "cancel",
    "help": "help",
    "human": "human",
    "my": "my",
    "start": "start",
    "menu": "start",
    "query": "query",
    "status": "query",
}


# the verbs a resident gives up with: 不投诉了, 不想报修了, 不弄了, 懒得填了
_VERBS = "投诉|投|报修|反映|登记|提交|报|弄|搞|填"
_QUIT = rf"(?:不(?:{_VERBS}|修)了|(?:不想|懒得)(?:{_VERBS})了)"
_QUIT_FIRST = rf"(?:(?:不|不想|懒得)(?:{_VERBS})了)"  # not 不修了: 「不修了的话会不会漏到楼下」 goes on

# 「算了不投诉了」, 「不用了 不报了」, 「我不反映了」, 「太麻烦了 不填了」: giving up the complaint, said in a few words;
# the giving-up words may come twice or in a row (usertest29b: 「算了算了 不投了」 was the phone, 「不要了 取消」 a remark)
_GIVE_WORD = r"(?:那|那就)?(?:算了|不要了|不用了|取消|撤销|太麻烦了)(?:吧|啊)?"  # one separator between words, never two
_GIVES_UP = re.compile(
    # 不用了 alone (or twice) may answer another question (上次的电话？): a run needs 算了, 取消, 撤销 or 不要了
    rf"(?:{_GIVE_WORD}[,，\s]?)*(?:那|那就)?(?:算了|取消|撤销|不要了)(?:吧|啊)?(?:[,，\s]?{_GIVE_WORD})*"
    rf"|(?:{_GIVE_WORD}[,，\s]?)*(?:那|那就)?我?(?:还是)?" + _QUIT + r"(?:吧|啊)?"
    # 「不用了，不投诉」: after 不用了 / 算了 / 不要了, 不投诉 needs no 了 (second user test)
    + rf"|(?:(?:那|那就)?(?:算了|不要了|不用了)(?:吧|啊)?[,，\s]?)+我?(?:还是)?不(?:想)?(?:{_VERBS})(?:吧|啊)?"
)


def gives_up_first(text: str | None) -> bool:
    """「算了 不投诉了 反正也没人管」: giving up said first, then why (the words alone are `global_request`'s cancel)."""
    return bool(_GIVES_UP_FIRST.match(re.sub(r"[\s,，。!！]", "", word(text)))) if text else False


# the giving-up phrase itself (算了 alone is not: 「算了 记不清了」 answers the time question)
_GIVES_UP_FIRST = re.compile(r"(?:(?:那|那就)?(?:算了|不要了|不用了|太麻烦了)(?:吧|啊)?)?(?:那|那就)?我?(?:还是)?"
                             + _QUIT_FIRST)


# 「我要人工」「转接人工」「能不能找个真人客服」「麻烦找个工作人员」: a person asked for in a few words (user test,
# twentieth session: these opened a complaint form asking where) — a staff word alone needs a verb (工作人员 may begin a matter)
_WANTS_HUMAN = re.compile(
    r"(?:你好)?(?:我|请|麻烦|能不能|可以|能否)?(?:要|想|需要|帮我)?(?:找|转|转接|接|换)?(?:个|一下|一个)?"
    r"(?:真人|人工|活人)(?:客服|服务|接听)?(?:吧|啊|呢|可以吗|行吗|好吗)?"
    r"|(?:我|请|麻烦)?(?:要|想|需要|帮我)?(?:找|转|转接|换)(?:个|一下|一个)?(?:客服人员|工作人员|客服)(?:吧|啊|呢|可以吗|行吗)?"
)


def wants_human(folded: str) -> bool:
    """A person asked for, alone or with why the bot will not do (「我要找人工客服，机器人听不懂」); not a matter told
    after it (「找人工 楼上漏水」 is a complaint: the form keeps its words)."""
    first, _, rest = re.sub(r"[\s,，。!！?？~～]+", "，", folded.strip(" ，,。")).partition("，")
    return bool(_WANTS_HUMAN.fullmatch(first) or _LET_A_PERSON.fullmatch(first)) and (
        not rest or len(rest) <= 12 and bool(_ABOUT_THE_BOT.search(rest)))


# 「你让人工来吧」「叫个真人跟我说」: the person asked to come to the chat
_LET_A_PERSON = re.compile(r"(?:你|那|那你)?(?:让|叫)(?:个|一个)?(?:人工|真人|客服|工作人员)(?:客服)?(?:来|过来|跟我说|和我说|回复|接|处理)(?:处理|看看|一下)?(?:吧|啊|呢)?")
# why the bot will not do: said of the bot or of talking to it
_ABOUT_THE_BOT = re.compile(r"机器人|听不懂|不明白|说不清|说不明白|太麻烦|没用|不会用|搞不懂|看不懂")


def global_request(inc: Incoming) -> Global | None:
    if inc.command:
        name = _COMMANDS.get(inc.command.lower())
        if name == "query":
            raw = " ".join(inc.args)
            return Global("query", parse_number(raw), raw)
        return Global(name) if name else None
    w = word(inc.text)
    if not w:
        return None
    f = fold(w)  # Traditional as Simplified (usertest27: 我的投訴 opened a complaint, 查詢 … was a note)
    if w in tx.CANCEL_WORDS or f in tx.CANCEL_WORDS or _GIVES_UP.fullmatch(f):
        return Global("cancel", raw=w)
    if w in tx.HELP_WORDS or f in tx.HELP_WORDS:
        return Global("help")
    if w in tx.HUMAN_WORDS or f in tx.HUMAN_WORDS or wants_human(f):
        return Global("human")
    if f in tx.MY_WORDS or f in WORK_WORDS:
        return Global("my", raw=f)
    w = f
    number = number_in_query(w)
    if number is not None:
        return Global("query", number, w)
    m = _QUERY.match(w)
    if m and (not m.group(1) or parse_number(m.group(1))):
        return Global("query", parse_number(m.group(1)) if m.group(1) else None, m.group(1))
    return None


# a worker's own list (我的工单 from a resident is their complaints, as before)
WORK_WORDS = frozenset({"我的工单", "我的任务"})


def bare_number(text: str | None) -> str | None:
    """A message that is nothing but a ticket number."""
    w = word(text)
    if w and re.fullmatch(r"[\d\s\-－—_]{10,14}", w):
        return parse_number(w)
    return None


@dataclass(frozen=True)
class WorkerCommand:
    verb: str  # claim / prog / done / ret
    number: str
    rest: str


def worker_command(text: str | None) -> WorkerCommand | None:
    if not text:
        return None
    folded = nfkc(text).strip()
    m = _WORKER.match(folded)
    if m:
        verb, token, rest = m.group(1), m.group(2), m.group(3)
    else:
        m = _WORKER_SERIAL_FIRST.match(folded)
        if not m:
            return None
        token, verb, rest = m.group(1), m.group(2), m.group(3) or ""
    rest = _as_written(text, folded, rest)
    if token.isdigit() and len(token) <= 4:  # 「接单 0005」: the serial of a ticket of this group's
        return WorkerCommand(wtx.WORKER_VERBS[verb], f"{SHORT}{int(token):04d}", rest.strip())
    number = parse_number(token)
    if number is None:
        return None
    return WorkerCommand(wtx.WORKER_VERBS[verb], number, rest.strip())


def _as_written(text: str, folded: str, rest: str) -> str:
    """The note as the worker wrote it (「已到现场，燃气公司也来了」): NFKC, needed to read the command, turns the
    Chinese comma into ","; the folded text has the same length unless a character was expanded."""
    written = text.strip()
    return written[len(written) - len(rest):] if rest and len(written) == len(folded) else rest


_VERB_ALONE = re.compile(r"^(接单|进展|办结|退回)(?:$|[\s:：,，])")


def worker_verb_alone(text: str | None) -> WorkerCommand | None:
    """A worker's command word with no ticket number after it (「接单」, 「办结 灯已换好」; 「进展怎么样」 is talk): the
    command for the one ticket it can mean (``SHORT`` with no serial, found by the executor), with what follows."""
    if not text or worker_command(text) is not None:
        return None
    said = nfkc(text).strip()
    m = _VERB_ALONE.match(said)
    if m is None:
        return None
    return WorkerCommand(wtx.WORKER_VERBS[m.group(1)], SHORT, _as_written(text, said, said[m.end():]).strip(" :：,，"))


def worker_own_words(text: str | None) -> WorkerCommand | None:
    """「这单我接了」「搞定了 门吸换了」: a command in a worker's own words, as :func:`worker_verb_alone` reads the command
    word. Only when no note is awaited (「处理好了 明天再来看看」 may be the progress note asked for)."""
    said = nfkc(text or "").strip()
    for pattern, verb in _SAID_AS:
        m = pattern.match(said)
        if m is not None:
            return WorkerCommand(verb, SHORT, _as_written(text or "", said, said[m.end():]).strip(" :：,，。"))
    return None


# A worker's own words for a command (eleventh session: 这单我接了, 搞定了 门吸换了, 已办结 were ignored in the group —
# on WeChat, with no buttons, workers type): the whole message for a claim, the opening for done (what follows is the
# note), a return asked in so many words (its reason is asked next). Never 我来了 (arrived) nor 修好了吗 (a question).
_SAID_AS = (
    (re.compile(r"^(?:这单|这个单子?|这个)?(?:我|我们)(?:来)?接(?:了|下了|单了)?(?:吧|哈)?$|^接了$|^(?:这单|这个)?我来(?:处理|弄|修|跟)(?:吧|哈)?$"),
     "claim"),
    (re.compile(r"^(?:已经?|都)?(?:办结|处理好|处理完|搞定|修好|弄好|办好|解决)(?:了|啦)?(?=$|[\s,，。:：!！])(?![^?？]*[?？吗])"),
     "done"),
    (re.compile(r"^(?:这单|这个单子?|这个)?(?:我们?)?(?:要)?(?:退单|退回去|退掉)(?:了|吧)?$"), "ret"),
)


def corrected_value(text: str | None) -> str | None:
    """What follows a correction's lead (「改一下 是11栋2单元」 → 11栋2单元, 「电话写错了 是139…」 → 139…); None when the
    message opens with no such lead or has nothing after it."""
    said = nfkc(text or "").strip()
    rest = vocab.CORRECTION_LEAD.sub("", said, count=1).strip()
    return rest if rest and rest != said else None

def bind_code(text: str | None) -> str | None:
    m = _BIND.match(word(text).upper()) if text else None
    return m.group(1) if m else None


# a ticket number standing among words: digits on neither side (an 11-digit phone is never one)
_NUMBER_IN_TEXT = re.compile(r"(?<![\d#])#?\d{6}(?:\s*[-－—_]\s*\d{4,6}|\d{4})(?!\d)")
_SEPARATORS = frozenset(_TRAILING + "？?:：“”‘’（）()【】「」《》…-－—_")


def only_words(text: str, vocabulary: tuple[str, ...], *, slack: int = 0) -> list[str] | None:
    """The words of `vocabulary` that `text` is made of (longest first at each place), with spaces,
    punctuation and emoji between them; None if anything else is there, beyond `slack` letters."""
    by_first = _by_first_char(vocabulary)
    found: list[str] = []
    i, unknown = 0, 0
    while i < len(text):
        hit = next((w for w in by_first.get(text[i], ()) if text.startswith(w, i)), None)
        if hit is not None:
            found.append(hit)
            i += len(hit)
            continue
        ch = text[i]
        if ch.isspace() or ch in _SEPARATORS or unicodedata.category(ch) in ("So", "Sk", "Cf", "Mn"):
            i += 1
            continue
        unknown += 1
        if unknown > slack:
            return None
        i += 1
    return found


@functools.lru_cache(maxsize=64)
def _by_first_char(vocabulary: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The vocabulary's words by their first character, longest first: every message of a resident is read
    against several vocabularies, and sorting and trying each of them at every character cost 5–10 % of a step."""
    index: dict[str, list[str]] = {}
    for w in sorted(set(vocabulary), key=len, reverse=True):
        if w:
            index.setdefault(w[0], []).append(w)
    return {ch: tuple(ws) for ch, ws in index.items()}


def number_in_query(text: str | None) -> str | None:
    """「查询 261123-0042 的进度」「261123-0042 怎么样了」: one exact ticket number among words that only
    ask about it. Anything else beside it (a second number, a quote, other words) and it is no query:
    the number is never mined out of text that says something else."""
    w = word(text)
    found = _NUMBER_IN_TEXT.findall(w)
    if len(found) != 1:
        return None
    number = parse_number(found[0])
    if number is None:
        return None
    rest = w.replace(found[0], " ", 1)
    return number if only_words(rest, vocab.QUERY_AROUND) is not None else None


def number_in_text(text: str | None) -> str | None:
    """The one ticket number among other words (撤销 261123-0042 那单), or None when there is none or several."""
    found = _NUMBER_IN_TEXT.findall(word(text))
    return parse_number(found[0]) if len(found) == 1 else None


def lead_only(text: str | None) -> str | None:
    """The kind of matter a message only announces (「我想反映个事情」 → complaint, 「有点事想问问」 → consult,
    「我要报个修」 → repair), with nothing of the matter itself; None when it says anything more. Traditional
    characters read as simplified (「您好，麻煩問一下」 was filed as the consultation itself)."""
    w = fold(word(text))
    if not w or len(w) > 24:
        return None
    wants = (*vocab.LEAD_WANTS_REPAIR, *vocab.LEAD_WANTS_CONSULT, *vocab.LEAD_WANTS_COMPLAINT)
    found = only_words(w, (*wants, *vocab.LEAD_FILLERS, *vocab.SMALL_TALK_HELLO))  # 「喂 有人吗 报修」: a greeting too
    if not found or not any(f in wants for f in found):
        return None
    if any(f in vocab.LEAD_WANTS_REPAIR for f in found):
        return "repair"
    if any(f in vocab.LEAD_WANTS_CONSULT for f in found):
        return "consult"
    return "complaint"


def subject_only(text: str | None) -> bool:
    """Words that name only who or what a matter is about (「就是我家楼上」, 「我们楼的电梯」), nothing of what is
    wrong: what is wrong is asked, and the answer joined to them."""
    w = fold(word(text))
    if not w or len(w) > 16:
        return False
    found = only_words(w, (*vocab.WHO_ONLY_SUBJECTS, *vocab.WHO_ONLY_FILLERS))
    return found is not None and any(f in vocab.WHO_ONLY_SUBJECTS for f in found)


def duplicate_said(text: str | None) -> str | None:
    """The duplicate offer answered in words: "other" (不一样, 是另一盏灯), "same" (是同一件事, 一样的) or None."""
    w = fold(word(text))
    if not w or len(w) > 30:
        return None
    if vocab.DUP_OTHER.search(w):
        return "other"
    return "same" if vocab.DUP_SAME.search(w) else None


_CLAUSE_END = re.compile(r"[\s,，。.!！~～:：;；]+")


def without_lead_in(text: str) -> str:
    """The matter without the greeting or announcement it opened with (「你好 我想反映个事 楼道里堆满了杂物」 →
    「楼道里堆满了杂物」): staff read the matter first on the card. A clause goes only when it greets or announces
    (a 你好, a 投诉 / 报修 / 问一下) and is made of nothing else; 「我 家水管漏了」 keeps its 我."""
    rest = text
    for _ in range(3):
        m = _CLAUSE_END.search(rest)
        if m is None or m.start() == 0:
            break
        head, tail = rest[: m.start()], rest[m.end() :]
        announcing = (*vocab.LEAD_WANTS_REPAIR, *vocab.LEAD_WANTS_CONSULT, *vocab.LEAD_WANTS_COMPLAINT,
                      *vocab.SMALL_TALK_HELLO)
        found = only_words(fold(head), (*announcing, *vocab.LEAD_FILLERS))
        if not found or not any(f in announcing for f in found) or len(tail.strip()) < 4:
            break
        rest = tail
    return rest
