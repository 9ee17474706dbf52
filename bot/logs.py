"""Logging for every process (`complaint-bot …`, `serve` and its web workers).

Two formats on standard error: the human one (`time LEVEL logger: message`, as always) and, with
LOG_FORMAT=json, one JSON object per line — time, level, logger, message, and what the line is
about when it is known (ticket, channel, request_id: core.logcontext), plus the worker's number in
a web worker and the traceback under "exception". Either way no phone number reaches the log: every
line (message and traceback) goes through core.privacy.redact for the log's audience. Message
bodies are kept out at the source: log calls name the message, never quote it.
"""

from __future__ import annotations

import logging
from typing import Any

from core.config import Settings
from core.logcontext import current
from core.privacy import Audience, redact

HUMAN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET_LOGGERS = ("alembic",)  # its INFO lines are every migration step


class PrivacyFilter(logging.Filter):
    """Masks phone numbers in the message and the traceback before any formatter sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message, Audience.LOG)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, Audience.LOG)
        return True


class ContextFilter(logging.Filter):
    """Puts the ticket, channel and request id of the work in hand on the record."""

    def __init__(self, worker: int | None = None) -> None:
        super().__init__()
        self.worker = worker

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in current().items():
            setattr(record, name, value)
        if self.worker is not None:
            record.worker = self.worker
        return True


def json_formatter() -> logging.Formatter:
    from pythonjsonlogger.json import JsonFormatter

    formatter: logging.Formatter = JsonFormatter(
        "{levelname}{name}{message}", style="{", timestamp="time", json_ensure_ascii=False,
        rename_fields={"levelname": "level", "name": "logger", "exc_info": "exception"},
    )
    return formatter


def make_handler(settings: Settings, *, worker: int | None = None, stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.addFilter(PrivacyFilter())
    handler.addFilter(ContextFilter(worker))
    if settings.log_format == "json":
        handler.setFormatter(json_formatter())
    else:
        prefix = f"[web-{worker}] " if worker else ""
        handler.setFormatter(logging.Formatter(HUMAN.replace("%(name)s", prefix + "%(name)s")))
    handler.set_name("complaint-bot")
    return handler


def configure_logging(settings: Settings, *, verbose: bool = False, worker: int | None = None) -> None:
    """Install this process' handler on the root logger (replacing the one an earlier call put there)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "complaint-bot"]:
        root.removeHandler(old)
    root.addHandler(make_handler(settings, worker=worker))
    root.setLevel(logging.DEBUG if verbose else getattr(logging, settings.log_level.upper(), logging.INFO))
    if not verbose:
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
