"""The report's figures on a hand-built day whose expected values were worked out by hand (see the
comments), and the four renderings."""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.app import build_reports
from core.clock import ManualClock
from core.enums import Kind, Rating
from core.reports.figures import Rate, RecurringRow, Report
from core.reports.render_files import render_csv, render_xlsx
from core.reports.render_html import render_html
from core.reports.render_text import render_text
from core.reports.service import split_message
from tests.followthrough.timeline import local
from tests.world import World

DAY = date(2026, 11, 24)  # Tuesday; the period is [11-24 00:00, 11-25 00:00) Asia/Shanghai


async def build_day(world: World, clock: ManualClock) -> dict[str, str]:
    """Twelve tickets around Tuesday 11-24 (local times). Grid A = 幸福里网格 (张伟 w1, 李娜 w2),
    grid B = 阳光花园网格 (王强 w3)."""
    t = world.app.tickets
    w1, w2, w3, desk = (world.actor(world.worker), world.actor(world.worker2), world.actor(world.other_worker),
                        world.actor(world.dispatcher))
    n: dict[str, str] = {}

    async def at(when, action):  # type: ignore[no-untyped-def]
        clock.set(when)
        return await action

    async def rate(key: str, who: str, rating: Rating, when) -> None:  # type: ignore[no-untyped-def]
        clock.set(when)
        await t.rate(n[key], await world.resident(who), rating)

    # T10: a week earlier, done the same day: must not appear anywhere
    clock.set(local(2026, 11, 16, 9))
    n["T10"] = await world.file("门口路灯不亮", who="r10")
    await at(local(2026, 11, 16, 10), t.claim(n["T10"], w1))
    await at(local(2026, 11, 16, 11), t.resolve(n["T10"], w1, "已修"))
    await rate("T10", "r10", Rating.SATISFIED, local(2026, 11, 16, 12))
    # T12: resolved Wed 11-18, closed for silence on Tuesday 09:00
    clock.set(local(2026, 11, 18, 9))
    n["T12"] = await world.file("垃圾桶破了", who="r12", category="环境卫生")
    await at(local(2026, 11, 18, 9, 30), t.claim(n["T12"], w2))
    await at(local(2026, 11, 18, 10), t.resolve(n["T12"], w2, "已换新桶"))
    await at(local(2026, 11, 24, 9), t.close_unanswered(n["T12"]))
    # T11: resolved Saturday, answered 基本满意 on Tuesday 10:00
    clock.set(local(2026, 11, 21, 10))
    n["T11"] = await world.file("单元门禁坏了", who="r11")
    await at(local(2026, 11, 21, 11), t.claim(n["T11"], w1))
    await at(local(2026, 11, 21, 12), t.resolve(n["T11"], w1, "已修"))
    await rate("T11", "r11", Rating.BASIC, local(2026, 11, 24, 10))
    # T6: grid B, Sunday 08:00, never claimed: due Monday 08:00
    clock.set(local(2026, 11, 22, 8))
    n["T6"] = await world.file("水管漏水", who="r6", grid="B")
    # T9: Monday 08:00, never claimed: first answer and resolution both due Tuesday 08:00
    clock.set(local(2026, 11, 23, 8))
    n["T9"] = await world.file("楼梯扶手松了", who="r9")
    # T1: Monday 10:00; claimed Tuesday 09:00 (first answer in time), resolved 11:00 (late), 满意 12:00
    clock.set(local(2026, 11, 23, 10))
    n["T1"] = await world.file("电梯异响", who="r1")
    await at(local(2026, 11, 24, 9), t.claim(n["T1"], w1))
    await at(local(2026, 11, 24, 11), t.resolve(n["T1"], w1, "已检修"))
    await rate("T1", "r1", Rating.SATISFIED, local(2026, 11, 24, 12))
    # T8: Tuesday 08:00, a dispatcher confirms the category 08:10, w1 claims 08:30, resolves 09:30, 满意 10:30
    clock.set(local(2026, 11, 24, 8))
    n["T8"] = await world.file("路灯闪烁", who="r8")
    await at(local(2026, 11, 24, 8, 10), t.reclassify(n["T8"], desk, category="工程维修"))
    await at(local(2026, 11, 24, 8, 30), t.claim(n["T8"], w1))
    await at(local(2026, 11, 24, 9, 30), t.resolve(n["T8"], w1, "已换灯"))
    await rate("T8", "r8", Rating.SATISFIED, local(2026, 11, 24, 10, 30))
    # T2, T3, T4: 幸福里小区3栋2单元, 环境卫生, three times in a day (recurring)
    place = {"community": "幸福里小区", "building": "3", "unit": "2", "category": "环境卫生"}
    clock.set(local(2026, 11, 24, 9))
    n["T2"] = await world.file("楼道堆满杂物", who="r2", **place)
    await at(local(2026, 11, 24, 9, 30), t.claim(n["T2"], w2))
    await at(local(2026, 11, 24, 10), t.resolve(n["T2"], w2, "已清理"))
    await rate("T2", "r2", Rating.DISSATISFIED, local(2026, 11, 24, 11))  # reopened: round 2
    await at(local(2026, 11, 24, 13), t.claim(n["T2"], w2))
    await at(local(2026, 11, 24, 15), t.resolve(n["T2"], w2, "再次清理并张贴告示"))  # no answer by midnight
    clock.set(local(2026, 11, 24, 10))
    n["T3"] = await world.file("楼道有异味", who="r3", **{**place, "room": "402"})
    clock.set(local(2026, 11, 24, 11))
    n["T4"] = await world.file("楼道垃圾没人收", who="r4", **place)
    await at(local(2026, 11, 24, 11, 30), t.cancel(n["T4"], await world.resident("r4")))
    # T5: grid B 12:00, returned by 王强 13:00, sent to A 14:00, claimed by 张伟 15:00
    clock.set(local(2026, 11, 24, 12))
    n["T5"] = await world.file("广场舞噪音", who="r5", grid="B", category="噪音扰民", community="阳光花园",
                               building="7")
    await at(local(2026, 11, 24, 13), t.return_(n["T5"], w3, "不属于本网格"))
    await at(local(2026, 11, 24, 14), t.assign(n["T5"], "A", desk))
    await at(local(2026, 11, 24, 15), t.claim(n["T5"], w1))
    # T7: a consultation nobody could route, 16:00; the dispatcher corrects 其他 → 服务质量 and sends it to B
    clock.set(local(2026, 11, 24, 16))
    n["T7"] = await world.file("想问问物业费怎么交", who="r7", grid=None, category="其他", kind=Kind.CONSULT)
    await at(local(2026, 11, 24, 16, 30), t.reclassify(n["T7"], desk, category="服务质量"))
    await at(local(2026, 11, 24, 16, 40), t.assign(n["T7"], "B", desk))
    clock.set(local(2026, 11, 26, 9))  # the report is made two days later: later events must not count
    await t.claim(n["T3"], w2)
    await t.rate(n["T2"], await world.resident("r2"), Rating.SATISFIED)
    return n


