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


# THE ADVICE TABLE: for each hazard, and for who is at risk and how (bot/dialogs/danger_advice.py chooses the row),
# (what it is called, the numbers to call, what to do first before help arrives). Branch danger30 (usertest1): a stroke
# was told 「110或119，不要惊吓、拉扯」, a child locked in a car 「移到阴凉通风处」, a parent whose child was shut in
# 「请先远离危险」.
ADVICE: dict[str, tuple[str, str, str]] = {
    # --- the hazard (core.text.urgency.HAZARDS) ---
    "gas": ("燃气泄漏", "119", "请勿开关电器、不要点火，关闭燃气阀门，打开门窗后离开。"),
    "fire": ("火情", "119", "请立即拨打119，用湿毛巾捂住口鼻，沿安全通道撤离，不要乘电梯。"),
    "trapped": ("电梯困人", "119 / 120 / 110", "请保持冷静，按电梯内警铃或拨打电梯内的救援电话，不要强行扒门。"),
    "water": ("爆管漏水", "119 / 120 / 110", "如能安全做到，请关闭总阀、拉下电闸，远离积水处的电器。"),
    "electric": ("漏电危险", "119 / 120 / 110", "请不要触碰电线或带电设备，远离现场；如能安全做到，请拉下总闸。"),
    "injury": ("有人受伤", "120", "请拨打120，不要随意搬动伤者，留人陪护。"),
    "violence": ("人身安全威胁", "110 / 120", "请立即拨打110，远离危险，先保护好自己。"),
    "co": ("一氧化碳中毒", "119 / 120 / 110", "请立即打开门窗，把人带到空气流通处，关掉燃气热水器和炉子，拨打120。"),
    "smoke": ("浓烟", "119", "请用湿毛巾捂住口鼻，低姿沿安全通道撤离，不要乘电梯。"),
    "falling": ("高空坠物", "119 / 120 / 110", "请远离下方区域，提醒行人绕行，不要在下面停留。"),
    "structure": ("建筑结构危险", "119 / 120 / 110", "请立即撤离到空旷处，远离开裂、塌落的位置，不要返回取东西。"),
    "chemical": ("化学品危险", "119 / 120 / 110", "请远离现场、打开门窗通风，不要触碰，沾到皮肤请用大量清水冲洗，拨打120。"),
    "steam": ("蒸汽烫伤危险", "119 / 120 / 110", "请远离喷出的蒸汽和热水，烫伤处用流动冷水冲洗，拨打120。"),
    "heat": ("高温危险", "119 / 120 / 110", "请把人移到阴凉通风处，少量多次喝水，情况不好请拨打120。"),
    # a smell nobody can name, with someone at risk (a child alone at home smells something): treated as gas may be
    "odour": ("不明气味", "119 / 120 / 110", "请让屋里的人马上打开门窗，不要开关电器、不要点火，先离开到室外或邻居家等候。"),
    # someone shut in somewhere not a lift (反锁在卫生间, 手卡在栏杆里): stay with them; 119 opens doors and frees hands
    "confined": ("有人被困", "119", "请有人留在旁边，一直和被困的人说话，让他/她别乱动；拨打119请消防来开门或解救，不要硬拉硬拽。"),
    # --- who is at risk, and how ---
    # a stroke, chest pain, someone who does not respond: the ambulance, nothing to eat or drink
    "illness": ("可能是急病", "120", "请马上拨打120，记下是几点开始的；不要喂水喂药，让人躺下或靠坐着别动，有人陪着等救护车。"),
    # a child (or anyone) locked in a car: the heat is the danger, the car is the problem
    "locked_in_car": ("有人被锁在车里", "110 / 119",
                      "请马上拨打110或119；如果孩子满头大汗、脸发红、没精神或叫不应，请立刻砸开离孩子最远的车窗把孩子抱出来。"),
    # a small child shut in a room or caught by a hand or a foot: the resident IS the carer, never told to leave
    "child_confined": ("孩子被困", "119",
                       "请留在孩子身边，一直和孩子说话安抚，让孩子别乱动；拨打119请消防来开门或解救，不要硬拉硬拽。"),
    # violence at home with the resident hiding: the police, the door kept locked
    "hiding": ("家庭暴力", "110", "请马上拨打110，锁好房门、保持安静，和孩子待在一起等警察到，不要出去。"),
    # someone who does not answer the phone or the door (打了一下午电话没人接, 好几天没见着): someone must go and look
    "unreachable": ("有人联系不上", "110 / 120",
                    "请尽快请邻居、物业或家人去敲门看看；敲门没人应、担心人在屋里出事，请拨打110请民警帮忙开门，需要时拨打120。"),
    # a person at risk with no injury yet (a child on a balcony's ledge): nothing about moving the injured
    "at_risk": ("有人处境危险", "110 / 119", "请立即拨打110或119，不要惊吓、拉扯，有人陪着等救援。"),
    # someone who wants to end their life: a person to stay with them (12356: the national mental-health line)
    "self_harm": ("有人可能轻生", "110 / 120",
                  "请立即拨打110和120，不要让他/她独处，离开阳台、窗边、楼顶等高处；心理援助热线 12356 全天可打。"),
}
# the rows whose resident stays where they are (hidden, with the child, by the sick): never told to leave after filing
STAY_PUT = frozenset({"hiding", "child_confined", "confined", "locked_in_car", "illness", "unreachable", "at_risk",
                      "self_harm"})
