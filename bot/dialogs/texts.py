"""Every Chinese sentence the conversations say, in one place. Short and kind: the reader may be a
tired resident at midnight, or a grid worker on a ladder."""

from __future__ import annotations

from bot.dialogs.emergency_texts import STAY_PUT, call_for
from core.service import refusals

# ---- words people type instead of pressing buttons --------------------------------------------------

CANCEL_WORDS = frozenset({"取消", "算了", "不要了", "撤销", "cancel"})
HELP_WORDS = frozenset({"帮助", "help", "怎么用", "使用说明", "?", "？"})
HUMAN_WORDS = frozenset({"人工", "转人工", "人工客服", "人工服务", "找人工"})
MY_WORDS = frozenset({"我的投诉", "我的工单", "我的报修", "查看进度", "进度"})
GREETING_WORDS = frozenset({"你好", "您好", "hi", "hello", "开始", "菜单", "start"})
QUERY_WORD = "查询"
SKIP_WORDS = frozenset({"无", "没有", "跳过", "不用", "不用了", "不需要", "没了", "不补充"})
BIND_WORD = "绑定"

MENU_COMPLAINT, MENU_REPAIR, MENU_CONSULT, MENU_MY = "我要投诉", "我要报修", "咨询", "我的投诉"
MENU_WORDS = {
    "我要投诉": "complaint",
    "投诉": "complaint",
    "我要报修": "repair",
    "报修": "repair",
    "咨询": "consult",
    "我要咨询": "consult",
}

# ---- menu and help ----------------------------------------------------------------------------------

WELCOME = "您好，这里是社区服务。遇到问题直接告诉我就行，比如「楼下烧烤店每天晚上12点还在吵」。\n也可以选择："


def help_text(gas_phone: str) -> str:
    return (
        "使用说明：\n"
        "· 直接说出遇到的问题（什么事、在哪里、从什么时候开始），我会一步步帮您登记；可以随时发照片或位置。\n"
        "· 「我的投诉」查看进度；「查询 编号」看某一单的详细经过。\n"
        "· 「取消」放弃正在填写的内容；「撤销 编号」撤回已提交、尚未接单的投诉；「人工」转人工客服。\n"
        f"· 遇到危险请先拨打 119（火警）、120（急救）、110（报警），燃气泄漏拨 {gas_phone}。"
    )


# ---- input problems ---------------------------------------------------------------------------------

EMPTY_INPUT = "没有收到内容，请用文字告诉我发生了什么。"
UNSUPPORTED_INPUT = "暂时只能识别文字、图片和位置，麻烦用文字说一下。"
BINARY_INPUT = "这条消息里有无法识别的内容，麻烦用普通文字再发一次。"


def too_long(limit: int) -> str:
    return f"内容太长了（最多{limit}字），麻烦精简一下再发。"


EXPIRED_BUTTON = "这个按钮已经过期了，请按最新的提示操作。"
SORRY = "抱歉，系统开了个小差，请稍后再试。如果着急，请回复「人工」。"
STATE_RESET = "抱歉，系统升级后没能恢复您之前的对话，请重新告诉我遇到的问题。"

# ---- intake questions -------------------------------------------------------------------------------

ASK_DESCRIPTION = "请简单说说发生了什么（什么问题、在哪里、从什么时候开始）。有照片可以直接发。"
ASK_DESCRIPTION_FOR = {
    "complaint": "请说说您要投诉的问题：什么事、在哪里、从什么时候开始。有照片可以直接发。",
    "repair": "请说说哪里需要维修：什么坏了、在哪里。有照片可以直接发。",
    "consult": "请问您想咨询什么？",
}
# 「就是我家楼上」: who or what it is about, not yet what is wrong
ASK_WHAT_IS_WRONG = "好的，具体是什么问题呢？比如漏水、吵闹、坏了、堵了，说说怎么回事。"
ASK_ADDRESS = "请问具体在哪里？例如：幸福里小区3栋2单元501。也可以直接发送位置。"
ASK_ADDRESS_EMERGENCY = "请马上告诉我具体地址（小区、楼栋、门牌），或直接发送位置。"
ASK_COMMUNITY = "请问是哪个小区？"
# a consultation or a suggestion about the estate: the answer and who gives it depend on the 小区
ASK_COMMUNITY_PRAISE = "请问是哪个小区的？方便转达给那里的工作人员。（不清楚可以回复「跳过」）"
ASK_COMMUNITY_QUESTION = "请问您是哪个小区的？各小区的规定和收费不一样，方便转给负责的工作人员答复。（不清楚可以回复「跳过」）"


