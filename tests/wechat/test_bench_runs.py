"""bench/wechat_webhook.py still runs end to end (tiny settings): the figures in docs/wechat.md come
from it, and a broken bench would go unnoticed until someone needs them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_webhook_bench_prints_its_table_and_verdicts(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "wechat_webhook.py"), "--levels", "2", "--seconds", "0.5",
         "--think", "0.1"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = {line.split()[0]: line.split() for line in out.stdout.splitlines()
            if line.startswith(("saturation", "residents"))}
    assert set(rows) == {"saturation", "residents"}
    saturation = rows["saturation"]
    assert float(saturation[2]) > 0 and float(saturation[6]) > 0 and float(saturation[8]) > 0  # bare, floor, webhook
    # every message got the dialogs' reply (not "success"), and no step failed behind an apology
    assert "not answered or failed" not in out.stdout, out.stdout + out.stderr
    # the target is the floor's throughput (issue 17); the bare handler is still shown
    assert re.search(r"throughput at 2 residents: [\d.]+ of the floor \(target ≥ 0.5: (met|NOT met)\)", out.stdout)
    assert re.search(r"the webhook reaches [\d.]+ of it, the floor [\d.]+", out.stdout)
    assert re.search(r"p99 at 2 residents writing every ~0.1 s: [\d.]+ ms", out.stdout)
