"""Who hears that an emergency was taken back (core/service/downgrade.py): those its alert reached. The heads'
group is told it was a mistake, the grid's card loses its 紧急 badge and says why, the worker who holds it is told
in person. The resident who took it back reads it in the chat's own reply; when staff took it back on the desk
(desk30) the resident is told here, with the new deadline. Kept apart from notify.py, which is at its size limit."""

from __future__ import annotations

from core.service.notice_message import Message
from core.service.notice_parts import CardNotifier, DeskPost
from core.texts import desk as to_desk
from core.texts import resident as to_resident
from core.texts import workers as to_workers


async def downgraded(notifier: CardNotifier, post: DeskPost) -> None:
    t = post.ticket
    checked = post.event.data.get("checked")  # the desk's reason, when staff took it back (desk30)
    await post.desk("supervisors", "emergency",
                    Message.text(lambda v: to_desk.alert_downgraded(t, v, notifier.tz, checked)))
    await notifier._card(post, t.grid_id,
                         latest=to_workers.LATEST_DOWNGRADED_CHECKED if checked else to_workers.LATEST_DOWNGRADED)
    if t.assignee_id:
        await post.staff(t.assignee_id, "contact",
                         Message.text(lambda v: to_workers.downgraded(t, notifier.tz, bool(checked))))
    if checked:  # taken back on the desk: the resident may still think people are on the way
        await post.residents("downgraded", Message.text(lambda v: to_resident.downgraded_by_desk(t, notifier.tz)))
