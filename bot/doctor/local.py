"""The doctor's checks of this machine and its services: the database and its schema, Redis, the
worker count, the holiday calendar, the chart font, the disk, the classifier model."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.doctor.findings import Check, Finding, Options, Verdict
from core.config import Settings
from core.db.engine import Database, is_sqlite
from core.errors import DomainError

CALENDAR_FROM_MONTH = 11  # from November on, next year's holidays must be known (deadlines cross into it)


def where(url: str) -> str:
    """A database or Redis URL without its password."""
    return make_url(url).render_as_string(hide_password=True)


async def _database(settings: Settings, options: Options) -> list[Finding]:
    db = Database(settings.database_url)
    try:
        try:
            async with asyncio.timeout(options.timeout):
                async with db.engine.connect() as conn:
                    if is_sqlite(settings.database_url):
                        version = "SQLite " + str((await conn.execute(text("select sqlite_version()"))).scalar())
                    else:
                        version = str((await conn.execute(text("show server_version"))).scalar())
                        version = f"PostgreSQL {version.split()[0]}"
        except Exception as exc:
            return [Finding("database", Verdict.FAIL, f"{where(settings.database_url)} does not answer: "
                                                      f"{_reason(exc)}", _database_fix(settings.database_url))]
        found = [Finding("database", Verdict.OK, f"{where(settings.database_url)} answers ({version})")]
        found.append(await _schema(db))
        return found
    finally:
        await db.dispose()


def _database_fix(url: str) -> str:
    if is_sqlite(url):
        return "check that the folder of the SQLite file exists and this user may write there (DATABASE_URL)"
    return ("is PostgreSQL running and reachable at that host and port, does the database exist (createdb), "
            "are the user and password in DATABASE_URL right? deploy/compose.yaml starts one")


async def _schema(db: Database) -> Finding:
    from alembic.script import ScriptDirectory

    from core.db.migrate import alembic_config, current_revision, head_revision

    current, head = await current_revision(db), head_revision()
    if current == head:
        return Finding("schema", Verdict.OK, f"at {head}, the revision this code needs")
    if current is None:
        return Finding("schema", Verdict.FAIL, "the database is empty (no schema yet)", "run `complaint-bot db upgrade`")
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current not in known:
        return Finding("schema", Verdict.FAIL, f"at {current}, a revision this code does not know (a newer version "
                                               "wrote it)", "install the version of complaint-bot that wrote it")
    return Finding("schema", Verdict.FAIL, f"at {current}; this code needs {head}", "run `complaint-bot db upgrade`")


async def _workers(settings: Settings, options: Options) -> list[Finding]:
    from bot.workers import check_workers

    try:
        check_workers(settings, settings.http_workers)
    except DomainError as exc:
        return [Finding("workers", Verdict.FAIL, f"HTTP_WORKERS={settings.http_workers}: {exc.message}",
                        "use PostgreSQL for DATABASE_URL, or HTTP_WORKERS=1")]
    if settings.http_workers == 1:
        return [Finding("workers", Verdict.OK, "one process answers the webhooks (HTTP_WORKERS=1)")]
    return [Finding("workers", Verdict.OK, f"{settings.http_workers} processes will answer the webhooks")]


async def _redis(settings: Settings, options: Options) -> list[Finding]:
    limits = settings.followthrough.sender.shared_limits
    if not settings.redis_url:
        if limits == "redis":
            return [Finding("redis", Verdict.FAIL, "SENDER_SHARED_LIMITS=redis but REDIS_URL is not set",
                            "set REDIS_URL, or SENDER_SHARED_LIMITS=auto")]
        advice = Verdict.WARN if settings.http_workers > 1 else Verdict.SKIP
        return [Finding("redis", advice, "REDIS_URL is not set: conversations and tokens are kept in the database",
                        "with several processes Redis answers faster (REDIS_URL, see README: Running for real)")]
    from redis.asyncio import from_url

    client = from_url(settings.redis_url, socket_timeout=options.timeout, socket_connect_timeout=options.timeout)
    try:
        async with asyncio.timeout(options.timeout):
            await client.ping()
            info = await client.info("server")
    except Exception as exc:
        return [Finding("redis", Verdict.FAIL, f"{where(settings.redis_url)} does not answer: {_reason(exc)}",
                        "start Redis (deploy/compose.yaml runs one) or fix REDIS_URL (password, port, database)")]
    finally:
        await client.aclose()
    return [Finding("redis", Verdict.OK, f"{where(settings.redis_url)} answers "
                                         f"(Redis {info.get('redis_version', '?')})")]


async def _calendar(settings: Settings, options: Options) -> list[Finding]:
    from core.workcalendar import WorkCalendar

    calendar = WorkCalendar.from_config(settings.timezone, settings.calendar)
    calendar.use_stored(await _stored_days(settings, options))
    today = calendar.local_date(options.clock.now())
    found = []
    for year in (today.year, today.year + 1):
        if calendar.knows_year(year):
            where_from = " (entered at the desk)" if calendar.source(year) == "desk" else ""
            found.append(Finding("calendar", Verdict.OK,
                                 f"knows {year}'s public holidays and make-up workdays{where_from}"))
            continue
        needed = year == today.year or today.month >= CALENDAR_FROM_MONTH
        found.append(Finding(
            "calendar", Verdict.FAIL if needed else Verdict.WARN,
            f"does not know {year}'s holidays: deadlines in {year} would count Monday-Friday",
            f"enter the State Council's notice for {year} at the desk (管理 → 节假日) or under [calendar] in the TOML "
            "configuration "
            "(holidays = [...], workdays = [...]; see README, Deadlines), or upgrade chinesecalendar"))
    return found


async def _stored_days(settings: Settings, options: Options) -> dict[date, bool]:
    """The days the head entered at the desk; none if the database cannot tell (its own check says why)."""
    from core.service.calendar_days import load_days

    db = Database(settings.database_url)
    try:
        async with asyncio.timeout(options.timeout):
            return await load_days(db)
    except Exception:
        return {}
    finally:
        await db.dispose()


async def _chart_font(settings: Settings, options: Options) -> list[Finding]:
    font = await asyncio.to_thread(_find_font)
    if font is None:
        return [Finding("chart font", Verdict.FAIL, "no CJK font: Chinese labels in the reports' charts would be "
                                                    "empty boxes", "apt-get install fonts-noto-cjk (or fonts-wqy-microhei)")]
    return [Finding("chart font", Verdict.OK, f"charts use {font}")]


def _find_font() -> str | None:
    import logging

    from core.reports.charts import cjk_font

    logging.getLogger("core.reports.charts").disabled = True  # the doctor says it in its own words
    try:
        return cjk_font()
    finally:
        logging.getLogger("core.reports.charts").disabled = False


async def _disk(settings: Settings, options: Options) -> list[Finding]:
    return await asyncio.to_thread(_free_space, settings, options)


def _free_space(settings: Settings, options: Options) -> list[Finding]:
    from core.classify.segment import CACHE_ENV

    places: dict[str, Path] = {}
    if is_sqlite(settings.database_url):
        database = make_url(settings.database_url).database
        if database and database != ":memory:":
            places["the SQLite database"] = Path(database).resolve().parent
    places["jieba's dictionary cache"] = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache")
    places["temporary files (metrics of several processes)"] = Path(
        os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.gettempdir())
    media = getattr(settings, "media_dir", None)  # photos kept by the bot itself, when a part does
    if media:
        places["photos"] = Path(media)
    found = []
    for what, path in places.items():
        existing = next((p for p in (path, *path.parents) if p.exists()), Path("/"))
        free_mb = shutil.disk_usage(existing).free // (1024 * 1024)
        verdict = Verdict.OK if free_mb >= options.min_free_mb else Verdict.FAIL
        found.append(Finding("disk", verdict, f"{free_mb:,} MB free for {what} ({path})",
                             f"free space on that disk (at least {options.min_free_mb:,} MB, --min-free-mb)"))
    if not media:
        found.append(Finding("disk", Verdict.OK, "photos stay on the chat platforms (media ids): none are kept "
                                                 "on this disk"))
    return found


async def _classifier(settings: Settings, options: Options) -> list[Finding]:
    if not settings.smart_dispatch:
        return [Finding("classifier", Verdict.SKIP, "smart dispatch is off (SMART_DISPATCH=false)")]
    if not settings.classifier_model:
        return [Finding("classifier", Verdict.OK, "the shipped category model")]
    path = Path(settings.classifier_model)
    if not await asyncio.to_thread(path.is_file):
        return [Finding("classifier", Verdict.FAIL, f"CLASSIFIER_MODEL {path} does not exist",
                        "train one with `complaint-bot classifier train`, or unset CLASSIFIER_MODEL")]
    try:
        from core.classify import TextModel

        model = await asyncio.to_thread(TextModel.load, path)
    except Exception as exc:
        return [Finding("classifier", Verdict.FAIL, f"CLASSIFIER_MODEL {path} cannot be read: {_reason(exc)}",
                        "train it again with `complaint-bot classifier train`")]
    unknown = sorted(set(model.labels) - set(settings.category_names))
    if unknown:
        return [Finding("classifier", Verdict.WARN, f"{path}: labels {', '.join(unknown)} are not configured "
                                                    "categories: such messages go to the dispatcher",
                        "train on your [[categories]] names, or add them to the configuration")]
    return [Finding("classifier", Verdict.OK, f"{path} ({len(model.labels)} categories)")]


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


CHECKS: list[Check] = [_database, _workers, _redis, _calendar, _chart_font, _disk, _classifier]
