"""Chinese phone numbers: find them in a message, canonicalise and mask them.

Canonical forms: a mobile is its 11 digits (``13812345678``); a landline is
``<area>-<local>`` (``010-12345678``), with ``-<ext>`` appended when an extension was given; a Hong Kong
or Macau mobile, read only with its country code, is ``852-91234567`` (masked as a landline is).

Written forms read: digits grouped by spaces, dashes or dots (up to three between groups:
``138 - 1234 - 5678``), ``+86`` / ``0086`` / ``(+86)``, a bracketed area code, full-width digits,
and digits read out one by one in Chinese numerals (``一三九零零一二三四五六``, ``幺``, ``两``), alone or
mixed with Arabic ones (``139 零零一二 3456``). A numeral reading is digit by digit, as people say a
number aloud, so it is read with a one-for-one table (``core.text.vocab.CN_DIGITS``) rather than by a
numeral parser: a parser turns 零五七一… into 57 1… (the area code's 0 gone) and 一直 into 1直.

What keeps room numbers, dates, amounts and ticket numbers (``261123-0042``) out:

* a mobile must be ``1[3-9]`` + 9 digits and a landline ``0`` + a real area-code shape
  (``010``/``02x`` or ``0[3-9]xx``) + a 7–8 digit local number that does not start with 0;
* the digits must not run on: a digit (or ``digit-``) right before or after rejects the match, so
  an 18-digit ID or ``20261123...`` never yields a slice of itself;
* Chinese numerals count as digits only in a second reading whose finds must contain one, so a
  numeral word next to a number (``13912345678一直没人接``) cannot spoil the plain reading.

All patterns have bounded repetition only (no nested quantifiers), so matching is linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from core.text.normalize import normalize
from core.text.vocab import CN_DIGITS

__all__ = ["find_phones", "normalize_phone", "mask_phone", "mask_canonical", "phone_spans", "digit_view",
           "digit_views", "Reading", "read", "spans_in", "numeral_spans", "find_in_view"]

_SEP = r"[ \-.]{0,3}"  # between digit groups: up to three of space, dash or dot ("138 - 1234")

_MOBILE = (
    r"(?:[(（]?(?:\+|00)?86[)）]?[ \-]?)?"  # optional country code, maybe bracketed
    rf"(?P<mobile>1{_SEP}[3-9](?:{_SEP}\d){{9}})"
)
_LANDLINE = (
    r"(?:[(（]?(?P<area>0(?:10|2\d|[3-9]\d{2}))[)）]?[ \-]{0,2})"
    rf"(?P<local>[1-9](?:{_SEP}\d){{6,7}})"
    # an extension needs an explicit marker: a bare "0571-88888888 3栋" must not eat the 3
    r"(?:(?:-| ?(?:转|轉|分机|分機|ext\.?|x) ?)(?P<ext>\d{1,5}))?"
)
# Hong Kong and Macau mobiles (8 digits) only with their country code said: residents of border cities
# give them, and without the code eight digits could be anything (a local landline, an order number)
_ABROAD = rf"(?:[(（]?(?:\+|00)?(?P<cc>85[23])[)）]?[ \-]?)(?P<abroad>[5-9](?:{_SEP}\d){{7}})"
_BEFORE = r"(?<![\d])(?<!\d[\-.])"
_AFTER = r"(?![\d])(?![\-.]\d)"

# the lookahead first: most positions of a message are not where a number starts, and saying so up
# front lets the engine leave them at one character test
_FIND_RE = re.compile(rf"(?=[(（+\d]){_BEFORE}(?:{_MOBILE}|{_ABROAD}|{_LANDLINE}){_AFTER}", re.IGNORECASE)
_FULL_RE = re.compile(rf"(?:{_MOBILE}|{_ABROAD}|{_LANDLINE})", re.IGNORECASE)
_NON_DIGIT = re.compile(r"\D")
_ANY_DIGIT = re.compile(r"\d")

# One character for one, so an offset in a view is an offset in the text it was made from.
# Only what a number is written with: full-width punctuation (，：) is everywhere in Chinese text and
# needs no change.
_NARROW: dict[int, int] = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９＋－．ＸｘＥｅＴｔ"}
# (line breaks are left alone: nobody breaks a number across lines, and most texts have them)
_NARROW.update({ord(c): ord(" ") for c in "\t\u00a0\u3000\u2002\u2003\u2009\u202f"})
_NARROW.update({ord(c): ord(" ") for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})  # invisible
_NARROW.update({ord(c): ord("-") for c in "‐‑‒–—―−﹣"})  # dashes people type between groups
_NUMERAL_CHARS = {**CN_DIGITS, "貳": 2, "兩": 2, "陸": 6}  # the Traditional spellings besides
_NUMERALS = {ch: str(value) for ch, value in _NUMERAL_CHARS.items()}
# most texts have nothing to narrow and few numerals: find the characters to change rather than
# passing every character through a table
_TO_NARROW = re.compile("[" + re.escape("".join(chr(cp) for cp in _NARROW)) + "]")
_NUMERAL = re.compile("[" + "".join(_NUMERAL_CHARS) + "]")
# nothing this module or core.privacy looks for has fewer than seven digits in a row: a text without
# such a run, in any spelling, is not read further
_CANDIDATE = re.compile(r"\d(?:[ \-.]{0,3}\d){6,}")
_ANY_DIGIT_CHAR = "0-9\uff10-\uff19" + "".join(_NUMERAL_CHARS)
_ANY_SEP_CHAR = " .\\-" + "".join(chr(cp) for cp, to in _NARROW.items() if chr(to) in " -.")
_RAW_CANDIDATE = re.compile(f"[{_ANY_DIGIT_CHAR}](?:[{_ANY_SEP_CHAR}]{{0,3}}[{_ANY_DIGIT_CHAR}]){{6}}")

Find = Callable[[str], list[tuple[int, int, str]]]


def digit_view(text: str, *, numerals: bool = False) -> str:
    """``text`` with full-width characters narrowed, odd spaces and dashes made plain and, with
    ``numerals``, Chinese numerals turned into digits — one character for one, same length."""
    view = text.translate(_NARROW) if _TO_NARROW.search(text) else text
    return _NUMERAL.sub(lambda m: _NUMERALS[m.group()], view) if numerals else view


_CONTEXT = 12  # characters around a run of digits that a find may use ("（+86）", "联系方式：是 ")


@dataclass(frozen=True)
class Reading:
    """A text read for numbers: as written (``plain``), and with Chinese numerals as digits
    (``numeric``, None when that adds no run of digits), each with the parts worth searching — the
    runs of seven digits or more and a little context: everything looked for is one, and a message
    is mostly words. A part never begins or ends inside a number."""

    plain: str
    numeric: str | None = None
    plain_parts: tuple[tuple[int, int], ...] = ()
    numeric_parts: tuple[tuple[int, int], ...] = ()

    def blanked(self, spans: Sequence[tuple[int, int]]) -> Reading:
        """The same reading with ``spans`` taken out of later searches (same length)."""
        return replace(self, plain=_blank(self.plain, spans),
                       numeric=_blank(self.numeric, spans) if self.numeric is not None else None)


def read(text: str) -> Reading:
    if not _RAW_CANDIDATE.search(text):
        return Reading(text)  # nothing to find
    plain = digit_view(text)
    parts = _parts(plain)
    if not _NUMERAL.search(text):
        return Reading(plain, None, parts)
    numeric = digit_view(plain, numerals=True)
    numeric_parts = _parts(numeric)
    if any(numeric[a:b] != plain[a:b] for a, b in numeric_parts):
        return Reading(plain, numeric, parts, numeric_parts)
    return Reading(plain, None, parts)


def digit_views(text: str) -> tuple[str, str]:
    """``text`` read as written and with Chinese numerals as digits (the second is the first itself
    when reading numerals adds no run of digits worth looking at: most texts)."""
    reading = read(text)
    return reading.plain, reading.numeric if reading.numeric is not None else reading.plain


def spans_in(reading: Reading, find: Find) -> list[tuple[int, int, str]]:
    """``find`` run over the plain reading, and over the numeral reading for finds that contain a
    numeral and overlap none of the plain reading's."""
    found = _search(reading.plain, reading.plain_parts, find)
    numeric = reading.numeric
    if numeric is None:
        return found
    plain = reading.plain
    extra = [
        (start, end, value) for start, end, value in _search(numeric, reading.numeric_parts, find)
        if plain[start:end] != numeric[start:end] and not any(start < e and s < end for s, e, _ in found)
    ]
    return sorted(found + extra) if extra else found


