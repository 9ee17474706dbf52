"""Personal data written the many ways people write it, for the masking tests: a hypothesis strategy
of (written form, what must never show) pairs, and the check that a text shows none of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

from core.text.phone import digit_view

SPOKEN = ("零一二三四五六七八九", "〇幺两三四五六七八九")
SURNAMES = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施"
GIVEN = "嘉懿煜城懿轩烨伟苑博伟泽熠彤鸿煊博涛烨霖烨华煜祺智宸正豪昊然明杰诚立轩立辉峻熙弘文熠彤鸿"


@dataclass(frozen=True)
class Secret:
    written: str  # as it appears in the text
    digits: str  # what must never show, separators and spelling aside (or the name itself)
    kind: str

    def shown_in(self, text: str) -> bool:
        if self.kind == "name":
            return self.digits in text
        return self.digits in _digits_only(text)


def _digits_only(text: str) -> str:
    """The text's digits with every separator people put between them removed, Chinese numerals read
    as digits: a number shown in any spelling is found in it."""
    return re.sub(r"[ \-.()（）+]", "", digit_view(text, numerals=True))


def _spell(digits: str, draw: st.DrawFn, *, seps: tuple[str, ...] = ("", " ", "-", ".", " - ")) -> str:
    table = draw(st.sampled_from(SPOKEN))
    how = draw(st.sampled_from(["digits", "spoken", "mixed", "fullwidth"]))
    out = []
    for d in digits:
        if how == "spoken" or (how == "mixed" and draw(st.booleans())):
            out.append(table[int(d)])
        elif how == "fullwidth":
            out.append(chr(ord(d) + 0xFEE0))
        else:
            out.append(d)
    return _group(out, draw, seps)


def _group(chars: list[str], draw: st.DrawFn, seps: tuple[str, ...]) -> str:
    sep = draw(st.sampled_from(seps))
    if len(chars) == 11:  # 3-4-4, as mobiles are read
        return sep.join(["".join(chars[:3]), "".join(chars[3:7]), "".join(chars[7:])])
    return "".join(chars)


@st.composite
def mobile(draw: st.DrawFn) -> Secret:
    digits = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    written = _spell(digits, draw)
    prefix = draw(st.sampled_from(["", "", "+86 ", "+86-", "0086 ", "(+86)", "（+86）"]))
    if prefix and not written[0].isdigit():
        prefix = ""  # a country code before a number read out in numerals is not how anyone writes
    return Secret(prefix + written, digits, "mobile")


@st.composite
def landline(draw: st.DrawFn) -> Secret:
    area = draw(st.sampled_from(["010", "021", "0571", "0755", "0931"]))
    local = draw(st.sampled_from("23456789")) + draw(st.text("0123456789", min_size=7, max_size=7))
    form = draw(st.sampled_from(["{a}-{l}", "{a} {l}", "({a}){l}", "（{a}）{l}", "{a}-{l}转{e}", "{a}-{l}-{e}"]))
    ext = draw(st.text("0123456789", min_size=2, max_size=4))
    return Secret(form.format(a=area, l=local, e=ext), area + local, "landline")


def _id_number(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["110101", "330102", "440305", "510104"]))
    year = draw(st.integers(1940, 2010))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    body = f"{region}{year}{month:02d}{day:02d}{draw(st.text('0123456789', min_size=3, max_size=3))}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    valid = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + (valid if draw(st.booleans()) else draw(st.sampled_from("0123456789X")))


@st.composite
def id_card(draw: st.DrawFn) -> Secret:
    number = _id_number(draw)
    form = draw(st.sampled_from(["plain", "6-8-4", "fullwidth"]))
    if form == "6-8-4":
        written = f"{number[:6]} {number[6:14]} {number[14:]}"
    elif form == "fullwidth":
        written = "".join(chr(ord(c) + 0xFEE0) for c in number)
    else:
        written = number
    return Secret(written, number[:17], "id_card")  # the check digit's spelling aside


@st.composite
def bank_card(draw: st.DrawFn) -> Secret:
    digits = draw(st.sampled_from(["6222", "6217", "4367", "5187"])) + draw(
        st.text("0123456789", min_size=12, max_size=15))
    if len(digits) == 16 and draw(st.booleans()):
        written = " ".join(digits[i:i + 4] for i in range(0, 16, 4))
    else:
        written = digits
    return Secret(written, digits, "bank_card")


@st.composite
def name(draw: st.DrawFn) -> Secret:
    full = draw(st.sampled_from(SURNAMES)) + "".join(draw(st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2)))
    return Secret(full, full, "name")


LEADS = {"mobile": "我电话", "landline": "座机", "id_card": "身份证号", "bank_card": "卡号", "name": "我叫"}


@st.composite
def sentence(draw: st.DrawFn, resident_name: str | None = None) -> tuple[str, list[Secret]]:
    """A short complaint sentence carrying one to three pieces of personal data."""
    secrets = draw(st.lists(st.one_of(mobile(), landline(), id_card(), bank_card()), min_size=1, max_size=3))
    if resident_name:
        secrets.append(Secret(resident_name, resident_name, "name"))
    parts = [f"{LEADS[s.kind]}{s.written}" for s in secrets]
    return "楼上装修太吵，" + "，".join(parts) + "，请处理。", secrets
