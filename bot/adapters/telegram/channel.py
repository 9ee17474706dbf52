"""Inbound Telegram: each update is claimed once (exactly-once under webhook retries and restarts),
turned into an `Incoming`, handed to the conversations, and their replies rendered at once. The
claim is finished when the update has been handled; one left by a process killed in between is
taken over when Telegram delivers the update again (core/inbound.py), after waiting out the dead
claim's lease if the new process is quicker than that.

Updates of one chat are handled one after another in this process, so a photo and the text that
follows it reach the conversation in the order they were sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import replace
from datetime import datetime, timedelta

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, GetChatMember, SendMessage
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, Update, User

from bot.adapters.telegram import errors
from bot.adapters.telegram import texts as tx
from bot.adapters.telegram.callbacks import CallbackRefused
from bot.adapters.telegram.render import CHANNEL, Target
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.updates import ANONYMOUS_ADMIN, chat_kind, from_callback, from_message
from bot.locks import KeyedLocks
from core import messages as m
from core.clock import Clock
from core.db.engine import Database
from core.errors import DomainError, Unavailable
from core.inbound import LEASE, InboundLog, note_inbound, set_blocked
from core.outbox import Outbox
from core.service import chats, keys
from core.service.conversation import attachments_of
from core.service.directory import Directory

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
MAX_ALERT = 200  # answerCallbackQuery text limit
ALBUM_WINDOW = 1.0  # seconds of quiet after an album's last part before it is handed over
MAX_REPLY_WAIT = 3.0  # seconds a reply may wait for the chat's rate limit; longer: via the outbox
# after a reply went to the outbox, the chat's next replies follow it there until it has had time
# to go (its time plus the sender's poll and a margin); chats remembered, the most recent
FOLLOW_QUEUED = timedelta(seconds=10)
MAX_POSTPONED = 10_000
MENU_COMMANDS = {"start", "help", "cancel", "my"}  # replies to these carry the main menu
CARD_VERBS = frozenset({*keys.WORKER_VERBS, keys.FOLLOW_UP, keys.SURVEY})  # buttons the outbox's cards carry
ADMIN_COMMANDS = {"bind", "unbind"}  # in a group: extra["chat_admin"] says whether a group admin sent it


class _Album:
    """The parts of one album (Telegram sends each photo as its own update, the caption on one)."""

    def __init__(self, first: Message, incoming: m.Incoming) -> None:
        self.first, self.incoming = first, incoming
        self.timer: asyncio.Task[None] | None = None
        self.claims: list[str] = []  # the parts' claims, finished when the album is handled

    def add(self, part: m.Incoming) -> None:
        merged = self.incoming
        self.incoming = replace(
            merged, photos=merged.photos + part.photos, text=merged.text or part.text,
            reply_to=merged.reply_to or part.reply_to, location=merged.location or part.location,
        )


class TelegramChannel:
    def __init__(self, engine: m.Conversations, sender: TelegramSender, *, db: Database, clock: Clock,
                 directory: Directory, outbox: Outbox, album_window: float = ALBUM_WINDOW) -> None:
        self.engine, self.sender = engine, sender
        self.db, self.clock, self.directory, self.outbox = db, clock, directory, outbox
        self.bot: Bot = sender.bot
        self.inbound = InboundLog(db, clock)
        # how long an update waits for a claim another process holds unanswered: its answer, or
        # its lease running out (it was killed and Telegram delivers the update again)
        self.claim_patience = LEASE.total_seconds() + 1
        self.me: User | None = None
        self._locks = KeyedLocks()  # one chat's updates one after another (a photo before its text)
        # chats whose reply went to the outbox, and when it goes: a later reply follows it there,
        # or it would overtake the earlier one (messages arrive in the order they were caused)
        self._postponed: OrderedDict[int, datetime] = OrderedDict()
        self._albums: dict[tuple[str, str], _Album] = {}
        self.album_window = album_window
        self.dp = Dispatcher()
        self.dp.message.register(self._on_message)
        self.dp.callback_query.register(self._on_callback)
        self.dp.my_chat_member.register(self._on_membership)

    async def start(self) -> User:
        self.me = await self.bot.me()
        return self.me

    async def feed(self, update: Update) -> None:
        """Handle one update (from polling or the webhook)."""
        if self.me is None:
            await self.start()
        await self.dp.feed_update(self.bot, update)

    @asynccontextmanager
    async def _once(self, update: Update) -> AsyncIterator[str | None]:
        """The update's claim key while this process handles it, or None: handled before, or being
        handled elsewhere. Finished when the block ends (an album part: when its album is handled),
        released if it fails, so that a delivery after a restart may try again."""
        key = f"telegram:{self.bot.id}:{update.update_id}"
        if await self.inbound.claim_or_wait(key, patience=self.claim_patience) is None:
            log.info("telegram update %s seen before: skipped", update.update_id)
            yield None
            return
        self.inbound.keep(key)
        try:
            yield key
        except BaseException:
            await self.inbound.release(key)
            raise
        if not any(key in album.claims for album in self._albums.values()):
            await self.inbound.finish(key)

    # ---- messages --------------------------------------------------------------------------------

    async def _on_message(self, message: Message, event_update: Update) -> None:
        assert self.me is not None
        if message.migrate_to_chat_id or message.migrate_from_chat_id:
            await self._migrated(message)
            return
        now = self.clock.now()
        incoming = from_message(message, self.me, now)
        if incoming is None and (str(message.chat.id), str(message.media_group_id)) in self._albums:
            incoming = from_message(message, self.me, now, part_of_album=True)
        if incoming is None:
            return
        async with self._locks.hold(incoming.chat), self._once(event_update) as key:
            if key is None:
                return
            if message.media_group_id:
                self._collect(message, incoming, key)
                return
            await self._flush_albums(incoming.chat)  # an album sent just before comes first
            if incoming.chat_kind == "group" and incoming.command in ADMIN_COMMANDS:
                incoming = replace(incoming, extra={**incoming.extra,
                                                    "chat_admin": await self._is_admin(message)})
            await self._handle(message, incoming)

    async def _handle(self, message: Message, incoming: m.Incoming) -> None:
        replies = await self._converse(incoming)
        target = Target(
            chat_id=message.chat.id, now=self.clock.now(),
            reply_to=message.message_id if incoming.chat_kind == "group" else None,
            main_menu=incoming.chat_kind == "private" and incoming.command in MENU_COMMANDS,
            menu_hint=incoming.chat_kind == "private" and incoming.command == "start",
        )
        await self._reply(replies, target)
        if incoming.chat_kind == "private":
            # after the conversation, which may have just created this person's identity
            await note_inbound(self.db, CHANNEL, incoming.sender, self.clock.now(),
                               text=incoming.text, attachments=attachments_of(incoming))

    # ---- albums: several updates, one thing the person did -------------------------------------------

    def _collect(self, message: Message, incoming: m.Incoming, claim: str) -> None:
        key = (incoming.chat, str(message.media_group_id))
        album = self._albums.get(key)
        if album is None:
            album = self._albums[key] = _Album(message, incoming)
        else:
            album.add(incoming)
            if album.timer is not None:
                album.timer.cancel()
        album.claims.append(claim)
        album.timer = asyncio.create_task(self._album_due(key), name=f"telegram-album-{key[1]}")

    async def _album_due(self, key: tuple[str, str]) -> None:
        await asyncio.sleep(self.album_window)
        async with self._locks.hold(key[0]):
            album = self._albums.get(key)
            if album is not None and album.timer is asyncio.current_task():
                album.timer = None  # this task is flushing it: it must not cancel itself
                await self._flush_albums(key[0], only=key)

    async def _flush_albums(self, chat: str, *, only: tuple[str, str] | None = None) -> None:
        """Hand pending albums of `chat` to the conversation (the caller holds the chat's lock)."""
        for key in [k for k in self._albums if k[0] == chat and (only is None or k == only)]:
            album = self._albums.pop(key)
            if album.timer is not None:
                album.timer.cancel()
            try:
                await self._handle(album.first, album.incoming)
            except Exception:  # a timer task has nobody else to tell
                log.exception("telegram album %s in %s failed", key[1], chat)
                for claim in album.claims:
                    await self.inbound.release(claim)
            else:
                for claim in album.claims:
                    await self.inbound.finish(claim)

    async def settle(self) -> None:
        """Hand every pending album over now (on stop, and for tests)."""
        for chat in {k[0] for k in self._albums}:
            async with self._locks.hold(chat):
                await self._flush_albums(chat)

    async def _is_admin(self, message: Message) -> bool:
        """Whether the sender administers the group: binding needs the one-time code anyway, but an
        /unbind from any member would cut the grid off its tickets."""
        if message.from_user is None:
            return False
        if message.from_user.id == ANONYMOUS_ADMIN and message.sender_chat is not None:
            return message.sender_chat.id == message.chat.id  # an admin posting as the group
        try:
            member = await self.sender.call(GetChatMember(chat_id=message.chat.id, user_id=message.from_user.id),
                                            message.chat.id)
        except Exception as exc:  # unknown is "no": the conversation refuses what needs an admin
            log.warning("getChatMember in %s failed: %s", message.chat.id, exc)
            return False
        return member.status in ("creator", "administrator")

    async def _migrated(self, message: Message) -> None:
        """A group became a supergroup with a new id: Telegram tells both chats; either moves the
        grid's binding (the second finds nothing left to move)."""
        old, new = ((message.chat.id, message.migrate_to_chat_id) if message.migrate_to_chat_id
                    else (message.migrate_from_chat_id, message.chat.id))
        moved = await self.directory.move_group(CHANNEL, str(old), str(new))
        if moved:
            log.info("telegram group %s became supergroup %s: %d binding(s) moved", old, new, moved)

    # ---- buttons ---------------------------------------------------------------------------------

    async def _on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        chat = str(query.message.chat.id) if query.message is not None else f"user:{query.from_user.id}"
        async with self._locks.hold(chat), self._once(event_update) as claim:
            if claim is None:
                return  # the first delivery answered it
            alert: str | None = None
            replies: list[m.OutMessage] = []
            try:
                alert, replies = await self._pressed(query)
            finally:
                # always answered, whatever happened: no spinning button
                await self._answer(query, alert)
            if query.message is not None and chat_kind(query.message.chat.type) == "private":
                await note_inbound(self.db, CHANNEL, str(query.from_user.id), self.clock.now())
            if replies and query.message is not None:
                kind = chat_kind(query.message.chat.type)
                target = Target(chat_id=query.message.chat.id, now=self.clock.now(),
                                mention=query.from_user if kind == "group" else None)
                await self._reply(replies, target)

    async def _pressed(self, query: CallbackQuery) -> tuple[str | None, list[m.OutMessage]]:
        """(alert for the presser, replies for the chat)."""
        now = self.clock.now()
        if query.message is None:
            return tx.BUTTON_STALE, []
        try:
            key = self.sender.signer.verify(query.message.chat.id, query.data, now)
        except CallbackRefused as refused:
            log.warning("telegram callback refused (%s) from user %s in chat %s: %r", refused.reason,
                        query.from_user.id, query.message.chat.id, (query.data or "")[:80])
            return (tx.BUTTON_STALE if refused.reason == "stale" else tx.BUTTON_FORGED), []
        incoming = from_callback(query, key, now)
        if incoming is None:
            return None, []
        replies = await self._converse(incoming)
        notices = [r.text for r in replies if isinstance(r, m.Notice)]
        others: list[m.OutMessage] = [r for r in replies if not isinstance(r, m.Notice)]
        if incoming.chat_kind == "group":
            hint = await self._private_chat_hint(incoming, key)
            if hint:
                notices.append(hint)
            action = keys.decode(key)
            if not notices and (action is None or action.verb not in CARD_VERBS):
                # a question the presser just answered (a return reason); cards keep their buttons,
                # and a refusal (someone else pressing) leaves them for the person asked
                await self._close_keyboard(query)
        else:
            await self._close_keyboard(query)
        alert = "\n".join(notices) if notices else None
        if alert and len(alert) > MAX_ALERT:
            alert = alert[:MAX_ALERT - 1] + "…"
        return alert, others

    async def _answer(self, query: CallbackQuery, alert: str | None) -> None:
        try:
            await self.sender.call(AnswerCallbackQuery(callback_query_id=query.id, text=alert,
                                                       show_alert=bool(alert)),
                                   query.message.chat.id if query.message else query.from_user.id)
        except Exception as exc:  # too old, or Telegram is down; called from a finally: never raise
            log.warning("answering callback %s failed: %s", query.id, exc)

    async def _close_keyboard(self, query: CallbackQuery) -> None:
        """In a private chat a question answered keeps no buttons: no second answer by mistake."""
        message = query.message
        if message is None or not isinstance(message, Message) or message.reply_markup is None:
            return
        with suppress(Exception):  # a nicety: the press itself has been handled
            await self.sender.call(EditMessageReplyMarkup(chat_id=message.chat.id, message_id=message.message_id,
                                                          reply_markup=None), message.chat.id)

    async def _private_chat_hint(self, incoming: m.Incoming, key: str) -> str | None:
        """A worker who just claimed a ticket gets the resident's phone in a private message; if they
        never opened a private chat with the bot (or blocked it), that message cannot arrive."""
        action = keys.decode(key)
        if action is None or action.verb != keys.CLAIM:
            return None
        if await chats.private_chat_missing(self.db, CHANNEL, incoming.sender, action.number):
            return tx.START_PRIVATE_FIRST
        return None

    # ---- the bot joins, leaves, is blocked ---------------------------------------------------------

    async def _on_membership(self, update: ChatMemberUpdated, event_update: Update) -> None:
        kind = chat_kind(update.chat.type)
        if kind is None:
            return
        async with self._locks.hold(str(update.chat.id)), self._once(event_update) as claim:
            if claim is None:
                return
            now = self.clock.now()
            before, after = update.old_chat_member.status, update.new_chat_member.status
            present = ("member", "administrator", "creator", "restricted")
            if kind == "private":
                # Telegram says so at once when a person blocks or unblocks the bot
                await set_blocked(self.db, CHANNEL, str(update.chat.id), now if after == "kicked" else None)
                return
            if after in present and before not in present:
                with suppress(TelegramAPIError):
                    await self.sender.send(SendMessage(chat_id=update.chat.id, text=tx.ADDED_TO_GROUP),
                                           update.chat.id)
            elif after in ("left", "kicked") and await self.directory.group_binding(CHANNEL, str(update.chat.id)):
                log.warning("the bot was removed from bound group %s; its cards will fail until it is added "
                            "back or the group is unbound (complaint-bot grid …)", update.chat.id)

    # ---- the conversation and its replies ------------------------------------------------------------

    async def _converse(self, incoming: m.Incoming) -> list[m.OutMessage]:
        pressed = incoming.choice is not None
        try:
            return list(await self.engine.handle(incoming))
        except DomainError as exc:
            return [m.Notice(exc.message) if pressed else m.Text(exc.message)]
        except Unavailable:
            raise  # nothing answered: the claim is released and Telegram delivers the update again
        except Exception:
            log.exception("the conversation failed on telegram update from %s in %s", incoming.sender,
                          incoming.chat)
            return [m.Notice(tx.BUSY) if pressed else m.Text(tx.BUSY)]

    async def _reply(self, replies: Sequence[m.OutMessage], target: Target) -> None:
        """Send now; whatever Telegram will not take now (429, network) goes to the outbox, so a
        reply is late rather than lost."""
        if not replies:
            return
        queued = self._postponed.get(target.chat_id)
        if queued is not None and self.clock.now() < queued + FOLLOW_QUEUED:
            await self._postpone(list(replies), target, max(0.0, (queued - self.clock.now()).total_seconds()))
            return
        steps = self.sender.renderer.steps(replies, target)
        for index, step in enumerate(steps):
            wait = await self.sender.delay(target.chat_id)
            if wait <= MAX_REPLY_WAIT:
                try:
                    for call in step.calls:
                        await self.sender.send(call, target.chat_id)
                    continue
                except Exception as exc:
                    result = errors.outcome_for(exc)
                    if result.outcome != "retry":
                        log.warning("reply to telegram chat %s not sent: %s", target.chat_id, result.reason)
                        if result.outcome == "blocked" and target.chat_id > 0:
                            await set_blocked(self.db, CHANNEL, str(target.chat_id), self.clock.now())
                        return
                    wait = result.retry_after or 0.0
                    if result.retry_after:
                        await self.sender.pause(target.chat_id, result.retry_after)
            later = [msg for s in steps[index:] for msg in s.messages]
            await self._postpone(later, target, wait)
            return

    async def _postpone(self, messages: list[m.OutMessage], target: Target, wait: float) -> None:
        if not messages:
            return
        await self.outbox.put(channel=CHANNEL, address=str(target.chat_id),
                              audience="group" if target.is_group else "resident", purpose="reply",
                              messages=messages, not_before=self.clock.now() + timedelta(seconds=wait))
        log.info("reply to telegram chat %s postponed by %.0fs (%d message(s) to the outbox)",
                 target.chat_id, wait, len(messages))
        self._postponed[target.chat_id] = self.clock.now() + timedelta(seconds=wait)
        self._postponed.move_to_end(target.chat_id)
        while len(self._postponed) > MAX_POSTPONED:
            self._postponed.popitem(last=False)

