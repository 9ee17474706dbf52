"""The Chinese sentences follow-through sends on its own (not about one ticket event): delivery
alerts to the dispatchers. Reminder texts live with the other ticket texts in core.service.texts."""

from __future__ import annotations

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
