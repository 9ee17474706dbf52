"""Text normalisation shared by every reader in ``core.text``.

Two layers:

* :func:`normalize` is what we keep and show: full-width ASCII folded to half-width, whitespace
  unified, invisible characters removed. Idempotent.
* :func:`fold` is what we *match* against: ``normalize`` + Traditional -> Simplified + ASCII
  lower-case. It is a character-for-character map of ``normalize``'s output (same length), so an
  offset found in the folded text points at the same characters in the normalised text; that is
  how the readers quote the resident's own words (e.g. urgency triggers) even in Traditional script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.text._t2s_data import T2S_PAIRS
from core.text.vocab import CN_DIGITS, CN_UNITS

__all__ = ["normalize", "nfkc", "fold", "simplified", "to_simplified", "cn_number"]

# Full-width ASCII block U+FF01..U+FF5E maps 1:1 onto U+0021..U+007E; U+3000 is the ideographic space.
_WIDTH_MAP: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_MAP[0x3000] = 0x20

# Only the control/format/surrogate categories are dropped; whitespace controls (\t \n \r ...) are
# kept until the whitespace pass turns them into plain spaces.
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})

_T2S: dict[int, int] = {ord(p[0]): ord(p[1]) for p in T2S_PAIRS.split() if p[0] != p[1]}
_ASCII_LOWER: dict[int, int] = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_FOLD_MAP: dict[int, int] = {**_T2S, **_ASCII_LOWER}

_WS_RE = re.compile(r"\s+")


def _keep(ch: str) -> bool:
    if ch.isspace():
        return True
    return unicodedata.category(ch) not in _DROP_CATEGORIES


def normalize(text: str) -> str:
    """Return ``text`` with full-width ASCII/digits made half-width, invisible characters removed
    and every run of whitespace turned into one ASCII space (leading/trailing trimmed)."""
    kept = "".join(ch for ch in text if _keep(ch))
    narrowed = kept.translate(_WIDTH_MAP)
    # NFC after narrowing: a narrowed letter can compose with a following combining mark, and doing
    # it last keeps normalize() idempotent.
    composed = unicodedata.normalize("NFC", narrowed)
    return _WS_RE.sub(" ", composed).strip()


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, remembered for short texts. A dialog step folds the
    same message (and the same option labels) several times, and a text with a full-width comma or
    digit fails NFKC's quick check: each time cost ~26,000 instructions for a 20-character sentence.
    Long texts are not kept (the memory stays under a megabyte)."""
    return _nfkc_short(text) if len(text) <= 256 else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1024)
def _nfkc_short(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def to_simplified(text: str) -> str:
    """Map Traditional characters of our vocabulary to Simplified, one character for one."""
    return text.translate(_T2S)


_full_t2s: dict[int, str] | None = None


def simplified(text: str) -> str:
    """Full Traditional -> Simplified with OpenCC's character table, one character for one (same length):
    `fold` covers the vocabulary's own characters only; a name (濱江一號) needs the rest. Read once."""
    global _full_t2s
    if _full_t2s is None:
        from importlib import resources as res

        table: dict[int, str] = {}
        text_ = res.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
        for line in text_.splitlines():
            parts = line.split()
            if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
                table[ord(parts[0])] = parts[1]
        _full_t2s = table
    return text.translate(_full_t2s)


def fold(text: str) -> str:
    """Matching form of an already-normalised text: Simplified, ASCII lower-case, same length."""
    return text.translate(_FOLD_MAP)


# --- Chinese numerals -------------------------------------------------------------------------

_ARABIC_RUN = re.compile(r"[0-9]+")


def _tokens(s: str) -> list[tuple[str, int]] | None:
    """Split into ("d", value) digit tokens (Arabic runs are one token) and ("u", power) units."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isascii() and ch.isdigit():
            m = _ARABIC_RUN.match(s, i)
            assert m is not None
            out.append(("d", int(m.group())))
            # remember the run length so positional parsing can tell "05" from "5"
            out.append(("n", len(m.group())))
            i = m.end()
            continue
        if ch in CN_DIGITS:
            out.append(("d", CN_DIGITS[ch]))
            out.append(("n", 1))
        elif ch in CN_UNITS:
            out.append(("u", CN_UNITS[ch]))
        else:
            return None
        i += 1
    return out


def cn_number(s: str) -> int | None:
    """Value of a number written in Chinese numerals, Arabic digits or a mix, else ``None``.

    Handles 一…九十九, 两, 〇/零, 十一, 二十三, 一百零五, 一百二 (=120, colloquial), 三千五 (=3500),
    1万2 (=12000), financial 壹贰叁…拾佰仟, 幺 (=1, as read out in numbers), and digit-by-digit
    readings such as 五零一 (=501) or 二〇二六 (=2026).
    """
    s = normalize(s).replace(" ", "")
    s = to_simplified(s)
    if not s or len(s) > 40:
        return None
    toks = _tokens(s)
    if toks is None:
        return None
    digits = [t for t in toks if t[0] == "d"]
    if not any(t[0] == "u" for t in toks):
        # Positional: every digit token is concatenated (五零一 -> 501, 2026 -> 2026).
        widths = [t[1] for t in toks if t[0] == "n"]
        text = "".join(str(v).zfill(w) for (_, v), w in zip(digits, widths, strict=True))
        return int(text) if text else None
    return _parse_with_units([t for t in toks if t[0] != "n"])


def _parse_with_units(toks: list[tuple[str, int]]) -> int | None:
    total = 0  # completed 万/亿 groups
    section = 0  # value below the current 万
    current: int | None = None  # digit waiting for its unit
    last_unit = 10**9  # units inside a section must decrease (三百二十, not 三十二百)
    zero_gap = False  # 一百零五: after a 零 the trailing digit is units, not tens
    prev_unit = 1
    for kind, val in toks:
        if kind == "d":
            if val == 0:
                if current is not None:
                    return None
                zero_gap = True
                continue
            if current is not None:
                return None  # two digits in a row between units: malformed
            current = val
        elif val < 10_000:
            if val >= last_unit:
                return None
            if current is None:
                if val != 10:
                    return None
                current = 1  # 十一 / 一百一十: a bare 十 is one ten
            section += current * val
            current, last_unit, zero_gap, prev_unit = None, val, False, val
        else:
            if current is not None:
                section += current
                current = None
            if section == 0:
                return None
            total = (total + section) * val if val > 10_000 else total + section * val
            section, last_unit, zero_gap, prev_unit = 0, 10**9, False, val
    if current is not None:
        # 一百二 = 120, 三千五 = 3500, 1万2 = 12000: a bare trailing digit fills the next lower place
        if not zero_gap and prev_unit >= 100:
            current *= prev_unit // 10
        section += current
    return total + section
