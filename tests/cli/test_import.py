import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from core.db.engine import Database
from core.db.models import Ticket


@pytest.fixture
def ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path}/import.db"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert main(["grid", "add", "XFL", "幸福里网格"]) == 0
    capsys.readouterr()
    return url


def write(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "intake.csv"
    f.write_text(text, encoding="utf-8")
    return f


async def count(url: str) -> list[tuple[str, str, str | None]]:
    db = Database(url)
    try:
        async with db.transaction() as s:
            return [tuple(r) for r in (await s.execute(  # type: ignore[misc]
                select(Ticket.status, Ticket.category, Ticket.building).order_by(Ticket.id))).all()]
    finally:
        await db.dispose()


def test_import_files_valid_rows_through_the_service(ready: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path, "description,phone,community,building,category,grid,kind\n"
                        "楼道灯坏了,138 1234 5678,幸福里小区,三号楼,工程维修,XFL,报修\n"
                        "想咨询停车位,,,,,,咨询\n")
    assert main(["import", str(f), "--dry-run"]) == 0
    assert "2 rows are fine" in capsys.readouterr().out
    assert asyncio.run(count(ready)) == []
    assert main(["import", str(f), "--batch", "1"]) == 0
    assert "filed 2 tickets" in capsys.readouterr().out
    assert asyncio.run(count(ready)) == [("assigned", "工程维修", "3"), ("submitted", "其他", None)]


@pytest.mark.parametrize(("content", "message"), [
    ("subject,phone\nx,1\n", "missing column(s) description"),
    ("description,colour\nx,red\n", "unknown column(s) colour"),
    ("description,phone\n吵,12345\n", "line 2: not a phone number"),
    ("description,category\n吵,外星人\n", "unknown category"),
    ("description,grid\n吵,NOPE\n", "unknown grid 'NOPE'"),
    ("description\n", "no rows"),
])
def test_a_bad_file_files_nothing(ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        content: str, message: str) -> None:
    assert main(["import", str(write(tmp_path, content))]) == 2
    out = capsys.readouterr().out
    assert message in out and "nothing was filed" in out
    assert asyncio.run(count(ready)) == []


def test_not_utf8(ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "gbk.csv"
    f.write_bytes("description\n楼道灯坏了\n".encode("gbk"))
    assert main(["import", str(f)]) == 2
    assert "not UTF-8" in capsys.readouterr().out
