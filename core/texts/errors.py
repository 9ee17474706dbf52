"""What is wrong with a request, in words the person who made it understands: the service's and the
directory's answers to bad input, unknown names and a concurrent change. (Why an action is not
allowed is in refusals.py.)"""

from __future__ import annotations

CONFLICT = "工单刚刚被其他人更新，请稍后再试"
EMPTY = "请输入内容"

# filing
DESCRIBE = "请描述一下发生了什么"
UNKNOWN_RESIDENT = "找不到该居民"


def description_too_long(limit: int) -> str:
    return f"描述太长了（最多{limit}字）"


def note_too_long(limit: int) -> str:
    return f"内容太长了（最多{limit}字）"


def reason_too_long(limit: int) -> str:
    return f"原因太长了（最多{limit}字）"


def too_many_photos(limit: int) -> str:
    return f"照片最多{limit}张"


def unknown_category(category: str) -> str:
    return f"未知的分类：{category}"


def no_grid(code: str) -> str:
    return f"没有网格 {code}"


# the grid's work, the resident's, the desk's, the timers'
PROGRESS_EMPTY = "请写一下进展情况"
RESOLUTION_EMPTY = "请写一下处理结果"
RETURN_NEEDS_REASON = "退回需要说明原因"
NO_SURVEY_ANSWER = "没有找到这次评价"
MERGE_INTO_ITSELF = "不能把工单合并到它自己"
MERGE_TARGET_MERGED = "目标工单本身已被合并"
SPLIT_NEEDS_DESCRIPTION = "请写明该居民反映的问题"


def ticket_done(number: str, status_label: str) -> str:
    return f"工单{number}已{status_label}"


def cannot_join(number: str, status_label: str) -> str:
    return f"工单{number}已{status_label}，无法加入关注"


def merge_target_done(number: str, status_label: str) -> str:
    return f"目标工单{number}已{status_label}，不能合并进去"


def cannot_split(number: str, status_label: str) -> str:
    return f"工单{number}已{status_label}，不能拆分"


def split_not_follower(resident_id: int, is_owner: bool) -> str:
    why = "是该工单的发起人" if is_owner else "没有关注该工单"
    return f"居民#{resident_id}{why}，无法拆分"


# the directory: grids, staff, binding codes
GRID_CODE_FORMAT = "网格编码只能包含字母、数字、-、_（最长40位）"
GRID_NAME_EMPTY = "网格名称不能为空"
BAD_CENTER = "中心点坐标不合法"
POLYGON_TOO_SMALL = "多边形至少需要3个点"
BAD_ROBOT_URL = "企业微信机器人地址应为 http(s):// 开头的 webhook 地址"
STAFF_NAME_EMPTY = "姓名不能为空"
BAD_STAFF_ROLE = "工作人员角色只能是 worker / dispatcher / supervisor / admin"
IDENTITY_TAKEN = "这个账号已绑定了另一位工作人员"
BAD_CODE = "绑定码无效或已过期，请管理员重新生成"
CODE_NOT_FOR_TARGET = "绑定码与网格不符"
STAFF_INACTIVE = "该工作人员已停用"


def grid_exists(code: str) -> str:
    return f"网格 {code} 已存在"


def no_staff(key: str) -> str:
    return f"没有工作人员 {key}"


def ambiguous_staff(key: str, ids: list[int]) -> str:
    return f"有{len(ids)}位叫 {key} 的工作人员，请用编号：" + ", ".join(str(i) for i in ids)