CALL_ANY = "119 / 120 / 110"  # the numbers when nothing says which
GENERIC_ADVICE = "请先远离危险，确保自身安全。"
# the (name, advice) pairs older tests and callers read
HAZARD_ADVICE = {k: (v[0], v[2]) for k, v in ADVICE.items()}
AT_RISK_ADVICE = HAZARD_ADVICE["at_risk"]
SELF_HARM_ADVICE = HAZARD_ADVICE["self_harm"]
# someone hurt beside another hazard (a dog bite that bleeds): the ambulance too
HURT_TOO = "有人受伤请同时拨打120。"


def call_for(row: str | None) -> str:
    """The numbers to call for a row of the table (a hazard or a situation)."""
    return ADVICE[row][1] if row in ADVICE else CALL_ANY


def emergency_numbers(gas_phone: str, hazard: str | None, *, self_harm: bool = False, hurt: bool | None = None,
                      situation: str | None = None) -> str:
    """`situation`: the row danger_advice chose for who is at risk and how (wins over the hazard's); `hurt`: whether
    the words say someone is hurt (None: not known, the hazard's own advice)."""
    row = "self_harm" if self_harm else situation or hazard or ""
    if not self_harm and not situation and hurt is False and hazard == "injury":
        row = "at_risk"
    name, _, advice = ADVICE.get(row, ("", CALL_ANY, GENERIC_ADVICE))
    if hurt and row not in ("self_harm", "at_risk") and "120" not in advice:  # 120 named already: no second line
        advice = f"{advice}{HURT_TOO}"
    what = f"（{name}）" if name else ""
    return (
        f"⚠️ 这可能是紧急情况{what}！请先确保自身安全，立即拨打：\n"
        f"火警 119 ｜ 急救 120 ｜ 报警 110 ｜ 燃气抢修 {gas_phone}\n"
        f"{advice}我们同时通知社区人员赶来。"
    )


# ---- the triage question answered 「不知道」 (branch danger30): the resident cannot know — a relative far away not
# answering the phone — so it could be: filed urgent at once, flagged for the desk to send someone and call back
TRIAGE_CANNOT_KNOW = ("好的，不清楚也没关系，我们按「可能有危险」加急处理：登记好后工作人员会尽快到现场看看，"
                      "并打电话告诉您情况。如果确认有人受伤、被困，或者有燃气、火、水、电的危险，请立即拨打119/120/110。")
TRIAGE_CANNOT_KNOW_SOMEONE = ("好的，您不在身边不清楚也没关系，我们按「可能有危险」加急处理：登记好后会请工作人员尽快上门看看，"
                              "并打电话告诉您情况。您也可以先请邻居或物业去敲门看看；如果发现人倒地或叫不醒，请马上拨打120。")
WELFARE_REASON = "居民不在现场、无法确认是否有危险：请尽快派人上门查看，并回电告知居民"
# the triage question answered no, about a person's body: what would make it an emergency after all
WATCH_CHEST = "如果出现胸痛加重、出冷汗、呼吸困难，请马上拨打120。"
WATCH_BODY = "如果情况加重，比如昏迷、呼吸困难、抽搐或说不出话，请马上拨打120。"


def thanked_on_emergency(number: str) -> str:
    return f"不客气！已转告正在处理紧急工单 {number} 的人员。请注意安全，保持电话畅通。"


# the emergency taken back (点错了 after a yes to the triage question): the ticket stays, honestly told what changed
DOWNGRADE_FAILED = "抱歉，没能改过来。如果确实没有危险，请直接告诉赶来的工作人员。"


def downgraded(number: str, due: str, *, phone: bool) -> str:
    ask = "\n方便的话请留个联系电话，工作人员好联系您。" if phone else ""
    return (f"好的，已解除紧急。工单 {number} 仍然保留，按一般流程处理，处理时限 {due}。"
            f"已告诉负责人和网格员刚才是误报。{ask}")
