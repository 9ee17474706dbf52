from pathlib import Path

import pytest

from core.config import DEFAULT_CATEGORIES, load_settings
from core.errors import InvalidInput


def test_defaults_need_nothing() -> None:
    s = load_settings({})
    assert s.database_url.startswith("sqlite:///")
    assert s.http_port == 8080 and s.redis_url is None
    assert s.category_names == [c.name for c in DEFAULT_CATEGORIES]


def test_environment_wins_over_the_file(tmp_path: Path) -> None:
    f = tmp_path / "bot.toml"
    f.write_text('http_port = 9000\ntimezone = "Asia/Shanghai"\n[telegram]\nmode = "webhook"\n'
                 '[[categories]]\nname = "维修"\ndepartment = "维修"\n'
                 '[deadlines]\nsimple_hours = 12\n', encoding="utf-8")
    s = load_settings({"HTTP_PORT": "9100", "TELEGRAM_BOT_TOKEN": "t"}, str(f))
    assert s.http_port == 9100 and s.telegram.mode == "webhook" and s.telegram.bot_token == "t"
    assert s.category_names == ["维修"] and s.deadlines == {"simple_hours": 12}


@pytest.mark.parametrize(("env", "content", "message"), [
    ({"HTTP_PORT": "eighty"}, "", "HTTP_PORT"),
    ({"TELEGRAM_MODE": "carrier-pigeon"}, "", "TELEGRAM_MODE"),
    ({}, "colour = 'blue'\n", "unknown setting"),
    ({}, "[[categories]]\nnom = 'x'\n", "categories"),
    ({}, "this is not toml", "not valid TOML"),
])
def test_bad_configuration_is_refused_clearly(tmp_path: Path, env: dict[str, str], content: str,
                                              message: str) -> None:
    f = tmp_path / "bot.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        load_settings(env, str(f))


def test_missing_config_file() -> None:
    with pytest.raises(InvalidInput, match="not found"):
        load_settings({"CONFIG_FILE": "/nonexistent/bot.toml"})


def test_an_emergencys_category_follows_its_hazard(tmp_path: Path) -> None:
    assert load_settings({}).hazard_categories["gas"] == "安全管理"
    assert load_settings({}).hazard_categories["trapped"] == "工程维修"
    f = tmp_path / "bot.toml"
    f.write_text('[[categories]]\nname = "维修"\ndepartment = "维修"\nhazards = ["water", "trapped"]\n'
                 '[[categories]]\nname = "安保"\ndepartment = "保安"\nhazards = ["gas"]\n', encoding="utf-8")
    s = load_settings({"CONFIG_FILE": str(f)})
    assert s.hazard_categories == {"water": "维修", "trapped": "维修", "gas": "安保"}