async def test_daily_figures_computed_by_hand(world: World, clock: ManualClock) -> None:
    n = await build_day(world, clock)
    report = await build_reports(world.app).make("daily", DAY)
    # filed in the period: T2 T3 T4 T5 T7 T8
    assert report.filed == 6
    assert report.by_kind == [("投诉", 5), ("咨询", 1)]
    assert report.by_category == [("环境卫生", 3), ("噪音扰民", 1), ("工程维修", 1), ("服务质量", 1)]
    assert report.by_grid == [("幸福里网格", 5), ("阳光花园网格", 1)]  # T5 now belongs to A
    assert report.by_channel == [("test", 6)]
    # first answer due in the period: T1 (Tue 10:00, claimed 09:00 ✓) and T9 (Tue 08:00, never ✗)
    assert report.feedback_on_time == Rate(1, 2)
    # filed in the period minus the cancelled T4 = 5; closed at midnight: T8 only (T2 closes on Thursday)
    assert report.closure == Rate(1, 5)
    # resolution rounds in the period: T1, T2 round 1, T2 round 2, T8; answered by midnight: all but T2 round 2
    assert report.follow_up == Rate(3, 4)
    # of the same rounds only T1 (due Tue 10:00, resolved 11:00) was late; T2 round 1 is judged by
    # its own deadline (Wed 09:00), round 2 by the one set when it was reopened
    assert report.resolved_on_time == Rate(3, 4) and report.resolved_late == 1
    # answers given in the period: T1 满意, T8 满意, T11 基本满意, T2 不满意 (T12's no_answer is not one)
    assert report.satisfaction == Rate(3, 4)
    assert report.dissatisfied == 1 and report.closed_without_answer == 1
    assert report.satisfaction_by_category == [("工程维修", Rate(3, 3)), ("环境卫生", Rate(0, 1))]
    # open at midnight and past due: T6 (due Mon 08:00, 40 h over) and T9 (due Tue 08:00, 16 h)
    assert [(o.number, round(o.hours_over)) for o in report.overdue] == [(n["T6"], 40), (n["T9"], 16)]
    assert report.returns == 1
    assert report.returns_by_reason == [("不属于本网格", 1)] and report.returns_by_grid == [("阳光花园网格", 1)]
    # first checks in the period: T8 confirmed, T7 corrected
    assert report.dispatch_accuracy == Rate(1, 2)
    assert report.recurring == [RecurringRow("幸福里小区3栋2单元", "环境卫生", 3,
                                             tuple(sorted((n["T2"], n["T3"], n["T4"]))))]
    work = {w.name: w for w in report.workload}
    assert list(work) == ["张伟", "李娜", "王强"]
    zw, ln, wq = work["张伟"], work["李娜"], work["王强"]
    # 张伟 claimed T1, T8, T5; resolved T1 (late, 2 h) and T8 (1 h); T5 still with him at midnight
    assert (zw.claimed, zw.resolved, zw.resolved_on_time, zw.returned, zw.open_at_end) == (3, 2, 1, 0, 1)
    assert zw.average_hours == pytest.approx(1.5)
    # 李娜 claimed and resolved T2 twice (0.5 h and 2 h), both in time
    assert (ln.claimed, ln.resolved, ln.resolved_on_time, ln.open_at_end) == (2, 2, 2, 0)
    assert ln.average_hours == pytest.approx(1.25)
    assert (wq.claimed, wq.returned) == (0, 1)
    # not done at midnight: the two overdue first, then by deadline
    assert [o.number for o in report.open_tickets] == [n[k] for k in ("T6", "T9", "T3", "T2", "T5", "T7")]
    trend = {d.isoformat(): (filed, closed) for d, filed, closed in report.trend}
    assert len(report.trend) == 14 and report.trend[-1][0] == DAY
    assert trend["2026-11-16"] == (1, 1) and trend["2026-11-23"] == (2, 0) and trend["2026-11-24"] == (6, 4)
    assert [(g.grid, g.filed, g.feedback_on_time, g.resolved_on_time) for g in report.per_grid] == [
        ("幸福里网格", 5, Rate(1, 2), Rate(3, 4)), ("阳光花园网格", 1, Rate(0, 0), Rate(0, 0))]

    # the same day for grid B only, and the week and month around it
    reports = build_reports(world.app)
    b = await reports.make("daily", DAY, grid="B")
    assert b.grid == "B 阳光花园网格"
    assert b.filed == 1 and b.closure == Rate(0, 1)  # T7
    assert [o.number for o in b.overdue] == [n["T6"]]
    assert b.returns == 1  # T5 was returned from B, though it belongs to A now
    assert b.dispatch_accuracy == Rate(0, 1)  # T7's check
    month = await reports.make("monthly", DAY)
    assert month.period.label == "2026年11月" and month.filed == 12
    week = await reports.make("weekly", DAY)
    assert (week.period.first_day, week.period.last_day) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week.filed == 8  # Monday on: T9 T1 T8 T2 T3 T4 T5 T7


