"""Why an action is refused, in words a resident or a staff member understands: every sentence the
permission rules (core/service/permissions.py) answer with, in one place. Each is a sentence and ends
with its full stop (usertest28: 「…只有接单人可以办结」 stopped short beside the other replies)."""

from __future__ import annotations

NOT_STAFF = "您还没有绑定工作人员身份，不能操作工单。请向管理员要绑定码，私聊我发送「绑定 绑定码」。"
GROUP_NOT_BOUND = "本群还没有绑定网格，不能操作工单。"
NOT_THIS_GROUP = "这张工单不属于本群的网格，不能在这里操作。"
UNBIND_NOT_ALLOWED = "只有本网格的工作人员或负责人可以解除绑定。"
RESIDENTS_ONLY_FOLLOW = "只有居民可以加入关注。"

# what each permission verb is called in a refusal ("…不能接单")
VERB_LABELS = {
    "read": "查看该工单", "reveal_phone": "查看居民电话", "claim": "接单", "progress": "反馈进展",
    "resolve": "办结", "return": "退回", "follow_up": "登记回访结果", "assign": "派单",
    "reclassify": "确认分类", "merge": "合并", "split": "拆分", "escalate": "升级督办",
    "reopen": "重新处理", "close": "结案", "cancel": "撤销", "flag": "转人工", "note": "添加备注",
    "reply": "回复居民", "legal_hold": "设置保全", "manage_staff": "管理工作人员",
    "manage_grids": "管理网格", "reports": "查看报表", "unbind_group": "解除绑定",
    "file_for": "代客登记", "manage_answers": "维护知识库", "assign_worker": "指派处理人",
    "manage_calendar": "维护节假日安排", "downgrade": "解除紧急", "urge": "催办",
}  # fmt: skip


def not_registered(verb: str) -> str:
    return f"只有登记的工作人员可以{verb}。"


def not_your_grid(verb: str) -> str:
    return f"您不是该工单所属网格的工作人员，不能{verb}。"


def assignee_only(verb: str, assignee: str | None) -> str:
    return f"该工单由{assignee or '其他人'}处理，只有接单人可以{verb}。"


def desk_only(verb: str) -> str:
    return f"只有调度员或负责人可以{verb}。"


def head_only(verb: str) -> str:
    return f"只有负责人或管理员可以{verb}。"


def not_assignable(name: str, grid: str) -> str:
    return f"{name}不是「{grid}」的在岗工作人员，不能指派。"


def already_holds(name: str) -> str:
    return f"该工单已由{name}处理，无需重复指派。"


def unknown_ticket(number: str) -> str:
    # the same words for a number that does not exist and one the asker may not see
    return f"没有找到工单 {number}，请核对编号。"
