"""Pure readers of a resident's Chinese message: normalisation, phones, addresses, time phrases,
urgency, and :func:`extract` that runs them all. No I/O, no clock: time is passed in."""

from core.text.address import (
    Address,
    CommunitySpec,
    community_key,
    match_level,
    normalize_building,
    normalize_room,
    parse_address,
    same_building,
    same_community,
    same_room,
    same_unit,
)
from core.text.extract import Extracted, extract
from core.text.normalize import cn_number, fold, normalize, to_simplified
from core.text.phone import find_phones, mask_phone, normalize_phone
from core.text.timephrase import TimePhrase, parse_time_phrase
from core.text.urgency import UrgencyAssessment, assess_urgency

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