def numeral_spans(text: str, find: Find) -> list[tuple[int, int, str]]:
    """`spans_in` over a fresh reading of ``text``."""
    return spans_in(read(text), find)


def _parts(view: str) -> tuple[tuple[int, int], ...]:
    parts: list[tuple[int, int]] = []
    for m in _CANDIDATE.finditer(view):
        lo, hi = max(0, m.start() - _CONTEXT), min(len(view), m.end() + _CONTEXT)
        if parts and lo <= parts[-1][1]:
            parts[-1] = (parts[-1][0], hi)
        else:
            parts.append((lo, hi))
    out = []
    for lo, hi in parts:
        while lo > 0 and view[lo - 1].isdigit():
            lo -= 1
        while hi < len(view) and view[hi].isdigit():
            hi += 1
        out.append((lo, hi))
    return tuple(out)


def _search(view: str, parts: tuple[tuple[int, int], ...], find: Find) -> list[tuple[int, int, str]]:
    return [(lo + s, lo + e, value) for lo, hi in parts for s, e, value in find(view[lo:hi])]


def _blank(view: str, spans: Sequence[tuple[int, int]]) -> str:
    for start, end in spans:
        view = view[:start] + "#" * (end - start) + view[end:]
    return view


def _canonical(m: re.Match[str]) -> str:
    mobile = m.group("mobile")
    if mobile is not None:
        return _NON_DIGIT.sub("", mobile)
    if m.group("abroad") is not None:
        return f"{m.group('cc')}-{_NON_DIGIT.sub('', m.group('abroad'))}"
    local = _NON_DIGIT.sub("", m.group("local"))
    out = f"{m.group('area')}-{local}"
    ext = m.group("ext")
    return f"{out}-{ext}" if ext else out


