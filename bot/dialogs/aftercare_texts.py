"""What the bot says when the resident corrects the ticket just filed (`bot.dialogs.place_fix`).
Kept apart from `bot.dialogs.texts`, which is at the module size cap."""

from __future__ import annotations

ADDRESS_NOT_CHANGED = "抱歉，地址没有改成功，您可以再说一遍新的地址，或联系工作人员。"


def address_changed_on_ticket(number: str, address: str) -> str:
    return f"好的，工单 {number} 的地址已更正为 {address}，处理人员会按新地址上门。"
