"""What the desk reads: alerts to the dispatchers' and supervisors' groups (a new emergency, a ticket
no grid took, a return, a request for a human, an escalation), the written escalation each supervisor
gets in person, and failed deliveries."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from core.db.models import Ticket
from core.enums import Status, Urgency
from core.privacy import View
from core.text.normalize import nfkc
from core.texts.common import address_label, category_line, fmt_time

UNROUTED = "未能自动派单"
HUMAN_WANTED = "居民要求人工服务"


def alert_emergency(t: Ticket, v: View, tz: ZoneInfo, triggers: list[str]) -> str:
    why = v.text(_headline(t.description or "", triggers))
    return (
        f"🚨紧急工单 {t.number}：{why}\n地址：{address_label(t, v)}\n内容：{v.text(t.description)}\n"
        f"电话：{v.phone(t.contact_phone)}\n请立即响应，{fmt_time(t.claim_due_at, tz)} 前必须有人接单。"
    )


def _headline(description: str, triggers: list[str]) -> str:
    """The alert's title: the danger's words as the resident wrote them; with none in the text (a yes to the triage
    question, 居民确认有危险) the first phrase of what happened, that reason after it (user test: the heads read
    「居民确认有危险」 or 「紧急情况」 and nothing of what it was)."""
    said = list(dict.fromkeys(_whole_phrase(w, description) for w in triggers if w in nfkc(description)))
    if said:
        return "、".join(said)
    first = _PHRASE_END.split(description.strip(), maxsplit=1)[0][:_HEADLINE] or "紧急情况"
    return f"{first}（{'、'.join(triggers)}）" if triggers else first


_HEADLINE = 20
def resident_added(t: Ticket, v: View, said: str) -> str:
    """To the heads: what the resident added to an open emergency after filing (core/service/said_notice.py)."""
    return f"🚨紧急工单 {t.number} 居民补充：{v.text(said)}\n地址：{address_label(t, v)}"


# a danger's words as the rules matched them may stop mid-phrase (电梯卡在, usertest29): the title runs on to the
# phrase's end, a few characters at most
_PHRASE_END = re.compile(r"[，,。.！!？?；;：:、\s]")
_RUN_ON = 12
_LEAD_IN = 14
_LONGEST = 24


def _whole_phrase(trigger: str, description: str) -> str:
    """The phrase the danger's words stand in, from its start (「孩子把门反锁了进不去」, not 「进不去」: second user
    test) to its end; the rules read NFKC text (「，」 as 「,」), so the title is found in that form."""
    description = nfkc(description)
    at = description.find(trigger)
    if at < 0:
        return trigger
    starts = [m.end() for m in _PHRASE_END.finditer(description, 0, at)]
    start = starts[-1] if starts else 0
    if at - start > _LEAD_IN:
        start = at
    end = at + len(trigger)
    stop = _PHRASE_END.search(description, end)
    stop_at = stop.start() if stop else len(description)
    if min(stop_at, end + _RUN_ON) - start > _LONGEST:
        start = at  # a long phrase: the danger's own words first
    if stop_at - end <= _RUN_ON:
        return description[start:stop_at]
    return description[start:end + _RUN_ON] + "…"


def alert_downgraded(t: Ticket, v: View, tz: ZoneInfo, checked: str | None = None) -> str:
    """The heads had the emergency's alert: it was a mistake, said by the resident (or `checked`: the reason the desk
    gave after calling them); the ticket goes on as usual."""
    why = (f"工作人员已与居民核实，不是紧急情况（{v.text(checked)}）。" if checked
           else "居民说明刚才是误报（点错了 / 没有人受伤或被困），不是紧急情况。")
    return (f"✅工单 {t.number} 解除紧急：{why}\n"
            f"工单照常处理，紧急程度改为「{Urgency(t.urgency).label}」，办结时限 {fmt_time(t.due_at, tz)}。\n"
            f"{category_line(t)}｜{address_label(t, v)}")


def alert_escalated(t: Ticket, v: View, level: int, reason: str) -> str:
    return f"⚠️工单 {t.number} 升级督办（{level}级）：{v.text(reason)}\n{category_line(t)}｜{address_label(t, v)}"


def alert_returned(t: Ticket, v: View, reason: str, grid_name: str | None) -> str:
    src = f"「{grid_name}」" if grid_name else ""
    return (f"↩️工单 {t.number} 被{src}退回：{v.text(reason)}\n"
            f"请重新派单。{category_line(t)}｜{address_label(t, v)}")


def address_changed(note: str) -> str:
    return f"居民更正了地址：{note}"


def alert_flagged(t: Ticket, v: View, reason: str) -> str:
    return f"🙋工单 {t.number} 需要人工处理：{v.text(reason)}\n{category_line(t)}｜{address_label(t, v)}"


def alert_unrouted(t: Ticket, v: View, reason: str) -> str:
    return (f"📥新工单 {t.number} 待派单（{v.text(reason)}）\n{category_line(t)}｜{address_label(t, v)}\n"
            f"内容：{v.text(t.description)}")


def alert_manager_escalation(t: Ticket, v: View, tz: ZoneInfo, reason: str) -> str:
    return (f"📮书面督办（2级）：工单 {t.number} {v.text(reason)}\n{category_line(t)}｜{address_label(t, v)}\n"
            f"受理：{fmt_time(t.created_at, tz)}  当前状态：{Status(t.status).label}")


# failed deliveries (core/followthrough/sender.py), to the dispatchers' groups

AUDIENCES = {"resident": "居民", "group": "群", "staff": "工作人员"}


def dead_letter_alert(lines: list[str], more: int) -> str:
    head = "❗消息投递失败（已停止重试），请人工跟进："
    tail = f"\n……另有{more}条" if more else ""
    return head + "\n" + "\n".join(lines) + tail + "\n（运维可用 complaint-bot outbox dead 查看，outbox retry 重发）"


def dead_letter_line(outbox_id: int, number: str | None, audience: str, purpose: str, channel: str,
                     outcome: str, reason: str) -> str:
    about = f"工单 {number}" if number else "无工单"
    who = AUDIENCES.get(audience, audience)
    return f"#{outbox_id} {about}｜发给{who}（{channel}）的「{purpose}」：{reason_label(outcome, reason)}"


def reason_label(outcome: str, reason: str) -> str:
    if outcome == "blocked":
        return "对方已屏蔽或退订，请电话联系"
    if outcome == "retry":
        return "多次重试仍失败" + (f"（{reason[:60]}）" if reason else "")
    return (reason or "发送失败")[:80]
