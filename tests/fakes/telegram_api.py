"""A Telegram Bot API server for the tests: aiohttp on 127.0.0.1, speaking the real JSON of the
methods the bot uses, and keeping the chats' state (messages, keyboards, edits, answered
callbacks) so tests can act as people: write, send photos and locations, press buttons, reply.

It answers the way Telegram does, errors included: 400 for a message that is not modified or gone,
a button whose data is over 64 bytes, an unknown file id; 403 for a person who blocked the bot or
never started it, or a group the bot is not in; 409 for getUpdates while a webhook is set; and
whatever a test injects (429 with retry_after, …). Every call is recorded.

Updates reach the bot by long polling (getUpdates with offset and timeout) or, once setWebhook was
called, by POSTing them to the webhook with the secret header. `push` returns when the bot has
handled the update: the webhook answered, or the bot asked for updates past it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout", "max_connections", "cache_time",
              "from_chat_id", "user_id"}
FLOAT_PARAMS = {"latitude", "longitude"}
BOOL_PARAMS = {"show_alert", "drop_pending_updates", "disable_notification", "protect_content",
               "disable_web_page_preview", "allow_sending_without_reply"}
JSON_PARAMS = {"reply_markup", "entities", "caption_entities", "allowed_updates", "commands", "scope", "media",
               "reply_parameters", "link_preview_options"}
ANONYMOUS_ADMIN = 1087968824


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    ok: bool
    error_code: int | None = None
    description: str | None = None
    result: Any = None


@dataclass
class Failure:
    method: str
    code: int
    description: str
    chat_id: int | None = None
    retry_after: int | None = None
    times: int = 1
    parameters: dict[str, Any] | None = None  # other ResponseParameters (migrate_to_chat_id)


@dataclass
class Pushed:
    update: dict[str, Any]
    status: int | None = None  # webhook answer


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    user: dict[str, Any] | None = None  # private chats: the person
    bot_member: bool = True
    creator: int | None = None
    admins: set[int] = field(default_factory=set)
    next_message_id: int = 1
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        if self.type == "private":
            assert self.user is not None
            out = {"id": self.id, "type": "private", "first_name": self.user["first_name"]}
            if self.user.get("username"):
                out["username"] = self.user["username"]
            return out
        return {"id": self.id, "type": self.type, "title": self.title or "group"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeTelegram:
    def __init__(self, token: str = "123456789:TEST-token_for-the-fake", *, username: str = "complaint_test_bot") -> None:
        self.token = token
        self.bot_id = int(token.split(":")[0])
        self.bot_user = {"id": self.bot_id, "is_bot": True, "first_name": "社区诉求", "username": username}
        self.username = username
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, Chat] = {}
        self.started: set[int] = set()  # people who opened a private chat with the bot
        self.blocked: set[int] = set()
        self.files: set[str] = set()  # file ids Telegram knows
        self.uploads: dict[str, bytes] = {}  # file id → bytes of a file the bot uploaded
        self.callbacks: dict[str, dict[str, Any]] = {}  # id → query
        self.answers: dict[str, dict[str, Any]] = {}  # id → answerCallbackQuery params
        self.webhook: dict[str, Any] | None = None
        self.commands: list[dict[str, Any]] = []
        self.webhook_error: str | None = None  # what getWebhookInfo reports as the last error
        self.client_markup: dict[tuple[int, int], dict[str, Any]] = {}  # (chat, message) → keyboard / ForceReply
        self._queue: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []  # every update pushed, in order
        self._update_ids = itertools.count(5001)
        self._callback_ids = itertools.count(900001)
        self._file_ids = itertools.count(1)
        self._offset = 0  # the bot confirmed every update below this
        self._changed = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self.base_url = ""

    # ---- the server ------------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._endpoint)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        self._client = aiohttp.ClientSession()
        return self.base_url

    async def close(self) -> None:
        async with self._changed:  # end long polls now, so the server can shut down
            self._closing = True
            self._changed.notify_all()
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _endpoint(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params = await self._params(request)
        handler = getattr(self, f"_m_{method.lower()}", None)
        call = Call(method, params, ok=False)
        self.calls.append(call)
        try:
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            self._injected(method, params)
            result = await handler(params)
        except ApiError as exc:
            call.error_code, call.description = exc.code, exc.description
            body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.parameters:
                body["parameters"] = exc.parameters
            return web.json_response(body, status=exc.code)
        call.ok, call.result = True, result
        async with self._changed:
            self._changed.notify_all()
        return web.json_response({"ok": True, "result": result})

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw: dict[str, Any] = await request.json()
        elif request.method == "POST":
            posted = await request.post()
            raw = {k: v for k, v in posted.items() if isinstance(v, str)}
            attached = {k: v.file.read() for k, v in posted.items() if isinstance(v, web.FileField)}
            raw = self._attach(raw, attached)
        else:
            raw = dict(request.query)
        out: dict[str, Any] = {}
        for key, value in raw.items():
            if not isinstance(value, str):
                out[key] = value
            elif key in INT_PARAMS:
                out[key] = int(value)
            elif key in FLOAT_PARAMS:
                out[key] = float(value)
            elif key in BOOL_PARAMS:
                out[key] = value.lower() == "true"
            elif key in JSON_PARAMS:
                out[key] = json.loads(value)
            else:
                out[key] = value
        return out

    def _attach(self, raw: dict[str, Any], attached: dict[str, bytes]) -> dict[str, Any]:
        """Uploaded files (aiogram names them "attach://<field>") become file ids Telegram keeps."""
        def stored(value: str) -> str:
            if not value.startswith("attach://") or value[len("attach://"):] not in attached:
                return value
            file_id = f"upload-{next(self._file_ids)}"
            self.files.add(file_id)
            self.uploads[file_id] = attached[value[len("attach://"):]]
            return file_id

        out = {k: stored(v) for k, v in raw.items()}
        if "media" in out and "attach://" in out["media"]:
            out["media"] = json.dumps([{**item, "media": stored(item.get("media", ""))}
                                       for item in json.loads(out["media"])])
        return out

    def _injected(self, method: str, params: dict[str, Any]) -> None:
        for failure in self.failures:
            if failure.method.lower() != method.lower() or failure.times <= 0:
                continue
            if failure.chat_id is not None and params.get("chat_id") != failure.chat_id:
                continue
            failure.times -= 1
            parameters = dict(failure.parameters or {})
            if failure.retry_after:
                parameters["retry_after"] = failure.retry_after
            raise ApiError(failure.code, failure.description, parameters or None)

    # ---- what tests tell the server ----------------------------------------------------------------

    def fail(self, method: str, *, code: int, description: str, chat_id: int | None = None,
             retry_after: int | None = None, times: int = 1, parameters: dict[str, Any] | None = None) -> Failure:
        failure = Failure(method, code, description, chat_id, retry_after, times, parameters)
        self.failures.append(failure)
        return failure

    def user(self, user_id: int, first_name: str, username: str | None = None) -> dict[str, Any]:
        u = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "zh-hans"}
        if username:
            u["username"] = username
        self.users[user_id] = u
        return u

    def group(self, chat_id: int, title: str, *, supergroup: bool = True, creator: int | None = None,
              admins: tuple[int, ...] = ()) -> Chat:
        chat = Chat(chat_id, "supergroup" if supergroup else "group", title=title, bot_member=False,
                    creator=creator, admins=set(admins))
        self.chats[chat_id] = chat
        return chat

    def block(self, user_id: int) -> None:
        self.blocked.add(user_id)

    def _private(self, user_id: int) -> Chat:
        if user_id not in self.chats:
            self.chats[user_id] = Chat(user_id, "private", user=self.users[user_id])
        return self.chats[user_id]

    # ---- people acting (each returns once the bot handled it) ----------------------------------------

    async def add_bot_to(self, chat_id: int, by: int) -> Pushed:
        chat = self.chats[chat_id]
        chat.bot_member = True
        return await self.push({"my_chat_member": {
            "chat": chat.json(), "from": self.users[by], "date": int(time.time()),
            "old_chat_member": {"status": "left", "user": self.bot_user},
            "new_chat_member": {"status": "member", "user": self.bot_user},
        }})

    async def write(self, user_id: int, text: str, *, chat_id: int | None = None,
                    reply_to: int | None = None) -> Pushed:
        message = self._user_message(user_id, chat_id, text=text)
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(text.split()[0])})
        mention = f"@{self.username}"
        if mention in text:
            entities.append({"type": "mention", "offset": _utf16_len(text[:text.index(mention)]),
                             "length": _utf16_len(mention)})
        if entities:
            message["entities"] = entities
        self._reply_to(message, reply_to)
        return await self.push({"message": message})

    async def send_photo(self, user_id: int, *, chat_id: int | None = None, caption: str | None = None,
                         reply_to: int | None = None, media_group_id: str | None = None) -> tuple[Pushed, str]:
        """Returns the file id of the largest size (what the bot should keep)."""
        sizes = self.photo_sizes()
        message = self._user_message(user_id, chat_id, photo=sizes)
        if caption:
            message["caption"] = caption
        if media_group_id:
            message["media_group_id"] = media_group_id
        self._reply_to(message, reply_to)
        return await self.push({"message": message}), sizes[1]["file_id"]

    def photo_sizes(self) -> list[dict[str, Any]]:
        """A photo Telegram stores: its sizes, listed as Telegram does (the largest is not last)."""
        n = next(self._file_ids)
        sizes = [
            {"file_id": f"AgACAgUAAx-small-{n}", "file_unique_id": f"s{n}", "width": 90, "height": 67, "file_size": 1200},
            {"file_id": f"AgACAgUAAx-large-{n}", "file_unique_id": f"l{n}", "width": 1280, "height": 960,
             "file_size": 98000},
            {"file_id": f"AgACAgUAAx-medium-{n}", "file_unique_id": f"m{n}", "width": 320, "height": 240,
             "file_size": 15000},
        ]
        self.files.update(s["file_id"] for s in sizes)
        return sizes

    async def send_location(self, user_id: int, lat: float, lng: float, *, chat_id: int | None = None) -> Pushed:
        message = self._user_message(user_id, chat_id, location={"latitude": lat, "longitude": lng})
        return await self.push({"message": message})

    async def press(self, user_id: int, chat_id: int, message_id: int, label: str | None = None, *,
                    data: str | None = None) -> tuple[Pushed, str]:
        """Press a button of a bot message (by its label), or send `data` as if a client forged it.
        Returns the callback query id."""
        message = self.chats[chat_id].messages[message_id]
        if data is None:
            data = next((b["callback_data"] for b in self.buttons(message) if b["text"] == label), None)
            if data is None:
                raise AssertionError(f"no button {label!r} on message {message_id}: {self.buttons(message)}")
        query_id = str(next(self._callback_ids))
        query = {"id": query_id, "from": self.users[user_id], "message": message,
                 "chat_instance": f"ci{chat_id}", "data": data}
        self.callbacks[query_id] = query
        return await self.push({"callback_query": query}), query_id

    def _user_message(self, user_id: int, chat_id: int | None, **content: Any) -> dict[str, Any]:
        user = self.users[user_id]
        if chat_id is None or chat_id == user_id:
            chat = self._private(user_id)
            self.started.add(user_id)
            self.blocked.discard(user_id)
        else:
            chat = self.chats[chat_id]
        message = {"message_id": chat.next_message_id, "from": user, "chat": chat.json(),
                   "date": int(time.time()), **content}
        chat.next_message_id += 1
        chat.messages[message["message_id"]] = message
        return message

    def _reply_to(self, message: dict[str, Any], reply_to: int | None) -> None:
        if reply_to is not None:
            original = dict(self.chats[message["chat"]["id"]].messages[reply_to])
            original.pop("reply_to_message", None)  # Telegram nests one level only
            message["reply_to_message"] = original

    # ---- delivering updates --------------------------------------------------------------------------

    async def push(self, update: dict[str, Any]) -> Pushed:
        update = {"update_id": next(self._update_ids), **update}
        self.history.append(update)
        return await self.deliver(update)

    async def deliver(self, update: dict[str, Any], *, patience: float = 10) -> Pushed:
        """Hand an update to the bot (again, for a test of retries) and wait until it is handled."""
        pushed = Pushed(update)
        if self.webhook is not None:
            pushed.status = await self.post_webhook(update)
            return pushed
        async with self._changed:
            self._queue.append(update)
            self._changed.notify_all()
            await asyncio.wait_for(self._changed.wait_for(lambda: self._offset > update["update_id"]), patience)
        return pushed

    async def post_webhook(self, update: dict[str, Any], *, secret: str | None | bool = True,
                           url: str | None = None) -> int:
        """POST as Telegram does; `secret` False leaves the header out, a string replaces it."""
        assert self._client is not None
        hook = self.webhook or {}
        headers = {"Content-Type": "application/json"}
        token = hook.get("secret_token") if secret is True else secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(token)
        async with self._client.post(url or hook["url"], data=json.dumps(update), headers=headers) as resp:
            await resp.read()
            return resp.status

    # ---- looking at the chats ---------------------------------------------------------------------------

    def unconfirm(self, from_update_id: int) -> None:
        """As if the bot's confirmation of these updates never reached Telegram (it crashed after
        handling them): the next getUpdates returns them again."""
        self._offset = min(self._offset, from_update_id)
        known = {u["update_id"] for u in self._queue}
        self._queue = sorted(self._queue + [u for u in self.history if u["update_id"] >= from_update_id
                                            and u["update_id"] not in known], key=lambda u: u["update_id"])

    async def wait_confirmed(self, update_id: int, patience: float = 10) -> None:
        """Polling: until the bot asked for updates past `update_id` (it handled it)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self._offset > update_id), patience)

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [msg for _, msg in sorted(chat.messages.items()) if msg["from"]["id"] == self.bot_id]

    def texts(self, chat_id: int) -> list[str]:
        return [msg.get("text") or msg.get("caption") or "" for msg in self.bot_messages(chat_id)]

    def last(self, chat_id: int) -> dict[str, Any]:
        return self.bot_messages(chat_id)[-1]

    def find(self, chat_id: int, fragment: str) -> dict[str, Any]:
        found = [msg for msg in self.bot_messages(chat_id) if fragment in (msg.get("text") or msg.get("caption") or "")]
        if not found:
            raise AssertionError(f"no bot message in {chat_id} containing {fragment!r}: {self.texts(chat_id)}")
        return found[-1]

    def client_side(self, message: dict[str, Any]) -> dict[str, Any] | None:
        """The reply keyboard or ForceReply the bot sent with `message`."""
        return self.client_markup.get((message["chat"]["id"], message["message_id"]))

    @staticmethod
    def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
        markup = message.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    @staticmethod
    def labels(message: dict[str, Any]) -> list[str]:
        return [b["text"] for b in FakeTelegram.buttons(message)]

    def ok_calls(self, method: str, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower() and c.ok
                and (chat_id is None or c.params.get("chat_id") == chat_id)]

    # ---- Bot API methods -------------------------------------------------------------------------------

    async def _m_getme(self, p: dict[str, Any]) -> dict[str, Any]:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _m_getupdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = p.get("offset") or 0
        timeout = min(int(p.get("timeout") or 0), 50)
        async with self._changed:
            if offset > self._offset:
                self._offset = offset
                self._changed.notify_all()
            self._queue = [u for u in self._queue if u["update_id"] >= self._offset]
            if not self._queue and timeout:
                try:
                    await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._queue) or self._closing),
                                           timeout)
                except TimeoutError:
                    pass
            allowed = p.get("allowed_updates")
            ready = [u for u in self._queue if not allowed or any(k in u for k in allowed)]
            return ready[: int(p.get("limit") or 100)]

    async def _m_setwebhook(self, p: dict[str, Any]) -> bool:
        secret = p.get("secret_token")
        if secret is not None and not (1 <= len(secret) <= 256):
            raise ApiError(400, "Bad Request: secret token is invalid")
        self.webhook = {"url": p["url"], "secret_token": secret, "allowed_updates": p.get("allowed_updates")}
        return True

    async def _m_deletewebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    async def _m_getwebhookinfo(self, p: dict[str, Any]) -> dict[str, Any]:
        hook = self.webhook or {}
        info = {"url": hook.get("url", ""), "has_custom_certificate": False, "pending_update_count": len(self._queue)}
        if self.webhook_error:
            info.update(last_error_date=int(time.time()), last_error_message=self.webhook_error)
        return info

    async def _m_setmycommands(self, p: dict[str, Any]) -> bool:
        for command in p["commands"]:
            if not (1 <= len(command["command"]) <= 32 and 1 <= len(command["description"]) <= 256):
                raise ApiError(400, "Bad Request: command is invalid")
        self.commands.append(p)
        return True

    async def _m_sendmessage(self, p: dict[str, Any]) -> dict[str, Any]:
        text = p.get("text") or ""
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        self._check_entities(text, p.get("entities"))
        return self._store(p, text=text, **({"entities": p["entities"]} if p.get("entities") else {}))

    async def _m_sendphoto(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = p.get("photo")
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption = p.get("caption")
        if caption and len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        photo = [{"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 1280, "height": 960}]
        return self._store(p, photo=photo, **({"caption": caption} if caption else {}))

    async def _m_sendmediagroup(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        media = p.get("media") or []
        if not 2 <= len(media) <= 10:
            raise ApiError(400, "Bad Request: wrong number of media in the group")
        for item in media:
            if item.get("type") != "photo" or item.get("media") not in self.files:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        group_id = f"mg{next(self._file_ids)}"
        return [self._store(p, photo=[{"file_id": item["media"], "file_unique_id": f"u-{item['media']}",
                                       "width": 1280, "height": 960}],
                            media_group_id=group_id, **({"caption": item["caption"]} if item.get("caption") else {}))
                for item in media]

    async def _m_sendlocation(self, p: dict[str, Any]) -> dict[str, Any]:
        return self._store(p, location={"latitude": p["latitude"], "longitude": p["longitude"]})

    async def _m_sendvenue(self, p: dict[str, Any]) -> dict[str, Any]:
        location = {"latitude": p["latitude"], "longitude": p["longitude"]}
        return self._store(p, location=location,
                           venue={"location": location, "title": p["title"], "address": p["address"]})

    async def _m_editmessagetext(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._editable(p)
        text = p.get("text") or ""
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        markup = self._markup(p.get("reply_markup"))
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        message["text"] = text
        self._set_markup(message, markup)
        message["edit_date"] = int(time.time())
        return message

    async def _m_editmessagereplymarkup(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._editable(p)
        markup = self._markup(p.get("reply_markup"))
        if message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        self._set_markup(message, markup)
        message["edit_date"] = int(time.time())
        return message

    async def _m_answercallbackquery(self, p: dict[str, Any]) -> bool:
        query_id = p["callback_query_id"]
        if query_id not in self.callbacks or query_id in self.answers:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(p.get("text") or "") > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.answers[query_id] = p
        return True

    async def _m_getchatmember(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self.chats.get(p.get("chat_id") or 0)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        user_id = p["user_id"]
        if user_id == self.bot_id:
            return {"status": "member" if chat.bot_member else "left", "user": self.bot_user}
        status = "creator" if user_id == chat.creator else "administrator" if user_id in chat.admins else "member"
        return {"status": status, "user": self.users[user_id], **(
            {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
             "can_manage_video_chats": True, "can_restrict_members": True, "can_promote_members": False,
             "can_change_info": True, "can_invite_users": True, "can_post_stories": False,
             "can_edit_stories": False, "can_delete_stories": False, "can_send_welcome_messages": False}
            if status == "administrator" else
            {"is_anonymous": False} if status == "creator" else {})}

    async def _m_deletemessage(self, p: dict[str, Any]) -> bool:
        chat = self._chat_for_sending(p)
        if chat.messages.pop(p["message_id"], None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    # ---- helpers for the methods --------------------------------------------------------------------------

    def _chat_for_sending(self, p: dict[str, Any]) -> Chat:
        chat_id = p.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat_id is empty")
        if chat_id > 0:
            if chat_id in self.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if chat_id not in self.started:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            return self._private(chat_id)
        chat = self.chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        if not chat.bot_member:
            raise ApiError(403, "Forbidden: bot is not a member of the supergroup chat")
        return chat

    def _store(self, p: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat = self._chat_for_sending(p)
        message: dict[str, Any] = {"message_id": chat.next_message_id, "from": self.bot_user, "chat": chat.json(),
                                   "date": int(time.time()), **content}
        reply = p.get("reply_parameters") or {}
        if reply.get("message_id"):
            original = chat.messages.get(reply["message_id"])
            if original is None and not reply.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
            if original is not None:
                message["reply_to_message"] = {k: v for k, v in original.items() if k != "reply_to_message"}
        markup = p.get("reply_markup")
        if markup is not None:
            self._check_markup(markup)
            if "inline_keyboard" in markup:
                message["reply_markup"] = markup  # a Message carries only an inline keyboard
            else:  # reply keyboards and ForceReply act on the client: kept aside for the tests
                self.client_markup[(chat.id, chat.next_message_id)] = markup
        chat.next_message_id += 1
        chat.messages[message["message_id"]] = message
        return message

    def _editable(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_for_sending(p)
        message = chat.messages.get(p.get("message_id") or 0)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _markup(self, markup: dict[str, Any] | None) -> dict[str, Any] | None:
        if markup is None:
            return None
        if "inline_keyboard" not in markup:
            raise ApiError(400, "Bad Request: inline keyboard expected")
        self._check_markup(markup)
        return markup if markup["inline_keyboard"] else None

    @staticmethod
    def _set_markup(message: dict[str, Any], markup: dict[str, Any] | None) -> None:
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup

    @staticmethod
    def _check_markup(markup: dict[str, Any]) -> None:
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    @staticmethod
    def _check_entities(text: str, entities: list[dict[str, Any]] | None) -> None:
        for entity in entities or []:
            if entity["offset"] < 0 or entity["offset"] + entity["length"] > _utf16_len(text):
                raise ApiError(400, "Bad Request: can't parse entities: entity beyond the end of the text")
            if entity["type"] == "text_mention" and "user" not in entity:
                raise ApiError(400, "Bad Request: can't parse entities: text_mention without a user")
