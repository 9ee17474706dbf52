"""What grid workers read in the WeCom app beyond the grid's card (workers.py) and the alerts
(desk.py): the label a card's buttons turn into once someone has acted, and the group robot's hint
once the grid works in the app."""

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
ROBOT_HINT_APP = "\n请在企业微信「社区工单」应用的卡片上点「接单」。"


def claimed_by(name: str) -> str:
    return CLAIMED_BY.format(name=name or "其他同事")


def merged(into: str) -> str:
    return MERGED.format(into=into)
