"""Every Chinese sentence the core sends, in one place (the dialogs keep theirs in bot/dialogs)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from core.db.models import Ticket
from core.enums import Kind, Status
from core.service import keys
from core.text.address import display
from core.text.phone import mask_phone as _mask

WEEKDAYS = "一二三四五六日"


@lru_cache(maxsize=4096)  # a bulk filing formats the same few deadlines hundreds of times
def fmt_time(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(tz)
    return f"{local.month}月{local.day}日(周{WEEKDAYS[local.weekday()]}) {local:%H:%M}"


def mask_phone(phone: str | None) -> str:
    """138****1234 for mobiles; landlines keep area code and last four. Never more."""
    return _mask(phone) if phone else "未留"


def address_label(t: Ticket) -> str:
    return display(t.community, t.building, t.unit, t.room, t.address_text or t.location_label) or "（未提供地址）"


def category_line(t: Ticket) -> str:
    return f"{Kind(t.kind).label}·{t.category}"


def urgency_badge(t: Ticket) -> str:
    return {"emergency": "🔴紧急", "urgent": "🟠较急"}.get(t.urgency, "一般")


# ---- the group's assignment card ----------------------------------------------------------------


def card(t: Ticket, *, tz: ZoneInfo, grid_name: str | None, assignee: str | None, latest: str | None) -> str:
    lines = [
        f"【工单 {t.number}】{urgency_badge(t)}  {category_line(t)}",
        f"状态：{Status(t.status).label}" + (f"（{assignee}）" if assignee and t.status != Status.ASSIGNED else ""),
        f"地址：{address_label(t)}",
    ]
    if t.occurred_text:
        lines.append(f"时间：{t.occurred_text}")
    lines += [
        f"内容：{t.description}",
        f"联系电话：{mask_phone(t.contact_phone)}",
        f"办结时限：{fmt_time(t.due_at, tz)}",
    ]
    if grid_name:
        lines.append(f"网格：{grid_name}")
    if t.escalation_level:
        lines.append(f"⚠️已升级督办（{t.escalation_level}级）")
    if t.reopen_count:
        lines.append(f"居民不满意，第{t.reopen_count + 1}轮处理")
    if latest:
        lines.append(f"最新：{latest}")
    return "\n".join(lines)


# ---- to the resident -------------------------------------------------------------------------------


def to_resident_assigned(t: Ticket, grid_name: str, tz: ZoneInfo) -> str:
    return f"您的工单 {t.number} 已派给「{grid_name}」，将在 {fmt_time(t.due_at, tz)} 前办结。"


def to_resident_claimed(t: Ticket, worker: str) -> str:
    return f"您的工单 {t.number} 已由工作人员{worker}接单，正在处理。"


def to_resident_progress(t: Ticket, note: str) -> str:
    return f"工单 {t.number} 有新进展：{note}"


def to_resident_resolved(t: Ticket, note: str) -> str:
    return f"工单 {t.number} 已办结。处理结果：{note}"


def survey_prompt(t: Ticket) -> str:
    return f"请您对工单 {t.number} 的处理结果进行评价："


SURVEY_OPTIONS = (("satisfied", "满意"), ("basically_satisfied", "基本满意"), ("dissatisfied", "不满意"))


def to_resident_reopened(t: Ticket) -> str:
    return f"很抱歉没能让您满意。工单 {t.number} 已重新交办，处理人员会尽快联系您。"


def to_resident_returned(t: Ticket) -> str:
    return f"您的工单 {t.number} 正在重新安排处理部门，请耐心等待。"


def to_resident_merged(t: Ticket, into: str) -> str:
    return f"您的工单 {t.number} 与工单 {into} 反映的是同一问题，已合并处理，进展会一并通知您。"


def to_resident_closed(t: Ticket) -> str:
    return f"工单 {t.number} 已结案，感谢您的反映。"


def to_resident_reply(t: Ticket, text: str) -> str:
    return f"【工单 {t.number}】热线工作人员回复：\n{text}"


# ---- to workers and the desk -----------------------------------------------------------------------


def to_claimer_phone(t: Ticket) -> str:
    return (
        f"您已接单 {t.number}。居民联系电话：{t.contact_phone or '未留'}（仅您可见，请勿外传）\n"
        f"地址：{address_label(t)}"
    )


def alert_emergency(t: Ticket, tz: ZoneInfo, triggers: list[str]) -> str:
    why = "、".join(triggers) if triggers else "紧急情况"
    return (
        f"🚨紧急工单 {t.number}：{why}\n地址：{address_label(t)}\n内容：{t.description}\n"
        f"电话：{mask_phone(t.contact_phone)}\n请立即响应，{fmt_time(t.claim_due_at, tz)} 前必须有人接单。"
    )


def alert_escalated(t: Ticket, level: int, reason: str) -> str:
    return f"⚠️工单 {t.number} 升级督办（{level}级）：{reason}\n{category_line(t)}｜{address_label(t)}"


def alert_returned(t: Ticket, reason: str, grid_name: str | None) -> str:
    src = f"「{grid_name}」" if grid_name else ""
    return f"↩️工单 {t.number} 被{src}退回：{reason}\n请重新派单。{category_line(t)}｜{address_label(t)}"


def alert_flagged(t: Ticket, reason: str) -> str:
    return f"🙋工单 {t.number} 需要人工处理：{reason}\n{category_line(t)}｜{address_label(t)}"


def alert_unrouted(t: Ticket, reason: str) -> str:
    return f"📥新工单 {t.number} 待派单（{reason}）\n{category_line(t)}｜{address_label(t)}\n内容：{t.description}"


def worker_action_labels(status: Status) -> list[tuple[str, str]]:
    """(verb, label) of the buttons a card shows in each status."""
    if status in (Status.ASSIGNED, Status.REOPENED):
        return [(keys.CLAIM, "接单"), (keys.RETURN, "退回")]
    if status is Status.ACCEPTED:
        return [(keys.PROGRESS, "进展"), (keys.RESOLVE, "办结"), (keys.RETURN, "退回")]
    return []



# ---- timers: reminders and the follow-up visit (回访) ---------------------------------------------


def remind_deadline(t: Ticket, tz: ZoneInfo, percent: int) -> str:
    return (f"⏰催办：工单 {t.number} 办结时限已过{percent}%，请抓紧处理。\n"
            f"{category_line(t)}｜{address_label(t)}\n办结时限：{fmt_time(t.due_at, tz)}")


def remind_unclaimed(t: Ticket, tz: ZoneInfo) -> str:
    return (f"⏰工单 {t.number} 派单后仍无人接单（接单时限 {fmt_time(t.claim_due_at, tz)}），请尽快接单。\n"
            f"{category_line(t)}｜{address_label(t)}")


def remind_first_response(t: Ticket, tz: ZoneInfo) -> str:
    return (f"⏰工单 {t.number} 还没有答复居民，首次答复时限 {fmt_time(t.first_response_due_at, tz)}，"
            f"请尽快联系居民或反馈进展。")


def survey_reminder_prompt(t: Ticket) -> str:
    return f"您好，工单 {t.number} 已办结，还没有收到您的评价。请您对处理结果进行评价："


def phone_followup_task(t: Ticket, tz: ZoneInfo) -> str:
    return (f"📞回访任务：工单 {t.number} 办结后居民未评价，请电话回访并记录结果。\n"
            f"{category_line(t)}｜{address_label(t)}\n联系电话：{mask_phone(t.contact_phone)}\n"
            f"办结时间：{fmt_time(t.resolved_at, tz)}\n处理结果：{t.resolution_note or '—'}\n"
            f"请按居民的回答选择：")


def phone_followup_private(t: Ticket) -> str:
    return (f"📞请电话回访工单 {t.number} 的居民，联系电话：{t.contact_phone or '未留'}（仅您可见，请勿外传）。"
            f"回访结果请在网格群的回访任务中选择。")


FOLLOW_UP_OPTIONS = (("satisfied", "居民满意"), ("basically_satisfied", "基本满意"), ("dissatisfied", "不满意"))


def alert_manager_escalation(t: Ticket, tz: ZoneInfo, reason: str) -> str:
    return (f"📮书面督办（2级）：工单 {t.number} {reason}\n{category_line(t)}｜{address_label(t)}\n"
            f"受理：{fmt_time(t.created_at, tz)}  当前状态：{Status(t.status).label}")
