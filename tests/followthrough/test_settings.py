"""The follow-through settings: TOML tables, environment overrides, refusals."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from core.config import load_settings
from core.errors import InvalidInput

TOML = """
[timers]
reminder_fractions = [0.5, 0.75, 0.9]
quiet_start = "21:30"
bounce_limit = 3

[followup]
phone_after_workdays = 1
close_after_workdays = 3

[reports]
daily_at = 07:45:00

[retention]
anonymise_after_days = 400
"""


def test_tables_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "bot.toml"
    config.write_text(TOML, encoding="utf-8")
    s = load_settings({"RETENTION_DELETE_DAYS": "1095", "JOBS_ENABLED": "false"}, str(config)).followthrough
    assert s.timers.reminder_fractions == (0.5, 0.75, 0.9)
    assert s.timers.quiet_start == time(21, 30) and s.timers.quiet_end == time(8, 0)
    assert s.timers.bounce_limit == 3 and s.timers.enabled is False
    assert (s.followup.phone_after_workdays, s.followup.close_after_workdays) == (1, 3)
    assert s.reports.daily_at == time(7, 45)  # a TOML time works as well as "07:45"
    assert (s.retention.anonymise_after_days, s.retention.delete_after_days) == (400, 1095)
    assert "timers" not in load_settings({}, str(config)).extra


@pytest.mark.parametrize(("toml", "env", "words"), [
    ("[timers]\nreminder_fractions = [0.5, 1.5]\n", {}, "reminder_fractions"),
    ("[followup]\nphone_after_workdays = 3\nclose_after_workdays = 2\n", {}, "close_after_workdays"),
    ("[retention]\nanonymise_after_days = 800\n", {}, "delete_after_days"),
    ("[sender]\nspeed = 3\n", {}, "unknown setting(s) in [sender]: speed"),
    ("[reports]\ndaily_at = \"25:00\"\n", {}, "HH:MM"),
    ("", {"JOBS_ENABLED": "perhaps"}, "JOBS_ENABLED"),
    ("", {"SENDER_SHARED_LIMITS": "carrier-pigeon"}, "shared_limits"),
])
def test_bad_values_are_refused(tmp_path: Path, toml: str, env: dict[str, str], words: str) -> None:
    config = tmp_path / "bot.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(InvalidInput, match=re.escape(words)):
        load_settings(env, str(config))
