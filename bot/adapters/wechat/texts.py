"""Every Chinese sentence the WeChat channel says by itself (the conversations keep theirs in
bot/dialogs): the welcome, refusals of message kinds it cannot take, numbered-option hints, the
deferred-updates header, template fallbacks and the custom menu's labels."""

from __future__ import annotations

# ---- the custom menu (自定义菜单): label, EventKey, what it means to the dialogs -------------------

MENU_COMPLAIN, MENU_MY, MENU_HELP = "COMPLAIN", "MY_TICKETS", "HELP"
MENU_BUTTONS = (
    ("我要投诉", MENU_COMPLAIN),
    ("我的投诉", MENU_MY),
    ("使用说明", MENU_HELP),
)

WELCOME = "感谢关注！下方菜单随时可以「我要投诉」「我的投诉」，或看「使用说明」。"

VOICE_NEEDS_TYPING = "抱歉，暂时听不了语音，请打字告诉我们发生了什么，谢谢！"
UNSUPPORTED_KIND = "抱歉，暂不支持这种消息（{kind}）。请发送文字、图片或位置。"
KIND_NAMES = {
    "video": "视频", "shortvideo": "小视频", "link": "链接", "file": "文件",
    "music": "音乐", "miniprogrampage": "小程序卡片",
}
BUSY = "系统繁忙，请稍后再发一次，谢谢您的耐心。"

# ---- rendering ----------------------------------------------------------------------------------

CHOICE_HINT = "请回复数字 {numbers} 选择"
CHOICE_HINT_FREE = "请回复数字 {numbers} 选择，也可以直接输入文字"
PHOTO_ELSEWHERE = "[图片]"
PHOTOS_NOT_SENT = "（另有{n}张图片未能发送）"
LOCATION = "[位置] {label}（{lat:.5f}, {lng:.5f}）"
DEFERRED_HEADER = "📬 您有 {n} 条工单进展："
DEFERRED_SEPARATOR = "——————"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# ---- template / subscription messages: the variables a template field may name ------------------

TEMPLATE_TITLES = {
    "assigned": "工单已派单", "claimed": "工单已受理", "progress": "工单进展通知",
    "resolution": "工单办结通知", "survey": "服务评价邀请", "reopened": "工单重新处理",
    "closed": "工单已结案", "merged": "工单合并通知", "reply": "消息回复", "assignment": "新工单待处理",
    "contact": "工单联系人信息",
}
TEMPLATE_DEFAULT_TITLE = "工单通知"
TEMPLATE_HINT = "详情请在公众号内回复任意消息查看"
TEMPLATE_HINT_CHOICES = "请在公众号内回复任意消息，查看详情并完成操作"
