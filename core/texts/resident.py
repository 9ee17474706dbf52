"""What residents read in their chat about their ticket (and what a resident following it reads, masked
through its View)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.db.models import Ticket
from core.enums import Status, Urgency
from core.privacy import View
from core.texts.common import fmt_time

SURVEY_OPTIONS = (("satisfied", "满意"), ("basically_satisfied", "基本满意"), ("dissatisfied", "不满意"))
NO_PROGRESS_NOTE = "处理中"
NO_RESOLUTION_NOTE = "已处理"


def assigned(t: Ticket, grid_name: str, tz: ZoneInfo) -> str:
    return f"您的工单 {t.number} 已派给「{grid_name}」，将在 {fmt_time(t.due_at, tz)} 前办结。"


def claimed(t: Ticket, worker: str) -> str:
    """The worker by surname, as the timeline shows them to residents (usertest27: 张伟 here, 张师傅 there)."""
    return f"您的工单 {t.number} 已由工作人员{worker[:1]}师傅接单，正在处理。"


def progress(t: Ticket, v: View, note: str) -> str:
    return f"工单 {t.number} 有新进展：{v.text(note)}"


def resolved(t: Ticket, v: View, note: str) -> str:
    return f"工单 {t.number} 已办结。处理结果：{v.text(note)}"


def survey_prompt(t: Ticket) -> str:
    return f"请您对工单 {t.number} 的处理结果进行评价："


def survey_reminder_prompt(t: Ticket) -> str:
    return f"您好，工单 {t.number} 已办结，还没有收到您的评价。请您对处理结果进行评价："


def reopened(t: Ticket) -> str:
    return f"很抱歉没能让您满意。工单 {t.number} 已重新交办，处理人员会尽快联系您。"


def returned(t: Ticket, tz: ZoneInfo, *, danger_over: bool = False) -> str:
    """A grid gave the ticket back: what happens next, in plain words (the grid's reason is
    internal — "不属于本网格" reads like a refusal to the resident). An emergency is re-sent at once, with no deadline
    to read: "another department" read as a hand-off while someone is in danger (usertest27). An emergency given back
    because the worker found no danger (`danger_over`: 误报, 人已经出来了) is being checked, not re-sent."""
    if t.urgency == Urgency.EMERGENCY and danger_over:
        return (f"现场人员反馈您的紧急工单 {t.number} 目前没有危险，已交回调度中心核实，调度员会与您联系确认。"
                "如果仍有危险，请直接拨打 119 / 120 / 110。")
    if t.urgency == Urgency.EMERGENCY:
        return f"您的紧急工单 {t.number} 正由调度中心重新安排人员，负责人已收到提醒。情况危急请直接拨打 119 / 120 / 110。"
    return (f"您的工单 {t.number} 需要换一个部门处理，已交回调度中心重新派单。"
            f"办结时限不变，仍将在 {fmt_time(t.due_at, tz)} 前办结；派给新的部门后会再通知您。")


def downgraded_by_desk(t: Ticket, tz: ZoneInfo) -> str:
    """Staff found on the phone that there is no danger and took the emergency back (desk30)."""
    return (f"经工作人员核实，您的工单 {t.number} 目前没有紧急危险，已改为按一般诉求处理，"
            f"将在 {fmt_time(t.due_at, tz)} 前办结。如果出现危险，请直接拨打 119 / 120 / 110。")


# what 我的投诉 and 查询 call a status: a resident reads 「已退回」 as their complaint refused
_STATUS_LABELS = {Status.RETURNED: "重新派单中"}


def status_label(status: Status) -> str:
    return _STATUS_LABELS.get(status, status.label)


def merged(t: Ticket, into: str) -> str:
    return f"您的工单 {t.number} 与工单 {into} 反映的是同一问题，已合并处理，进展会一并通知您。"


def desk_reply(t: Ticket, text: str) -> str:
    """The desk writes to the resident (their words as the desk wrote them: the resident may read them)."""
    return f"【工单 {t.number}】热线工作人员回复：\n{text}"


def closed(t: Ticket) -> str:
    return f"工单 {t.number} 已结案，感谢您的反映。"
