"""bench/classify_public2.py reads the second public set as documented: every committed version of
data.json, messages deduplicated, fields mapped or dropped and counted, rows sharing a run with the
TIPDM sample dropped. Data written here (never the public set itself); --mapping-only trains nothing."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHARED = "小区门口的道路坑洼不平下雨天积水严重行人无法通行"


def _item(tid: int, domain: str, title: str, content: str) -> dict[str, object]:
    return {"tid": tid, "id": str(tid), "date": "2026-06-01", "title": title, "content": content,
            "domain": domain, "type": "投诉/求助"}


def _store(recent: list[dict[str, object]], pending: list[dict[str, object]]) -> dict[str, object]:
    return {"updated": "2026-06-01T00:00:00+08:00", "recent": recent, "pending": pending,
            "low": [{"tid": 99, "title": "低分", "content": "没有领域字段"}]}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_the_bench_maps_drops_and_counts(tmp_path: Path) -> None:
    tipdm = tmp_path / "tipdm"
    tipdm.mkdir()
    with (tipdm / "messages_labelled.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "subject", "time", "detail", "label"])
        writer.writerow(["1", "道路问题", "2020/1/1", f"我们反映：{SHARED}，请处理。", "城乡建设"])
    repo = tmp_path / "liuyan"
    repo.mkdir()
    _git(repo, "init", "-q")
    first = _store([_item(1, "城建", "楼道漏水", "楼顶防水层破损，雨天漏水..."),
                    _item(2, "企业", "公司拖欠工资", "拖欠三个月工资")], [])
    (repo / "data.json").write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    _git(repo, "add", "data.json")
    _git(repo, "commit", "-q", "-m", "one")
    second = _store([_item(3, "交通", "公交站台", "公交站台没有遮雨棚"),
                     _item(4, "城建", "道路", SHARED),
                     _item(5, "文娱", "广场舞", "广场舞音响太响")],
                    [_item(1, "城建", "楼道漏水", "楼顶防水层破损，雨天漏水，墙面发霉")])
    (repo / "data.json").write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "two")

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "classify_public2.py"), "--mapping-only",
                          "--data", str(tipdm), str(repo)],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert "read 2 version(s) of data.json" in out
    assert "5 unique messages (0 repeated texts dropped)" in out
    assert "dropped, field without a counterpart: 1 {'企业': 1}" in out
    assert "dropped, sharing a 15-character run with the TIPDM rows: 1" in out
    assert "kept: 3 " in out
    for label in ("'城乡建设': 1", "'交通运输': 1", "'教育文体': 1"):
        assert label in out
    assert "public2_accuracy" not in out
