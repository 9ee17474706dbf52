"""All Chinese vocabulary used by ``core.text``, in one place.

Everything here is written in Simplified Chinese: the readers match against
:func:`core.text.normalize.fold`, which maps Traditional characters to Simplified first, so one
spelling per word is enough. ``tests/text/test_vocab.py`` checks that every entry is already
Simplified (a Traditional spelling here would silently never match).

Regex fragments are plain alternations over these words; the modules that use them add the
structure (order, distance, look-arounds) and explain it.
"""

from __future__ import annotations

# --- numerals (normalize.cn_number) ---------------------------------------------------------------

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "俩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip

CN_UNITS: dict[str, int] = {
    "十": 10, "拾": 10,
    "百": 100, "佰": 100,
    "千": 1000, "仟": 1000,
    "万": 10_000,
    "亿": 100_000_000,
}  # fmt: skip
