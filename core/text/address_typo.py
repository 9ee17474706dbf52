"""A known community's name written with a wrong character that sounds the same (翠胡苑 for 翠湖苑,
阳光花圆 for 阳光花园, 幸副里 for 幸福里): the slip a pinyin keyboard makes.

usertest28: 「电提坏了 困在里面了 救命 翠胡苑5栋」 matched no grid, so a trapped-in-lift alarm went to the
desk instead of 翠湖苑's grid; 「阳光花圆3栋」 was asked about and then lost.

A name of three or more characters matches when exactly one character differs and the two share a
reading (toneless pinyin, any of a character's readings: pypinyin's character table). One wrong
character of any sound would take 幸运里 for 幸福里; the same sound is the slip a pinyin keyboard makes
and rarely another place's name. The match must be unambiguous: two known communities that the
words could be are neither. Only tried when no known name is written as it is.

usertest29: 辛福里 for 幸福里 (xin / xing) was not told. Besides the same sound, a reading that differs only by the
pinyin keyboards' fuzzy pairs (模糊音: in/ing, en/eng, an/ang, z/zh, c/ch, s/sh, l/n) counts: the slips those
keyboards let through and many speakers make. A bounded edit distance (any one character) was not taken: it takes
幸运里 for 幸福里, and the sound is what a slip keeps.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["sound_alike", "same_sound", "near_sound"]

MIN_NAME = 3  # a two-character name with one character wrong is half another word
_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=4096)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict  # loaded on the first typo looked for (≈0.2 s once)

    raw = pinyin_dict.get(ord(ch))
    if not raw:
        return frozenset()
    return frozenset(_toneless(r) for r in raw.split(","))


_TONED = str.maketrans({
    **dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěèế", "e"), **dict.fromkeys("īíǐì", "i"),
    **dict.fromkeys("ōóǒò", "o"), **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("ǖǘǚǜ", "v"), "ü": "v",
    **dict.fromkeys("ńňǹ", "n"), **dict.fromkeys("ḿ", "m"),
})


def _toneless(reading: str) -> str:
    return reading.strip().translate(_TONED)


# the fuzzy pairs, each folded to one side: the initial, then the final's nasal
_FUZZY_INITIAL = re.compile(r"^(zh|ch|sh|n(?!g))")
_FUZZY_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "n": "l"}
_FUZZY_FINAL = re.compile(r"(?<=[aei])ng$")


def _fuzzy(reading: str) -> str:
    folded = _FUZZY_INITIAL.sub(lambda m: _FUZZY_INITIALS[m.group(1)], reading, count=1)
    return _FUZZY_FINAL.sub("n", folded)


@lru_cache(maxsize=4096)
def _fuzzy_readings(ch: str) -> frozenset[str]:
    return frozenset(_fuzzy(r) for r in _readings(ch))


def near_sound(a: str, b: str) -> bool:
    """Two characters that share a reading up to the fuzzy pairs (辛/幸, 山/伤, 南/兰)."""
    return same_sound(a, b) or bool(_fuzzy_readings(a) & _fuzzy_readings(b))


def same_sound(a: str, b: str) -> bool:
    """Two characters that share a reading, tones aside (湖/胡, 园/圆, 福/副)."""
    return a == b or bool(_readings(a) & _readings(b))


def sound_alike(f: str, aliases: tuple[tuple[str, str], ...]) -> tuple[str, int, int, str] | None:
    """(canonical, start, end, as written) of the one known name `f` writes with one character
    that sounds like the right one; None when none, or when it could be two communities.
    `aliases`: (folded alias, canonical) pairs."""
    index = _index(aliases)
    if not index:
        return None
    hits: dict[str, tuple[int, int]] = {}
    for n in {len(key) for key in index}:
        for i in range(len(f) - n + 1):
            window = f[i:i + n]
            for k in range(n):
                if not _CJK.match(window[k]):
                    continue
                for alias, canonical in index.get(window[:k] + "?" + window[k + 1:], ()):
                    if window[k] != alias[k] and near_sound(window[k], alias[k]):
                        hits.setdefault(canonical, (i, i + n))
    if len(hits) != 1:
        return None
    (canonical, (start, end)), = hits.items()
    return canonical, start, end, f[start:end]


@lru_cache(maxsize=16)
def _index(aliases: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[str, str]]]:
    """Each alias under every form with one character left open (翠?苑, ?湖苑, 翠湖?): a window of the
    text is looked up, not compared with every name."""
    index: dict[str, list[tuple[str, str]]] = {}
    for alias, canonical in aliases:
        if len(alias) < MIN_NAME or not all(_CJK.match(ch) for ch in alias):
            continue
        for k in range(len(alias)):
            index.setdefault(alias[:k] + "?" + alias[k + 1:], []).append((alias, canonical))
    return index