def confirm_address(label: str) -> str:
    return f"地址是「{label}」，对吗？"


ADDRESS_YES, ADDRESS_RETRY = "对", "重新填写"


def same_place(label: str) -> str:
    """After filing, a new matter from the same resident: the place just used, one tap away."""
    return f"还是「{label}」吗？"


SAME_PLACE_YES, SAME_PLACE_OTHER = "是，还是这里", "换个地方"
SAME_PLACE_YES_WORDS = frozenset("是 是的 对 对的 嗯 还是 还是这里 一样 一样的 同一个 是这里 就这里 就是这里".split())
# typed for 对 at 地址是「…」，对吗？ (or 是在这里吗？)
ADDRESS_YES_WORDS = SAME_PLACE_YES_WORDS | frozenset(
    "没错 没错的 对对 对对对 是滴 正确 没问题 确认 确定 嗯嗯 好 好的 可以 行 ok 对就是这里 就是这儿 对的就是这里 提交 "
    "係 係呀 係啊 啱 冇錯 沒錯 對 對的 yes y yep yeah correct".split())
# typed for 重新填写 there: the place offered is not it
ADDRESS_NO_WORDS = frozenset("不对 不是 不对不对 不是的 错了 错的 不正确 重新填写 重填 重新填 重新输入 不是这里 不是这儿 换一个 地址不对 "
                             "地址错了 no 唔係 唔啱 唔對 不對 錯了".split())


def unclear_address(text: str) -> str:
    return f"「{text}」看起来不太像地址。是在这里吗？如果不是，请告诉我小区和楼栋，或者门口、路口这样的位置，也可以直接发送位置。"


ADDRESS_IS_HERE = "对，就是这里"
ASK_OCCURRED_SINCE = "大概从什么时候开始的？例如：上个月、上周三、好几天了。说不清也没关系。"

# ---- the triage question: the reading found signs of danger but is not sure --------------------------

DANGER_DENIED = "好的，明白了。"
ASK_TRIAGE = "先确认一下：现在有没有人受伤或被困？有没有燃气泄漏、起火冒烟、大量进水或漏电的危险？"
# a fight, a theft or a smashing going on: who is hurt or in the middle of it, not gas or water
ASK_TRIAGE_VIOLENCE = "先确认一下：现在还有人在打人、闹事或作案吗？有没有人受伤或受到威胁？"
TRIAGE_YES, TRIAGE_NO = "有危险", "没有"
TRIAGE_YES_WORDS = frozenset("有 是 是的 对 有的 有人 有危险 危险 有人受伤 有人被困 被困 受伤 着火 起火 漏气 漏电 很危险 还在 还在砸 还在打 "
                             "还在偷 在打 正在 "
                             # Cantonese, as typed (係 / 有呀 / 冇 / 冇事 / 唔係)
                             "係 系 係呀 係啊 有呀 有啊 好危險 有人受傷 有人被困 yes".split())
TRIAGE_NO_WORDS = frozenset("没有 没 无 否 不是 没事 没有人 没有危险 不危险 都没有 安全 没人受伤 没有人受伤 不会 还好 "
                            "冇 冇呀 冇啊 冇事 冇嘢 唔係 冇危險 冇人受傷 無 沒有 沒事 沒有危險 沒人受傷 no nope".split())
BAD_TRIAGE = "请回答「有危险」或「没有」：现在有没有人受伤、被困，或者燃气、火、水、电的危险？"
TRIAGE_TRIGGER = "居民确认有危险"
SLOT_NAMES = ("地址", "电话", "时间")


def slots_noted(names: list[str]) -> str:
    return f"{'、'.join(names)}已记下。"


def triage_noted(names: list[str]) -> str:
    return f"{'、'.join(names)}已记下。还要先确认一下：现在有没有人受伤、被困，或者燃气、火、水、电的危险？请回复「有危险」或「没有」。"

# ---- a second problem in the middle of the form, and messages sent twice ------------------------------

ASIDE_NOTED = "这个问题我先记下了，等这条登记完再帮您另外登记。"
LIST_SPLIT = "您说了几件事，我们一件一件登记：先登记第一件，后面的登记完再帮您另外登记。"


def aside_offer(summary: str) -> str:
    return f"您还提到「{summary}」，要另外登记吗？"


