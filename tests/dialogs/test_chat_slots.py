"""Issue 15's slots in `complaint-bot chat` (the transcript docs/dialogs.md shows), replayed from a
piped script in a subprocess on a fresh demo database."""

from __future__ import annotations

from pathlib import Path

from bot.dialogs import texts as tx
from tests.dialogs.test_chat_cli import _cli

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"
SCRIPT = "\n".join([
    "楼道灯坏了", "对了还有，楼下垃圾好几天没人收了，臭得很", "幸福里小区3栋", "另外电梯也坏了两天了", "一直",
    "上个月开始的", "13812345678", "楼道灯坏了", "1", "2",  # read-back, a resend, 提交, 仍要提交 (the demo's 楼道灯)
    "1", "幸福里小区5栋", "1", "1",  # the garbage, filed as its own complaint
    "2",  # the lift: 不用了
    "楼道里有股怪味，不知道是不是煤气", "1", "幸福里小区地下车库",  # filed with the place
    FULL, "1", "2", FULL, "1", "1",  # the barbecue, then the same again: the resident's own duplicate
]) + "\n"  # fmt: skip


def test_the_slots_transcript(tmp_path: Path) -> None:
    run = _cli(f"sqlite:///{tmp_path / 'chat.db'}", "chat", "--demo", stdin=SCRIPT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for said in (
        tx.ASIDE_NOTED,
        tx.ASK_OCCURRED_SINCE,
        "时间：一直，上个月开始的",
        tx.ALREADY_NOTED,
        tx.aside_offer("楼下垃圾好几天没人收了，臭得很"),
        "内容：楼下垃圾好几天没人收了，臭得很",
        tx.aside_offer("电梯也坏了两天了"),
        tx.ASIDE_DROPPED,
        tx.ASK_TRIAGE,
        "已紧急上报",
    ):
        assert said in out, said
    assert "地点：幸福里小区3栋" in out and "内容：楼道灯坏了\n" in out  # neither aside became a field
    assert out.count("已提交，您的投诉编号是") == 3 and "您已经反映过这个问题" in out
    assert out.rstrip().endswith("」。") and "这次不再重复提交" in out
