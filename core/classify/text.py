"""Text normalisation and n-gram extraction shared by training and prediction.

Both sides must produce identical features, so every transformation of the raw text lives here.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from opencc import OpenCC

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# Tokens made only of punctuation/symbols carry no topic and only dilute the word features.
_PUNCT_ONLY = re.compile(r"^[\W_]+$")

_converter_lock = threading.Lock()
_converter: OpenCC | None = None


def _to_simplified(text: str) -> str:
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = OpenCC("t2s")
    return str(_converter.convert(text))


def normalize(text: str) -> str:
    """Fold the surface variation that says nothing about the topic.

    NFKC turns full-width letters/digits into ASCII; Traditional characters become Simplified so
    that 電梯 and 电梯 are one feature; digit runs (room numbers, phones, dates) collapse to "0"
    so that "3栋2单元501" and "5栋1单元302" look alike.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _to_simplified(text)
    text = _DIGITS.sub("0", text)
    return _SPACES.sub(" ", text).strip()


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    length = len(text)
    for n in range(low, high + 1):
        for start in range(0, length - n + 1):
            gram = text[start : start + n]
            if not gram.isspace():
                grams.append(gram)
    return grams


def word_ngrams(tokens: Sequence[str], low: int, high: int) -> list[str]:
    grams: list[str] = []
    for n in range(low, high + 1):
        for start in range(0, len(tokens) - n + 1):
            grams.append(" ".join(tokens[start : start + n]))
    return grams


def content_tokens(tokens: Iterable[str]) -> list[str]:
    return [t for t in (tok.strip() for tok in tokens) if t and not _PUNCT_ONLY.match(t)]


@dataclass(frozen=True)
class Document:
    """A message seen as a short head (subject, or the whole message) and a body.

    Models trained on several text columns weight the first column (a subject line) apart from
    the rest; a single chat message is its own head and body, the same at training and prediction.
    """

    head: str
    body: str

    @classmethod
    def of(cls, text: str | Sequence[str]) -> Document:
        if isinstance(text, str):
            return cls(text, text)
        fields = [f for f in text]
        if not fields:
            return cls("", "")
        if len(fields) == 1:
            return cls(fields[0], fields[0])
        return cls(fields[0], " ".join(fields[1:]))
