"""bench/dialog_bench.py still runs end to end, on four personas written here (never the frozen
set): its figures in docs/understanding.md come from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PERSONAS = [
    {"id": "t1", "opening": "幸福里小区3栋2单元501楼下烧烤店每天晚上12点还在吵",
     "answers": {"address": "幸福里小区3栋2单元501", "time": "每天晚上", "phone": "13812345678"},
     "resend_at_readback": False, "after_filing": ["谢谢", "2", "👍"],
     "expect": {"files": True, "kind": "投诉", "category": "噪音扰民", "emergency": False,
                "community": "幸福里小区", "building": "3", "unit": "2", "room": "501",
                "phone": "13812345678", "time": "每天晚上12点", "second_problem": None}},
    {"id": "t2", "opening": "楼道灯坏了", "answers": {"address": "阳光花园5栋", "time": "好几天了",
                                                "phone": "13900001111"},
     "interject": {"slot": "phone", "text": "另外电梯也坏了两天了"},
     "resend_at_readback": False, "after_filing": ["好的"],
     "expect": {"files": True, "kind": "报修", "category": "工程维修", "emergency": False,
                "community": "阳光花园", "building": "5", "unit": None, "room": None,
                "phone": "13900001111", "time": "好几天了", "second_problem": "电梯坏了"}},
    {"id": "t3", "opening": "你好", "answers": {"description": "没事，问个好", "address": "不用", "phone": "不用"},
     "resend_at_readback": False, "after_filing": [],
     "expect": {"files": False, "kind": "咨询", "category": "其他", "emergency": False, "community": None,
                "building": None, "unit": None, "room": None, "phone": None, "time": None, "second_problem": None}},
    # a greeting first: the resident tells its matter once the greeting is answered (round 18: it stopped there)
    {"id": "t4", "opening": "有人在吗", "answers": {"description": "地下车库的排风扇不转了", "address": "阳光花园2栋",
                                               "time": "前天", "phone": "13700002222"},
     "resend_at_readback": False, "after_filing": [],
     "expect": {"files": True, "kind": "报修", "category": "工程维修", "emergency": False,
                "community": "阳光花园", "building": "2", "unit": None, "room": None,
                "phone": "13700002222", "time": "前天", "second_problem": None}},
]


def test_the_dialog_bench_prints_its_figures(tmp_path: Path) -> None:
    personas = tmp_path / "personas.jsonl"
    personas.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in PERSONAS), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("DATABASE_URL", None)
    after = tmp_path / "after.csv"
    after.write_text("text,is_new_problem\n收到，辛苦了！,0\n师傅几点来,0\n另外阳光花园5栋的电梯坏了两天了,1\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "dialog_bench.py"), "--personas", str(personas),
                          "--after-filing", str(after)],
                         cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert out.returncode == 0, out.stderr
    figures = {k: float(v) for k, _, v in (line.partition(": ") for line in out.stdout.splitlines())
               if v and not k.startswith(("personas", "after-filing"))}
    assert figures["filing_rate"] == 1.0 and figures["no_filing_rate"] == 1.0
    assert figures["small_talk_no_draft"] == 1.0  # 谢谢, a stray 2, 👍, 好的: no draft after filing
    assert figures["slot_accuracy_community"] == 1.0 and figures["slot_accuracy_phone"] == 1.0
    assert figures["false_emergency_rate"] == 0.0 and 1 <= figures["turns_per_filing"] <= 8
    assert figures["small_talk_set_no_draft"] == 1.0 and figures["new_problem_opens_draft"] == 1.0
