"""The vocabulary must be written in Simplified Chinese: the readers match a Simplified fold of the
message, so a Traditional spelling in a keyword would silently never match."""

import re

from core.text import danger, urgency_vocab, vocab
from core.text.normalize import to_simplified


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, (tuple, list, set, frozenset)):
        return [s for item in value for s in _strings(item)]
    return []


def test_vocabulary_is_simplified() -> None:
    offenders = []
    for module in (vocab, urgency_vocab):
        for name in dir(module):
            if name.isupper():
                for s in _strings(getattr(module, name)):
                    if to_simplified(s) != s:
                        offenders.append((name, s))
    assert offenders == []


def test_danger_concepts_are_simplified_and_bounded() -> None:
    data = urgency_vocab.read_data_toml("danger_concepts.toml")
    for table in data.values():
        for name, pattern in table.items():
            assert to_simplified(pattern) == pattern, (name, pattern)
            assert ".*" not in pattern and ".+" not in pattern, pattern
            re.compile(pattern)
    assert danger.FRAMES[-1] == "now"


def test_urgency_rules_compile_and_are_bounded() -> None:
    for hazard, level, pattern, opts in urgency_vocab.URGENCY_RULES:
        assert hazard is None or isinstance(hazard, str)
        assert level in ("emergency", "urgent")
        re.compile(pattern)
        # every gap is bounded: no open-ended .* / .+ that could scan a whole message per match
        assert ".*" not in pattern and ".+" not in pattern, pattern
        benign = opts.get("benign")
        if isinstance(benign, str):
            re.compile(benign)
