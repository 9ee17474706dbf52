"""The holiday calendar's refusals and labels at the desk (administration → 节假日)."""

from __future__ import annotations

from datetime import date

SOURCES = {"package": "chinesecalendar 软件包（国务院已公布）", "desk": "在工作台录入",
           "config": "配置文件 [calendar]", None: "未知：按周一至周五计算工作日"}
CHANGES = {"holiday": "设为节假日", "workday": "设为调休上班日", "removed": "删除"}


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def name_too_long(limit: int) -> str:
    return f"节日名称最多{limit}个字"


def workday_not_weekend(day: date) -> str:
    return f"{_d(day)}本来就是工作日：调休上班日只能是周六或周日"


def weekend_holiday_needs_name(day: date) -> str:
    return f"{_d(day)}是周末，本来就不上班：作为节假日录入时请填写节日名称"


def already(day: date, workday: bool) -> str:
    return f"{_d(day)}已经是{'调休上班日' if workday else '节假日'}"


def not_stored(day: date) -> str:
    return f"{_d(day)}不在录入的节假日安排中"


def year_out_of_range(first: int, last: int) -> str:
    return f"只能录入{first}年或{last}年的安排"


def package_knows(year: int) -> str:
    return f"{year}年的安排已由 chinesecalendar 软件包提供，无需录入"


def config_owns(year: int) -> str:
    return f"{year}年的安排写在配置文件 [calendar] 中，请在配置文件中修改"


def too_many_days(limit: int) -> str:
    return f"一次最多录入{limit}天"
