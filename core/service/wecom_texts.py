"""What the WeCom app's cards say when someone has acted on them (the buttons' replacement text),
and the short notes to WeCom users. The card itself and the alerts are the core's (texts.py)."""

from __future__ import annotations

CLAIMED_BY = "已由{name}接单"
RESOLVED = "已办结"
RETURNED = "已退回调度"
REASSIGNED = "已改派其他网格"
REDISPATCHED = "已重新派单"
CANCELLED = "居民已撤销"
MERGED = "已合并到 {into}"
CLOSED = "已结案"
REOPENED = "已重新交办"

# the group robot's post says where to act: the app's card when the grid's workers have it
ROBOT_HINT_APP = "请在企业微信「社区工单」应用的卡片上点「接单」。"
ROBOT_HINT_OFFICIAL_ACCOUNT = "请在公众号回复「接单 {number}」处理。"

# a card that cannot be changed any more (its code used up or expired) gets a message instead
CARD_CHANGED = "工单 {number}：{label}。"


def claimed_by(name: str) -> str:
    return CLAIMED_BY.format(name=name or "其他同事")


def merged(into: str) -> str:
    return MERGED.format(into=into)


def card_changed(number: str, label: str) -> str:
    return CARD_CHANGED.format(number=number, label=label)