ASIDE_YES, ASIDE_NO, ASIDE_DROPPED = "另外登记", "不用了", "好的，不再登记。"
# typed answers to the offer (besides its labels and numbers). 好的 / 嗯 stay small talk: right after
# 「已提交…」 they are as likely a thank-you as a yes, and the buttons stay on offer
ASIDE_YES_WORDS = frozenset({"要", "要的", "需要", "登记", "要登记", "登记一下", "帮我登记", "也登记", "一起登记"})
ASIDE_NO_WORDS = frozenset({"不用", "不要", "不用了", "算了", "不需要", "没事", "不了", "不登记"})
ALREADY_NOTED = "这条消息已经收到了，不用重复发送。"
ASK_OCCURRED = "这个情况是什么时候开始的？例如：昨晚、今天上午、每天晚上、好几天了。"
OCCURRED_OPTIONS = ("刚刚", "今天", "好几天了", "说不清")
ASK_PHONE = "请留一个联系电话，方便工作人员联系您（手机或座机）。"
ASK_PHONE_EMERGENCY = "请留一个能马上打通的电话。"


def use_last_phone(masked: str) -> str:
    return f"用上次的 {masked}"


BAD_PHONE = "这个号码好像不对，请输入11位手机号，或带区号的座机号；不方便留可回复「不留电话」。"
BAD_PHONE_COUNT = "收到的号码是 {digits}，共{n}位；手机号是11位，请核对后再发一次。不方便留可回复「不留电话」。"
PHONE_NOT_SEEN = "我们这边看不到您微信绑定的号码，请直接输入手机号（11位）或带区号的座机号；不方便留可回复「不留电话」。"
PLACE_ADDED = "好的，地址补上了：{place}。"
PLACE_KNOWN = "好的，地点记下了：{place}。"
PLACE_CORRECTED = "好的，地址改为：{place}。"
MATTER_CORRECTED = "好的，内容改为：{description}。"
TIME_CORRECTED = "好的，时间改为：{when}。"
BAD_PHONE_SHORT = ("这个号码好像少了区号：座机请带区号（如 0571-88886666），香港、澳门的手机请加 +852 / +853。"
                   "如果号码没错，请再发一次，我们按您写的记下。")
BAD_DESCRIPTION = "没太看明白，请用一两句话说说发生了什么。"
NO_HURRY = "好的，不着急。"
PHONE_OPTIONAL = "可以不留。留个电话，处理人员需要时能联系到您；不留请回复「不留电话」。"
PRIVACY_ASSURED = "请放心：您的电话和反映的内容只有处理人员能看到，不会告诉被反映的一方。方便的话留个电话；不留请回复「不留电话」。"
# questions about the service asked in the middle of the form (bot/dialogs/service_questions.py), answered before
# the form's question is put again
SERVICE_ANSWERS = {
    "privacy": "请放心：您的电话和反映的内容只有处理人员能看到，不会告诉被反映的一方。",
    "when": "提交后会马上派给负责的网格，并告诉您办结时限；有进展会第一时间通知您。",
    "hours": "这里随时可以登记，提交后马上派给负责的网格；办结时限按工作日计算，紧急情况随时处理。",
}
CANCEL_IF_YOU_WISH = "如果还是不想登记，回复「取消」就好。"
SAY_THE_MATTER = "遇到什么问题，直接告诉我就行。"
REMARK_KEPT = "好的，您说的这句已补充到内容里，处理人员会看到。"
REMARK_KNOWN = "这个已经记下了。"  # words said again that the form already has (「两天了」 after 「滴了两天了」)
ADDRESS_NOT_GIVEN = "好的，不着急。登记还需要具体位置：请告诉我小区和楼栋，例如：幸福里小区3栋2单元501；或者门口、路口这样的位置，也可以直接发送位置。"
ADDRESS_UNKNOWN_HELP = "没关系。可以直接发送位置，或者说说附近的路名、门口的店或标志（例如：幸福路和建设路路口、XX超市旁边）。"
BAD_ADDRESS = "没看懂这个地址，请写上小区和楼栋，例如：幸福里小区3栋。"
BAD_ANSWER = "没太明白，请按提示回答。"
BAD_OCCURRED = "没看出是什么时候。请说个大概时间，例如：昨晚、上周、好几天了；说不清也可以回复「说不清」。"

