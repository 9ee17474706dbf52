"""Every Chinese sentence the Telegram adapter itself says (the conversations keep theirs in
bot/dialogs, the core in core/service/texts.py)."""

from __future__ import annotations

# the private chat's main menu (a reply keyboard)
MENU_FILE = "我要投诉"
MENU_MINE = "我的投诉"
MENU_HELP = "帮助"
MENU_LOCATION = "📍发送位置"
MENU_HINT = "常用功能也在输入框下方的菜单里。"
MENU_PLACEHOLDER = "描述问题，或点下方菜单"
# the menu's buttons send their words as typed text: the conversations understand them on every channel

# bot commands shown in Telegram's "/" menu: (command, description)
PRIVATE_COMMANDS = (
    ("start", "开始 / 主菜单"),
    ("my", "我的投诉"),
    ("cancel", "取消当前操作"),
    ("help", "帮助"),
)
GROUP_COMMANDS = (
    ("bind", "绑定本群到网格：/bind 网格编码 绑定码"),
    ("unbind", "解除本群绑定"),
    ("help", "帮助"),
)

BUTTON_STALE = "这个按钮已过期，请重新打开最新的消息再操作。"
BUTTON_FORGED = "无法识别这个按钮，请使用机器人发出的最新消息。"
BUSY = "抱歉，系统出了点问题，请稍后再试。"
REPLY_DELAYED = "消息发送繁忙，稍后会继续发送。"
FOREIGN_MEDIA = "［图片来自其他渠道，这里无法显示］"
FOREIGN_MEDIA_WITH_CAPTION = "［图片来自其他渠道，这里无法显示］{caption}"
PHOTO_UNAVAILABLE = "［图片已失效，无法显示］"
START_PRIVATE_FIRST = (
    "提醒：您还没有私聊过机器人（或已将其屏蔽），居民的完整电话会私信发给接单人。"
    "请点开机器人头像发送 /start，之后就能收到。"
)
ADDED_TO_GROUP = (
    "大家好！我是社区诉求机器人。\n"
    "请管理员在本群发送：/bind 网格编码 绑定码（绑定码由管理员运行 complaint-bot grid bind-code 网格编码 获得），"
    "绑定后本网格的新工单会发到这里，网格员可直接点按钮接单、反馈进展、办结或退回。"
)
