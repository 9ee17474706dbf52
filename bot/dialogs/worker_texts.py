"""What the conversations say to grid workers and staff in their chats: commands, claims,
progress, returns, binding. The residents' side is bot/dialogs/texts.py."""

from __future__ import annotations

from core.service import refusals

# ---- workers ----------------------------------------------------------------------------------------

WORKER_VERBS = {"接单": "claim", "进展": "prog", "办结": "done", "退回": "ret"}
NOT_STAFF = refusals.NOT_STAFF
COMMAND_NEEDS_NUMBER = "请带上工单编号，例如「接单 261123-0001」「办结 261123-0001 灯已换好」；也可以点工单消息下面的按钮。"
GROUP_NOT_BOUND = refusals.GROUP_NOT_BOUND
NOT_THIS_GROUP = refusals.NOT_THIS_GROUP
WORK_PICK = "回复序号查看详情。"
# /help in a worker's private chat (usertest28: it showed the residents' 使用说明)
PRIVATE_HELP = (
    "工作人员使用说明：\n"
    "· 「我的工单」查看您手上和网格待接的工单，回复序号看详情；「查询 编号」看本网格任一工单的经过。\n"
    "· 「接单 编号」「进展 编号 内容」「办结 编号 处理结果」「退回 编号 原因」（可先发照片）。\n"
    "· 「取消」放弃正在填写的内容。网格群里的工单卡片也可以直接点按钮操作。"
)
# 「帮助」 / help / /help in a grid's group (work30, usertest1: the words got no reply there): the typed commands too
GROUP_HELP = (
    "本群用于处理网格工单：新工单会以卡片形式发到群里，点「接单」「进展」「办结」「退回」操作，按提示回复文字或照片即可。\n"
    "也可以直接发文字：\n"
    "· 「接单 编号」「进展 编号 内容」「办结 编号 处理结果」「退回 编号 原因」（编号可只写后四位，可先发照片）。\n"
    "· 「我的工单」查看您手上和网格待接的工单，回复序号看详情；「查询 编号」看本网格任一工单的经过。\n"
    "· 「取消」放弃正在填写的内容。\n"
    "管理员绑定本群：/bind <网格编码> <绑定码>；解除：/unbind"
)

NO_PHONE = "no_phone"  # Done.detail of a claimed ticket whose resident left no phone


def claimed(number: str, phone: bool = True) -> str:
    if not phone:  # usertest28: 「居民电话已私信发给您」 when none was left, and the message said 未留
        return f"已接单 {number}，居民没有留电话，工单详情已私信发给您。"
    return f"已接单 {number}，居民电话已私信发给您。"


def ask_progress(number: str, name: str) -> str:
    return f"{name + '，' if name else ''}请回复本消息，写下工单 {number} 的进展（可附照片）。"


def ask_resolve(number: str, name: str) -> str:
    return f"{name + '，' if name else ''}请回复本消息，写下工单 {number} 的处理结果（可附照片）。"


def ask_return_reason(number: str) -> str:
    return f"退回工单 {number}，请选择原因（或直接回复原因）："


RETURN_REASONS = ("不属于本网格", "不属于物业职责", "信息不全无法处理", "重复工单", "其他")


def ask_return_note(reason: str) -> str:
    return f"退回原因：{reason}。请回复补充说明（回复「无」跳过）。"


PHOTOS_WAITING = "收到照片（共{count}张），请再回复一句文字说明。"
NOTE_NEEDED = "请写一句文字说明。"
# a resolution note that reads as work still to come (core/text/unfinished.py): closing it sends the resident a survey
UNFINISHED_AS = ("记为进展", "仍然办结")


def unfinished_question(number: str, note: str) -> str:
    return (f"「{note}」听起来还没办完。办结后会请居民评价，还没办完请先记为进展；确已办完请选「仍然办结」。"
            f"（工单 {number}）")


def progress_added(number: str) -> str:
    return f"✅ 工单 {number} 进展已记录，居民会收到通知。"


def resolved(number: str) -> str:
    return f"✅ 工单 {number} 已办结，已请居民评价。"


def returned(number: str) -> str:
    return f"↩️ 工单 {number} 已退回调度中心。"


def follow_up_recorded(number: str, rating: str) -> str:
    return f"已登记工单 {number} 的回访结果：{rating}。"


def follow_up_not_recorded(number: str) -> str:
    return f"工单 {number} 这一轮已有评价或已结束，未重复登记。"


WORKER_CMD_HOW = (
    "格式：接单 261123-0001 ｜ 进展 261123-0001 已到现场 ｜ 办结 261123-0001 已修好 ｜ 退回 261123-0001 原因"
)

# ---- binding ----------------------------------------------------------------------------------------

BIND_HOW_GROUP = "用法：/bind <网格编码|supervisors|dispatchers> <绑定码>"
BIND_HOW_PRIVATE = "用法：绑定 <绑定码>（绑定码由管理员生成）"
DESK_NAMES = {"supervisors": "负责人群", "dispatchers": "调度群"}


def group_bound(target: str) -> str:
    return f"本群已绑定：{target}。新工单会发到这里。"


GROUP_UNBOUND = "本群已解除绑定，不会再收到工单。"
GROUP_WAS_NOT_BOUND = "本群没有绑定。"
UNBIND_NOT_ALLOWED = refusals.UNBIND_NOT_ALLOWED


def staff_bound(name: str) -> str:
    return f"{name}，绑定成功！之后可以在这里接收和处理工单。\n{WORKER_CMD_HOW}"


def serial_not_found(serial: str) -> str:
    return f"您的网格没有尾号为 {serial} 的在办工单。请发完整编号，例如「接单 261123-{serial}」。"


def which_ticket(verb: str, numbers: list[str]) -> str:
    """A command word alone (`verb`, a WORKER_VERBS value) that fits no ticket, or several."""
    if not numbers:
        return COMMAND_NEEDS_NUMBER
    said = next(w for w, v in WORKER_VERBS.items() if v == verb)
    return f"有几张工单都可以（{'、'.join(numbers)}），请带上编号，例如「{said} {numbers[0][-4:]}」。"


def serial_ambiguous(serial: str, numbers: list[str]) -> str:
    return f"尾号 {serial} 的在办工单不止一张（{'、'.join(numbers)}），请发完整编号。"

# a worker's 「撤销 / 取消 编号」 in their private chat (second user test: it opened a resident's complaint form)
NO_WITHDRAW_FOR_STAFF = "工单只能由提交的居民撤销。不属于本网格的工单请点「退回」，需要关闭请联系调度员。"
# 查询 in a group (usertest29b: no reply at all): details stay out of the group, the private chat shows them
GROUP_QUERY = "群里不显示工单详情。请私聊我发「查询 编号」查看经过（本网格或您手上的工单）。"