INVALID_EXPLAIN = {
    "phone": "我连续几次没认出电话号码。手机号写成 13812345678，座机写成 0571-88886666 就可以。"
    "也可以不留电话，或者转人工客服。",
    "address": "我连续几次没认出地址。可以这样写：幸福里小区3栋2单元501，或者直接发送位置。"
    "也可以转人工客服。",
    "triage": "我连续几次没明白。如果有人受伤、被困，或者有燃气、火、水、电的危险，请回复「有危险」并立即拨打119/120/110。"
    "也可以转人工客服。",
    "description": "我连续几次没看明白。可以这样说：楼下烧烤店每天晚上12点还在吵。也可以转人工客服。",
    "": "我连续几次没明白您的意思。请按提示回答，或者转人工客服。",
}
OPTION_HUMAN, OPTION_NO_PHONE, OPTION_CANCEL = "转人工客服", "不留电话", "取消"

PHOTO_RECEIVED = "收到照片（共{count}张）。"
PHOTO_LIMIT = "照片最多{limit}张，多出的没有收下。"
PHOTO_START = "收到照片。请再用文字说说发生了什么。"
LOCATION_RECEIVED = "收到位置。"
ASK_DOOR = "位置在「{community}」里：请再告诉我楼栋、单元和门牌，例如：3栋2单元501。不清楚可回复「跳过」。"
ASK_ROOM = "在「{place}」的几单元几号？例如：2单元501。不清楚可回复「跳过」。"
ASK_DOOR_NUMBER = "在「{place}」的几号（门牌）？例如：501。不清楚可回复「跳过」。"
ASK_BUILDING = "在「{community}」的哪一栋？例如：8栋、3号楼2单元。不清楚可回复「跳过」。"
ASK_SPOT = "在「{community}」里的什么位置？例如：3栋旁边、东门口、北区广场。不清楚可回复「跳过」。"
DESCRIPTION_APPENDED = "已补充到内容里。"

# ---- read-back --------------------------------------------------------------------------------------

REVIEW_HEAD = "请核对您的投诉："
REVIEW_HEAD_PRAISE = "请核对您的表扬："
REVIEW_HEAD_BY_KIND = {"表扬": REVIEW_HEAD_PRAISE, "咨询": "请核对您的咨询：", "建议": "请核对您的建议："}
REVIEW_QUESTION = "信息无误请点「提交」。"
SUBMIT, CHANGE, CANCEL = "提交", "修改", "取消"
ASK_WHICH_FIELD = "要修改哪一项？"
FIELD_LABELS = {
    "description": "内容",
    "address": "地点",
    "occurred": "时间",
    "phone": "电话",
    "photos": "清空照片",
    "back": "不改了",
}
BAD_WHICH = "请回复要改的那一项，例如「地点」「电话」；也可以直接发新的地址或电话。"
ASK_NEW = {
    "description": "请重新说说发生了什么。",
    "address": ASK_ADDRESS,
    "occurred": ASK_OCCURRED,
    "phone": ASK_PHONE,
}
PHOTOS_CLEARED = "照片已清空。"
NOT_PROVIDED = "（未提供）"


def written_as(name: str) -> str:
    """Beside a known 小区 read from a slip: shown to the resident at the read-back and to the worker."""
    return f"原文写作「{name}」"
NOT_PROVIDED_PHONE = "（不留电话）"


def review_lines(
    *,
    kind: str | None,
    category: str | None,
    description: str,
    address: str | None,
    occurred: str | None,
    phone: str | None,
    photos: int,
    ask_address: bool,
    ask_occurred: bool,
) -> str:
    lines = [REVIEW_HEAD_BY_KIND.get(kind or "", REVIEW_HEAD)]
    if kind or category:
        lines.append("类型：" + "·".join(x for x in (kind, category) if x))
    lines.append(f"内容：{description}")
    if ask_address:
        lines.append(f"地点：{address or NOT_PROVIDED}")
    if ask_occurred:
        lines.append(f"时间：{occurred or NOT_PROVIDED}")
    lines.append(f"电话：{phone or NOT_PROVIDED_PHONE}")
    lines.append(f"照片：{photos}张" + ("（现在发照片也可以附上）" if photos == 0 else ""))
    return "\n".join(lines)


# ---- after filing -----------------------------------------------------------------------------------

DESK = "调度中心"


def filed(number: str, handler: str, due: str) -> str:
    return (
        f"已提交，您的投诉编号是 {number}。\n由「{handler}」处理，将在 {due} 前办结。\n"
        f"有进展会第一时间通知您；回复「我的投诉」可随时查看。"
    )


def filed_emergency(number: str, handler: str) -> str:
    return (
        f"已紧急上报，编号 {number}。「{handler}」和负责人已收到警报，正在安排人员赶往现场。\n"
        "请注意安全，保持电话畅通。"
    )


