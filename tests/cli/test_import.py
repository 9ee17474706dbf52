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


MEGABYTE = "吵" * (1024 * 1024)


@pytest.mark.parametrize(("content", "message"), [
    # a cell over the csv module's own limit: one line, not a traceback
    (f"description,phone\n楼道灯坏了,13812345678\n{MEGABYTE},13812345678\n",
     "line 3: description is 1048576 characters long (at most 2000)"),
    (f"description,name\n楼道灯坏了,{MEGABYTE}\n", "line 2: name is 1048576 characters long (at most 100)"),
    ("description,address\n楼道灯坏了," + "幸" * 301 + "\n", "line 2: address is 301 characters long (at most 300)"),
    # an opening quote never closed would make the rest of the file one description
    ('description,phone\n"楼道灯坏了,13812345678\n垃圾没人收,13900000000\n电梯坏了,13700000000\n',
     "line 2: a quote opened in description is never closed"),
    # … or closed in the middle of a later row
    ('description,phone\n"楼道灯坏了,13812345678\n垃圾没人收,13900000000\n"电梯坏了",13700000000\n',
     "line 2: a quote in description is closed at line 4 but the cell goes on"),
    # … or closed just at a comma: the rows between are swallowed into one cell
    ('description,phone\n"楼道灯坏了,13812345678\n垃圾没人收,13900000000\n电梯坏了",13700000000\n',
     "line 2: description runs over lines 2-4 and holds what look like rows (a stray quote?)"),
    ("description,phone\n楼道灯坏了,13812345678,幸福里小区,3栋\n", "line 2: 4 cells but the header has 2 columns"),
    ("description,name\n楼道\x00灯坏了,张三\n", "line 2: description contains a control character (U+0000)"),
    ("description,name\n楼道灯坏了,张\x1b三\n", "line 2: name contains a control character (U+001B)"),
])
def test_a_malformed_row_is_one_clear_line_and_nothing_is_filed(
        ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    assert main(["import", str(write(tmp_path, content))]) == 2
    captured = capsys.readouterr()
    assert message in captured.out, captured.out[:500]
    assert "nothing was filed" in captured.out and "Traceback" not in captured.out + captured.err
    assert all(len(line) < 300 for line in captured.out.splitlines())
    assert asyncio.run(count(ready)) == []


def test_a_quoted_description_may_span_lines_and_later_lines_are_counted_as_in_the_file(
        ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = 'description,phone\n"楼道灯坏了，\n晚上很黑",13812345678\n"垃圾没人收\r\n三天了",13900000000\n'
    assert main(["import", str(write(tmp_path, good)), "--dry-run"]) == 0
    assert "2 rows are fine" in capsys.readouterr().out
    assert main(["import", str(write(tmp_path, good + "电梯坏了,12345\n"))]) == 2
    assert "line 6: not a phone number" in capsys.readouterr().out


def test_a_stray_quote_is_placed_in_its_column(ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = 'description,name,phone\n楼道灯坏了,"张三,13812345678\n电梯坏了,李四,13700000000\n'
    assert main(["import", str(write(tmp_path, content))]) == 2
    assert "line 2: a quote opened in name is never closed" in capsys.readouterr().out
    content = 'description,name,phone\n楼道灯坏了,"张三"先生,13812345678\n'
    assert main(["import", str(write(tmp_path, content))]) == 2
    assert "line 2: a quote in name is closed at line 2 but the cell goes on" in capsys.readouterr().out
