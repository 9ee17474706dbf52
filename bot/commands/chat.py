"""`complaint-bot chat`: play the conversations in the terminal against the real core, no platform
account needed. You are a resident; `/as <staff name>` acts as that worker in their grid's group
(typed 1/2/3 or a button's label presses it), `/as resident` goes back. What the groups and the
resident would receive through the outbox is printed inline after each step.

When standard input is not a terminal it reads plain lines and prints no prompts or colours, so
`printf '…\\n…' | complaint-bot chat` replays a script.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TextIO

from bot.adapters.cli import CHANNEL, CliSender
from bot.app import App, build_app
from bot.commands.demo import load_demo
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from core.db.migrate import current_revision, ensure_current, upgrade
from core.delivery import Delivery, DeliveryResult
from core.enums import Role
from core.errors import DomainError, Unavailable
from core.messages import Choices, GeoPoint, Incoming, MediaRef, Notice, OutMessage, Text, plain_text

WORKER_ID = "complaint-bot-chat"
DEFAULT_RESIDENT = "resident"
HELP = """\
You are a resident chatting with the bot. Type what happened, e.g. 楼下烧烤店每天晚上12点还在吵
  1 / 2 / 3 or an option's label   press that button of the latest options in this chat
  /photo [caption]                  send a photo;  /location LAT,LNG [label]  share a location
  /as <staff name> [private]        act as that worker in their grid's group (or their private chat)
  /as resident                      back to being the resident
  /start /help /my /cancel …        bot commands;  /quit  leave (or end of input)"""


@dataclass
class Persona:
    sender: str
    chat: str
    kind: str  # private / group
    name: str
    place: str  # how the terminal labels the chat


class ChatSession:
    def __init__(
        self, app: App, engine: DialogEngine, resident: str, out: TextIO, *, interactive: bool
    ) -> None:
        self.app, self.engine, self.out, self.interactive = app, engine, out, interactive
        self.resident = Persona(resident, resident, "private", resident, tx.CLI_YOU)
        self.persona = self.resident
        self.grid_names: dict[str, str] = {}
        self.last_choices: dict[str, Choices] = {}  # per chat: typed digits press these
        self.sender = CliSender(self._show_delivery)
        self.counter = 0

    # ---- setting up ---------------------------------------------------------------------------

    async def start(self, *, demo: bool) -> None:
        grids = await self.app.directory.grids()
        if not grids and demo:
            await load_demo(self.app)
            grids = await self.app.directory.grids()
            self._say("(loaded the demo community)")
        if not grids:
            self._say(
                "(no grids yet: complaints will wait for a dispatcher. Run `complaint-bot demo` first,\n"
                " or start with `complaint-bot chat --demo`, to have grids and workers to play with.)"
            )
        self.grid_names = {g.code: g.name for g in grids}
        skipped = await self.drain(show=False)
        if skipped and self.interactive:
            self._say(f"({skipped} earlier message(s) for the terminal channel were skipped)")
        if self.interactive:
            self._say(HELP)

    async def switch(self, who: str) -> None:
        words = who.split()
        if not words or words[0] in ("resident", tx.CLI_RESIDENT):
            self.persona = self.resident
            self._say(f"(you are the resident again: {self.resident.name})")
            return
        try:
            staff = await self.app.directory.find_staff(words[0])
            memberships = dict((st.id, gs) for st, gs in await self.app.directory.staff_list())
            sender = f"staff:{staff.name}"
            await self.app.directory.bind_staff_identity(staff.id, CHANNEL, sender, staff.name)
        except DomainError as exc:
            self._say(f"(cannot act as {words[0]}: {exc.message})")
            return
        private = len(words) > 1 and words[1] in ("private", "私聊")
        grids = memberships.get(staff.id, [])
        if private:
            self.persona = Persona(sender, sender, "private", staff.name, tx.cli_private(staff.name))
        else:
            target = (
                grids[0]
                if grids
                else ("supervisors" if staff.role in (Role.SUPERVISOR, Role.ADMIN) else "dispatchers")
            )
            chat = f"group:{target}"
            if await self.app.directory.group_binding(CHANNEL, chat) is None:
                await self.app.directory.bind_group_direct(CHANNEL, chat, target)
            self.persona = Persona(sender, chat, "group", staff.name, self._place(chat))
        self._say(f"(you are {staff.name} ({Role(staff.role).label}) in [{self.persona.place}])")

    # ---- one line -------------------------------------------------------------------------------

    async def line(self, raw: str) -> bool:
        text = raw.rstrip("\r\n")
        stripped = text.strip()
        if stripped in ("/quit", "/exit"):
            return False
        if not self.interactive:
            self._say(f"> {text}")
        if stripped.startswith("/as"):
            await self.switch(stripped[3:].strip())
            return True
        if stripped == "/help":
            self._say(HELP)  # the terminal's keys; the bot's own help follows
        if stripped.startswith("/location") and _point(stripped[len("/location") :].strip()) is None:
            self._say("(usage: /location LAT,LNG [label], e.g. /location 30.25,120.16 南门 — nothing was sent)")
            return True
        if stripped == "/whoami":
            self._say(f"({self.persona.name} in [{self.persona.place}])")
            return True
        try:
            replies = await self.engine.handle(self._incoming(text))
        except Unavailable as exc:  # a chat platform would resend; here the person types it again
            self._say(f"(the database is not answering: {exc}; type it again)")
            return True
        self._show_replies(replies)
        await self.drain()
        return True

    def _incoming(self, text: str) -> Incoming:
        self.counter += 1
        p = self.persona
        base: dict[str, Any] = dict(
            channel=CHANNEL,
            sender=p.sender,
            chat=p.chat,
            chat_kind=p.kind,
            sender_name=p.name,
            message_id=str(self.counter),
            received_at=self.app.clock.now(),
        )
        stripped = text.strip()
        if stripped.startswith("/photo"):
            caption = stripped[len("/photo") :].strip() or None
            return Incoming(**base, text=caption, photos=(MediaRef(CHANNEL, f"photo-{self.counter}"),))
        if stripped.startswith("/location"):
            point = _point(stripped[len("/location") :].strip())
            if point is not None:
                return Incoming(**base, location=point)
        if stripped.startswith("/") and len(stripped) > 1:
            name, *args = stripped[1:].split()
            return Incoming(**base, command=name.lower(), args=tuple(args))
        key = self._typed_choice(p.chat, text)
        if key is not None:
            return Incoming(**base, choice=key)
        return Incoming(**base, text=text)

    def _typed_choice(self, chat: str, text: str) -> str | None:
        choices = self.last_choices.get(chat)
        typed = unicodedata.normalize("NFKC", text).strip()
        if choices is None or not typed:
            return None
        if typed.isdigit() and 1 <= int(typed) <= len(choices.options):
            return choices.options[int(typed) - 1].key
        return next((o.key for o in choices.options if o.label == typed), None)

    # ---- output ---------------------------------------------------------------------------------

    async def drain(self, *, show: bool = True) -> int:
        """Deliver what the core put in the outbox for the terminal channel."""
        count = 0
        while batch := await self.app.outbox.lease_due(WORKER_ID, channels=[CHANNEL], limit=100):
            for item in batch:
                result = (
                    await self.sender.deliver(item)
                    if show
                    else DeliveryResult("sent", platform_ref="skipped")
                )
                await self.app.outbox.record(item, result, worker=WORKER_ID)
                count += 1
        return count

    def _show_replies(self, replies: list[OutMessage]) -> None:
        if not replies:
            return
        if any(isinstance(m, Text | Choices) for m in replies):
            # the conversation moved on: typed digits now answer the bot (it maps its own options)
            self.last_choices.pop(self.persona.chat, None)
        for message in replies:
            prefix = "(提示) " if isinstance(message, Notice) else ""
            self._block(f"{tx.CLI_BOT}: {prefix}", plain_text([message]), colour="1")

    def _show_delivery(self, item: Delivery) -> None:
        # a card or a survey from the outbox: its buttons are pressed by typing their number here
        for message in item.messages:
            if isinstance(message, Choices) and message.options:
                self.last_choices[item.address] = message
        edited = "（更新）" if item.previous_ref else ""
        self._block(f"[{self._place(item.address)}]{edited} ", plain_text(list(item.messages)), colour="36")

    def _place(self, address: str) -> str:
        if address == self.resident.chat:
            return tx.CLI_YOU
        if address.startswith("group:"):
            code = address[len("group:") :]
            return tx.cli_group(wtx.DESK_NAMES.get(code) or self.grid_names.get(code, code))
        if address.startswith("staff:"):
            return tx.cli_private(address[len("staff:") :])
        return f"{tx.CLI_RESIDENT} {address}"

    def _block(self, head: str, body: str, *, colour: str) -> None:
        lines = body.split("\n")
        text = head + lines[0] + "".join("\n" + " " * 4 + line for line in lines[1:])
        if self.interactive:
            text = f"\033[{colour}m{text}\033[0m"
        self._say(text)

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def _point(text: str) -> GeoPoint | None:
    coords, _, label = text.partition(" ")
    try:
        lat, lng = (float(x) for x in coords.replace("，", ",").split(","))
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return GeoPoint(lat, lng, label.strip() or None)


def _reader(interactive: bool, prompt: Callable[[], str]) -> Callable[[], Awaitable[str | None]]:
    async def read() -> str | None:
        if interactive:
            try:
                return await asyncio.to_thread(input, prompt())
            except EOFError:
                return None
        line = await asyncio.to_thread(sys.stdin.readline)
        return line if line else None

    return read


async def prepare_database(app: App, out: TextIO) -> None:
    """A fresh database gets its schema (so `chat` works at once); an outdated one is refused."""
    if await current_revision(app.db) is None:
        await upgrade(app.db)
        print("(created the database schema)", file=out, flush=True)
    await ensure_current(app.db)


def _chat(args: argparse.Namespace) -> int:
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    if not args.verbose and logging.getLogger().level < logging.WARNING:
        # the service's INFO lines (a refused command, an outbox pass) broke into the conversation between replies;
        # what the bot answers says it, and -v shows them
        logging.getLogger().setLevel(logging.WARNING)

    async def main() -> None:
        app = build_app(args.settings)
        engine = app.engine
        try:
            await prepare_database(app, sys.stdout)
            session = ChatSession(app, engine, args.as_resident, sys.stdout, interactive=interactive)
            await session.start(demo=args.demo)
            read = _reader(interactive, lambda: f"{session.persona.name}@{session.persona.place}> ")
            while (line := await read()) is not None:
                if not await session.line(line):
                    break
        finally:
            await app.close()

    asyncio.run(main())
    return 0
