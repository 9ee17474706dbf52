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
import sys
from typing import Any

from core.config import Settings
from core.logcontext import current
from core.privacy import Audience, redact

HUMAN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET_LOGGERS = ("alembic",)  # its INFO lines are every migration step


class PrivacyFilter(logging.Filter):
    """Masks personal data in the message and the traceback before any formatter sees them (a
    traceback is rendered here once, so every format writes the same masked, possibly shortened,
    text: bot.httplog may have cut it already)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked_message = redact(message, Audience.LOG)
        if masked_message != message or record.args:
            record.msg, record.args = masked_message, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, Audience.LOG)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, Audience.LOG)
        return True


def masked(formatter: type[logging.Formatter]) -> type[logging.Formatter]:
    """`formatter` writing the traceback the PrivacyFilter prepared (JSON formatters render their
    own otherwise), masked again should a record reach it some other way."""

    class Masked(formatter):  # type: ignore[valid-type,misc]
        _record: logging.LogRecord | None = None

        def format(self, record: logging.LogRecord) -> str:
            self._record = record
            try:
                return str(super().format(record))
            finally:
                self._record = None

        def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
            prepared = self._record.exc_text if self._record is not None else None
            return prepared or redact(super().formatException(ei), Audience.LOG)

    Masked.__name__ = f"Masked{formatter.__name__}"
    return Masked


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

    formatter: logging.Formatter = masked(JsonFormatter)(
        "{levelname}{name}{message}", style="{", timestamp="time", json_ensure_ascii=False,
        rename_fields={"levelname": "level", "name": "logger", "exc_info": "exception"},
    )
    return formatter


class _StandardError(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a line is logged (a test's capture, a redirected stream),
    never to a stream that has since been closed."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _: Any) -> None:
        pass


def make_handler(settings: Settings, *, worker: int | None = None, stream: Any = None) -> logging.Handler:
    handler: logging.StreamHandler = logging.StreamHandler(stream) if stream is not None else _StandardError()  # type: ignore[type-arg]
    handler.addFilter(PrivacyFilter())
    handler.addFilter(ContextFilter(worker))
    if settings.log_format == "json":
        handler.setFormatter(json_formatter())
    else:
        prefix = f"[web-{worker}] " if worker else ""
        handler.setFormatter(masked(logging.Formatter)(HUMAN.replace("%(name)s", prefix + "%(name)s")))
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
