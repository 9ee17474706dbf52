"""A worker's note keeps its Chinese punctuation (user test, twentieth session: 「已到现场，燃气公司也来了」 reached the
resident as 「已到现场,燃气公司也来了」 — the command is read on NFKC-folded text, the note is kept as written)."""

from __future__ import annotations

import pytest

from bot.dialogs.inputs import worker_command, worker_own_words, worker_verb_alone


@pytest.mark.parametrize(("said", "note"), [
    ("进展 0012 师傅已上楼，正在查水表！", "师傅已上楼，正在查水表！"),
    ("办结 261208-0003 管道已疏通；地面已清理", "管道已疏通；地面已清理"),
])  # fmt: skip
def test_a_command_s_note_is_kept_as_written(said: str, note: str) -> None:
    found = worker_command(said)
    assert found is not None and found.rest == note


def test_the_command_word_alone_and_own_words_keep_it_too() -> None:
    alone = worker_verb_alone("进展：材料到了，下午装")
    own = worker_own_words("修好了，顺便把灯罩也换了")
    assert alone is not None and alone.rest == "材料到了，下午装"
    assert own is not None and own.rest == "顺便把灯罩也换了"
