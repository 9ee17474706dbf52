from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.text.address import Address
from core.text.extract import extract

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_extract_everything() -> None:
    text = "我是幸福里3栋2单元501的，电话138 1234 5678，刚才闻到楼道里有很浓的煤气味"
    got = extract(text, NOW, known_communities=["幸福里小区"])
    assert got.address == Address("幸福里小区", "3", "2", "501")
    assert got.phones == ["13812345678"]
    assert got.time is not None and got.time.text == "刚才"
    assert got.time.start == NOW - timedelta(minutes=10)
    assert got.urgency.level == "emergency" and got.urgency.hazard == "gas"
    assert got.missing == ()


def test_extract_reports_what_is_missing() -> None:
    got = extract("楼上每天晚上12点还在装修，吵死了", NOW)
    assert got.address.is_empty
    assert got.phones == []
    assert got.time is not None and got.time.recurring
    assert got.urgency.level == "normal"
    assert got.missing == ("community", "building", "phone")


def test_extract_phone_is_not_an_address_or_time() -> None:
    got = extract("13812345678", NOW)
    assert got.phones == ["13812345678"]
    assert got.address.is_empty
    assert got.time is None
    assert got.urgency.level == "normal"


def test_extract_empty() -> None:
    got = extract("", NOW)
    assert got.address.is_empty and got.phones == [] and got.time is None
    assert got.urgency.level == "normal"
