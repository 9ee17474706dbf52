import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.deadlines import DeadlinePolicy, DeadlineRule
from core.enums import Complexity, Urgency
from core.errors import InvalidInput
from core.workcalendar import WorkCalendar

SH = ZoneInfo("Asia/Shanghai")


def at(y: int, mo: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar("Asia/Shanghai")


def test_national_day_and_make_up_workdays(cal: WorkCalendar) -> None:
    assert not cal.is_workday(date(2026, 10, 1))
    assert not cal.is_workday(date(2026, 10, 7))
    # 2026-09-20 (Sunday) and 2026-10-10 (Saturday) are make-up workdays (调休)
    assert cal.is_workday(date(2026, 9, 20))
    assert cal.is_workday(date(2026, 10, 10))


def test_three_working_days_skip_the_holiday(cal: WorkCalendar) -> None:
    # filed on Wednesday 30 Sep: 1-7 Oct are holidays; 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, make-up)
    due = cal.add_workdays(at(2026, 9, 30), 3)
    assert due == datetime(2026, 10, 10, 18, 0, tzinfo=SH)


def test_working_days_on_an_ordinary_week(cal: WorkCalendar) -> None:
    assert cal.add_workdays(at(2026, 11, 23), 3) == datetime(2026, 11, 26, 18, 0, tzinfo=SH)  # Mon → Thu
    assert cal.add_workdays(at(2026, 11, 27), 1) == datetime(2026, 11, 30, 18, 0, tzinfo=SH)  # Fri → Mon
    assert cal.add_workdays(at(2026, 11, 28), 0) == datetime(2026, 11, 30, 18, 0, tzinfo=SH)  # Sat → Mon
    assert cal.workdays_between(at(2026, 11, 23), at(2026, 11, 30)) == 5


def test_unknown_year_falls_back_to_weekdays_with_one_warning(cal: WorkCalendar, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    assert cal.knows_year(2026)
    assert not cal.knows_year(2099)
    assert cal.is_workday(date(2099, 1, 1))  # a Thursday: no holiday data, so a weekday counts
    assert not cal.is_workday(date(2099, 1, 3))  # Saturday
    cal.is_workday(date(2099, 1, 5))
    assert len([r for r in caplog.records if "2099" in r.getMessage()]) == 1
    # a deadline that crosses into the unknown year still comes out
    due = cal.add_workdays(datetime(2098, 12, 31, 10, tzinfo=SH), 3)
    assert due.date() == date(2099, 1, 5)


def test_policy_defaults_follow_the_seeds(cal: WorkCalendar) -> None:
    policy = DeadlinePolicy(cal)
    filed = at(2026, 11, 23)
    simple = policy.compute(filed, category=None, urgency=Urgency.NORMAL, complexity=Complexity.SIMPLE)
    assert simple.due_at == filed + timedelta(hours=24)
    assert simple.first_response_due_at == simple.due_at  # never later than the resolution itself
    assert simple.escalate_at == datetime(2026, 12, 2, 18, 0, tzinfo=SH)  # 7 working days
    complex_ = policy.compute(filed, category=None, urgency=Urgency.NORMAL, complexity=Complexity.COMPLEX)
    assert complex_.due_at == datetime(2026, 11, 26, 18, 0, tzinfo=SH)
    assert complex_.first_response_due_at == filed + timedelta(hours=72)
    hard = policy.compute(filed, category=None, urgency=Urgency.NORMAL, complexity=Complexity.VERY_COMPLEX)
    assert hard.due_at == datetime(2026, 12, 14, 18, 0, tzinfo=SH)  # 15 working days
    emergency = policy.compute(filed, category=None, urgency=Urgency.EMERGENCY, complexity=Complexity.COMPLEX)
    assert emergency.claim_due_at == filed + timedelta(minutes=10)
    assert emergency.due_at == filed + timedelta(minutes=60)


def test_configurable_per_category(cal: WorkCalendar) -> None:
    policy = DeadlinePolicy.from_config(
        cal, {"simple_hours": 12, "categories": {"环境卫生": {"simple_hours": 4}}},
        complexities={"邻里纠纷": "complex"},
    )
    filed = at(2026, 11, 23)
    assert policy.compute(filed, category="环境卫生", urgency=Urgency.NORMAL,
                          complexity=Complexity.SIMPLE).due_at == filed + timedelta(hours=4)
    assert policy.compute(filed, category="其他", urgency=Urgency.NORMAL,
                          complexity=Complexity.SIMPLE).due_at == filed + timedelta(hours=12)
    assert policy.complexity_for("邻里纠纷") is Complexity.COMPLEX
    assert policy.complexity_for("环境卫生") is Complexity.SIMPLE


def test_very_complex_is_never_longer_than_15_working_days() -> None:
    with pytest.raises(InvalidInput):
        DeadlineRule(very_complex_workdays=20)
    with pytest.raises(InvalidInput):
        DeadlinePolicy.from_config(WorkCalendar(), {"nonsense": 1})


def test_a_new_years_arrangement_can_be_configured(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    # an operator types in the State Council's notice for a year the package does not know yet
    cal = WorkCalendar.from_config("Asia/Shanghai", {
        "holidays": ["2099-01-01", date(2099, 1, 2)], "workdays": ["2099-01-03"], "workday_end": "17:30"})
    assert cal.knows_year(2099)
    assert not cal.is_workday(date(2099, 1, 1)) and not cal.is_workday(date(2099, 1, 2))
    assert cal.is_workday(date(2099, 1, 3))  # a Saturday made a working day
    assert not cal.is_workday(date(2099, 1, 4))  # an ordinary Sunday
    assert cal.is_workday(date(2099, 1, 5))
    assert cal.add_workdays(datetime(2098, 12, 31, 10, tzinfo=SH), 1) == datetime(2099, 1, 3, 17, 30, tzinfo=SH)
    assert not [r for r in caplog.records if "2099" in r.getMessage()]  # no fallback warning
    assert cal.is_workday(date(2026, 10, 1)) is False  # the package still answers for its years


@pytest.mark.parametrize(("config", "message"), [
    ({"holidays": ["2099-13-01"]}, "calendar"),
    ({"holidays": ["2099-01-01"], "workdays": ["2099-01-01"]}, "both"),
    ({"moon_phase": 1}, "unknown"),
])
def test_bad_calendar_config(config: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        WorkCalendar.from_config("Asia/Shanghai", config)


def test_a_consultation_only_has_to_be_answered(cal: WorkCalendar) -> None:
    from core.enums import Kind

    policy = DeadlinePolicy(cal)
    filed = at(2026, 11, 23)  # a Monday
    d = policy.compute(filed, category=None, urgency=Urgency.NORMAL, complexity=Complexity.COMPLEX, kind=Kind.CONSULT)
    answer = datetime(2026, 11, 24, 18, 0, tzinfo=SH)  # 1 working day
    assert d.due_at == d.first_response_due_at == answer  # no repair deadline beyond the answer
    assert d.claim_due_at <= answer
    # an emergency worded as a question is still an emergency
    e = policy.compute(filed, category=None, urgency=Urgency.EMERGENCY, complexity=Complexity.SIMPLE, kind=Kind.CONSULT)
    assert e.due_at == filed + timedelta(minutes=60)
    with pytest.raises(InvalidInput):
        DeadlineRule(consult_answer_workdays=0)
