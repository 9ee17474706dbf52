"""The report as plain text: the terminal, and the 热线日报 posted to the dispatchers' group
(`chat=True`: shorter, with the open list capped)."""

from __future__ import annotations

from datetime import datetime

from core.reports.figures import Rate, Report
from core.texts.common import fmt_time
from core.texts.reports import FIGURES, SECTIONS, TITLES, WORDS


def rate_line(key: str, rate: Rate) -> str:
    label = FIGURES[key][0]
    return f"{label}：{rate.percent}（{rate.numerator}/{rate.denominator}）"


def render_text(report: Report, *, chat: bool = False, open_limit: int = 20) -> str:
    p, tz = report.period, report.period.tz
    lines = [f"【{TITLES[p.kind]}】{p.label}" + (f"  {WORDS['grid']}：{report.grid}" if report.grid else "")]
    lines.append(f"{WORDS['filed']}：{report.filed}件  " + "  ".join(f"{k}{v}" for k, v in report.by_kind))
    if report.by_category:
        lines.append(f"{SECTIONS['by_category']}：" + "，".join(f"{k}{v}" for k, v in report.by_category))
    lines.append("")
    lines.append(f"■{SECTIONS['summary']}")
    for key in ("feedback_on_time", "closure", "follow_up", "satisfaction", "resolved_on_time", "dispatch_accuracy"):
        lines.append("  " + rate_line(key, getattr(report, key)))
    lines.append(f"  {WORDS['dissatisfied']}：{report.dissatisfied}  {WORDS['no_answer']}：{report.closed_without_answer}"
                 f"  {WORDS['resolved_late']}：{report.resolved_late}  {WORDS['returns']}：{report.returns}")
    if not chat:
        _pairs(lines, "by_grid", report.by_grid)
        _pairs(lines, "by_channel", report.by_channel)
        _pairs(lines, "by_urgency", report.by_urgency)
        if report.satisfaction_by_category:
            lines.append(f"\n■{SECTIONS['satisfaction_by_category']}")
            lines += [f"  {c}：{r.percent}（{r.numerator}/{r.denominator}）" for c, r in report.satisfaction_by_category]
        if report.per_grid:
            lines.append(f"\n■{SECTIONS['per_grid']}")
            lines += [f"  {g.grid}：受理{g.filed}，{FIGURES['feedback_on_time'][0]}{g.feedback_on_time.percent}，"
                      f"{FIGURES['resolved_on_time'][0]}{g.resolved_on_time.percent}" for g in report.per_grid]
    if report.overdue:
        lines.append(f"\n■{SECTIONS['overdue']}（{len(report.overdue)}件）")
        shown = report.overdue[:open_limit] if chat else report.overdue
        lines += [f"  {o.number} {o.category}｜{o.grid}｜{o.status}｜超时{o.hours_over:.0f}小时"
                  + (f"｜已督办{o.escalation_level}级" if o.escalation_level else "") for o in shown]
        if len(shown) < len(report.overdue):
            lines.append("  " + WORDS["more"].format(n=len(report.overdue) - len(shown)))
    if report.returns_by_reason:
        lines.append(f"\n■{SECTIONS['returns']}（{report.returns}次）")
        lines += [f"  {reason}：{n}" for reason, n in report.returns_by_reason]
    if report.recurring:
        lines.append(f"\n■{SECTIONS['recurring']}（{WORDS['recurring_rule'].format(n=report.recurring_threshold)}）")
        lines += [f"  {r.address}·{r.category}：{r.count}次（{'、'.join(r.numbers[:5])}）" for r in report.recurring]
    if report.workload and not chat:
        lines.append(f"\n■{SECTIONS['workload']}")
        for w in report.workload:
            avg = f"，平均{w.average_hours:.1f}小时" if w.average_hours is not None else ""
            lines.append(f"  {w.name}（{w.grids or '—'}）：接单{w.claimed}，办结{w.resolved}（按时{w.resolved_on_time}）"
                         f"，退回{w.returned}，在办{w.open_at_end}{avg}")
    if report.open_tickets:
        lines.append(f"\n■{SECTIONS['open']}（{len(report.open_tickets)}件）")
        shown_open = report.open_tickets[:open_limit] if chat else report.open_tickets
        for o in shown_open:
            flag = "⚠️" if o.overdue else ""
            lines.append(f"  {flag}{o.number} {o.status}｜{o.category}｜{o.grid}｜时限{fmt_time(o.due_at, tz)}"
                         + (f"｜{o.latest}" if o.latest else ""))
        if len(shown_open) < len(report.open_tickets):
            lines.append("  " + WORDS["more"].format(n=len(report.open_tickets) - len(shown_open)))
    if not chat:
        lines.append(f"\n{WORDS['generated']}：{_stamp(report.generated_at, report)}  {WORDS['timezone']}：{tz.key}")
    return "\n".join(lines).rstrip() + "\n"


def _pairs(lines: list[str], section: str, pairs: list[tuple[str, int]]) -> None:
    if pairs:
        lines.append(f"\n■{SECTIONS[section]}：" + "，".join(f"{k}{v}" for k, v in pairs))


def _stamp(moment: datetime, report: Report) -> str:
    return f"{moment.astimezone(report.period.tz):%Y-%m-%d %H:%M}"
