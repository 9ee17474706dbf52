"""`complaint-bot chat` driven by a piped script in a subprocess, checked through the database."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from bot.app import App, conversation_engine
from bot.commands.chat import ChatSession
from bot.conversation.store import DatabaseStateStore
from core.db.engine import Database
from core.db.models import SurveyAnswer, Ticket
from tests.dialogs.conftest import tickets
from tests.world import World

ROOT = Path(__file__).resolve().parents[2]

# The demo already has this barbecue complaint open (its first story): after 提交 the duplicate check
# offers to join it, and the script answers 2 (仍要提交) to file its own.
SCRIPT = """\
楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678
1
2
/as 张伟
1
2
已和店主沟通，晚上10点后停止营业
/as resident
1
师傅很负责，谢谢
我的投诉
"""


def _cli(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def _rows(db_url: str) -> list[tuple[Ticket, list[SurveyAnswer]]]:
    async def read() -> list[tuple[Ticket, list[SurveyAnswer]]]:
        db = Database(db_url)
        try:
            async with db.transaction() as s:
                found = list(
                    (
                        await s.execute(
                            select(Ticket)
                            .where(Ticket.description.like("%2单元501，电话%"))
                            .order_by(Ticket.id)
                        )
                    ).scalars()
                )
                return [
                    (
                        t,
                        list(
                            (
                                await s.execute(select(SurveyAnswer).where(SurveyAnswer.ticket_id == t.id))
                            ).scalars()
                        ),
                    )
                    for t in found
                ]
        finally:
            await db.dispose()

    return asyncio.run(read())


def test_piped_script_files_resolves_and_rates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'chat.db'}"  # a fresh database: chat creates the schema, --demo the grids
    run = _cli(url, "chat", "--demo", stdin=SCRIPT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "\033[" not in out and "> 楼下烧烤店" in out  # no colours; the script echoed, no prompts
    assert "[幸福里网格群] 【工单" in out and "138****5678" in out
    # the group never saw the full number (the worker's private message did)
    group_lines = [line for line in out.splitlines() if line.startswith("[幸福里网格群]")]
    assert group_lines and all("13812345678" not in line for line in group_lines)
    ((ticket, answers),) = _rows(url)
    assert ticket.status == "closed" and ticket.resolution_note == "已和店主沟通，晚上10点后停止营业"
    (answer,) = answers
    assert (answer.rating, answer.comment, answer.via) == ("satisfied", "师傅很负责，谢谢", "chat")
    assert f"{ticket.number}｜已结案" in out


async def test_chat_without_grids_says_how_to_get_some(app: App) -> None:
    out = io.StringIO()
    engine = conversation_engine(app, DatabaseStateStore(app.db))
    session = ChatSession(app, engine, "resident", out, interactive=False)
    await session.start(demo=False)
    assert "complaint-bot demo" in out.getvalue()
    for line in (
        "小区门口的路灯不亮了",
        "/location 30.27,120.15 东门",
        "/photo 路灯",
        "昨晚",
        "13812345678",
        "1",
    ):
        assert await session.line(line)
    (t,) = await tickets(app)
    assert t.status == "submitted" and t.lat == 30.27 and len(t.photos) == 1  # no grid: the desk dispatches
    assert "调度中心" in out.getvalue()
    await session.line("/as 没这个人")
    assert "cannot act as 没这个人" in out.getvalue()
    assert not await session.line("/quit")


async def test_chat_as_a_worker_presses_card_buttons_by_number(world: World, app: App) -> None:
    out = io.StringIO()
    engine = conversation_engine(app, DatabaseStateStore(app.db))
    session = ChatSession(app, engine, "resident", out, interactive=False)
    await session.start(demo=False)
    number = await world.file()  # on the test channel: bind the terminal to grid A too
    await app.directory.bind_group_direct("cli", "group:A", "A")
    await session.switch("张伟")
    assert "[幸福里网格群]" in out.getvalue()
    await session.line(f"接单 {number}")
    assert "[幸福里网格群] 【工单" in out.getvalue() and "2. 办结" in out.getvalue()
    await session.line("2")  # 办结 on the updated card
    await session.line("换好了")
    assert (await tickets(app))[0].status == "resolved"


def test_the_services_info_lines_stay_out_of_the_conversation(tmp_path: Path) -> None:
    # eleventh session: 「INFO bot.conversation.executor: refused WorkerAct …」 broke in between the replies
    run = _cli(f"sqlite:///{tmp_path / 'chat.db'}", "chat", "--demo", stdin="/as 张伟\n办结 灯已换好\n")
    assert run.returncode == 0, run.stderr
    assert "请带上工单编号" in run.stdout or "有几张工单" in run.stdout
    assert " INFO " not in run.stderr and " INFO " not in run.stdout


async def test_a_location_typed_wrongly_says_how_and_sends_nothing(app: App) -> None:
    # sixteenth session: 「/location 30.25 120.16 南门」 (a space for the comma) went to the bot as an unknown command
    out = io.StringIO()
    engine = conversation_engine(app, DatabaseStateStore(app.db))
    session = ChatSession(app, engine, "resident", out, interactive=False)
    await session.start(demo=False)
    assert await session.line("/location 30.25 120.16 南门")
    assert "usage: /location LAT,LNG" in out.getvalue() and "使用说明" not in out.getvalue()
