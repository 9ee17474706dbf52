"""work30 (usertest1 item 27): in a grid's group, words the bot's own help names got no reply at all — 「帮助」 and
「我的工单」 were answered in a worker's private chat only. Every word for the bot in a group is answered: help with the
commands a worker types, the worker's open tickets, and a pick from that list by its number."""

from __future__ import annotations

import pytest

from bot.conversation.engine import DialogEngine
from tests.dialogs.conftest import in_group
from tests.world import World


@pytest.mark.parametrize("asked", ["帮助", "help", "怎么用", "使用說明"])
async def test_help_in_the_group_lists_what_a_worker_types(world: World, engine: DialogEngine, asked: str) -> None:
    li = in_group(engine, "w2")
    await li.say(asked)
    said = li.said
    for command in ("接单", "进展", "办结", "退回", "我的工单", "查询"):
        assert command in said, (asked, said)


async def test_the_help_command_in_the_group_names_the_typed_commands_too(world: World, engine: DialogEngine) -> None:
    li = in_group(engine, "w2")
    await li.command("help")
    assert "我的工单" in li.said and "办结" in li.said


@pytest.mark.parametrize("asked", ["我的工单", "我的任务"])
async def test_my_tickets_in_the_group_lists_the_grids_waiting_work(world: World, engine: DialogEngine,
                                                                    asked: str) -> None:
    number = await world.file("幸福里小区7栋门口的垃圾桶倒了没人扶")
    li = in_group(engine, "w2")
    await li.say(asked)
    assert number in li.said
    await li.say("1")  # the list's first line, picked by its number in the group as in a private chat
    assert f"工单 {number}" in li.said and "垃圾桶" in li.said


async def test_my_tickets_with_nothing_open_says_so(world: World, engine: DialogEngine) -> None:
    wang = in_group(engine, "w3", "group-B")
    await wang.say("我的工单")
    assert wang.said != ""


async def test_someone_not_on_the_staff_asking_in_the_group_is_told_so(world: World, engine: DialogEngine) -> None:
    stranger = in_group(engine, "visitor-9")
    await stranger.say("我的工单")
    assert stranger.said != ""
    assert "您还没有提交过投诉" not in stranger.said


async def test_plain_group_chatter_is_still_left_alone(world: World, engine: DialogEngine) -> None:
    li = in_group(engine, "w2")
    assert await li.say("今天中午吃什么") == []
