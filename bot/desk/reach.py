"""What will happen to a reply, shown beside the reply box before it is sent: the channel's own rules
decide (WeChat's 48-hour window and 5-message quota live in bot/adapters/wechat/window.py, its
template messages in templates.py); this only reads them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.adapters.wechat.templates import parse_templates, spec_for
from bot.adapters.wechat.window import QUOTA, WINDOW
from core.service.desk import Reach

PURPOSE = "desk_reply"  # the outbox purpose of a desk's reply (a template may be configured for it)


@dataclass(frozen=True)
class Preview:
    now: bool  # delivered at once
    text: str


class ReplyPreview:
    def __init__(self, wechat_templates: Mapping[str, Any]) -> None:
        self.templates = parse_templates(wechat_templates)

    def __call__(self, reach: Reach | None, now: datetime) -> Preview:
        if reach is None:
            return Preview(False, "居民没有可用的聊天渠道，回复将无法送达")
        if reach.unsubscribed or reach.blocked:
            return Preview(False, "居民已取消关注或屏蔽了机器人，回复无法送达")
        if reach.channel == "phone":
            return Preview(False, "居民没有在线渠道：回复将生成电话任务，由工作人员电话告知")
        if reach.channel != "wechat":
            return Preview(True, "立即发送到居民的聊天窗口")
        opened = reach.last_inbound_at is not None and reach.last_inbound_at > now - WINDOW
        left = max(0, QUOTA - reach.pushes_since_inbound)
        if opened and left:
            until = (reach.last_inbound_at + WINDOW) if reach.last_inbound_at else now
            hours = max(0, int((until - now).total_seconds() // 3600))
            return Preview(True, f"微信48小时窗口内：立即发送（本窗口还可发{left}条，约{hours}小时后关闭）")
        why = "已超过48小时未发消息" if not opened else f"本窗口的{QUOTA}条客服消息已用完"
        if spec_for(self.templates, PURPOSE) is not None:
            return Preview(True, f"居民{why}：将以模板消息通知，完整内容在居民下次发消息时送达")
        return Preview(False, f"居民{why}：回复将暂存，居民下次给公众号发消息时送达")