def filed_to_desk(number: str) -> str:
    return f"已转人工客服，编号 {number}。工作人员会尽快联系您。"



CANCELLED = "好的，已取消。有需要随时告诉我。"
NOTHING_TO_CANCEL = "现在没有正在填写的内容。有问题直接告诉我就行。"
SUBMITTING = "正在提交，请稍候……"
SUBMIT_RETRY = "刚才的提交没有成功，请再点一次「提交」。"


def submit_failed(reason: str) -> str:
    return f"提交没有成功：{reason}"


# ---- emergencies ------------------------------------------------------------------------------------


# ---- duplicates -------------------------------------------------------------------------------------


def duplicate_offer(number: str) -> str:
    return f"这个问题已有人反映（编号 {number}），正在处理。是否加入关注？加入后进展会同时通知您。"


JOIN_LABEL, FILE_ANYWAY_LABEL = "加入关注", "仍要提交"


def own_duplicate_offer(number: str) -> str:
    return f"您已经反映过这个问题（编号 {number}），正在处理中。还要再提交一次吗？"


NO_REFILE_LABEL = "不用了"  # the resident's own duplicate: not filed again


def not_refiled(number: str) -> str:
    return f"好的，这次不再重复提交。想看进度，请发「查询 {number}」。"


def joined(number: str) -> str:
    return f"已加入关注工单 {number}，有进展会通知您。"


# ---- resuming ---------------------------------------------------------------------------------------


def resume_question(summary: str) -> str:
    return f"您有一条未提交的投诉：「{summary}」，继续吗？"


RESUME_GO, RESUME_NEW, RESUME_DROP = "继续", "重新开始", "放弃"
CONTINUE_DRAFT = "我们继续刚才的投诉："


def draft_reminder(summary: str) -> str:
    return f"您有一条投诉还没提交：「{summary}」。回复任意内容继续，回复「取消」放弃。"


def draft_expired(summary: str) -> str:
    return f"您未提交的投诉「{summary}」已过期作废。如果问题还在，请重新告诉我。"


# ---- tracking ---------------------------------------------------------------------------------------

NO_TICKETS = "您还没有提交过投诉。遇到问题直接告诉我就行。"
MY_HEAD = "您的投诉（最近{count}条）："
MY_FOOT = "回复「查询 编号」查看详细经过。"
QUERY_HOW = "请在「查询」后面加上编号，例如：查询 261123-0001"
DRAFT_PENDING = "（您正在填写的投诉还没提交，继续回答即可。）"


def not_found(number: str) -> str:
    return refusals.unknown_ticket(number)

def my_line(number: str, status: str, summary: str, due: str | None) -> str:
    return f"· {number}｜{status}｜{summary}" + (f"｜时限 {due}" if due else "")


def ticket_head(number: str, status: str, description: str, due: str | None) -> str:
    lines = [f"工单 {number}［{status}］", f"内容：{description}"]
    if due:
        lines.append(f"办结时限：{due}")
    return "\n".join(lines)


TIMELINE_HEAD = "处理经过："

# ---- the terminal (`complaint-bot chat`) -------------------------------------------------------------

CLI_BOT = "机器人"
CLI_RESIDENT = "居民"
CLI_YOU = "您"


def cli_group(name: str) -> str:
    return name if name.endswith("群") else f"{name}群"


def cli_private(name: str) -> str:
    return f"{name} 私聊"


# thanks or a greeting at the read-back: no detail, the resident may not see how to finish
REVIEW_HOW = "信息无误请回复「提交」（或点「提交」），需要改请回复「修改」。"
PHONE_CHANGED = "联系电话已改为这个号码。"

# ---- outside the form: small talk, a question about the last ticket, consultations, the desk -------