async def test_unknown_grid_is_refused(world: World) -> None:
    from core.errors import NotFound

    with pytest.raises(NotFound):
        await build_reports(world.app).make("daily", DAY, grid="NOPE")


@pytest.mark.parametrize("backend", ["sqlite"])  # rendering does not depend on the database
async def test_renderings(world: World, clock: ManualClock) -> None:
    await build_day(world, clock)
    report = await build_reports(world.app).make("daily", DAY)
    text = render_text(report)
    assert "【热线日报】2026-11-24" in text and "反馈及时率：50.0%（1/2）" in text and "结案率：20.0%（1/5）" in text
    assert "13812345678" not in text  # nothing a group reads carries a phone
    chat = render_text(report, chat=True, open_limit=2)
    assert "另有4件" in chat and all(len(p.encode()) <= 1800 for p in split_message(chat * 5))

    rows = list(csv.reader(io.StringIO(render_csv(report).lstrip("\ufeff"))))
    summary = {r[1]: r for r in rows if r and r[0] == "summary"}
    assert summary["满意率"][2:5] == ["0.75", "3", "4"]

    book = load_workbook(io.BytesIO(render_xlsx(report)))
    assert "核心指标" in book.sheetnames and "重复问题" in book.sheetnames
    sheet = book["核心指标"]
    assert [c.value for c in sheet[3]][:4] == ["反馈及时率", 0.5, 1, 2]

    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>") and "热线日报 2026-11-24" in html
    images = re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", html)
    assert len(images) == 3  # trend, category mix, per-grid on-time rates
    for data in images:
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            assert image.format == "PNG" and image.size[0] > 300


