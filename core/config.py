"""Configuration: environment variables, optionally over a TOML file, read once at the composition
root (bot.app) and passed down. Every variable is documented in README.md and deploy/.env.example.

Precedence: environment > TOML file (CONFIG_FILE or --config) > defaults.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.db.engine import DEFAULT_URL
from core.errors import InvalidInput
from core.followthrough import settings as followthrough_settings
from core.followthrough.settings import FollowThroughSettings, parse_bool


@dataclass(frozen=True)
class CategoryConfig:
    name: str
    department: str  # who inside a grid handles it: 维修 / 保洁 / 保安 / 客服
    complexity: str = "simple"
    # an emergency with one of these hazards (core.text.urgency.HAZARDS) is filed in this category
    hazards: tuple[str, ...] = ()


# Seed 002's property classes, with noise and neighbour disputes (its "其他") split out because
# the hotline (seed 000) names them separately and they go to different people. An emergency's
# category follows its hazard: danger to people from gas, fire, electricity, violence … goes to
# security; a trapped lift, a burst pipe, flooding or a failing structure to the repair team.
DEFAULT_CATEGORIES: tuple[CategoryConfig, ...] = (
    CategoryConfig("工程维修", "维修", hazards=("trapped", "water", "structure")),
    CategoryConfig("环境卫生", "保洁"),
    CategoryConfig(
        "安全管理",
        "保安",
        hazards=(
            "gas", "co", "fire", "smoke", "electric", "chemical", "heat", "steam", "falling", "confined",
            "injury", "violence",
        ),  # fmt: skip
    ),
    CategoryConfig("服务质量", "客服", "complex"),
    CategoryConfig("噪音扰民", "保安"),
    CategoryConfig("邻里纠纷", "客服", "complex"),
    CategoryConfig("其他", "客服"),
)


@dataclass(frozen=True)
class TelegramSettings:
    bot_token: str | None = None
    api_base: str | None = None  # a local Bot API server; default Telegram's own
    mode: str = "polling"  # polling / webhook
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_path: str = "/telegram"


@dataclass(frozen=True)
class WeChatSettings:
    token: str | None = None
    app_id: str | None = None
    app_secret: str | None = None
    aes_key: str | None = None
    api_base: str = "https://api.weixin.qq.com/"
    path: str = "/wechat"
    # template / subscription messages per update kind (outbox purpose: assigned, progress,
    # resolution, survey, …), optional: "purpose = <template id>" or a table (see docs/wechat.md)
    templates: Mapping[str, Any] = field(default_factory=dict)
    reply_budget: float = 3.5  # seconds to answer a webhook call; WeChat gives up after 5
    token_endpoint: str = "stable"  # stable (stable_token) or plain (token)
    max_body: int = 64 * 1024  # bytes; WeChat's XML is a few KB even in compatible mode
    max_age: int = 600  # seconds a signed timestamp stays acceptable (replay guard); 0: off


@dataclass(frozen=True)
class WeComAppSettings:
    """The WeCom self-built application (企业微信自建应用) grid workers act in (docs/wecom.md)."""

    corp_id: str | None = None
    agent_id: int | None = None
    secret: str | None = None
    token: str | None = None  # the callback's Token
    aes_key: str | None = None  # the callback's EncodingAESKey (WeCom always encrypts)
    api_base: str = "https://qyapi.weixin.qq.com/"
    path: str = "/wecom"
    reply_budget: float = 3.0  # seconds to answer a callback; WeCom gives up after 5
    max_body: int = 64 * 1024
    max_age: int = 600  # seconds a signed timestamp stays acceptable (replay guard); 0: off
    accounts: int = 200  # the corp's 账号上限数: the app may send 200 人次 a day per account

    @property
    def can_send(self) -> bool:
        return bool(self.corp_id and self.secret and self.agent_id)

    @property
    def can_receive(self) -> bool:
        return bool(self.corp_id and self.token and self.aes_key)


@dataclass(frozen=True)
class DeskSettings:
    """The hotline desk (bot/desk): the staff's web console on `serve`'s server."""

    path: str = "/desk"  # where it is mounted
    session_minutes: int = 480  # a session ends after this long without a request
    secret: str | None = None  # key of the session cookie; default: generated once, kept in the database
    cookie_secure: str = "auto"  # auto (Secure when the request came over HTTPS) / true / false
    login_max_failures: int = 5  # wrong passwords per account, or per address, before a lockout
    lockout_minutes: int = 15
    map_tiles: str | None = None  # optional tile URL for the ticket's map, e.g. https://…/{z}/{x}/{y}.png
    max_upload_mb: float = 10.0  # largest form upload (photos, grid files)
    page_size: int = 50  # queue rows per page


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    redis_url: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    http_workers: int = 1  # processes answering webhooks (PostgreSQL only beyond 1; see bot/workers.py)
    timezone: str = "Asia/Shanghai"
    log_level: str = "INFO"
    log_format: str = "text"  # text (the human format) / json (one object per line, bot.logs)
    metrics_token: str | None = None  # bearer token for /metrics from beyond loopback (bot.metrics)
    # where the dialogs' state and the WeChat options shown are kept: "database" ("auto") or "redis".
    # The database is the cheaper: the state is read and saved inside statements the step runs anyway
    # (docs/wechat.md, issue 17); what an earlier default left in Redis is moved at start
    # (bot/conversation/carry_over.py)
    dialog_state: str = "auto"

    @property
    def dialog_state_in_redis(self) -> bool:
        return self.dialog_state == "redis"
    metrics_port: int | None = None  # /metrics on a port of its own instead of serve's
    categories: tuple[CategoryConfig, ...] = DEFAULT_CATEGORIES
    deadlines: Mapping[str, Any] = field(default_factory=dict)
    calendar: Mapping[str, Any] = field(default_factory=dict)  # [calendar]: a new year's holidays
    classifier_model: str | None = None  # path to a category model; default: the shipped one
    classifier_threshold: float = 0.55  # below: the dispatcher confirms the category
    smart_dispatch: bool = True  # classify, route and check duplicates automatically (core.dispatch)
    duplicate_window_hours: float = 72.0  # an open ticket filed this recently may be the same problem
    duplicate_min_similarity: float = 0.30  # text similarity (0-1) from which two reports are the same
    route_radius_m: float = 1000.0  # for a grid with a centre and no radius of its own
    gas_company_phone: str = "96777"
    draft_remind_minutes: int = 120  # an unsubmitted complaint gets one reminder after this long
    draft_expire_hours: int = 24  # … and is dropped after this long
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    wechat: WeChatSettings = field(default_factory=WeChatSettings)
    wecom: WeComAppSettings = field(default_factory=WeComAppSettings)
    desk: DeskSettings = field(default_factory=DeskSettings)
    # [sender] [timers] [followup] [retention] [reports]: delivery, timers, retention, reports
    followthrough: FollowThroughSettings = field(default_factory=FollowThroughSettings)
    extra: Mapping[str, Any] = field(default_factory=dict)  # other TOML tables, for later parts

    @property
    def hazard_categories(self) -> dict[str, str]:
        """Hazard -> the category an emergency with that hazard is filed in."""
        return {h: c.name for c in self.categories for h in c.hazards}

    def category(self, name: str | None) -> CategoryConfig | None:
        return next((c for c in self.categories if c.name == name), None)

    @property
    def category_names(self) -> list[str]:
        return [c.name for c in self.categories]




# environment variable → (section, key, type)
ENV_VARS: dict[str, tuple[str | None, str, Any]] = {
    "DATABASE_URL": (None, "database_url", str),
    "REDIS_URL": (None, "redis_url", str),
    "HTTP_HOST": (None, "http_host", str),
    "HTTP_PORT": (None, "http_port", int),
    "HTTP_WORKERS": (None, "http_workers", int),
    "TIMEZONE": (None, "timezone", str),
    "LOG_LEVEL": (None, "log_level", str),
    "LOG_FORMAT": (None, "log_format", str),
    "METRICS_TOKEN": (None, "metrics_token", str),
    "DIALOG_STATE": (None, "dialog_state", str),
    "METRICS_PORT": (None, "metrics_port", int),
    "CLASSIFIER_MODEL": (None, "classifier_model", str),
    "CLASSIFIER_THRESHOLD": (None, "classifier_threshold", float),
    "GAS_COMPANY_PHONE": (None, "gas_company_phone", str),
    "SMART_DISPATCH": (None, "smart_dispatch", parse_bool),
    "DUPLICATE_WINDOW_HOURS": (None, "duplicate_window_hours", float),
    "DUPLICATE_MIN_SIMILARITY": (None, "duplicate_min_similarity", float),
    "ROUTE_RADIUS_M": (None, "route_radius_m", float),
    "DRAFT_REMIND_MINUTES": (None, "draft_remind_minutes", int),
    "DRAFT_EXPIRE_HOURS": (None, "draft_expire_hours", int),
    "TELEGRAM_BOT_TOKEN": ("telegram", "bot_token", str),
    "TELEGRAM_API_BASE": ("telegram", "api_base", str),
    "TELEGRAM_MODE": ("telegram", "mode", str),
    "TELEGRAM_WEBHOOK_URL": ("telegram", "webhook_url", str),
    "TELEGRAM_WEBHOOK_SECRET": ("telegram", "webhook_secret", str),
    "WECHAT_TOKEN": ("wechat", "token", str),
    "WECHAT_APP_ID": ("wechat", "app_id", str),
    "WECHAT_APP_SECRET": ("wechat", "app_secret", str),
    "WECHAT_AES_KEY": ("wechat", "aes_key", str),
    "WECHAT_API_BASE": ("wechat", "api_base", str),
    "WECHAT_PATH": ("wechat", "path", str),
    "WECHAT_REPLY_BUDGET": ("wechat", "reply_budget", float),
    "WECHAT_TOKEN_ENDPOINT": ("wechat", "token_endpoint", str),
    "WECHAT_MAX_BODY": ("wechat", "max_body", int),
    "WECHAT_MAX_AGE": ("wechat", "max_age", int),
    "WECOM_CORP_ID": ("wecom", "corp_id", str),
    "WECOM_AGENT_ID": ("wecom", "agent_id", int),
    "WECOM_SECRET": ("wecom", "secret", str),
    "WECOM_TOKEN": ("wecom", "token", str),
    "WECOM_AES_KEY": ("wecom", "aes_key", str),
    "WECOM_API_BASE": ("wecom", "api_base", str),
    "WECOM_PATH": ("wecom", "path", str),
    "WECOM_REPLY_BUDGET": ("wecom", "reply_budget", float),
    "WECOM_MAX_BODY": ("wecom", "max_body", int),
    "WECOM_MAX_AGE": ("wecom", "max_age", int),
    "WECOM_ACCOUNT_LIMIT": ("wecom", "accounts", int),
    "DESK_PATH": ("desk", "path", str),
    "DESK_SESSION_MINUTES": ("desk", "session_minutes", int),
    "DESK_SECRET": ("desk", "secret", str),
    "DESK_COOKIE_SECURE": ("desk", "cookie_secure", str),
    "DESK_MAP_TILES": ("desk", "map_tiles", str),
    "DESK_MAX_UPLOAD_MB": ("desk", "max_upload_mb", float),
}


def load_settings(environ: Mapping[str, str] | None = None, config_file: str | None = None) -> Settings:
    env = os.environ if environ is None else environ
    path = config_file or env.get("CONFIG_FILE")
    data: dict[str, Any] = {}
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InvalidInput(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise InvalidInput(f"config file {path} is not valid TOML: {exc}") from None
    top: dict[str, Any] = {k: v for k, v in data.items() if not isinstance(v, dict | list)}
    sections: dict[str, dict[str, Any]] = {
        "telegram": dict(data.get("telegram", {})),
        "wechat": dict(data.get("wechat", {})),
        "wecom": dict(data.get("wecom", {})),
        "desk": dict(data.get("desk", {})),
    }
    for var, (section, key, kind) in ENV_VARS.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        try:
            value = kind(raw)
        except ValueError:
            name = "boolean (true/false)" if kind is parse_bool else kind.__name__
            raise InvalidInput(f"{var}={raw!r} is not a valid {name}") from None
        (sections[section] if section else top)[key] = value

    ft_tables = {k: dict(data.get(k, {})) for k in followthrough_settings.SECTIONS}
    followthrough_settings.apply_env(ft_tables, env)
    followthrough = FollowThroughSettings.from_tables(ft_tables)

    known = set(Settings.__dataclass_fields__) - {"telegram", "wechat", "wecom", "desk", "categories", "deadlines",
                                                  "extra", "followthrough", "calendar"}
    unknown = set(top) - known
    if unknown:
        raise InvalidInput(f"unknown setting(s) in config: {', '.join(sorted(unknown))}")
    categories = DEFAULT_CATEGORIES
    if "categories" in data:
        try:
            categories = tuple(
                CategoryConfig(**{**c, **({"hazards": tuple(c["hazards"])} if "hazards" in c else {})})
                for c in data["categories"]
            )
        except TypeError as exc:
            raise InvalidInput(f"bad [[categories]] entry: {exc}") from None
        if not categories:
            raise InvalidInput("[[categories]] must name at least one category")
    try:
        telegram = TelegramSettings(**sections["telegram"])
        wechat = WeChatSettings(**sections["wechat"])
        wecom = WeComAppSettings(**sections["wecom"])
        desk = _desk(DeskSettings(**sections["desk"]))
    except TypeError as exc:
        raise InvalidInput(f"unknown setting in [telegram], [wechat], [wecom] or [desk]: {exc}") from None
    if top.get("log_format", "text") not in ("text", "json"):
        raise InvalidInput("LOG_FORMAT must be text or json")
    if top.get("dialog_state", "auto") not in ("auto", "database", "redis"):
        raise InvalidInput("DIALOG_STATE must be auto, database or redis")
    if top.get("dialog_state") == "redis" and not top.get("redis_url"):
        raise InvalidInput("DIALOG_STATE=redis needs REDIS_URL")
    if top.get("metrics_port") is not None and not 0 < int(top["metrics_port"]) < 65536:
        raise InvalidInput("METRICS_PORT must be a TCP port (1-65535)")
    if telegram.mode not in ("polling", "webhook"):
        raise InvalidInput("TELEGRAM_MODE must be polling or webhook")
    if wechat.token_endpoint not in ("stable", "plain"):
        raise InvalidInput("WECHAT_TOKEN_ENDPOINT must be stable or plain")
    if not 0.5 <= wechat.reply_budget <= 4.5:
        raise InvalidInput("WECHAT_REPLY_BUDGET must be between 0.5 and 4.5 seconds (WeChat waits 5)")
    if not 0.5 <= wecom.reply_budget <= 4.5:
        raise InvalidInput("WECOM_REPLY_BUDGET must be between 0.5 and 4.5 seconds (WeCom waits 5)")
    extra = {k: v for k, v in data.items() if isinstance(v, dict)
             and k not in ("telegram", "wechat", "wecom", "desk", "deadlines", "calendar",
                           *followthrough_settings.SECTIONS)}
    return Settings(
        **top,
        categories=categories,
        deadlines=dict(data.get("deadlines", {})),
        calendar=dict(data.get("calendar", {})),
        telegram=telegram,
        wechat=wechat,
        wecom=wecom,
        desk=desk,
        followthrough=followthrough,
        extra=extra,
    )


def _desk(desk: DeskSettings) -> DeskSettings:
    path = "/" + desk.path.strip().strip("/")
    if path == "/" or not all(part.replace("-", "").replace("_", "").isalnum() for part in path[1:].split("/")):
        raise InvalidInput(f"DESK_PATH must be a path such as /desk, not {desk.path!r}")
    if desk.session_minutes < 1:
        raise InvalidInput("DESK_SESSION_MINUTES must be at least 1")
    if desk.cookie_secure not in ("auto", "true", "false"):
        raise InvalidInput("DESK_COOKIE_SECURE must be auto, true or false")
    if desk.login_max_failures < 1 or desk.lockout_minutes < 1:
        raise InvalidInput("[desk] login_max_failures and lockout_minutes must be at least 1")
    if not 0 < desk.max_upload_mb <= 100:
        raise InvalidInput("DESK_MAX_UPLOAD_MB must be above 0 and at most 100")
    if desk.secret is not None and len(desk.secret) < 16:
        raise InvalidInput("DESK_SECRET must be at least 16 characters")
    if not 10 <= desk.page_size <= 500:
        raise InvalidInput("[desk] page_size must be between 10 and 500")
    return replace(desk, path=path)
