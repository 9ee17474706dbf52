"""Who hears what a resident adds to an open emergency after filing (「是5楼阳台在烧」, 「火越来越大了」, 「刚才是我弄错了
是汤糊了」): those its alert reached — the grid's card shows it as the latest line, the heads' group reads it, the
worker who holds it is told in person. Before (second user test, twentieth session) the words went to the ticket's
timeline only, and nobody on the way read them. An ordinary ticket's added words stay in its timeline, as before.
Kept apart from notify.py, which is at its size limit."""

from __future__ import annotations

from core.enums import OPEN_STATUSES, Status, Urgency
from core.service.notice_message import Message
from core.service.notice_parts import CardNotifier, DeskPost
from core.texts import desk as to_desk
from core.texts import workers as to_workers


async def resident_said(notifier: CardNotifier, post: DeskPost) -> None:
    t, said = post.ticket, post.event.note or ""
    if t.urgency != Urgency.EMERGENCY or Status(t.status) not in OPEN_STATUSES or not said:
        return
    await notifier._card(post, t.grid_id, latest=to_workers.latest_resident_said(said))
    await post.desk("supervisors", "emergency", Message.text(lambda v: to_desk.resident_added(t, v, said)))
    if t.assignee_id:
        await post.staff(t.assignee_id, "contact", Message.text(lambda v: to_workers.resident_added(t, v, said)))
