"""Pure readers of a resident's Chinese message: normalisation, phones, addresses, time phrases,
urgency, and :func:`extract` that runs them all. No I/O, no clock: time is passed in.

The names below are loaded on first use (PEP 562): importing one light reader (``core.text.normalize``
for masking, say) must not load the urgency model and numpy with it."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    **dict.fromkeys(("Address", "CommunitySpec", "community_key", "normalize_building", "normalize_room",
                     "parse_address"), "core.text.address"),
    **dict.fromkeys(("match_level", "same_building", "same_community", "same_room", "same_unit"),
                    "core.text.address_compare"),
    **dict.fromkeys(("Extracted", "extract"), "core.text.extract"),
    **dict.fromkeys(("cn_number", "fold", "normalize", "to_simplified"), "core.text.normalize"),
    **dict.fromkeys(("find_phones", "mask_phone", "normalize_phone"), "core.text.phone"),
    **dict.fromkeys(("TimePhrase", "parse_time_phrase"), "core.text.timephrase"),
    **dict.fromkeys(("UrgencyAssessment", "assess_urgency"), "core.text.urgency"),
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'core.text' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    # `extract` and `normalize` are also submodules' names: importing those set the package's attribute
    # to the module, so import them from their modules (core.text.extract, core.text.normalize)
    globals()[name] = value
    return value

__all__ = [
    "Address",
    "CommunitySpec",
    "Extracted",
    "TimePhrase",
    "UrgencyAssessment",
    "assess_urgency",
    "cn_number",
    "community_key",
    "extract",
    "find_phones",
    "fold",
    "mask_phone",
    "match_level",
    "normalize",
    "normalize_building",
    "normalize_phone",
    "normalize_room",
    "parse_address",
    "parse_time_phrase",
    "same_building",
    "same_community",
    "same_room",
    "same_unit",
    "to_simplified",
]
