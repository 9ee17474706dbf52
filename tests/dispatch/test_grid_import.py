"""Grid files: CSV and TOML, every field, and a clear error with the line for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from core.db.models import Grid
from core.dispatch.grid_import import GridFileError, import_grids, parse_csv, parse_toml, read_grid_file

GOOD_CSV = """code,name,patterns,center,radius_m,polygon
XFL,幸福里网格,幸福里小区|幸福里 1-6栋;阳光花园 7栋,"30.2741,120.1551",500,
YG,阳光网格,阳光新村,,,"30.279,120.161;30.279,120.166;30.2815,120.166;30.279,120.161"

JSON,金色网格,,,,"[[30.26,120.17],[30.26,120.18],[30.27,120.18]]"
"""

GOOD_TOML = """
# grids of the district
[[grid]]
code = "XFL"
name = "幸福里网格"
patterns = ["幸福里小区|幸福里 1-6栋"]
center = [30.2741, 120.1551]
radius_m = 500

[[grid]]
code = "YG"
name = "阳光网格"
patterns = "阳光新村"
polygon = [[30.279, 120.161], [30.279, 120.166], [30.2815, 120.166]]
"""


def test_csv_reads_every_field() -> None:
    xfl, yg, js = parse_csv(GOOD_CSV)
    assert xfl.code == "XFL" and xfl.patterns == ("幸福里小区|幸福里 1-6栋", "阳光花园 7栋")
    assert xfl.center == (30.2741, 120.1551) and xfl.radius_m == 500 and xfl.polygon is None and xfl.line == 2
    assert yg.polygon is not None and len(yg.polygon) == 3  # the closing point that repeats the first is dropped
    assert js.polygon == ((30.26, 120.17), (30.26, 120.18), (30.27, 120.18)) and js.line == 5


def test_toml_reads_every_field() -> None:
    xfl, yg = parse_toml(GOOD_TOML)
    assert xfl.line == 3 and yg.line == 10
    assert yg.patterns == ("阳光新村",) and yg.center is None and yg.polygon is not None


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty file"),
    ("code,name,colour\nA,甲,red\n", r"grids.csv:1: unknown column\(s\) colour"),
    ("code,patterns\nA,幸福里\n", r"missing column\(s\) name"),
    ("code,name\n", "no grids"),
    ("code,name,patterns\nA,甲,幸福里\nA,乙,阳光花园\n", "grids.csv:3: grid code A already defined on line 2"),
    ("code,name,patterns\nA B,甲,幸福里\n", "grids.csv:2: code 'A B'"),
    ("code,name,patterns\nA,,幸福里\n", "grids.csv:2: grid A has no name"),
    ("code,name,patterns\nA,甲,幸福里 abc\n", "grids.csv:2: grid A: pattern '幸福里 abc': cannot read"),
    ("code,name,center\nA,甲,north\n", "grids.csv:2: grid A: center must be LAT,LNG"),
    ("code,name,center\nA,甲,\"120.15,30.27\"\n", "not a point on Earth"),
    ("code,name,center,radius_m\nA,甲,\"30.27,120.15\",-5\n", "radius_m must be between"),
    ("code,name,center,radius_m\nA,甲,\"30.27,120.15\",far\n", "radius_m 'far' is not a number"),
    ("code,name,patterns,radius_m\nA,甲,幸福里,500\n", "radius_m needs a center"),
    ("code,name,polygon\nA,甲,\"30.2,120.1;30.3,120.1\"\n", "at least 3 points"),
    ("code,name,polygon\nA,甲,\"30.2,120.1;30.3,120.1;30.4,120.1\"\n", "no area"),
    ("code,name,polygon\nA,甲,\"[[30.2,120.1],\"\n", "polygon is not valid JSON"),
    ("code,name,polygon\nA,甲,\"30.2,120.1;x,y;30.4,120.2\"\n", "polygon point 2 must be LAT,LNG"),
    ("code,name\nA,甲\n", "give patterns, a center or a polygon"),
    ("code,name,patterns\nA,甲,幸福里,extra\n", "3 fields but the header has 2|4 fields but the header has 3"),
])
def test_csv_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(GridFileError, match=message):
        parse_csv(text)


@pytest.mark.parametrize(("text", "message"), [
    ("[[grid]\ncode = 'A'", "not valid TOML"),
    ("title = 'x'\n[[grid]]\ncode='A'\nname='甲'\npatterns=['幸福里']\n", "unknown top-level key"),
    ("[grid]\ncode='A'\n", r"no \[\[grid\]\] tables"),
    ("\n\n[[grid]]\ncode='A'\nname='甲'\npatterns=['幸福里']\ncolour='red'\n", r"grids.toml:3: unknown key\(s\) colour"),
    ("[[grid]]\ncode='A'\nname='甲'\npatterns=['幸福里']\n\n[[grid]]\ncode='B'\nname='乙'\npatterns=[3]\n",
     "grids.toml:6: grid B: patterns must be a list of strings"),
    ("[[grid]]\ncode='A'\nname='甲'\ncenter=[30.1]\n", "center must be LAT,LNG"),
    ("[[grid]]\ncode='A'\nname='甲'\npolygon=[[30.1,120.1],[30.2,120.1]]\n", "at least 3 points"),
])
def test_toml_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(GridFileError, match=message):
        parse_toml(text)


def test_files_on_disk(tmp_path: Path) -> None:
    (tmp_path / "g.csv").write_text(GOOD_CSV, encoding="utf-8-sig")  # a BOM from Excel is fine
    assert len(read_grid_file(tmp_path / "g.csv")) == 3
    (tmp_path / "g.toml").write_text(GOOD_TOML, encoding="utf-8")
    assert len(read_grid_file(tmp_path / "g.toml")) == 2
    (tmp_path / "g.xlsx").write_bytes(b"PK")
    with pytest.raises(GridFileError, match="use a .csv or .toml"):
        read_grid_file(tmp_path / "g.xlsx")
    (tmp_path / "gbk.csv").write_bytes(GOOD_CSV.encode("gbk"))
    with pytest.raises(GridFileError, match="not UTF-8"):
        read_grid_file(tmp_path / "gbk.csv")
    with pytest.raises(GridFileError, match="file not found"):
        read_grid_file(tmp_path / "missing.csv")


async def test_import_creates_then_updates_idempotently(app: App) -> None:
    await app.directory.add_grid("OLD", "旧网格", patterns=["老小区"])
    await app.directory.set_wecom("OLD", "https://example.invalid/robot")
    first = await import_grids(app.db, app.clock, parse_csv(GOOD_CSV))
    assert first.created == ["XFL", "YG", "JSON"] and not first.updated and not first.unchanged
    again = await import_grids(app.db, app.clock, parse_csv(GOOD_CSV))
    assert again.unchanged == ["XFL", "YG", "JSON"] and not again.created and not again.updated
    changed = GOOD_CSV.replace("500", "800").replace("阳光新村", "阳光新村|阳光村") + "OLD,旧网格改名,老小区,,,\n"
    third = await import_grids(app.db, app.clock, parse_csv(changed))
    assert sorted(third.updated) == ["OLD", "XFL", "YG"] and third.unchanged == ["JSON"]
    async with app.db.transaction() as s:
        grids = {g.code: g for g in (await s.execute(select(Grid))).scalars()}
    assert grids["XFL"].radius_m == 800 and grids["XFL"].address_patterns == ["幸福里小区|幸福里 1-6栋", "阳光花园 7栋"]
    assert grids["YG"].polygon == [[30.279, 120.161], [30.279, 120.166], [30.2815, 120.166]]
    assert grids["OLD"].name == "旧网格改名" and grids["OLD"].wecom_robot_url  # what the file does not say is kept
