"""What a grid reads: its group's card for each ticket (also posted by a WeCom robot and sent to staff
who work from their own chat), reminders and follow-up tasks, and the private messages of the worker
who holds a ticket (the only one who sees the resident's phone)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from core.db.models import Ticket
from core.enums import Status
from core.privacy import View
from core.service import keys
from core.texts.common import address_label, category_line, fmt_time, location_line, urgency_badge

FOLLOW_UP_OPTIONS = (("satisfied", "居民满意"), ("basically_satisfied", "基本满意"), ("dissatisfied", "不满意"))
ROBOT_FOLLOWUP_HINT = "请在公众号中登记回访结果。"


def card(t: Ticket, v: View, *, tz: ZoneInfo, grid_name: str | None, assignee: str | None,
         latest: str | None) -> str:
    lines = [
        f"【工单 {t.number}】{urgency_badge(t)}  {category_line(t)}",
        f"状态：{Status(t.status).label}" + (f"（{assignee}）" if assignee and t.status != Status.ASSIGNED else ""),
        f"地址：{address_label(t, v)}",
    ]
    where = location_line(t, v)
    if where:
        lines.append(where)
    if t.occurred_text:
        lines.append(f"时间：{v.text(t.occurred_text)}")
    lines += [
        f"内容：{v.text(t.description)}",
        f"联系电话：{v.phone(t.contact_phone)}",
        f"办结时限：{fmt_time(t.due_at, tz)}",
    ]
    if grid_name:
        lines.append(f"网格：{grid_name}")
    if t.escalation_level:
        lines.append(f"⚠️已升级督办（{t.escalation_level}级）")
    if t.reopen_count:
        lines.append(f"第{t.reopen_count + 1}轮处理")
    if latest:
        lines.append(f"最新：{v.text(latest)}")
    return "\n".join(lines)


# the card's "最新" line


def latest_reassigned(grid_name: str) -> str:
    return f"已改派至「{grid_name}」"


def latest_returned(reason: str) -> str:
    return f"已退回：{reason}"


def latest_merged(into: str) -> str:
    return f"已合并到 {into}"


def latest_dissatisfied(reason: str | None) -> str:
    """A resident's 不满意, with their reason once they give it."""
    return f"居民不满意：{reason}" if reason else "居民不满意"


def latest_address_changed(old: str) -> str:
    return f"居民更正了地址（原为 {old}）"


def latest_resident_said(said: str) -> str:
    return f"居民补充：{said}"


def resident_added(t: Ticket, v: View, said: str) -> str:
    """To the worker holding an emergency: what the resident added after filing (core/service/said_notice.py)."""
    return f"🚨紧急工单 {t.number} 居民补充：{v.text(said)}"


LATEST_LOCATION_ADDED = "居民补充了位置，见卡片上的地图链接"
LATEST_DOWNGRADED = "居民说明刚才是误报，已解除紧急，按一般流程处理"
LATEST_DOWNGRADED_CHECKED = "工作人员已与居民核实不是紧急情况，已解除紧急，按一般流程处理"


def downgraded(t: Ticket, tz: ZoneInfo, checked: bool = False) -> str:
    """To the worker who holds an emergency the resident (or, `checked`, the desk) took back: no need to rush, the
    matter stays theirs."""
    why = "工作人员已与居民核实，不是紧急情况" if checked else "居民说明刚才是误报，没有人受伤或被困"
    return (f"工单 {t.number} 已解除紧急：{why}。工单仍由您处理，"
            f"按一般流程，办结时限 {fmt_time(t.due_at, tz)}。")


def latest_reopened(reason: str | None) -> str:
    return f"重新处理：{reason}" if reason else "重新处理"


def robot_claim_hint(t: Ticket) -> str:
    """A group robot has no buttons: the card says how to act on it."""
    return f"\n请在公众号回复「接单 {t.number}」处理。"


def worker_action_labels(status: Status) -> list[tuple[str, str]]:
    """(verb, label) of the buttons a card shows in each status."""
    if status in (Status.ASSIGNED, Status.REOPENED):
        return [(keys.CLAIM, "接单"), (keys.RETURN, "退回")]
    if status is Status.ACCEPTED:
        return [(keys.PROGRESS, "进展"), (keys.RESOLVE, "办结"), (keys.RETURN, "退回")]
    return []


# to the worker who holds the ticket


def _private_phone(t: Ticket, v: View) -> str:
    """The resident's phone for the worker alone; 「未留」 needs no warning (user test: 「未留（仅您可见，请勿外传）」)."""
    return f"{v.phone(t.contact_phone)}（仅您可见，请勿外传）" if t.contact_phone else v.phone(None)


def claimer_contact(t: Ticket, v: View) -> str:
    where = location_line(t, v)
    return (
        f"您已接单 {t.number}。居民联系电话：{_private_phone(t, v)}\n"
        f"地址：{address_label(t, v)}" + (f"\n{where}" if where else "")
    )


def assigned_to_you(t: Ticket, v: View, tz: ZoneInfo, note: str | None) -> str:
    """The desk named this worker: they hold the ticket now, as if they had claimed it."""
    return (
        f"调度指派您处理工单 {t.number}（{category_line(t)}），请于 {fmt_time(t.due_at, tz)} 前办结。\n"
        f"内容：{v.text(t.description)}\n"
        f"地址：{address_label(t, v)}\n"
        f"居民联系电话：{_private_phone(t, v)}"
        + (f"\n派单说明：{v.text(note)}" if note else "")
        + "\n进展和办结请在网格群的工单卡片或「我的工单」中提交。"
    )


