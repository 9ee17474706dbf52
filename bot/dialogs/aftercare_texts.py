"""What the bot says when the resident corrects the ticket just filed, or adds its location (`bot.dialogs.place_fix`).
Kept apart from `bot.dialogs.texts`, which is at the module size cap."""

from __future__ import annotations

ADDRESS_NOT_CHANGED = "抱歉，地址没有改成功，您可以再说一遍新的地址，或联系工作人员。"


def address_changed_on_ticket(number: str, address: str) -> str:
    return f"好的，工单 {number} 的地址已更正为 {address}，处理人员会按新地址上门。"


def location_added_to_ticket(number: str, *, emergency: bool) -> str:
    if emergency:
        return f"收到位置，已转给赶去的人员（紧急工单 {number}）。"
    return f"收到位置，已补充到工单 {number}，处理人员可以按地图找到。如果这是另一件事的位置，请直接说说发生了什么。"


LOCATION_NOT_ADDED = "抱歉，位置没有补充成功，您可以用文字说一下具体地址。"
