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


def resolution_sounds_unfinished(number: str) -> str:
    """A surface that does not ask its own question shows this (core/text/unfinished.py)."""
    return f"工单{number}的处理结果听起来还没办完：办结后会请居民评价。还没办完请反馈进展；确已办完请确认后再办结。"


RETURN_NEEDS_REASON = "退回需要说明原因"
NO_SURVEY_ANSWER = "没有找到这次评价"
MERGE_INTO_ITSELF = "不能把工单合并到它自己"
ASSIGN_WORKER_NEEDS_GRID = "工单还没有派到网格：请先派单到网格，再指派处理人"
MERGE_TARGET_MERGED = "目标工单本身已被合并"
SPLIT_NEEDS_DESCRIPTION = "请写明该居民反映的问题"


def ticket_done(number: str, status_label: str) -> str:
    return f"工单{number}已{status_label}"


def ticket_finished(number: str, status_label: str) -> str:
    return f"工单{number}已{status_label}，如有新问题请直接描述"


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


# the desk: accounts and logins
LOGIN_REFUSED = "用户名或密码不正确"
PASSWORD_SPACES = "密码首尾不能有空格"


def password_too_short(limit: int) -> str:
    return f"密码至少{limit}位"


def password_too_long(limit: int) -> str:
    return f"密码最多{limit}位"


def username_taken(name: str, staff_id: int) -> str:
    return f"用户名 {name} 已被工作人员#{staff_id} 使用，请用 --username 另取一个"


def bad_username(limit: int) -> str:
    return f"用户名不能为空、不能含空格，最长{limit}个字符"


def locked_out(minutes: int) -> str:
    return f"登录失败次数过多，已暂时锁定，请{minutes}分钟后再试"


# the desk: replies, photos, forms, intake, phone tasks, short answers
REPLY_EMPTY = "请输入回复内容"
NO_PHOTO = "没有这张照片"
BAD_PHONE = "电话号码不正确"
BAD_ADDRESS = "没有读出新的地址"
NO_SOURCE = "请选择来源"
NO_CALL_OUTCOME = "请选择电话结果"
NO_PHONE_TASK = "没有这个电话任务"
PHONE_TASK_DONE = "该电话任务已处理"
KEYWORD_TOO_LONG = "每个关键词最多30字"
NO_ANSWER_ENTRY = "没有这条答复"


def reply_too_long(limit: int) -> str:
    return f"回复太长了（最多{limit}字）"


def stale_form(number: str) -> str:
    return f"工单 {number} 在您打开页面之后已被其他人更新，您的操作没有执行；请查看最新情况后再操作"


def too_many_keywords(limit: int) -> str:
    return f"关键词最多{limit}个"


def answer_title(limit: int) -> str:
    return f"标题不能为空，最多{limit}字"


def answer_body(limit: int) -> str:
    return f"答复内容不能为空，最多{limit}字"


# the desk's 解除紧急 and 催办 (desk30)
DOWNGRADE_NEEDS_REASON = "请填写解除紧急的原因（例如：已电话核实，无人受伤或被困）"
URGE_NO_GRID = "工单还没有派到网格，没有可催办的人员，请先派单"


def not_emergency(number: str, urgency_label: str) -> str:
    return f"工单{number}不是紧急工单（现为「{urgency_label}」），无需解除紧急"


def not_open_for(number: str, status_label: str, verb_label: str) -> str:
    """「工单X已办结，不能再催办」: the labels mostly start with 已 already (已办结, 已撤销): not said twice."""
    state = status_label if status_label.startswith("已") else f"已{status_label}"
    return f"工单{number}{state}，不能再{verb_label}"


def urged_recently(number: str, at: str, minutes: int) -> str:
    return f"工单{number}已于 {at} 催办过，{minutes}分钟内不重复催办"
