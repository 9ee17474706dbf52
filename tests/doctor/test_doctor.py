"""`complaint-bot doctor` against a real database, Redis and the local stand-ins for WeChat,
Telegram and WeCom (tests/fakes): all well → exit 0; each thing wrong is named with its fix."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.app import build_app, telegram_component, wechat_component
from bot.cli import main
from bot.doctor import Examination, Finding, Options, Verdict, examine, local, platforms, report
from bot.server import build_web_app
from core.clock import ManualClock
from core.config import Settings, TelegramSettings, WeChatSettings
from core.db.engine import Database
from core.db.migrate import upgrade
from core.workcalendar import WorkCalendar
from tests.conftest import IN_CI, REDIS_URL, SHANGHAI
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_robot import FakeWeComRobot

APP_ID, SECRET = "wx0123456789abcdef", "doctor-secret"
DECEMBER = datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI)  # next year's holidays are due by now
MARCH = datetime(2026, 3, 9, 10, 0, tzinfo=SHANGHAI)


def holidays_for(now: datetime) -> dict[str, Any]:
    """[calendar] entries for this year and next, where the installed chinesecalendar lacks them."""
    known = WorkCalendar.from_config("Asia/Shanghai", {})
    missing = [y for y in (now.year, now.year + 1) if not known.knows_year(y)]
    return {"holidays": [date(y, 1, 1) for y in missing]} if missing else {}


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/doctor.db"
    db = Database(url)
    await upgrade(db)
    await db.dispose()
    return url


@pytest.fixture
async def wechat() -> AsyncIterator[FakeWeChatAPI]:
    api = FakeWeChatAPI(ManualClock(DECEMBER), app_id=APP_ID, secret=SECRET)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def robot() -> AsyncIterator[FakeWeComRobot]:
    fake = FakeWeComRobot(ManualClock(DECEMBER))
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def redis_url() -> str | None:
    """The tests' Redis when it answers (required under CI=true)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if IN_CI:
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is not reachable: {exc}")
        return None
    return REDIS_URL


@pytest.fixture
def healthy(sqlite_url: str, wechat: FakeWeChatAPI, telegram: FakeTelegram, redis_url: str | None) -> Settings:
    return Settings(
        database_url=sqlite_url, redis_url=redis_url, calendar=holidays_for(DECEMBER),
        wechat=WeChatSettings(token="doctor-token", app_id=APP_ID, app_secret=SECRET, api_base=wechat.url),
        telegram=TelegramSettings(bot_token=telegram.token, api_base=telegram.base_url),
    )


def by_check(findings: list[Finding]) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for f in findings:
        found.setdefault(f.check, []).append(f)
    return found


def has_font() -> bool:
    from core.reports.charts import cjk_font

    return cjk_font() is not None


async def test_all_is_well(healthy: Settings, robot: FakeWeComRobot, wechat: FakeWeChatAPI) -> None:
    app = build_app(healthy)
    try:
        await app.directory.add_grid("A", "幸福里网格", patterns=["幸福里小区"])
        await app.directory.set_wecom("A", robot.url("ROBOT-A"))
    finally:
        await app.close()
    result = await examine(healthy, Options(timeout=10, clock=ManualClock(DECEMBER)))
    checks = by_check(result.findings)
    failed = [f for f in result.findings if f.verdict is Verdict.FAIL]
    assert failed == ([] if has_font() else [f for f in failed if f.check == "chart font"]), failed
    assert result.healthy is has_font()
    assert "SQLite" in checks["database"][0].found and checks["schema"][0].verdict is Verdict.OK
    assert any("accepts the AppID and AppSecret" in f.found for f in checks["wechat"])
    assert "@complaint_test_bot" in checks["telegram"][0].found
    assert checks["wecom A"][0].verdict is Verdict.OK and robot.posts["ROBOT-A"] == []  # nothing was posted
    assert all(f.verdict is Verdict.OK for f in checks["calendar"])
    if healthy.redis_url:
        assert checks["redis"][0].verdict is Verdict.OK and "Redis" in checks["redis"][0].found
    tokens = [c for c in wechat.calls if c.path.endswith("stable_token")]
    assert tokens and not any((c.body or {}).get("force_refresh") for c in tokens)  # a running bot keeps its token


