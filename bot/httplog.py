"""What a request may write into the log. aiohttp logs a request it cannot parse with the parser's
error, and that error quotes the raw bytes it choked on: a Content-Length shorter than the body
made one client's 70 KB land in the log at ERROR (and a misbehaving client is not our error).
The filter keeps such a record to one line, cut, at WARNING; anything else aiohttp's server
logs (our handlers' failures) keeps its traceback, cut at a size no request can inflate."""

from __future__ import annotations

import logging
import traceback

from aiohttp.http_exceptions import HttpProcessingError

MAX_LINE = 300  # characters of a bad request's error kept
MAX_TRACEBACK = 8000  # characters of a handler failure's traceback kept
LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.access")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… [{len(text) - limit} more characters]"


class CapRequestLogs(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        message = record.getMessage()
        if isinstance(exc, HttpProcessingError):
            detail = " ".join(str(exc).split())  # the quoted bytes span lines
            record.msg, record.args = "%s: %s", (_cut(message, MAX_LINE), _cut(f"{type(exc).__name__}: {detail}",
                                                                               MAX_LINE))
            record.exc_info, record.exc_text = None, None
            if record.levelno > logging.WARNING:
                record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
            return True
        if len(message) > MAX_LINE * 4:
            record.msg, record.args = _cut(message, MAX_LINE * 4), ()
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = _cut("".join(traceback.format_exception(*record.exc_info)).rstrip(), MAX_TRACEBACK)
        return True


_FILTER = CapRequestLogs()


def cap_request_logs() -> None:
    """Install the filter on aiohttp's server loggers (once per process; safe to call again)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