def test_charts_render_without_a_chinese_font(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from core.reports import charts
    from core.reports.period import period_for

    monkeypatch.setattr(charts, "cjk_font", lambda: None)  # a CI machine without CJK fonts
    report = Report(period=period_for("daily", DAY, ZoneInfo("Asia/Shanghai")),
                    generated_at=datetime(2026, 11, 25, tzinfo=UTC), grid=None, by_category=[("环境卫生", 2)])
    html = render_html(report)
    assert "未安装中文字体" in html and html.count("data:image/png") == 3


def test_empty_report_renders() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from core.reports.period import period_for

    report = Report(period=period_for("monthly", DAY, ZoneInfo("Asia/Shanghai")),
                    generated_at=datetime(2026, 12, 1, tzinfo=UTC), grid=None)
    assert "—" in render_text(report)
    assert render_html(report).count("data:image/png") == 3
    assert render_xlsx(report)[:2] == b"PK"


# OWASP's CSV injection list (=, +, -, @, tab, CR) and their full-width forms, as residents type them
FORMULAS = ['=HYPERLINK("http://evil.example/","x")', "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1",
            "＝1+1", "cmd|' /C calc'!A0"]


def test_no_cell_of_an_export_can_run_as_a_formula() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from core.reports.figures import GridRow, OpenRow, OverdueRow, WorkerRow
    from core.reports.period import period_for

    when = datetime(2026, 11, 24, 9, tzinfo=UTC)
    f = FORMULAS
    report = Report(
        period=period_for("daily", DAY, ZoneInfo("Asia/Shanghai")), generated_at=when, grid=f[0],
        by_category=[(f[1], 2)], by_grid=[(f[3], 1)], returns_by_reason=[(f[4], 1)],
        per_grid=[GridRow(f[5], 1, Rate(0, 1), Rate(0, 1))],
        overdue=[OverdueRow("261124-0001", f[2], "普通", f[6], f[3], when, 1.5, 0)],
        open_tickets=[OpenRow("261124-0002", "已派单", "普通", f[1], f[3], f[0], when, when, True, f[2])],
        recurring=[RecurringRow(f[4], f[5], 3, ("261124-0003",))],
        workload=[WorkerRow(name="=cmd|' /C calc'!A0", grids=f[2])],
    )
    cells = [c for row in csv.reader(io.StringIO(render_csv(report).lstrip("\ufeff"), newline="")) for c in row]
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    xlsx = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in xlsx if cell.data_type == "f"]
    for where, values in (("csv", cells), ("xlsx", [c.value for c in xlsx])):
        texts = [v for v in values if isinstance(v, str) and v]
        risky = [v for v in texts if v[0] in "=+-@\t\r＝＋－＠"]
        assert not risky, (where, risky)
        for formula in f[:7]:  # still there to read, after the quote that keeps it text (XML reads CR as LF)
            assert any(v.endswith((formula, formula.replace("\r", "\n"))) for v in texts), (where, formula)
    # numbers stay numbers
    assert [c.value for c in book["核心指标"][3]][2:4] == [0, 0]