SMALL_TALK_THANKS_REPLY = "不客气，这是我们应该做的。有进展会第一时间通知您，回复「我的投诉」可随时查看。"
SMALL_TALK_THANKS_REPLY_NEW = "不客气！遇到问题随时直接告诉我。"
SMALL_TALK_ACK_REPLY = "好的。有进展会第一时间通知您，回复「我的投诉」可随时查看。"
SMALL_TALK_ACK_REPLY_NEW = "好的。遇到问题直接告诉我就行，比如「3栋楼道灯坏了」。"
SMALL_TALK_HELLO_REPLY = "在的，这里是社区服务，请直接说您遇到的问题；查看进度请回复「我的投诉」。"
SMALL_TALK_BOT_REPLY = "我是社区服务的自动助手，帮您登记问题、转给负责的工作人员，进展会通知您。需要人工请回复「人工」。"
SMALL_TALK_TEST_REPLY = "收到，消息通畅。遇到问题直接告诉我就行，比如「3栋楼道灯坏了」。"
SMALL_TALK_MISTAKE_REPLY = "没关系。您已提交的投诉照常处理，回复「我的投诉」可随时查看。"
SMALL_TALK_MISTAKE_REPLY_NEW = "没关系。遇到问题随时直接告诉我。"
MISTAKE_MID_FORM = "没关系，重新回答就行；提交前核对时也可以点「修改」。"
STILL_HERE = "在的，我们接着登记。"
THANKS_MID_FORM = "不客气。还差一点就登记好了："  # one question left or three: no count promised (usertest29)
STRAY_NUMBER = "没看懂这个数字。查询进度请发完整编号，例如「查询 261123-0001」；反映新问题请直接描述。"
STRAY_SYMBOLS = "收到。反映问题请用文字直接描述；查看进度请回复「我的投诉」。"

FOLLOW_UP_HEAD = "关于您刚才反映的问题："


# consultations: a short answer first, a person only if still wanted
CONSULT_ANSWER_HEAD = "这个问题的参考答复："
CONSULT_SOLVED, CONSULT_HUMAN = "解决了", "还需要人工回复"
CONSULT_ASK = "这个答复解决您的问题了吗？"
CONSULT_SOLVED_REPLY = "很高兴帮到您！还有问题随时问我。"
CONSULT_HUMAN_REPLY = "好的，已转给工作人员答复。"


def filed_praise(number: str) -> str:
    return f"谢谢您的表扬！我们会转达给相关工作人员，编号 {number}。"


def filed_suggestion(number: str, handler: str, due: str) -> str:
    return (
        f"您的建议已收到，编号 {number}。\n已转给「{handler}」，将在 {due} 前答复您；"
        f"回复「我的投诉」可随时查看。"
    )


def filed_consult(number: str, due: str) -> str:
    return (
        f"您的咨询已收到，编号 {number}。\n工作人员会在 {due} 前答复您，答复会发到这里；"
        f"回复「我的投诉」可随时查看。"
    )


# the resident's words after the desk replied: they reach the person who wrote
def told_desk(number: str) -> str:
    return f"已转给工单 {number} 的工作人员，请等候回复。如要反映别的问题，请发送「投诉」。"


# after filing, words that add to the ticket just filed (我下午三点以后在家, 师傅要带梯子, 已经修好了)
def noted_on_emergency(number: str, hazard: str | None = None, row: str | None = None) -> str:
    """The number that fits the emergency's hazard: a fight wants the police and may leave someone hurt, not the fire
    brigade (usertest29b)."""
    call = call_for(row or hazard)  # the advice table's numbers for its row (danger30: a hidden resident is not to leave)
    then = "情况有变化请马上拨打" if row in STAY_PUT else "情况变危险请先撤离，并拨打"
    return f"已转告正在处理紧急工单 {number} 的人员。请注意安全，{then} {call}。"



def withdraw_ask(number: str) -> str:
    return f"要撤销工单 {number} 吗？撤销后将不再安排处理。"


WITHDRAW_YES = "确认撤销"
WITHDRAW_NO = "不撤销"
WITHDRAW_KEPT = "好的，工单继续办理。"
WITHDRAW_WHICH = "请发「撤销 编号」告诉我要撤销哪一单，编号可在「我的投诉」里查看。"


def withdrawn(number: str) -> str:
    return f"工单 {number} 已撤销，不会再安排处理。以后有问题随时告诉我。"


def noted_on_ticket(number: str) -> str:
    return f"已补充到工单 {number}，处理人员会看到。如要反映别的问题，请直接描述，例如「另外，3栋楼道灯坏了」。"


def phone_changed_on_ticket(number: str, phone: str) -> str:
    return f"好的，工单 {number} 的联系电话已改为 {phone}，处理人员会打这个号码。"


def photos_on_ticket(number: str) -> str:
    return f"收到照片，已附到工单 {number}，处理人员会看到。如果是另一个问题，请用文字说说是什么事。"


def urged_on_ticket(number: str) -> str:
    return f"收到，已催促工单 {number} 的处理人员尽快处理，有进展会第一时间通知您。"


def told_desk_thanks(number: str) -> str:
    return f"不客气！已转告工单 {number} 的工作人员。"
