"""Channel capabilities (core/channels.py): the core asks what a channel can do, not its name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from core import channels
from core.db.models import OutboxMessage
from tests.world import World


@pytest.fixture
def no_groups_channel() -> Iterator[str]:
    name = "dm-only"
    channels.register(name, channels.Capabilities(has_groups=False, has_buttons=False))
    yield name
    channels._DECLARED.pop(name)


def test_declared_and_default_capabilities(no_groups_channel: str) -> None:
    assert not channels.capabilities("wechat").has_groups
    assert channels.capabilities("telegram").can_edit
    assert channels.capabilities(channels.ROBOT).posts_only
    assert channels.capabilities("unknown") == channels.Capabilities()
    # the hotline's phone intake is no chat: nobody works "from" it
    assert channels.without_groups() == sorted(["wechat", no_groups_channel])


async def test_staff_on_a_channel_without_groups_get_the_card_in_their_own_chat(world: World,
                                                                               no_groups_channel: str) -> None:
    await world.app.directory.bind_staff_identity(world.worker2.id, no_groups_channel, "li-na")
    number = await world.file()
    async with world.app.db.transaction() as s:
        rows = list((await s.execute(select(OutboxMessage).where(
            OutboxMessage.channel == no_groups_channel))).scalars())
    assert [(r.address, r.audience, r.purpose) for r in rows] == [("li-na", "staff", "assignment")]
    assert number in str(rows[0].payload) and "138****5678" in str(rows[0].payload)
