"""Masking per audience (core/privacy.py). The property test over every free-text path lives with the
service tests; these pin the rule itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.privacy import Audience, View, contact, mask_name, redact
from tests.pii import Secret, sentence

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


MOBILE_FORMS = [
    "13912345678", "139 1234 5678", "139-1234-5678", "139.1234.5678", "139 - 1234 - 5678", "+86 139 1234 5678",
    "+86-13912345678", "0086 13912345678", "(+86)13912345678", "（+86）139 1234 5678", "１３９１２３４５６７８",
    "一三九一二三四五六七八", "幺三九幺两三四五六七八", "139 一二三四 5678", "壹叁玖壹贰叁肆伍陆柒捌",
]


@pytest.mark.parametrize("written", MOBILE_FORMS)
def test_mobiles_in_every_written_form(written: str) -> None:
    text = f"我电话{written}，晚上打"
    out = redact(text, Audience.GROUP)
    assert "139****5678" in out and Secret(written, "13912345678", "mobile").shown_in(out) is False, out
    assert redact(text, Audience.CLAIMER) == text  # the claimer calls it, as written


@pytest.mark.parametrize(("written", "masked"), [
    ("0571-88886666", "0571-****6666"), ("(0571)88886666", "0571-****6666"), ("010 6234 5678", "010-****5678"),
    ("0571-88886666转123", "0571-****6666"), ("0755-88888888-12", "0755-****8888"),
    ("零五七一八八八八六六六六", "0571-****6666"),
])
def test_landlines(written: str, masked: str) -> None:
    out = redact(f"座机{written}。", Audience.STAFF)
    assert out == f"座机{masked}。"


@pytest.mark.parametrize("written", [
    "330102199001011234", "33010219900101123X", "330102199001011235",  # valid check digit, X, invalid
    "330102 19900101 1234", "330102-1990-0101-1234", "３３０１０２１９９００１０１１２３４",
])
def test_id_cards_with_or_without_a_valid_check_digit(written: str) -> None:
    out = redact(f"身份证{written}", Audience.CLAIMER)
    assert not Secret(written, "33010219900101123", "id_card").shown_in(out), out
    assert out.startswith("身份证330") and "*" in out


@pytest.mark.parametrize("written", ["6222 0212 3456 7890", "6222-0212-3456-7890", "6222021234567890123",
                                     "6222 0212 3456 7890 123", "4367421234567890"])
def test_bank_cards(written: str) -> None:
    out = redact(f"退款打到卡{written}上", Audience.DESK)
    digits = written.replace(" ", "").replace("-", "")
    assert digits not in out.replace(" ", "") and digits[:4] + " **** **** " + digits[-4:] in out, out


def test_a_phone_next_to_a_room_keeps_the_room() -> None:
    out = redact("3栋2单元501 13912345678，两个电话13912345678 13812345678", Audience.GROUP)
    assert out == "3栋2单元501 139****5678，两个电话139****5678 138****5678"
    both = "两个电话13912345678 13812345678"
    assert redact(both, Audience.CLAIMER) == both


@pytest.mark.parametrize("text", [
    "工单 261123-0042 在3栋2单元501，2026年11月23日，已交费 1280 元",
    "12345热线说三天内处理，已经三四五天了", "二〇二六年十一月二十三日晚上十一点", "订单号 2026-1123-88",
    "400-050-0827", "一直没人管，一楼到五楼都黑",
])
def test_numbers_and_numerals_that_are_not_personal_stay(text: str) -> None:
    assert redact(text, Audience.GROUP) == text


def test_names_only_for_those_who_see_them() -> None:
    text = "我是欧阳娜娜，欧阳娜娜的女儿也反映过"
    assert redact(text, Audience.GROUP, names=["欧阳娜娜", None, "张"]) == "我是欧***，欧***的女儿也反映过"
    assert redact(text, Audience.FOLLOWER, names=["欧阳娜娜"]).count("欧***") == 2
    assert redact(text, Audience.CLAIMER, names=["欧阳娜娜"]) == text


def test_masking_is_idempotent() -> None:
    once = redact(TEXT, Audience.GROUP, names=["王小明"])
    assert redact(once, Audience.GROUP, names=["王小明"]) == once


def test_a_view_renders_text_and_contact() -> None:
    view = View.of(Audience.GROUP, ["王小明", None])
    assert view.text("王小明 13912345678") == "王** 139****5678"
    assert view.phone("13912345678") == "138****5678".replace("138", "139")
    assert View.of(Audience.CLAIMER).phone("13912345678") == "13912345678"


@settings(max_examples=300, deadline=None)
@given(sentence(), st.sampled_from([Audience.GROUP, Audience.STAFF, Audience.DESK, Audience.FOLLOWER,
                                    Audience.LOG]))
def test_no_written_form_gets_through(case: tuple[str, list[Secret]], audience: Audience) -> None:
    text, secrets = case
    out = redact(text, audience, names=[s.written for s in secrets if s.kind == "name"])
    leaked = [s for s in secrets if s.shown_in(out)]
    assert not leaked, f"{text!r} → {out!r}"


@settings(max_examples=200, deadline=None)
@given(sentence())
def test_the_claimer_keeps_phones_loses_ids(case: tuple[str, list[Secret]]) -> None:
    text, secrets = case
    out = redact(text, Audience.CLAIMER)
    for s in secrets:
        if s.kind in ("id_card", "bank_card"):
            assert not s.shown_in(out), f"{text!r} → {out!r}"
        else:
            assert s.written in out, f"{text!r} → {out!r}"


def test_an_email_is_masked_for_a_group_and_kept_for_the_worker_and_the_resident() -> None:
    # usertest27: 「有事发邮件 zhang.wei@example.com」 reached the grid's group as written
    said = "有事发邮件 zhang.wei@example.com 或者打电话"
    grouped = redact(said, Audience.GROUP)
    assert "zhang.wei@" not in grouped and "z***@example.com" in grouped
    assert redact(said, Audience.RESIDENT) == said and "zhang.wei@example.com" in redact(said, Audience.CLAIMER)


# usertest28: a name the resident types into the description (not their chat name) reached the grid group.
@pytest.mark.parametrize(("text", "name", "masked"), [
    ("我叫赵明远，住阳光花园2栋，水管漏了", "赵明远", "赵**"),
    ("我是老孙，5栋楼道灯又不亮了", "老孙", "老*"),
    ("本人钱丽华，投诉楼下烧烤", "钱丽华", "钱**"),
    ("小区门口堵车，我的名字叫欧阳明，电话13900001111", "欧阳明", "欧**"),
])
def test_a_name_given_in_the_text_is_masked_like_the_chat_name(text: str, name: str, masked: str) -> None:
    for audience in (Audience.GROUP, Audience.STAFF, Audience.DESK, Audience.FOLLOWER, Audience.LOG):
        out = redact(text, audience)
        assert name not in out and masked in out, (audience, out)
    assert name in redact(text, Audience.CLAIMER) and name in redact(text, Audience.DESK_REVEALED)
    assert redact(text, Audience.RESIDENT) == text


@pytest.mark.parametrize("text", [
    "我是幸福里的老住户，厨房水龙头坏了", "我是业主，电梯老坏", "我是王阿姨，3栋的", "我是高层住户，水压太低",
    "我是3栋的，楼下太吵", "本人在5栋住了十年", "我是小区居民", "我是白天打的电话",
])
def test_words_after_an_introduction_that_name_nobody_stay(text: str) -> None:
    assert redact(text, Audience.GROUP) == text


def test_a_name_given_in_the_text_is_erased_for_good() -> None:
    from core.privacy import REDACTED, erase
    assert erase("我叫赵明远，水管漏了") == f"我叫{REDACTED}，水管漏了"


@pytest.mark.parametrize(("nickname", "text", "kept", "masked"), [
    ("阳光", "阳光花园3栋楼道灯坏了，我是阳光", "阳光花园3栋", "我是阳*"),
    ("幸福", "幸福小区南门的路灯不亮，幸福留", "幸福小区南门", "幸*留"),
])
def test_a_nickname_inside_a_place_name_is_the_place(nickname: str, text: str, kept: str, masked: str) -> None:
    """Eighteenth session's second user test: a resident whose chat name is 阳光 had 「阳*花园3栋」 on the grid's card."""
    out = redact(text, Audience.GROUP, names=[nickname])
    assert kept in out and masked in out
