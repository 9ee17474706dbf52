"""What the bot says about where a filed matter goes when no grid takes it at once: 人工 (the desk, which must be
able to call back) and a place no grid covers (the desk finds who is responsible first). Branch left29."""

from __future__ import annotations

# 人工 with no phone known: asked once, a no is fine — the desk then answers in this chat
HUMAN_ASK_PHONE = "方便的话请发一个联系电话，人工客服会打给您；不方便留也可以，回复「不留」，客服会在这里回复您。"
HUMAN_IN_CHAT = "没有留电话也没关系，人工客服会在这里回复您，请留意消息。"
HUMAN_PHONE_NOT_LEFT = "好的，不留也可以。人工客服会在这里回复您，请留意消息。"


def phone_for_human(number: str, phone: str) -> str:
    return f"好的，电话 {phone} 已记到工单 {number}，工作人员会打这个号码联系您。"


def human_phone_on_file(masked: str) -> str:
    return f"人工客服会打您留过的 {masked} 联系您；要换号码请直接发过来。"


def filed_unplaced(number: str, community: str | None) -> str:
    """No grid covers the place: no repair deadline yet — it runs from when the desk places the ticket."""
    where = f"「{community}」不在我们已登记的网格范围内" if community else "这个地点还没有对应的网格"
    return (f"已提交，您的投诉编号是 {number}。\n{where}，已转调度中心核实由哪个网格或部门负责；"
            f"确定后会通知您，处理时限从那时开始计算。\n回复「我的投诉」可随时查看。")