def find_in_view(view: str) -> list[tuple[int, int, str]]:
    """Phones in one reading (`digit_view`) of a text."""
    return [(m.start(), m.end(), _canonical(m)) for m in _FIND_RE.finditer(view)]


def phone_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` of every phone in ``text``, in order; offsets point into ``text``
    as given (normalised or not).

    Used by the other readers to blank phone numbers out before looking for rooms or times, and by
    ``core.privacy`` to mask them where they stand.
    """
    return numeral_spans(text, find_in_view)


def find_phones(text: str) -> list[str]:
    """Canonical phone numbers in ``text``, in order of appearance, without duplicates."""
    seen: dict[str, None] = {}
    for _, _, canon in phone_spans(normalize(text)):
        seen.setdefault(canon, None)
    return list(seen)


# between two phones, words that take the first back (「…5678，不对说错了，是…5679」, 「…写错了 应该是…」, 「更正一下」)
_TAKEN_BACK = re.compile(r"不对|说错|打错|写错|输错|报错|搞错|错了|更正|纠正|改一下|改成|改为|应该是|重新发|重发")


def corrected(t: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The phones a message gives, less each one taken back by the words before the next (flow30: the first of
    「我电话…5678，不对说错了，是…5679」 was kept); the corrected one stands where the first stood, so it is the
    resident's own when that one was said as theirs."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and _TAKEN_BACK.search(t[out[-1][1]:span[0]]):
            out[-1] = (out[-1][0], span[1], span[2])
        else:
            out.append(span)
    return out


def normalize_phone(s: str) -> str | None:
    """Canonical form of ``s`` if the whole string is one phone number, else ``None``.

    Accepts every written form `find_phones` reads, Chinese numerals included (一三八…, a
    resident's answer to "your phone?")."""
    t = normalize(s)
    if len(t) > 40:
        return None
    plain, numeric = digit_views(t)
    m = _FULL_RE.fullmatch(plain) or (_FULL_RE.fullmatch(numeric) if numeric is not plain else None)
    return _canonical(m) if m else None


def mask_phone(p: str) -> str:
    """Masked phone for display to workers: ``138****1234`` or ``010-****5678``.

    Only the operator prefix (mobile) or the area code (landline) and the last four digits of the
    subscriber number are shown; an extension is dropped. Anything that is not a recognisable phone
    has every digit replaced, so a malformed value can never leak through.
    """
    canon = normalize_phone(p)
    if canon is None:
        return _ANY_DIGIT.sub("*", digit_view(normalize(p), numerals=True))
    return mask_canonical(canon)


def mask_canonical(canon: str) -> str:
    """`mask_phone` of a phone already in its canonical form."""
    if "-" not in canon:
        return f"{canon[:3]}****{canon[-4:]}"
    area, local = canon.split("-")[:2]
    return f"{area}-****{local[-4:]}"
