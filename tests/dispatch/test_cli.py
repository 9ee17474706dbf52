"""The dispatch commands through `complaint-bot`'s own entry point, on a SQLite file."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from core.dispatch.evaluation import BENCH_GRIDS


@pytest.fixture
def sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("CONFIG_FILE", raising=False)
    monkeypatch.delenv("CLASSIFIER_MODEL", raising=False)
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_classify_prints_one_json_line_per_message(sqlite_env: str, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "classify", "电梯坏了")
    assert code == 2 and "db upgrade" in err  # routing needs the grids: say how to get them
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "grid", "import", str(BENCH_GRIDS))[0] == 0
    code, out, _ = run(capsys, "classify", "幸福里小区3栋2单元电梯困人了，里面有老人，快来人", "楼下垃圾没人收",
                       "--location", "30.2800,120.1630")
    assert code == 0
    lift, rubbish = lines(out)
    assert lift["category"] == "工程维修" and lift["urgency"] == "emergency" and lift["hazard"] == "trapped"
    assert "电梯困人" in str(lift["triggers"]) and lift["grid"] == "XFL-N" and lift["route"] == "address"  # type: ignore[operator]
    assert lift["address"] == {"community": "幸福里小区", "building": "3", "unit": "2", "room": None}
    assert "1-6栋" in str(lift["route_reason"]) and lift["department"] == "维修"
    assert 0 < float(lift["category_confidence"]) <= 1 and 0 < float(lift["kind_confidence"]) <= 1  # type: ignore[arg-type]
    assert rubbish["grid"] == "YGHY" and rubbish["route"] == "location" and rubbish["triggers"] == []

    monkeypatch.setattr("sys.stdin", io.StringIO("幸福里小区门口烧烤摊太吵\n\n厨房有很浓的煤气味\n已经不漏了\n"))
    code, out, _ = run(capsys, "classify")
    split, gas, over = lines(out)
    assert code == 0 and split["grid"] is None and set(split["candidates"]) == {"XFL-N", "XFL-S"}  # type: ignore[arg-type]
    assert gas["urgency"] == "emergency" and gas["triggers"] and over["urgency"] == "normal"

    code, out, _ = run(capsys, "classify", "--no-route", "请问物业费怎么交", "x" * 3000)
    ok, too_long = lines(out)
    assert code == 2 and ok["kind"] == "咨询" and "grid" not in ok and "longer than" in str(too_long["error"])
    code, _, err = run(capsys, "classify", "--location", "north", "电梯坏了")
    assert code == 2 and "LAT,LNG" in err
    code, _, err = run(capsys, "classify", "--no-route", "--model", "/nonexistent/model.json.gz", "电梯坏了")
    assert code == 2 and "model not found" in err


def test_grid_import_and_its_errors(sqlite_env: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "db", "upgrade")
    good = tmp_path / "grids.csv"
    good.write_text("code,name,patterns,center,radius_m\nXFL,幸福里网格,幸福里小区|幸福里 1-6栋,\"30.27,120.15\",400\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "grid", "import", str(good), "--dry-run")
    assert code == 0 and "nothing written" in out and "no grids yet" in run(capsys, "grid", "list")[1]
    code, out, _ = run(capsys, "grid", "import", str(good))
    assert code == 0 and "created: 1 (XFL)" in out
    code, out, _ = run(capsys, "grid", "import", str(good))
    assert code == 0 and "unchanged: 1 (XFL)" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,patterns\nYG,阳光网格,阳光花园\nZZ,坏网格,幸福里 6-1栋\n", encoding="utf-8")
    code, _, err = run(capsys, "grid", "import", str(bad))
    assert code == 2 and "bad.csv:3" in err and "backwards" in err
    assert "YG" not in run(capsys, "grid", "list")[1]  # nothing from a bad file is written
    toml = tmp_path / "bad.toml"
    toml.write_text("[[grid]]\ncode = 'A'\nname = '甲'\npatterns = ['幸福里']\n\n[[grid]]\ncode = 'A'\nname = '乙'\n"
                    "patterns = ['阳光']\n", encoding="utf-8")
    code, _, err = run(capsys, "grid", "import", str(toml))
    assert code == 2 and "bad.toml:6" in err and "already defined on line 1" in err
    code, _, err = run(capsys, "grid", "import", str(tmp_path / "nope.csv"))
    assert code == 2 and "file not found" in err
    code, _, err = run(capsys, "grid", "add", "YG", "阳光网格", "--pattern", "阳光花园 七号")
    assert code == 2 and "cannot read" in err


def test_the_desk(sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    code, out, _ = run(capsys, "demo")
    assert code == 0
    statuses = re.findall(r"(\d{6}-\d{4})\s+(\S+)", out)
    number = next(n for n, status in statuses if status == "待派单")
    first = next(n for n, status in statuses if status == "已派单")
    code, _, err = run(capsys, "ticket", "assign", number, "XFL", "--as", "张伟")
    assert code == 2 and "只有调度员或负责人可以派单" in err
    code, _, err = run(capsys, "ticket", "assign", number, "XFL", "--as", "nobody")
    assert code == 2 and "没有工作人员" in err
    code, out, _ = run(capsys, "ticket", "assign", number, "YGHY", "--as", "赵敏", "--note", "停车位归阳光花园管")
    assert code == 0 and "assigned to grid YGHY" in out
    code, out, _ = run(capsys, "ticket", "reclassify", number, "--as", "赵敏")
    assert code == 0 and "confirmed" in out
    code, out, _ = run(capsys, "ticket", "reclassify", number, "--as", "孙主任", "--category", "服务质量", "--kind", "投诉")
    assert code == 0 and "corrected" in out and "服务质量" in out
    code, _, err = run(capsys, "ticket", "reclassify", number, "--as", "赵敏", "--kind", "闲聊")
    assert code == 2 and "unknown kind" in err
    code, _, err = run(capsys, "ticket", "reclassify", number, "--as", "赵敏", "--category", "天气")
    assert code == 2 and "未知的分类" in err
    code, _, err = run(capsys, "ticket", "assign", "hello", "XFL", "--as", "赵敏")
    assert code == 2 and "not a ticket number" in err
    shown = run(capsys, "ticket", "show", number)[1]
    assert "更正分类" in shown and "确认分类" in shown

    # merge another open demo ticket into this one, then split its resident out again
    code, out, _ = run(capsys, "ticket", "merge", first, number, "--as", "赵敏")
    assert code == 0 and "merged into" in out
    code, out, _ = run(capsys, "ticket", "followers", number)
    assert code == 0 and f"merged {first}" in out and "****" in out and not re.search(r"1\d{10}", out)
    resident = out.splitlines()[2].split()[0]
    code, out, _ = run(capsys, "ticket", "split", number, "--resident", resident, "--as", "赵敏")
    assert code == 0 and "new ticket" in out
    assert "no followers" in run(capsys, "ticket", "followers", number)[1]
    code, _, err = run(capsys, "ticket", "split", number, "--resident", resident, "--as", "赵敏")
    assert code == 2 and "没有关注" in err


def test_classifier_commands_are_registered(sqlite_env: str, capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    data = tmp_path / "own.csv"
    rows = ["电梯坏了没人修,维修", "电梯按钮失灵,维修", "电梯门关不上,维修", "水管爆了,维修",
            "垃圾没人收,卫生", "楼道太脏了,卫生", "垃圾桶满了,卫生", "草坪上全是狗屎,卫生"]
    data.write_text("text,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "own.json.gz"
    code, out, _ = run(capsys, "classifier", "train", str(data), "--text-col", "text", "--label-col", "label",
                       "--model", str(model))
    assert code == 0 and model.is_file() and "8 rows" in out
    code, out, _ = run(capsys, "classifier", "evaluate", str(data), "--text-col", "text", "--label-col", "label",
                       "--model", str(model))
    assert code == 0 and "accuracy: " in out and "macro_f1: " in out
    code, _, err = run(capsys, "classifier", "train", str(data), "--text-col", "body", "--label-col", "label",
                       "--model", str(model))
    assert code == 2 and "body" in err
    code, out, _ = run(capsys, "classify", "--no-route", "--model", str(model), "电梯又坏了")
    got = lines(out)[0]
    assert code == 0 and got["category"] == "其他" and got["unknown_label"] == "维修" and got["needs_dispatcher"]
