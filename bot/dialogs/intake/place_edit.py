"""The place changed from the read-back follows into 内容 (flow30's user test: 修改 took 9栋1单元1102 to 1202, and the
worker read both numbers). A correction said mid-form (「不对 是4栋」, 「哦不对 是1单元」) already rewrote the matter's
words (corrections.drop_old_place); 修改 — the button, 「改一下 是1202」, a new address typed at the read-back — did not.
The place read back is kept when the change starts, and the next read-back rewrites the description with the new one."""

from __future__ import annotations

from bot.dialogs.state import Draft


def remember(d: Draft) -> None:
    """The place as read back, before 修改 changes it (the first one, when it is changed twice before a read-back)."""
    if d.place_before_edit is None and (d.community or d.building or d.unit or d.room):
        d.place_before_edit = [d.community, d.building, d.unit, d.room]


def follow(d: Draft) -> None:
    """The description rewritten with the place now taken, once the change is done (at the next read-back)."""
    from bot.dialogs.intake.corrections import (
        drop_old_place,  # here: corrections reaches the read-back through flow
    )

    old, d.place_before_edit = d.place_before_edit, None
    if old is not None and len(old) == 4:
        drop_old_place(d, old[0], old[1], old[2], old[3])
