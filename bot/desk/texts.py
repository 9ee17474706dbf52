"""The desk's Chinese words that Python code produces (flash messages, errors, labels); the rest of
the page text is in the templates."""

from __future__ import annotations

TITLE = "社区诉求 · 热线工作台"

# login and sessions
LOGIN_REQUIRED = "请先登录"
SESSION_EXPIRED = "长时间未操作，登录已过期，请重新登录"
SESSION_REVOKED = "账号密码已重置或账号已停用，请重新登录"
LOGGED_OUT = "已退出登录"
LOGIN_FIELDS_MISSING = "请输入用户名和密码"
CSRF_REFUSED = "页面已过期或请求来源不明（缺少安全令牌），请刷新页面后重试"

# forms
FIELD_REQUIRED = "请填写{field}"
FIELD_TOO_LONG = "{field}太长了（最多{limit}字）"
FIELD_INVALID = "{field}不正确"
FORM_TOO_BIG = "提交的内容太大（最多 {mb:g} MB）"
FORM_MALFORMED = "提交的表单格式不正确"
STALE_FORM = "工单 {number} 在您打开页面之后已被更新（{what}），您的操作没有执行，请查看最新情况后重试"

# errors by status
ERROR_TITLES = {400: "输入有误", 403: "无权操作", 404: "没有找到", 409: "操作冲突", 413: "内容太大",
                429: "请求太频繁", 500: "系统出错"}
NOT_FOUND_PAGE = "没有这个页面"
INTERNAL_ERROR = "系统出错了，已记录，请稍后再试"

# roles shown in the header
ROLE_LABELS = {"worker": "网格员", "dispatcher": "调度员", "supervisor": "负责人", "admin": "管理员"}
# 办结 with a note that reads as work still to come (core/text/unfinished.py)
RESOLVE_UNFINISHED = "处理结果听起来还没办完。办结后会请居民评价：还没办完请用「反馈进展」；确已办完请勾选「确已办完，仍然办结」再提交。"
# the ticket page's 解除紧急 and 催办 (desk30); the refusals are core's (core/texts/errors.py)
DOWNGRADED = "已解除紧急，紧急程度改为「{urgency}」，办结时限已按一般流程重算；已通知负责人和网格"
URGED = "已催办，已通知网格{holder}"
URGED_HOLDER = "和处理人{name}"
