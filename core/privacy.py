"""Personal data, and how each audience sees it: the one owner of masking.

What counts as personal data in a resident's words (`personal_spans`): mobile numbers in every
written form (13812345678, 138 1234 5678, +86-138…, （+86）, full-width digits, 一三八…, 幺/两, 139 零零一二
3456 — read by core/text/phone.py), landlines with their area code and extension (0571-88886666转12),
ID-card numbers (18 digits with a birth date in place, spaced or not, whatever the check digit),
bank-card numbers (15–19 digits, or 4-4-4-4 groups), any other unbroken run of 15 or more digits,
a local number without its area code where a phone word leads it (座机88886666), the
resident's own name, and a name the speaker gives in the text (我叫王秀英, 我是老刘, 本人张建国 — read by
core/text/self_name.py; usertest28 saw 「我叫王秀英」 in full on a grid group's card). Erasing a record for good (`erase`, retention) also takes any bare 7–8 digit
number: there losing a date costs less than keeping a phone.

Every message and page that shows a resident's words or contact renders them through a `View` for
its audience at the moment it is rendered, so whatever path the words came in by (a chat, an import,
the desk, a worker's note, a reason for 不满意, a survey comment) the same rule holds. The outbox
applies the group rule once more to every row addressed to a group, whoever wrote it.

Who sees what:
- the resident (their own ticket): everything as they wrote it;
- the worker who claimed the ticket, and the desk after an audited 显示电话: phone numbers and the
  name in full, ID and bank numbers masked (nobody handling a complaint needs them);
- a group (a grid's or the desk's chat, a WeCom robot), a staff member who does not hold the
  ticket, the desk before 显示电话, another resident following the ticket, and the log: every one of
  them masked, the name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from core.text.normalize import fold
from core.text.phone import Find, find_in_view, mask_canonical, mask_phone, read, spans_in
from core.text.self_name import introduced_names
from core.text.third_party import someone_elses, third_party_names

__all__ = ["Audience", "View", "redact", "erase", "contact", "mask_name", "personal_spans", "Span", "REDACTED"]


class Audience(StrEnum):
    RESIDENT = "resident"  # the ticket's own resident
    FOLLOWER = "follower"  # another resident who joined the ticket
    CLAIMER = "claimer"  # the worker who holds the ticket
    DESK_REVEALED = "desk_revealed"  # the desk after an audited 显示电话
    DESK = "desk"
    STAFF = "staff"  # staff who do not hold the ticket (a grid's other workers, supervisors)
    GROUP = "group"  # any group chat, a WeCom robot
    LOG = "log"

    @property
    def sees_phones(self) -> bool:
        return self in _SEES_CONTACT

    @property
    def sees_names(self) -> bool:
        return self in _SEES_CONTACT


_SEES_CONTACT = frozenset({Audience.RESIDENT, Audience.CLAIMER, Audience.DESK_REVEALED})

NO_PHONE = "未留"

Kind = Literal["id_card", "bank_card", "phone", "local_phone", "long_number"]
REDACTED = "［已删除］"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: Kind
    value: str  # canonical: the phone as core.text.phone writes it, the digits of the others


# A run of digits may be broken by up to two spaces, dashes or dots anywhere (330102 19900101 1234).
_S = r"[ \-.]{0,2}"
_BEFORE = r"(?<![0-9])(?<![0-9][\-.])"
_AFTER = r"(?![0-9])(?![\-.][0-9])"
_ID_CARD = re.compile(
    rf"(?=[1-9]){_BEFORE}[1-9](?:{_S}\d){{5}}{_S}(?:1{_S}9|2{_S}0)(?:{_S}\d){{2}}"  # region, century, year
    rf"{_S}(?:0{_S}[1-9]|1{_S}[0-2]){_S}(?:0{_S}[1-9]|[12]{_S}\d|3{_S}[01])"  # month, day
    rf"(?:{_S}\d){{3}}{_S}[0-9Xx]{_AFTER}"  # sequence, check digit (valid or not)
)
_BANK_CARD = re.compile(rf"(?=\d){_BEFORE}(?:\d{{15,19}}|\d{{4}}(?:[ \-]{{1,2}}\d{{4}}){{3}}(?:[ \-]{{1,2}}\d{{1,4}})?){_AFTER}")
_LONG_NUMBER = re.compile(rf"(?=\d){_BEFORE}\d{{15,}}{_AFTER}")
# a local number (no area code) is a phone only where the words say so
_PHONE_WORDS = "电话|電話|座机|座機|固话|固話|手机|手機|号码|號碼|联系方式|聯繫方式|聯絡|联系|聯繫|致电|致電|打|tel|TEL|Tel"
# what is wrong with calling it (一直打不通, 没人接): said between the phone word and the number, or after the number
_FAILS = r"(?:一直|老是|总是|總是|都|也|还是|還是)?(?:打不通|没人接|沒人接|不接|占线|佔線|關機|关机|停机|停機)了?"
_LOCAL = rf"(?P<n>[2-9]\d{{2,3}}[ \-]?\d{{4}}){_AFTER}"
_LOCAL_PHONE = re.compile(
    rf"(?=[电電座固手号號联聯致打tT])(?:{_PHONE_WORDS})[：:]?\s?(?:是|为|為)?\s?(?:{_FAILS}[，,]?\s?)?{_LOCAL}")
_LOCAL_FAILING = re.compile(rf"(?=\d){_BEFORE}{_LOCAL}(?=\s?{_FAILS})")  # 67891234一直没人接
_BARE_LOCAL = re.compile(rf"(?=\d){_BEFORE}\d{{7,8}}{_AFTER}")
_NOT_DIGIT = re.compile(r"[^0-9Xx]")
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")


def personal_spans(text: str, *, thorough: bool = False) -> list[Span]:
    """Every piece of personal data in `text` (names aside), in order, without overlaps. IDs are
    looked for first, then bank cards, then phones, then any long number left. `thorough` adds
    every bare 7–8 digit number (for erasing a record for good)."""
    reading = read(text)
    if not reading.plain_parts and not reading.numeric_parts:
        return []
    found: list[Span] = []
    for kind, find in _THOROUGH if thorough else _FINDERS:
        spans = [Span(start, end, kind, value) for start, end, value in spans_in(reading, find)]
        if spans:
            found += spans
            # what one finder took is out of the others' way (same length, so offsets hold)
            reading = reading.blanked([(sp.start, sp.end) for sp in spans])
    return sorted(found, key=lambda sp: sp.start)


def _pattern_finder(pattern: re.Pattern[str], group: int | str = 0) -> Find:
    def find(view: str) -> list[tuple[int, int, str]]:
        return [(m.start(group), m.end(group), _NOT_DIGIT.sub("", m.group(group)).upper())
                for m in pattern.finditer(view)]

    return find


_FINDERS: tuple[tuple[Kind, Find], ...] = (
    ("id_card", _pattern_finder(_ID_CARD)), ("bank_card", _pattern_finder(_BANK_CARD)),
    ("phone", find_in_view), ("local_phone", _pattern_finder(_LOCAL_PHONE, "n")),
    ("local_phone", _pattern_finder(_LOCAL_FAILING, "n")),
    ("long_number", _pattern_finder(_LONG_NUMBER)),
)
_THOROUGH = (*_FINDERS, ("local_phone", _pattern_finder(_BARE_LOCAL)))


def redact(text: str | None, audience: Audience, *, names: Iterable[str | None] = ()) -> str:
    """`text` as `audience` may see it. `names`: the resident's own name(s), masked where the
    audience does not see names."""
    if not text:
        return text or ""
    if audience is Audience.RESIDENT:
        return text
    out = text
    for sp in reversed(personal_spans(text)):
        if sp.kind in ("phone", "local_phone") and audience.sees_phones:
            continue
        out = out[:sp.start] + _masked(sp) + out[sp.end:]
    if not audience.sees_phones:  # an e-mail reaches the person as a phone does (usertest27: shown in the group)
        out = _EMAIL.sub(lambda m: f"{m.group(1)[:1]}***@{m.group(2)}", out)
    if not audience.sees_names:
        for name in _names([*names, *introduced_names(text), *third_party_names(text)]):
            out = re.sub(re.escape(name) + _PLACE_AFTER, mask_name(name), out)
    return out


# a name followed at once by a place word is part of a place's name (a chat nickname 阳光 in 阳光花园: the second user
# test saw 「阳*花园3栋」 on the grid's card), not the person
_PLACE_AFTER = r"(?!花园|小区|家园|公寓|大厦|广场|新村|新城|苑|路|街|府|湾)"


def mask_phones(text: str, *, keep_theirs: bool = False) -> str:
    """`text` with its phone numbers masked (138****5678) in every written form, and nothing else
    touched: the dialog keeps a number a resident typed into a description as the contact phone.
    `keep_theirs`: a number said as someone else's (车主电话…, core/text/third_party.py) stays as written, for
    whoever takes the ticket to call; the views that mask phones still mask it."""
    out = text
    folded = fold(text) if keep_theirs else ""
    keep = keep_theirs and len(folded) == len(text)
    for sp in reversed(personal_spans(text)):
        if sp.kind in ("phone", "local_phone") and not (keep and someone_elses(folded, sp.start, sp.end)):
            out = out[:sp.start] + _masked(sp) + out[sp.end:]
    return out


def _names(names: Iterable[str | None]) -> list[str]:
    """Names worth looking for (a one-character name would mask every use of that character),
    longest first so 欧阳娜娜 goes before 欧阳."""
    return sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)


def erase(text: str | None, *, names: Iterable[str | None] = ()) -> str | None:
    """`text` with every piece of personal data, bare local numbers included, replaced by
    REDACTED: a record anonymised for good (retention)."""
    if not text:
        return text
    out = text
    for sp in reversed(personal_spans(text, thorough=True)):
        out = out[:sp.start] + REDACTED + out[sp.end:]
    for name in _names([*names, *introduced_names(text), *third_party_names(text)]):
        out = out.replace(name, REDACTED)
    return out


def contact(phone: str | None, audience: Audience) -> str:
    """The contact phone field as `audience` sees it."""
    if not phone:
        return NO_PHONE
    return phone if audience.sees_phones else mask_phone(phone)


def mask_name(name: str) -> str:
    """张伟 → 张*, 欧阳娜娜 → 欧***: the surname stays, so a worker can still say 张女士."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


@dataclass(frozen=True)
class View:
    """One audience's view of one ticket's words: what a text module renders through."""

    audience: Audience
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, audience: Audience, names: Iterable[str | None] = ()) -> View:
        return cls(audience, tuple(n for n in names if n))

    def text(self, text: str | None) -> str:
        return redact(text, self.audience, names=self.names)

    def phone(self, phone: str | None) -> str:
        return contact(phone, self.audience)


def _masked(sp: Span) -> str:
    digits = sp.value
    if sp.kind == "phone":
        return mask_canonical(digits)
    if sp.kind == "id_card":
        return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]
    if sp.kind == "bank_card":
        return digits[:4] + " **** **** " + digits[-4:]
    if sp.kind == "local_phone":
        return "****" + digits[-4:]
    return "*" * len(digits)
