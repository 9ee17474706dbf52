"""The urgency rules' vocabulary, read from ``data/urgency_rules.toml`` once at import.

The file holds the regex fragments (negation, past, hypothetical …), the idioms blanked before
matching, the typo fixes and the hazard rules; this module expands its ``{MACRO}`` references and
exposes them under the names :mod:`core.text.urgency_rules` uses. Like :mod:`core.text.vocab`, it is
written in Simplified Chinese only (``tests/text/test_text_vocab.py`` checks).
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

__all__ = [
    "CLAUSE_BREAKS",
    "FIRE_WHAT_IF",
    "HABIT_MARKERS",
    "HELP_BOOSTERS",
    "HYPOTHETICAL",
    "MITIGATED",
    "VIOLENCE_OVER",
    "NEGATION",
    "NOT_URGENT",
    "MODESTY",
    "ONGOING",
    "PAST",
    "PAST_AFTER",
    "PAST_EXPERIENTIAL",
    "PAST_WEAK",
    "QUESTION_AFTER",
    "QUESTION_NEXT",
    "RESOLVED",
    "RESOLVED_BY_HAZARD",
    "STOPPED",
    "TYPO_FIXES",
    "URGENCY_HYPERBOLE",
    "URGENCY_PHONING",
    "URGENCY_IDIOMS",
    "URGENCY_RULES",
    "read_data_toml",
]

_MACRO = re.compile(r"\{([A-Z_]+)\}")


def read_data_toml(name: str) -> dict[str, Any]:
    """A TOML file shipped in ``core/text/data``."""
    return tomllib.loads(resources.files("core.text").joinpath("data", name).read_text(encoding="utf-8"))


_DATA = read_data_toml("urgency_rules.toml")
_MACROS: dict[str, str] = _DATA["macros"]


def _expand(pattern: str) -> str:
    return _MACRO.sub(lambda m: _MACROS[m.group(1)], pattern)


_F: dict[str, str] = {k: (v if k == "CLAUSE_BREAKS" else _expand(v)) for k, v in _DATA["fragments"].items()}

CLAUSE_BREAKS: str = _F["CLAUSE_BREAKS"]
NEGATION: str = _F["NEGATION"]
STOPPED: str = _F["STOPPED"]
RESOLVED: str = _F["RESOLVED"]
MITIGATED: str = _F["MITIGATED"]
VIOLENCE_OVER: str = _F["VIOLENCE_OVER"]
PAST: str = _F["PAST"]
PAST_EXPERIENTIAL: str = _F["PAST_EXPERIENTIAL"]
PAST_WEAK: str = _F["PAST_WEAK"]
ONGOING: str = _F["ONGOING"]
HYPOTHETICAL: str = _F["HYPOTHETICAL"]
NAMED_AFTER: str = _F["NAMED_AFTER"]
QUESTION_AFTER: str = _F["QUESTION_AFTER"]
QUESTION_NEXT: str = _F["QUESTION_NEXT"]
FIRE_WHAT_IF: str = _F["FIRE_WHAT_IF"]
PAST_AFTER: str = _F["PAST_AFTER"]
NOT_URGENT: str = _F["NOT_URGENT"]
MODESTY: str = _F["MODESTY"]
HELP_BOOSTERS: str = _F["HELP_BOOSTERS"]
URGENCY_HYPERBOLE: str = _F["URGENCY_HYPERBOLE"]
URGENCY_PHONING: str = _F["URGENCY_PHONING"]
HABIT_MARKERS: str = _F["HABIT_MARKERS"]
RESOLVED_BY_HAZARD: dict[str, str] = dict(_DATA["resolved_by_hazard"])
TYPO_FIXES: dict[str, str] = dict(_DATA["typo_fixes"])
URGENCY_IDIOMS: tuple[str, ...] = tuple(_DATA["idioms"]["words"])

_OPTIONS = ("benign", "whole", "report", "boost", "habit")
# (hazard, level, pattern, options) per rule, in file order: earlier rules name the hazard first
URGENCY_RULES: tuple[tuple[str | None, str, str, dict[str, str | bool]], ...] = tuple(
    (
        rule["hazard"] or None,
        rule["level"],
        _expand(rule["pattern"]),
        {k: (_expand(rule[k]) if isinstance(rule[k], str) else bool(rule[k])) for k in _OPTIONS if k in rule},
    )
    for rule in _DATA["rules"]
)