def test_the_command_exits_0_only_when_all_is_well(tmp_path: Path, sqlite_url: str,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "WECHAT_TOKEN", "REDIS_URL", "CONFIG_FILE", "HTTP_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "bot.toml"
    years = [datetime.now(SHANGHAI).year + n for n in (0, 1)]
    config.write_text("[calendar]\nholidays = [" + ", ".join(f'"{y}-01-01"' for y in years) + "]\n", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    code = main(["--config", str(config), "doctor", "--timeout", "5"])
    out = capsys.readouterr().out
    assert ("All is well" in out) is (code == 0)
    assert code == (0 if has_font() else 1), out
    assert "warn  channels" in out  # no channel configured is worth saying, not a failure

    code = main(["--config", str(config), "doctor", "--min-free-mb", str(10**9)])
    out = capsys.readouterr().out
    assert code == 1 and "FAIL  disk" in out and "--min-free-mb" in out and "problem(s) to fix" in out

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/empty.db")
    code = main(["--config", str(config), "doctor"])
    out = capsys.readouterr().out
    assert code == 1 and "the database is empty" in out and "run `complaint-bot db upgrade`" in out


async def test_what_is_wrong_is_said_with_its_fix(healthy: Settings, robot: FakeWeComRobot,
                                                  telegram: FakeTelegram) -> None:
    app = build_app(healthy)
    try:
        await app.directory.add_grid("A", "幸福里网格", patterns=["幸福里小区"])
        await app.directory.set_wecom("A", robot.url("GONE"))
    finally:
        await app.close()
    robot.removed.add("GONE")
    broken = replace(
        healthy, redis_url="redis://127.0.0.1:1/0", calendar={},
        wechat=replace(healthy.wechat, app_secret="not-the-secret", aes_key="too-short"),
        telegram=replace(healthy.telegram, bot_token="987654321:revoked-token-of-the-fake-bot"),
    )
    result = await examine(broken, Options(timeout=5, clock=ManualClock(DECEMBER)))
    out = _text(result)
    assert not result.healthy
    assert "FAIL  redis" in out and "redis://127.0.0.1:1/0 does not answer" in out
    assert "40125" in out and "reset the AppSecret" in out
    assert "WECHAT_AES_KEY is not an EncodingAESKey" in out
    assert "refused TELEGRAM_BOT_TOKEN (401)" in out and "@BotFather" in out
    assert "errcode 93000" in out and "grid set-wecom" in out
    if holidays_for(DECEMBER):  # chinesecalendar does not know next year yet: in December that is a problem
        assert "FAIL  calendar" in out and "[calendar]" in out
        march = await examine(replace(broken, calendar={}), Options(timeout=5, clock=ManualClock(MARCH)),
                              checks=[local._calendar])
        assert [f.verdict for f in march.findings if "2027" in f.found] in ([Verdict.WARN], [])


def _text(result: Examination) -> str:
    out = io.StringIO()
    report(result, out)
    return out.getvalue()


async def test_a_database_that_does_not_answer(tmp_path: Path) -> None:
    settings = Settings(database_url="postgresql://nobody@127.0.0.1:1/nothing")
    found = await local._database(settings, Options(timeout=5))
    assert found[0].verdict is Verdict.FAIL and "does not answer" in found[0].found
    assert "PostgreSQL running" in found[0].fix and "nobody" in found[0].found and "createdb" in found[0].fix


async def test_postgresql_at_the_right_migration(database: str) -> None:
    found = await local._database(Settings(database_url=database), Options(timeout=10))
    assert [f.verdict for f in found] == [Verdict.OK, Verdict.OK]
    assert "PostgreSQL" in found[0].found


@dataclass(frozen=True)
class WeComApp:
    corp_id: str
    secret: str
    api_base: str


async def test_a_wecom_application_token_call(robot: FakeWeComRobot) -> None:
    robot.corp = ("ww-corp", "wecom-secret")
    ok = await platforms._wecom_app(WeComApp("ww-corp", "wecom-secret", robot.base), Options(timeout=5))
    assert ok[0].verdict is Verdict.OK
    wrong = await platforms._wecom_app(WeComApp("ww-corp", "nope", robot.base), Options(timeout=5))
    assert wrong[0].verdict is Verdict.FAIL and "40001" in wrong[0].found and "Secret" in wrong[0].fix


async def test_webhooks_through_the_public_url(healthy: Settings, telegram: FakeTelegram,
                                               unused_tcp_port: int) -> None:
    """The bot's own webhooks on loopback stand for the public URL: Telegram's answers a secretless
    call with 401, WeChat's passes WeChat's signed URL check."""
    port = unused_tcp_port
    settings = replace(healthy, telegram=replace(
        healthy.telegram, mode="webhook", webhook_url=f"http://127.0.0.1:{port}/telegram", webhook_secret="s" * 32))
    app = build_app(settings)

    parts = [telegram_component(app, routes_only=True), wechat_component(app, dialogs=object())]  # type: ignore[arg-type]
    runner = web.AppRunner(build_web_app(app, parts))  # type: ignore[arg-type]
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    telegram.webhook_error = "Connection timed out"
    try:
        options = Options(timeout=5, public_url=f"http://127.0.0.1:{port}", clock=ManualClock(DECEMBER))
        found = await platforms._telegram(settings, options) + await platforms._public_url(settings, options)
        out = _text(Examination(found))
        assert "reaches this bot's Telegram webhook" in out
        assert "Telegram could not deliver to the webhook" in out and "Connection timed out" in out
        assert "healthz reaches this bot" in out
        assert "passes WeChat's URL check with this WECHAT_TOKEN" in out

        other = replace(settings, wechat=replace(settings.wechat, token="another-token"))
        found = await platforms._public_url(other, options)
        assert any("refused the signature" in f.found for f in found)
    finally:
        await runner.cleanup()
        await app.close()
