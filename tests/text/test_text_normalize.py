import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text.normalize import _nfkc_short, cn_number, fold, nfkc, normalize, to_simplified


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("电话：１３８ １２３４ ５６７８", "电话:138 1234 5678"),
        ("３栋２单元５０１", "3栋2单元501"),
        ("你好，\u3000物业", "你好, 物业"),  # full-width comma is full-width ASCII too
        ("  前后空白  ", "前后空白"),
        ("多个\t\t空白\n\n换行", "多个 空白 换行"),
        ("零\u200b宽\u200d字\ufeff符", "零宽字符"),
        ("控制\x00字\x07符\x1b", "控制字符"),
        ("\u202e反向\u202c", "反向"),
        ("中文。标点！保留", "中文。标点!保留"),  # ！ is full-width ASCII, 。 is not
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_composes_after_narrowing() -> None:
    assert normalize("Ａ\u0301") == "Á"


@pytest.mark.parametrize(
    ("trad", "simp"),
    [
        ("樓道裡煤氣味很重", "楼道里煤气味很重"),
        ("電梯困人", "电梯困人"),
        ("著火了", "着火了"),
        ("燃氣洩漏", "燃气泄漏"),
        ("幸福裡小區3棟2單元", "幸福里小区3栋2单元"),
        ("昨晚12點", "昨晚12点"),
        ("每週", "每周"),
        ("已經不漏了", "已经不漏了"),
        ("簡體字不變", "简体字不变"),
        ("简体字不变", "简体字不变"),
    ],
)
def test_to_simplified(trad: str, simp: str) -> None:
    assert to_simplified(trad) == simp


def test_fold_lowercases_ascii_only_and_keeps_length() -> None:
    assert fold("A座 電梯 İ") == "a座 电梯 İ"


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99),
        ("两", 2), ("两百", 200), ("〇", 0), ("零", 0), ("一百", 100), ("一百零五", 105), ("一百二", 120),
        ("一百二十", 120), ("三百四十五", 345), ("九百九十九", 999), ("一千零一十", 1010), ("三千五", 3500),
        ("两万三", 23000), ("1万2", 12000), ("12万", 120000), ("3百", 300), ("十5", 15), ("2十5", 25),
        ("壹佰贰拾叁", 123), ("叁", 3), ("拾", 10), ("五零一", 501), ("幺零幺", 101), ("二〇二六", 2026),
        ("2026", 2026), ("007", 7), ("兩百", 200), ("１２", 12), (" 十二 ", 12), ("廿", None),
        ("", None), ("百", None), ("十百", None), ("三十二百", None), ("abc", None), ("3号", None),
        ("一二三四五六七八九十" * 10, None),
    ],
)  # fmt: skip
def test_cn_number(s: str, value: int | None) -> None:
    assert cn_number(s) == value


@given(st.integers(min_value=0, max_value=9999))
def test_cn_number_roundtrip_formal(n: int) -> None:
    digits = "零一二三四五六七八九"
    if n == 0:
        text = "零"
    else:
        parts = []
        zero = False
        for unit, power in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = n // power % 10
            if d == 0:
                zero = bool(parts)
                continue
            if zero:
                parts.append("零")
                zero = False
            parts.append(digits[d] + unit)
        text = "".join(parts)
    assert cn_number(text) == n


@given(st.text())
def test_normalize_is_idempotent(s: str) -> None:
    once = normalize(s)
    assert normalize(once) == once


@given(st.text())
def test_fold_preserves_length(s: str) -> None:
    n = normalize(s)
    assert len(fold(n)) == len(n)


@settings(max_examples=150)
@given(st.text(max_size=200))
def test_cn_number_never_raises(s: str) -> None:
    cn_number(s)


def test_cn_number_bounded_on_huge_input() -> None:
    # CPU time, not the wall clock: on a loaded machine waiting for a core is not the parser's cost
    t0 = time.thread_time()
    assert cn_number("一十" * 100_000) is None
    assert time.thread_time() - t0 < 0.5


@given(st.text(max_size=300))
def test_nfkc_is_unicodedatas_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_remembers_short_texts_only() -> None:
    _nfkc_short.cache_clear()
    nfkc("3栋2单元楼道灯坏了一个星期，晚上上楼很黑")
    nfkc("3栋2单元楼道灯坏了一个星期，晚上上楼很黑")
    nfkc("，" * 257)
    assert _nfkc_short.cache_info().hits == 1 and _nfkc_short.cache_info().currsize == 1
