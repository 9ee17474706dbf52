"""The report as named tables (title, headers, rows): the common form behind CSV, XLSX and HTML."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.reports.figures import Rate, Report
from core.texts.reports import FIGURES, HEAD, SECTIONS, WORDS


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]


def _rate_row(key: str, rate: Rate) -> list[Any]:
    label, definition = FIGURES[key]
    return [label, rate.value if rate.value is not None else "", rate.numerator, rate.denominator, definition]


def _local(moment: Any, report: Report) -> str:
    return f"{moment.astimezone(report.period.tz):%Y-%m-%d %H:%M}"


def tables(report: Report) -> list[Table]:
    h = HEAD
    summary = [_rate_row(k, getattr(report, k)) for k in
               ("feedback_on_time", "closure", "follow_up", "satisfaction", "resolved_on_time", "dispatch_accuracy")]
    summary += [[WORDS["filed"], report.filed, "", "", ""], [WORDS["dissatisfied"], report.dissatisfied, "", "", ""],
                [WORDS["no_answer"], report.closed_without_answer, "", "", ""],
                [WORDS["resolved_late"], report.resolved_late, "", "", ""], [WORDS["returns"], report.returns, "", "", ""]]
    intake: list[list[Any]] = []
    for key, pairs in (("by_kind", report.by_kind), ("by_category", report.by_category), ("by_grid", report.by_grid),
                       ("by_channel", report.by_channel), ("by_urgency", report.by_urgency)):
        intake += [[SECTIONS[key], name, count] for name, count in pairs]
    return [
        Table("summary", SECTIONS["summary"], [h["item"], h["rate"], h["numerator"], h["denominator"], "口径"], summary),
        Table("intake", SECTIONS["intake"], ["维度", h["item"], h["count"]], intake),
        Table("satisfaction_by_category", SECTIONS["satisfaction_by_category"],
              [h["category"], h["rate"], h["numerator"], h["denominator"]],
              [[c, r.value if r.value is not None else "", r.numerator, r.denominator]
               for c, r in report.satisfaction_by_category]),
        Table("per_grid", SECTIONS["per_grid"],
              [h["grid"], h["filed"], FIGURES["feedback_on_time"][0], h["numerator"], h["denominator"],
               FIGURES["resolved_on_time"][0], h["numerator"], h["denominator"]],
              [[g.grid, g.filed, _v(g.feedback_on_time), g.feedback_on_time.numerator, g.feedback_on_time.denominator,
                _v(g.resolved_on_time), g.resolved_on_time.numerator, g.resolved_on_time.denominator]
               for g in report.per_grid]),
        Table("overdue", SECTIONS["overdue"],
              [h["number"], h["status"], h["urgency"], h["category"], h["grid"], h["due"], h["hours_over"], h["level"]],
              [[o.number, o.status, o.urgency, o.category, o.grid, _local(o.due_at, report), round(o.hours_over, 1),
                o.escalation_level] for o in report.overdue]),
        Table("returns", SECTIONS["returns"], ["维度", h["item"], h["count"]],
              [[h["reason"], k, v] for k, v in report.returns_by_reason]
              + [[h["grid"], k, v] for k, v in report.returns_by_grid]),
        Table("recurring", SECTIONS["recurring"], [h["address"], h["category"], h["count"], h["numbers"]],
              [[r.address, r.category, r.count, "、".join(r.numbers)] for r in report.recurring]),
        Table("workload", SECTIONS["workload"],
              [h["name"], h["grids"], h["claimed"], h["progress"], h["resolved"], h["resolved_on_time"], h["returned"],
               h["open_at_end"], h["average_hours"]],
              [[w.name, w.grids, w.claimed, w.progress, w.resolved, w.resolved_on_time, w.returned, w.open_at_end,
                round(w.average_hours, 1) if w.average_hours is not None else ""] for w in report.workload]),
        Table("open", SECTIONS["open"],
              [h["number"], h["status"], h["urgency"], h["category"], h["grid"], h["address"], h["created"], h["due"],
               h["overdue"], h["latest"]],
              [[o.number, o.status, o.urgency, o.category, o.grid, o.address, _local(o.created_at, report),
                _local(o.due_at, report), WORDS["yes"] if o.overdue else "", o.latest] for o in report.open_tickets]),
        Table("trend", SECTIONS["trend"], [h["day"], h["filed"], h["closed"]],
              [[day.isoformat(), filed, closed] for day, filed, closed in report.trend]),
    ]


def _v(rate: Rate) -> Any:
    return rate.value if rate.value is not None else ""
