"""What residents read in their chat about their ticket (and what a resident following it reads, masked
through its View)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.db.models import Ticket
from core.privacy import View
from core.texts.common import fmt_time

SURVEY_OPTIONS = (("satisfied", "满意"), ("basically_satisfied", "基本满意"), ("dissatisfied", "不满意"))
NO_PROGRESS_NOTE = "处理中"
NO_RESOLUTION_NOTE = "已处理"


def assigned(t: Ticket, grid_name: str, tz: ZoneInfo) -> str:
    return f"您的工单 {t.number} 已派给「{grid_name}」，将在 {fmt_time(t.due_at, tz)} 前办结。"


def claimed(t: Ticket, worker: str) -> str:
    return f"您的工单 {t.number} 已由工作人员{worker}接单，正在处理。"


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


def returned(t: Ticket) -> str:
    return f"您的工单 {t.number} 正在重新安排处理部门，请耐心等待。"


def merged(t: Ticket, into: str) -> str:
    return f"您的工单 {t.number} 与工单 {into} 反映的是同一问题，已合并处理，进展会一并通知您。"


def desk_reply(t: Ticket, text: str) -> str:
    """The desk writes to the resident (their words as the desk wrote them: the resident may read them)."""
    return f"【工单 {t.number}】热线工作人员回复：\n{text}"


def closed(t: Ticket) -> str:
    return f"工单 {t.number} 已结案，感谢您的反映。"
