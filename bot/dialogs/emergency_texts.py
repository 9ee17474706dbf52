"""What the bot says in an emergency: the numbers to call and what to do first for its hazard (and for a person hurt
or only at risk), and what it asks once the alert is out — an emergency is filed as soon as its place is known, its
phone asked after (seventeenth session: the alert waited for a number)."""

from __future__ import annotations

# an emergency is filed as soon as its place is known; the phone is asked after the alert is out
ASK_PHONE_AFTER_EMERGENCY = "请再发一个能马上打通的电话，我们转给赶去的人员。"
ASK_PLACE_AFTER_EMERGENCY = "请再发一下具体地址（小区、楼栋、门牌），我们转给赶去的人员。"
ASK_BOTH_AFTER_EMERGENCY = "请再发一下具体地址（小区、楼栋、门牌）和能马上打通的电话，我们转给赶去的人员。"


def ask_after_emergency(*, phone: bool, place: bool, on_file: str | None = None) -> str | None:
    """What is asked once the alert is out; `on_file` the resident's phone from before (masked), which the ticket
    carries already: told, and a new number still welcome."""
    if phone and on_file:
        told = f"赶去的人员会打您上次留的 {on_file}；要换号码请直接发过来。"
        return f"{ASK_PLACE_AFTER_EMERGENCY}{told}" if place else told
    if phone and place:
        return ASK_BOTH_AFTER_EMERGENCY
    return ASK_PHONE_AFTER_EMERGENCY if phone else ASK_PLACE_AFTER_EMERGENCY if place else None
PHONE_NOT_LEFT = "好的，不留也可以。赶去的人员到了会在现场找您，请注意安全。"
# a phone sent where the place was asked: kept, the place asked again
PHONE_NOTED_PLACE_STILL = "电话已记下。赶去的人员还需要地址："
# words kept in an emergency, where a question (他叫不醒怎么办) or a plea (快点来人啊) must not wait for our staff
REMARK_KEPT_EMERGENCY = "已记下，会告诉赶去的人员。有人昏迷、受伤或被困，请马上拨打 120 / 119 / 110，不用等我们。"


def phone_added_to_ticket(number: str, phone: str) -> str:
    return f"好的，电话 {phone} 已记到紧急工单 {number}，赶去的人员会打这个号码。"


# what the danger is called, and what to do before help arrives (core.text.urgency.HAZARDS)
HAZARD_ADVICE: dict[str, tuple[str, str]] = {
    "gas": ("燃气泄漏", "请勿开关电器、不要点火，关闭燃气阀门，打开门窗后离开。"),
    "fire": ("火情", "请立即拨打119，用湿毛巾捂住口鼻，沿安全通道撤离，不要乘电梯。"),
    "trapped": ("电梯困人", "请保持冷静，按电梯内警铃或拨打电梯内的救援电话，不要强行扒门。"),
    "water": ("爆管漏水", "如能安全做到，请关闭总阀、拉下电闸，远离积水处的电器。"),
    "electric": ("漏电危险", "请不要触碰电线或带电设备，远离现场；如能安全做到，请拉下总闸。"),
    "injury": ("有人受伤", "请拨打120，不要随意搬动伤者，留人陪护。"),
    "violence": ("人身安全威胁", "请立即拨打110，远离危险，先保护好自己。"),
    # usertest27: these took the generic line or another hazard's
    "co": ("一氧化碳中毒", "请立即打开门窗，把人带到空气流通处，关掉燃气热水器和炉子，拨打120。"),
    "smoke": ("浓烟", "请用湿毛巾捂住口鼻，低姿沿安全通道撤离，不要乘电梯。"),
    "falling": ("高空坠物", "请远离下方区域，提醒行人绕行，不要在下面停留。"),
    "structure": ("建筑结构危险", "请立即撤离到空旷处，远离开裂、塌落的位置，不要返回取东西。"),
    "chemical": ("化学品危险", "请远离现场、打开门窗通风，不要触碰，沾到皮肤请用大量清水冲洗，拨打120。"),
    "steam": ("蒸汽烫伤危险", "请远离喷出的蒸汽和热水，烫伤处用流动冷水冲洗，拨打120。"),
    "heat": ("高温危险", "请把人移到阴凉通风处，少量多次喝水，情况不好请拨打120。"),
    # a smell nobody can name, with someone at risk (a child alone at home smells something): treated as gas may be
    "odour": ("不明气味", "请让屋里的人马上打开门窗，不要开关电器、不要点火，先离开到室外或邻居家等候。"),
}
# a person at risk with no injury yet (a child on a balcony's ledge): nothing about moving the injured
AT_RISK_ADVICE = ("有人处境危险", "请立即拨打110或119，不要惊吓、拉扯，有人陪着等救援。")
# someone hurt beside another hazard (a dog bite that bleeds): the ambulance too
HURT_TOO = "有人受伤请同时拨打120。"
GENERIC_ADVICE = "请先远离危险，确保自身安全。"
# someone who wants to end their life: nobody to carry, a person to stay with them (12356: the national mental-health line)
SELF_HARM_ADVICE = ("有人可能轻生", "请立即拨打110和120，不要让他/她独处，离开阳台、窗边、楼顶等高处；心理援助热线 12356 全天可打。")


def emergency_numbers(gas_phone: str, hazard: str | None, *, self_harm: bool = False, hurt: bool | None = None) -> str:
    """`hurt`: whether the words say someone is hurt (None: not known, the hazard's own advice)."""
    name, advice = SELF_HARM_ADVICE if self_harm else HAZARD_ADVICE.get(hazard or "", ("", GENERIC_ADVICE))
    if not self_harm and hurt is False and hazard == "injury":
        name, advice = AT_RISK_ADVICE
    elif not self_harm and hurt and "120" not in advice:  # an advice that names 120 already needs no second line
        advice = f"{advice}{HURT_TOO}"
    what = f"（{name}）" if name else ""
    return (
        f"⚠️ 这可能是紧急情况{what}！请先确保自身安全，立即拨打：\n"
        f"火警 119 ｜ 急救 120 ｜ 报警 110 ｜ 燃气抢修 {gas_phone}\n"
        f"{advice}我们同时通知社区人员赶来。"
    )


def thanked_on_emergency(number: str) -> str:
    return f"不客气！已转告正在处理紧急工单 {number} 的人员。请注意安全，保持电话畅通。"


# the emergency taken back (点错了 after a yes to the triage question): the ticket stays, honestly told what changed
DOWNGRADE_FAILED = "抱歉，没能改过来。如果确实没有危险，请直接告诉赶来的工作人员。"


def downgraded(number: str, due: str, *, phone: bool) -> str:
    ask = "\n方便的话请留个联系电话，工作人员好联系您。" if phone else ""
    return (f"好的，已解除紧急。工单 {number} 仍然保留，按一般流程处理，处理时限 {due}。"
            f"已告诉负责人和网格员刚才是误报。{ask}")