def phone_changed(t: Ticket, v: View) -> str:
    return f"工单 {t.number} 的居民更正了联系电话：{v.phone(t.contact_phone)}（仅您可见，请勿外传）"


def address_changed(t: Ticket, v: View, old: str) -> str:
    return f"📍工单 {t.number} 的居民更正了地址：{address_label(t, v)}（原为 {v.text(old)}）"


def location_added(t: Ticket, v: View) -> str:
    line = location_line(t, v) or ""
    return f"📍工单 {t.number} 的居民补充了位置：\n{line}"


def relieved(t: Ticket, worker: str) -> str:
    return f"工单 {t.number} 已改由{worker or '其他同事'}处理，您无需再跟进。"


def phone_followup_private(t: Ticket, v: View) -> str:
    return (f"📞请电话回访工单 {t.number} 的居民，联系电话：{v.phone(t.contact_phone)}（仅您可见，请勿外传）。"
            f"回访结果请在网格群的回访任务中选择。")


# timers: reminders and the follow-up visit (回访)


def remind_deadline(t: Ticket, v: View, tz: ZoneInfo, percent: int) -> str:
    return (f"⏰催办：工单 {t.number} 办结时限已过{percent}%，请抓紧处理。\n"
            f"{category_line(t)}｜{address_label(t, v)}\n办结时限：{fmt_time(t.due_at, tz)}")


def remind_unclaimed(t: Ticket, v: View, tz: ZoneInfo) -> str:
    return (f"⏰工单 {t.number} 派单后仍无人接单（接单时限 {fmt_time(t.claim_due_at, tz)}），请尽快接单。\n"
            f"{category_line(t)}｜{address_label(t, v)}")


def remind_urged(t: Ticket, v: View, tz: ZoneInfo, who: str, note: str | None) -> str:
    """A 催办 by hand from the desk (desk30): who urged, what they added, the deadline."""
    return (f"⏰催办：{who}催办工单 {t.number}，请抓紧处理" + (f"（{v.text(note)}）" if note else "") + "。\n"
            f"{category_line(t)}｜{address_label(t, v)}\n办结时限：{fmt_time(t.due_at, tz)}")


def remind_first_response(t: Ticket, tz: ZoneInfo) -> str:
    return (f"⏰工单 {t.number} 还没有答复居民，首次答复时限 {fmt_time(t.first_response_due_at, tz)}，"
            f"请尽快联系居民或反馈进展。")


def phone_followup_task(t: Ticket, v: View, tz: ZoneInfo) -> str:
    return (f"📞回访任务：工单 {t.number} 办结后居民未评价，请电话回访并记录结果。\n"
            f"{category_line(t)}｜{address_label(t, v)}\n联系电话：{v.phone(t.contact_phone)}\n"
            f"办结时间：{fmt_time(t.resolved_at, tz)}\n处理结果：{v.text(t.resolution_note) or '—'}\n"
            f"请按居民的回答选择：")


# 我的工单: a worker's open tickets, in a private chat or the WeCom app (the same list both ways)
MINE_EMPTY = "您手上没有未办结的工单，网格里也没有待接的工单。"
DESK_EMPTY = "目前没有待派单、被退回、需人工处理或已超时的工单。"
DESK_HEADER = "调度待办（{count}）：待派单、被退回、需人工的在前，已超时的在后。"
MINE_HEADER = "您的工单（{count}）："
MINE_LINE = "{n}. {number}｜{status}｜{category}｜{address}｜时限 {due}"
MINE_WAITING = "（待接单）"
MINE_OVERDUE = "｜⚠️已超时"
MINE_PICK = "回复序号查看详情。"


def work_list(tickets: list[Ticket], v: View, tz: ZoneInfo, now: datetime | None = None) -> str:
    """Those the worker holds first, then their grids' unclaimed ones (core.service.queries.for_staff's order)."""
    if not tickets:
        return MINE_EMPTY
    lines = [MINE_HEADER.format(count=len(tickets))]
    lines += [f"{n}. {line}" for n, line in enumerate(work_lines(tickets, v, tz, now), 1)]
    return "\n".join(lines)


def work_lines(tickets: list[Ticket], v: View, tz: ZoneInfo, now: datetime | None = None) -> list[str]:
    """One line a ticket, without its position: a chat offers them as choices to pick by number. A
    deadline passed is marked (usertest28: tickets due two days before were listed like the rest)."""
    out = []
    for t in tickets:
        waiting = not t.assignee_id and t.status in (Status.ASSIGNED.value, Status.REOPENED.value)
        status = Status(t.status).label + (MINE_WAITING if waiting else "")  # 待派单 is not 待接单
        line = MINE_LINE.format(n=0, number=t.number, status=status, category=t.category,
                                address=address_label(t, v), due=fmt_time(t.due_at, tz)).removeprefix("0. ")
        overdue = now is not None and t.due_at is not None and _aware(t.due_at) < now
        out.append(line + (MINE_OVERDUE if overdue else ""))
    return out


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
