"""What the WeCom app says to grid workers in its chat, in one place (the cards' wording is the
core's: core/texts/workers.py and core/texts/wecom.py)."""

from __future__ import annotations

from bot.dialogs.texts import SKIP_WORDS
from bot.dialogs.worker_texts import RETURN_REASONS, UNFINISHED_AS

__all__ = ["RETURN_REASONS", "SKIP_WORDS", "UNFINISHED_AS"]

HELP = (
    "【工单助手】派到您网格的工单会以卡片发到这里，点「接单」即可接单。\n"
    "接单后可直接回复：\n"
    "· 进展 编号 内容（可先发照片）\n"
    "· 办结 编号 处理结果（可先发照片）\n"
    "· 退回 编号 原因\n"
    "· 我的工单：查看您手上和网格待接的工单\n"
    "· 取消：放弃正在填写的内容"
)
NOT_BOUND = ("您的企业微信账号还没有绑定工作人员身份。请向管理员索取绑定码，"
             "然后在这里发送「绑定 绑定码」。")
ALREADY_BOUND = "您已绑定为工作人员「{name}」，无需再次绑定。"
BOUND = "绑定成功：{name}。之后派到您网格的工单会以卡片发到这里。"
UNKNOWN = "没看懂这条消息。发送「帮助」查看可用的指令。"
CANCELLED = "已取消。"
NOTHING_TO_CANCEL = "当前没有正在填写的内容。"
UNSUPPORTED = "暂不支持这类消息，请发送文字或照片。"
TOO_LONG = "内容太长了（最多{limit}字），请精简后再发。"
BUSY = "系统繁忙，请稍后再试。"
EXPIRED_BUTTON = "这个按钮已失效，请以最新的卡片为准。"

ASK_PROGRESS = "请回复工单 {number} 的进展情况（可先发照片，再发文字）："
ASK_RESOLVE = "请回复工单 {number} 的处理结果（可先发照片，再发文字）："
ASK_RETURN = "请选择退回工单 {number} 的原因，回复数字或直接写原因："
ASK_RETURN_NOTE = "退回原因：{reason}。请回复补充说明（回复「无」跳过）。"
NEED_WORDS = "请用文字说明一下（照片已保留）。"
PHOTOS_KEPT = "已收到 {count} 张照片，请再发送文字说明。"
PHOTO_WITHOUT_TASK = "请先发送「进展 编号」或「办结 编号」，再发照片。"

CLAIMED = "接单成功：{number}。居民的联系电话会单独发给您，请尽快联系处理。"
PROGRESS_ADDED = "进展已记录：{number}，已通知居民。"
RESOLVED = "办结成功：{number}，已通知居民评价。"


def unfinished(number: str, note: str) -> str:
    """办结 with a note that reads as work still to come (core/text/unfinished.py)."""
    return (f"「{note}」听起来还没办完。办结后会请居民评价，还没办完请先记为进展。工单 {number}：\n"
            f"1. {UNFINISHED_AS[0]}\n2. {UNFINISHED_AS[1]}\n请回复数字。")
RETURNED = "已退回：{number}，调度员会重新派单。"


HELP_WORDS = frozenset({"帮助", "help", "?", "？", "菜单", "说明"})
CANCEL_WORDS = frozenset({"取消", "算了", "cancel"})
MINE_WORDS = frozenset({"我的工单", "我的", "工单", "我的任务"})


def return_reasons() -> str:
    return "\n".join(f"{n}. {reason}" for n, reason in enumerate(RETURN_REASONS, 1))
