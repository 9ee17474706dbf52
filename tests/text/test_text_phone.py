import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text.phone import find_phones, mask_phone, normalize_phone


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("我的电话13812345678", ["13812345678"]),
        ("电话 138 1234 5678 谢谢", ["13812345678"]),
        ("138-1234-5678", ["13812345678"]),
        ("138.1234.5678", ["13812345678"]),
        ("+86 138 1234 5678", ["13812345678"]),
        ("+8613812345678", ["13812345678"]),
        ("0086-13812345678", ["13812345678"]),
        ("(+86)13812345678", ["13812345678"]),
        ("8613812345678", ["13812345678"]),
        ("１３８１２３４５６７８", ["13812345678"]),
        ("手机19912345678，座机010-62345678", ["19912345678", "010-62345678"]),
        ("010-12345678", ["010-12345678"]),
        ("(010)62345678", ["010-62345678"]),
        ("（0571）88888888", ["0571-88888888"]),
        ("01062345678", ["010-62345678"]),
        ("0571-8888888", ["0571-8888888"]),
        ("021 6666 8888", ["021-66668888"]),
        ("0755-88888888-123", ["0755-88888888-123"]),
        ("0571-88888888转12", ["0571-88888888-12"]),
        ("0571-88888888 3栋", ["0571-88888888"]),
        ("13812345678和138-1234-5678是同一个", ["13812345678"]),
        ("先打15912345678，不行再打13812345678", ["15912345678", "13812345678"]),
        ("3栋2单元501 13912345678", ["13912345678"]),
        # not phones
        ("3栋2单元501室", []),
        ("日期20261123", []),
        ("2026-11-23下午", []),
        ("工单号261123-0042", []),
        ("金额13800元", []),
        ("身份证110101199003071234", []),
        ("银行卡6222021234567890123", []),
        ("12345热线", []),
        ("400-050-0827", []),
        ("12812345678", []),  # 12x is not a mobile prefix
        ("1381234567", []),  # 10 digits
        ("138123456789", []),  # 12 digits
        ("订单2026112313812345678", []),
        ("晚上12点", []),
        ("", []),
    ],
)
def test_find_phones(text: str, phones: list[str]) -> None:
    assert find_phones(text) == phones


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("13812345678", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("１３８－１２３４－５６７８", "13812345678"),
        ("17012345678", "17012345678"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(010) 1234 5678", "010-12345678"),
        ("0571-8888888", "0571-8888888"),
        ("0755-88888888-123", "0755-88888888-123"),
        ("0755-88888888 转 123", "0755-88888888-123"),
        ("+852 9123 4567", "852-91234567"),  # Hong Kong and Macau mobiles, with their country code
        ("(853) 6612-3456", "853-66123456"),
        ("852-91234567", "852-91234567"),  # the canonical form reads as itself
        ("9123 4567", None),  # without it, eight digits could be anything
        ("852 1234 5678", None),  # no HK mobile starts with 1
        ("12345678", None),
        ("1381234567", None),
        ("23812345678", None),
        ("00012345678", None),
        ("电话13812345678", None),  # not the whole string
        ("261123-0042", None),
        ("", None),
        ("x" * 1000, None),
    ],
)
def test_normalize_phone(raw: str, canonical: str | None) -> None:
    assert normalize_phone(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("010-12345678", "010-****5678"),
        ("0571-8888888", "0571-****8888"),
        ("0755-88888888-123", "0755-****8888"),  # the extension is not shown
        ("+852 9123 4567", "852-****4567"),
        ("not a phone 123456", "not a phone ******"),
        ("", ""),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


mobiles = st.builds(
    lambda p, rest: f"1{p}{rest}",
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
landlines = st.builds(
    lambda area, first, rest: f"{area}-{first}{rest}",
    st.sampled_from(["010", "021", "020", "0571", "0755", "0931"]),
    st.sampled_from("23456789"),
    st.text(alphabet="0123456789", min_size=6, max_size=7),
)


@given(mobiles)
def test_mask_mobile_never_reveals_middle(p: str) -> None:
    masked = mask_phone(p)
    assert masked == p[:3] + "****" + p[7:]
    assert len(re.findall(r"\d", masked)) == 7


@given(mobiles, st.sampled_from(["", "+86 ", "0086-", "86"]), st.sampled_from(["", " ", "-"]))
def test_mask_mobile_any_written_form(p: str, prefix: str, sep: str) -> None:
    written = prefix + p[:3] + sep + p[3:7] + sep + p[7:]
    masked = mask_phone(written)
    assert masked == p[:3] + "****" + p[7:]


@given(landlines)
def test_mask_landline_keeps_area_and_last_four(p: str) -> None:
    area, local = p.split("-")
    masked = mask_phone(p)
    assert masked == f"{area}-****{local[-4:]}"
    assert len(re.findall(r"\d", masked)) == len(area) + 4


@given(st.text(max_size=60))
def test_mask_never_shows_more_digits_than_allowed(s: str) -> None:
    masked = mask_phone(s)
    canon = normalize_phone(s)
    shown = len(re.findall(r"\d", masked))
    if canon is None:
        assert shown == 0
    else:
        assert shown <= 8  # 3+4 for a mobile, area (≤4) + 4 for a landline


@given(mobiles, st.text(alphabet="栋单元室号楼的是我电话：, ", max_size=10))
def test_find_phone_inside_chinese_text(p: str, filler: str) -> None:
    assert find_phones(f"{filler}{p}{filler}") == [p]


@settings(max_examples=150)
@given(st.text())
def test_find_phones_never_raises(s: str) -> None:
    for phone in find_phones(s):
        assert normalize_phone(phone) == phone  # canonical forms are fixed points


@pytest.mark.parametrize(
    "evil",
    [
        "1" * 50_000,
        "1-" * 25_000,
        "0" * 50_000,
        "(0" * 20_000,
        "138 " * 12_000,
        "+86" * 15_000,
        "0571-8" * 8000,
    ],
)
def test_find_phones_bounded_time(evil: str) -> None:
    t0 = time.thread_time()
    find_phones(evil)
    normalize_phone(evil)
    mask_phone(evil)
    assert time.thread_time() - t0 < 1.0


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        # read out in Chinese numerals, digit by digit
        ("我电话是一三九零零一二三四五六", ["13900123456"]),
        ("幺三九零零幺二三四五六", ["13900123456"]),
        ("一三八两两三四五六七八", ["13822345678"]),
        ("139 零零一二 3456", ["13900123456"]),
        ("电话139零零一二3456谢谢", ["13900123456"]),
        ("一三九 零零一二 三四五六", ["13900123456"]),
        ("座机零五七一八八八八六六六六", ["0571-88886666"]),
        ("壹叁玖零零壹贰叁肆伍陆", ["13900123456"]),
        # spaced, dashed and dotted with more than one separator, odd dashes, brackets
        ("138 - 1234 - 5678", ["13812345678"]),
        ("138—1234—5678", ["13812345678"]),
        ("1 3 8 1 2 3 4 5 6 7 8", ["13812345678"]),
        ("138\u200b1234\u200b5678", ["13812345678"]),
        ("（0571） 8888 6666", ["0571-88886666"]),
        ("0571-88886666 分机 123", ["0571-88886666-123"]),
        ("+86 (0)139 1234 5678".replace("(0)", ""), ["13912345678"]),
        # a numeral word beside a plain number spoils neither
        ("13912345678一直没人接", ["13912345678"]),
        ("一楼13912345678", ["13912345678"]),
        # numerals that are not phones
        ("三栋二单元五零一", []),
        ("二〇二六年十一月二十三日", []),
        ("一二三四五六七", []),
        ("已经三四五天了", []),
    ],
)
def test_find_phones_in_every_written_form(text: str, phones: list[str]) -> None:
    assert find_phones(text) == phones


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("一三八一二三四五六七八", "13812345678"),
        ("幺三八 幺二三四 五六七八", "13812345678"),
        ("139 零零一二 3456", "13900123456"),
        ("零五七一 八八八八六六六六", "0571-88886666"),
        ("一三八", None),
        ("三栋二单元", None),
    ],
)
def test_normalize_phone_reads_numerals(raw: str, canonical: str | None) -> None:
    assert normalize_phone(raw) == canonical


def test_mask_phone_hides_numerals_of_a_malformed_value() -> None:
    assert mask_phone("一三九零零") == "*****"
    assert mask_phone("一三九零零一二三四五六") == "139****3456"


cn_digits = st.sampled_from(["零一二三四五六七八九", "〇幺两三四五六七八九"])


@given(mobiles, cn_digits, st.lists(st.booleans(), min_size=11, max_size=11),
       st.sampled_from(["", " ", "-", " - "]))
def test_mobiles_in_mixed_numerals(p: str, table: str, spoken: list[bool], sep: str) -> None:
    digits = [table[int(d)] if say else d for d, say in zip(p, spoken, strict=True)]
    written = "".join(digits[:3]) + sep + "".join(digits[3:7]) + sep + "".join(digits[7:])
    assert find_phones(f"我的电话：{written}，谢谢") == [p]
    assert normalize_phone(written) == p
