"""Masking per audience (core/privacy.py). The property test over every free-text path lives with the
service tests; these pin the rule itself."""

from __future__ import annotations

from core.privacy import Audience, contact, mask_name, redact

TEXT = "我电话13912345678，座机0571-88886666，身份证号330102199001011234，卡号6222021234567890123，我叫王小明"


def test_a_group_sees_nothing_personal() -> None:
    out = redact(TEXT, Audience.GROUP, names=["王小明"])
    for secret in ("13912345678", "88886666", "330102199001011234", "6222021234567890123", "王小明"):
        assert secret not in out
    assert "139****5678" in out and "0571-****6666" in out and "王**" in out


def test_the_claimer_sees_phones_not_ids() -> None:
    out = redact(TEXT, Audience.CLAIMER, names=["王小明"])
    assert "13912345678" in out and "0571-88886666" in out and "王小明" in out
    assert "330102199001011234" not in out and "6222021234567890123" not in out


def test_the_resident_sees_their_own_words() -> None:
    assert redact(TEXT, Audience.RESIDENT, names=["王小明"]) == TEXT


def test_numbers_that_are_not_personal_stay() -> None:
    text = "工单 261123-0042 在3栋2单元501，2026年11月23日，已交费 1280 元"
    assert redact(text, Audience.GROUP) == text


def test_spaced_and_prefixed_mobiles() -> None:
    for written in ("138 1234 5678", "138-1234-5678", "+86 13812345678", "（+86）138 1234 5678"):
        assert "5678" in redact(written, Audience.GROUP) and "1234" not in redact(written, Audience.GROUP), written


def test_contact_field_and_names() -> None:
    assert contact("13812345678", Audience.DESK) == "138****5678"
    assert contact("13812345678", Audience.DESK_REVEALED) == "13812345678"
    assert contact(None, Audience.GROUP) == "未留"
    assert mask_name("张伟") == "张*" and mask_name("欧阳娜娜") == "欧***"
