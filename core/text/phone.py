"""Chinese phone numbers: find them in a message, canonicalise and mask them.

Canonical forms: a mobile is its 11 digits (``13812345678``); a landline is
``<area>-<local>`` (``010-12345678``), with ``-<ext>`` appended when an extension was given.

What keeps room numbers, dates, amounts and ticket numbers (``261123-0042``) out:

* a mobile must be ``1[3-9]`` + 9 digits and a landline ``0`` + a real area-code shape
  (``010``/``02x`` or ``0[3-9]xx``) + a 7–8 digit local number that does not start with 0;
* the digits must not run on: a digit (or ``digit-``) right before or after rejects the match, so
  an 18-digit ID or ``20261123...`` never yields a slice of itself.

All patterns have bounded repetition only (no nested quantifiers), so matching is linear.
"""

from __future__ import annotations

import re

from core.text.normalize import normalize

__all__ = ["find_phones", "normalize_phone", "mask_phone", "phone_spans"]

_SEP = r"[ \-.]?"  # one optional separator between digit groups: space, dash or dot

_MOBILE = (
    r"(?:[(（]?(?:\+|00)?86[)）]?[ \-]?)?"  # optional country code, maybe bracketed
    rf"(?P<mobile>1{_SEP}[3-9](?:{_SEP}\d){{9}})"
)
_LANDLINE = (
    r"(?:[(（]?(?P<area>0(?:10|2\d|[3-9]\d{2}))[)）]?[ \-]?)"
    rf"(?P<local>[1-9](?:{_SEP}\d){{6,7}})"
    # an extension needs an explicit marker: a bare "0571-88888888 3栋" must not eat the 3
    r"(?:(?:-| ?(?:转|轉|分机|分機|ext\.?|x) ?)(?P<ext>\d{1,5}))?"
)
_BEFORE = r"(?<![\d])(?<!\d[\-.])"
_AFTER = r"(?![\d])(?![\-.]\d)"

_FIND_RE = re.compile(rf"{_BEFORE}(?:{_MOBILE}|{_LANDLINE}){_AFTER}", re.IGNORECASE)
_FULL_RE = re.compile(rf"(?:{_MOBILE}|{_LANDLINE})", re.IGNORECASE)
_NON_DIGIT = re.compile(r"\D")
_ANY_DIGIT = re.compile(r"\d")


def _canonical(m: re.Match[str]) -> str:
    mobile = m.group("mobile")
    if mobile is not None:
        return _NON_DIGIT.sub("", mobile)
    local = _NON_DIGIT.sub("", m.group("local"))
    out = f"{m.group('area')}-{local}"
    ext = m.group("ext")
    return f"{out}-{ext}" if ext else out


def phone_spans(normalized_text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` of every phone in an already-normalised text, in order.

    Used by the other readers to blank phone numbers out before looking for rooms or times.
    """
    return [(m.start(), m.end(), _canonical(m)) for m in _FIND_RE.finditer(normalized_text)]


def find_phones(text: str) -> list[str]:
    """Canonical phone numbers in ``text``, in order of appearance, without duplicates."""
    seen: dict[str, None] = {}
    for _, _, canon in phone_spans(normalize(text)):
        seen.setdefault(canon, None)
    return list(seen)


def normalize_phone(s: str) -> str | None:
    """Canonical form of ``s`` if the whole string is one phone number, else ``None``."""
    t = normalize(s)
    if len(t) > 40:
        return None
    m = _FULL_RE.fullmatch(t)
    return _canonical(m) if m else None


def mask_phone(p: str) -> str:
    """Masked phone for display to workers: ``138****1234`` or ``010-****5678``.

    Only the operator prefix (mobile) or the area code (landline) and the last four digits of the
    subscriber number are shown; an extension is dropped. Anything that is not a recognisable phone
    has every digit replaced, so a malformed value can never leak through.
    """
    canon = normalize_phone(p)
    if canon is None:
        return _ANY_DIGIT.sub("*", normalize(p))
    if "-" not in canon:
        return f"{canon[:3]}****{canon[-4:]}"
    area, local = canon.split("-")[:2]
    return f"{area}-****{local[-4:]}"
