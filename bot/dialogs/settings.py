"""The conversations' knobs. The runtime builds them from the configuration and the core's limits
(bot/conversation/settings.py); the dialogs only read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from core.errors import InvalidInput


@dataclass(frozen=True)
class DialogSettings:
    max_input: int  # characters in one message: the core's limit on a description
    max_photos: int  # photos on one ticket or note: the core's limit
    remind_after: timedelta = timedelta(hours=2)  # a draft left alone this long gets one reminder
    expire_after: timedelta = timedelta(hours=24)  # … and is dropped after this long
    resume_after: timedelta = timedelta(minutes=30)  # back after this long: "继续吗？" first
    photo_burst: timedelta = timedelta(seconds=15)  # photos this close together are one burst: one ack
    photos_follow_filing: timedelta = timedelta(hours=1)  # a photo this soon after filing goes to that ticket
    worker_prompt_ttl: timedelta = timedelta(hours=2)  # a worker's 进展/办结 prompt stays open this long
    # … and a 退回's reason or note this long: later group chatter (好的收到) is no reason (usertest29b)
    worker_return_ttl: timedelta = timedelta(minutes=5)
    submit_grace: timedelta = timedelta(seconds=60)  # a filing still "in flight" after this is checked
    invalid_limit: int = 3  # invalid answers in a row before we explain and offer a human
    desk_thread: timedelta = timedelta(hours=48)  # after the desk's reply, the resident's words go to it
    purge_after: timedelta = timedelta(days=30)  # idle conversations are forgotten
    redis_prefix: str = "ccb:dialog:"

    def __post_init__(self) -> None:
        if self.remind_after <= timedelta(0) or self.expire_after <= self.remind_after:
            raise InvalidInput("DRAFT_REMIND_MINUTES must be positive and come before DRAFT_EXPIRE_HOURS")
        if self.invalid_limit < 1 or self.max_photos < 0 or self.max_input < 10:
            raise InvalidInput("invalid dialog settings")
