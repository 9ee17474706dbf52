"""One self-contained HTML page: the figures, the tables, and the charts embedded as PNG data."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from core.reports import charts
from core.reports.figures import Report
from core.reports.tables import tables
from core.texts.reports import FIGURES, TITLES, WORDS

STYLE = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;
margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}.meta{color:#666;margin-bottom:1.5em}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}
.card{border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:150px}
.card .v{font-size:1.6em;font-weight:bold}.card .d{color:#666;font-size:.8em}
.charts img{max-width:100%;border:1px solid #eee;margin:6px 0}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}th{background:#f5f5f5}
h2{font-size:1.2em;border-left:4px solid #4C78A8;padding-left:8px;margin-top:1.8em}
"""


def render_html(report: Report) -> str:
    p = report.period
    title = f"{TITLES[p.kind]} {p.label}" + (f" · {report.grid}" if report.grid else "")
    images = [("trend", charts.trend_chart(report)), ("category", charts.category_chart(report)),
              ("grid", charts.grid_chart(report))]
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{escape(title)}</title>",
             f"<style>{STYLE}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f"<div class='meta'>{WORDS['generated']}：{report.generated_at.astimezone(p.tz):%Y-%m-%d %H:%M}　"
             f"{WORDS['timezone']}：{escape(p.tz.key)}　{WORDS['filed']}：{report.filed}件</div>",
             "<div class='cards'>"]
    for key in ("feedback_on_time", "closure", "follow_up", "satisfaction", "resolved_on_time", "dispatch_accuracy"):
        rate = getattr(report, key)
        label, definition = FIGURES[key]
        parts.append(f"<div class='card' title='{escape(definition)}'><div>{escape(label)}</div>"
                     f"<div class='v'>{rate.percent}</div><div class='d'>{rate.numerator}/{rate.denominator}</div></div>")
    parts.append("</div><div class='charts'>")
    if charts.cjk_font() is None:
        parts.append(f"<p class='d'>{WORDS['charts_font_missing']}</p>")
    for name, png in images:
        data = base64.b64encode(png).decode("ascii")
        parts.append(f"<img id='chart-{name}' alt='{name}' src='data:image/png;base64,{data}'>")
    parts.append("</div>")
    for table in tables(report):
        if table.key == "trend":
            continue
        parts.append(f"<h2>{escape(table.title)}</h2>")
        if not table.rows:
            parts.append(f"<p>{WORDS['none']}</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr>")
        percent_columns = _percent_columns(table.key, len(table.headers))
        for row in table.rows:
            parts.append("<tr>" + "".join(f"<td>{escape(_cell(v, i in percent_columns))}</td>"
                                          for i, v in enumerate(row)) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _percent_columns(key: str, width: int) -> set[int]:
    return {"summary": {1}, "satisfaction_by_category": {1}, "per_grid": {2, 5}}.get(key, set())


def _cell(value: Any, percent: bool) -> str:
    if percent and isinstance(value, float):
        return f"{value * 100:.1f}%"
    if percent and value == "":
        return "—"  # no tickets to measure
    return "" if value is None else str(value)
