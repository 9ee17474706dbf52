"""What the bot says around an emergency filed before its phone is known (seventeenth session: the alert waited for a
number, and words said at the phone question were answered 「这个号码好像不对」). Kept apart from `bot.dialogs.texts`,
which is at the module size cap."""

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
