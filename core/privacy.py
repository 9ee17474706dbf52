"""Personal data, and how each audience sees it: the one owner of masking.

What counts as personal data in a resident's words: mobile numbers (13812345678, 138 1234 5678,
+86-138…), landlines (0571-88886666), ID-card numbers, bank-card numbers, and the resident's own
name. Every message and page that shows a resident's words or contact renders them through
`redact` / `contact` for its audience, at the moment it is rendered, so whatever path the words
came in by (a chat, an import, the desk, a worker's note, a reason for 不满意) the same rule holds.

Who sees what:
- the resident (their own ticket): everything as they wrote it;
- the worker who claimed the ticket, and the desk after an audited 显示电话: phone numbers in full,
  ID and bank numbers masked (nobody handling a complaint needs them);
- a group (a grid's or the desk's chat, a WeCom robot), a staff member who does not hold the
  ticket, the desk before 显示电话, and the log: every one of them masked, the name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from core.text.normalize import normalize
from core.text.phone import find_phones, mask_phone

__all__ = ["Audience", "redact", "contact", "mask_name"]


class Audience(StrEnum):
    RESIDENT = "resident"
    CLAIMER = "claimer"
    DESK_REVEALED = "desk_revealed"
    DESK = "desk"
    STAFF = "staff"
    GROUP = "group"
    LOG = "log"

    @property
    def sees_phones(self) -> bool:
        return self in (Audience.RESIDENT, Audience.CLAIMER, Audience.DESK_REVEALED)

    @property
    def sees_names(self) -> bool:
        return self in (Audience.RESIDENT, Audience.CLAIMER, Audience.DESK_REVEALED)


NO_PHONE = "未留"

# a run of digits (with the separators people type) long enough to be a phone, an ID or a card
_DIGIT_RUN = re.compile(r"(?:[+＋]?86[\s\-]?)?[0-9０-９][0-9０-９\s\-－—()（）.]{5,}[0-9０-９Xx]")
_ID_CARD = re.compile(r"(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])")
_BANK_CARD = re.compile(r"(?<![0-9])(?:62|4\d|5[1-5])\d{14,17}(?![0-9])")
_SEPARATORS = re.compile(r"[\s\-－—()（）.]")


def redact(text: str | None, audience: Audience, *, names: Iterable[str | None] = ()) -> str:
    """`text` as `audience` may see it. `names`: the resident's own name(s), masked where the
    audience does not see names."""
    if not text:
        return text or ""
    if audience is Audience.RESIDENT:
        return text
    out = _DIGIT_RUN.sub(lambda m: _mask_run(m.group(0), audience), text)
    if not audience.sees_names:
        for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
            out = out.replace(name, mask_name(name))
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


def _mask_run(run: str, audience: Audience) -> str:
    digits = _SEPARATORS.sub("", normalize(run))
    if _ID_CARD.fullmatch(digits):
        return digits[:4] + "*" * 10 + digits[-4:]
    if _BANK_CARD.fullmatch(digits) and not find_phones(run):
        return digits[:4] + " **** **** " + digits[-4:]
    phones = find_phones(run)
    if not phones:
        # a long digit run that is none of these (an order number, a date) is left as written,
        # unless it is long enough to be an ID or card in a form we do not know
        return run if len(digits) < 15 else "*" * len(digits)
    if audience.sees_phones:
        return run
    return " ".join(mask_phone(p) for p in phones)
