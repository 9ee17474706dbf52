"""Two matters in one opening joined by a bare 还有 (「3栋楼下垃圾一个星期没人清，还有楼上每天半夜拖椅子」): the first is
this complaint, the second is offered as one of its own once it is filed — as 另外 / 还有就是 do
(core.text.enumerated.split_second) — when the two need different kinds of work. A bare 还有 may also bring a
consequence or a second fault for the same people (漏水到我家，还有墙皮都掉了; 楼道灯坏了，还有电梯也停了): one ticket."""

from __future__ import annotations

from bot.dialogs.context import Context
from core.text.enumerated import split_also


def also_apart(text: str, ctx: Context) -> list[str] | None:
    items = split_also(text)
    if items is None:
        return None
    first, second = (ctx.reader.read(item, ctx.now, ctx.communities) for item in items)
    if any(r.urgency == "emergency" or r.triage for r in (first, second)):
        return None  # danger anywhere: the whole message is the one report (those on the way read all of it)
    if first.category is None or second.category is None or first.category == second.category:
        return None
    return items
