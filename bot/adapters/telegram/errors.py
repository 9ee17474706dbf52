"""What a Bot API error means for a delivery: try again (and when), stop trying this person, or
give up on this message."""

from __future__ import annotations

from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)

from bot.metrics import platform_error
from core.delivery import DeliveryResult

# 403 descriptions that mean the person or group is gone for us until they come back
_GONE = ("blocked", "deactivated", "kicked", "not a member", "chat was deleted", "upgraded to a supergroup")
# 400 descriptions about an edit that cannot happen: send the message anew instead
EDIT_TARGET_GONE = ("message to edit not found", "message can't be edited", "message_id_invalid",
                    "message to be replied not found")
NOT_MODIFIED = "message is not modified"
# 400 descriptions about a photo that can no longer be sent by its file id
BAD_MEDIA = ("wrong file identifier", "wrong remote file identifier", "file reference", "wrong type of the web page",
             "failed to get http url content", "wrong padding")


def describe(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:500]


def has(exc: BaseException, fragments: tuple[str, ...] | str) -> bool:
    text = (getattr(exc, "message", None) or str(exc)).lower()
    if isinstance(fragments, str):
        fragments = (fragments,)
    return any(f in text for f in fragments)


def outcome_for(exc: BaseException) -> DeliveryResult:
    platform_error("telegram", type(exc).__name__)
    reason = describe(exc)
    if isinstance(exc, TelegramRetryAfter):
        return DeliveryResult("retry", retry_after=float(exc.retry_after), reason=reason)
    if isinstance(exc, TelegramMigrateToChat):
        return DeliveryResult("failed", reason=f"{reason} (new chat id {exc.migrate_to_chat_id})")
    if isinstance(exc, TelegramForbiddenError):
        # "bot can't initiate conversation with a user": the person never opened the chat: a dead
        # letter with that reason, but not marked as blocking us
        return DeliveryResult("blocked" if has(exc, _GONE) else "failed", reason=reason)
    if isinstance(exc, TelegramBadRequest):
        return DeliveryResult("failed", reason=reason)
    # a wrong token (401) is an operator's fix away: keep the message until then
    if isinstance(exc, TelegramServerError | TelegramNetworkError | TelegramUnauthorizedError | ClientDecodeError):
        return DeliveryResult("retry", reason=reason)
    if isinstance(exc, TelegramNotFound):
        return DeliveryResult("failed", reason=reason)
    if isinstance(exc, TelegramAPIError):  # 409 and codes Telegram may add later
        return DeliveryResult("retry", reason=reason)
    return DeliveryResult("failed", reason=reason)
