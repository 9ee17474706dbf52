"""The doctor's checks of the chat platforms and the public URLs: WeChat's credentials (a token
call), Telegram's (getMe, and what Telegram says of the webhook), the grids' WeCom robots, the WeCom
app (its Secret, then agent/get: open, and its visible range), and whether the webhooks — the
WeCom app's callback included — answer through the public URL. Each call goes to the configured
API base."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp

from bot.doctor.findings import Check, Finding, Options, Verdict
from bot.doctor.local import _reason
from core.config import Settings

RECENT_ERROR = timedelta(hours=24)  # a webhook error Telegram saw this recently still matters

# WeChat's errcodes that an operator fixes in the Official Account's settings (基本配置)
WECHAT_FIXES = {
    40013: "WECHAT_APP_ID is not this account's AppID (基本配置 → 开发者ID)",
    40125: "WECHAT_APP_SECRET is wrong: reset the AppSecret in 基本配置 and copy it exactly",
    40001: "WECHAT_APP_SECRET is wrong: reset the AppSecret in 基本配置 and copy it exactly",
    40164: "add this server's public IP address to the IP whitelist (基本配置 → IP白名单)",
    61004: "add this server's public IP address to the IP whitelist (基本配置 → IP白名单)",
    89503: "an administrator must confirm this server's IP in WeChat, or add it to the IP whitelist",
    -1: "WeChat is busy: run the doctor again in a minute",
}
ROBOT_FIXES = {
    93000: "the robot's key is wrong or the robot was removed: add a robot to the grid's group again and "
           "`complaint-bot grid set-wecom GRID URL`",
    93004: "the robot was removed from its group: add it again and `complaint-bot grid set-wecom GRID URL`",
}


def _timeout(options: Options) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(total=options.timeout)


async def _channels(settings: Settings, options: Options) -> list[Finding]:
    on = [name for name, set_ in (("WeChat", settings.wechat.token), ("Telegram", settings.telegram.bot_token)) if set_]
    if not on:
        return [Finding("channels", Verdict.WARN, "no chat channel is configured: residents cannot reach the bot "
                                                  "(only `complaint-bot chat` can)",
                        "set WECHAT_TOKEN (docs/wechat.md) or TELEGRAM_BOT_TOKEN (docs/telegram.md)")]
    return [Finding("channels", Verdict.OK, " and ".join(on))]


async def _wechat(settings: Settings, options: Options) -> list[Finding]:
    w = settings.wechat
    if not w.token:
        return [Finding("wechat", Verdict.SKIP, "WECHAT_TOKEN is not set: the WeChat channel is off")]
    found = [Finding("wechat", Verdict.OK, f"webhook on {w.path}, checked with WECHAT_TOKEN")]
    if w.aes_key and not _aes_key_ok(w.aes_key):
        found.append(Finding("wechat", Verdict.FAIL, "WECHAT_AES_KEY is not an EncodingAESKey (43 characters)",
                             "copy the EncodingAESKey from 基本配置 → 服务器配置, or unset it for plain mode"))
    if not (w.app_id and w.app_secret):
        found.append(Finding("wechat", Verdict.WARN, "WECHAT_APP_ID / WECHAT_APP_SECRET are not set: the bot can "
                                                     "only answer, never push (a worker's progress, the survey)",
                             "set both from 基本配置 → 开发者ID"))
        return found
    from bot.adapters.wechat.api import NetworkError, WeChatAPI, WeChatError

    api = WeChatAPI(w.api_base, w.app_id, w.app_secret, token_endpoint=w.token_endpoint, timeout=options.timeout)
    try:
        # stable_token without force_refresh hands out the current token: a running bot keeps its own
        _, lifetime = await api.fetch_token()
    except WeChatError as exc:
        found.append(Finding("wechat", Verdict.FAIL, f"{w.api_base} refused the credentials: {exc.errcode} "
                                                     f"{exc.errmsg}", WECHAT_FIXES.get(exc.errcode, "")))
        return found
    except NetworkError as exc:
        found.append(Finding("wechat", Verdict.FAIL, f"cannot get a token from {w.api_base}: {exc}",
                             "check this server's way out to the internet (firewall, proxy, DNS), or "
                             "WECHAT_API_BASE"))
        return found
    finally:
        await api.close()
    note = "" if w.token_endpoint == "stable" else " (a new one: a running bot fetches its own when it must)"
    found.append(Finding("wechat", Verdict.OK, f"{w.api_base} accepts the AppID and AppSecret: an access_token "
                                               f"valid {lifetime} s{note}"))
    return found


def _aes_key_ok(key: str) -> bool:
    if len(key) != 43:
        return False
    try:
        return len(base64.b64decode(key + "=", validate=True)) == 32
    except (binascii.Error, ValueError):
        return False


async def _telegram(settings: Settings, options: Options) -> list[Finding]:
    t = settings.telegram
    if not t.bot_token:
        return [Finding("telegram", Verdict.SKIP, "TELEGRAM_BOT_TOKEN is not set: the Telegram channel is off")]
    from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError
    from aiogram.methods import GetWebhookInfo

    from bot.adapters.telegram import make_bot
    from core.errors import DomainError

    where = t.api_base or "https://api.telegram.org"
    try:
        bot = make_bot(t)
    except DomainError as exc:
        return [Finding("telegram", Verdict.FAIL, exc.message, "copy the token from @BotFather (/mybots → API Token)")]
    try:
        try:
            me = await bot.me()
        except TelegramUnauthorizedError:
            return [Finding("telegram", Verdict.FAIL, f"{where} refused TELEGRAM_BOT_TOKEN (401)",
                            "copy the current token from @BotFather (/mybots → API Token); a revoked one stops "
                            "working at once")]
        except (TelegramAPIError, aiohttp.ClientError, TimeoutError) as exc:
            return [Finding("telegram", Verdict.FAIL, f"cannot reach {where}: {_reason(exc)}",
                            "check this server's way out to the internet, or TELEGRAM_API_BASE")]
        groups = "reads every group message" if me.can_read_all_group_messages else "privacy mode on in groups"
        found = [Finding("telegram", Verdict.OK, f"{where} knows the token: @{me.username} ({groups})")]
        if t.mode != "webhook":
            found.append(Finding("telegram", Verdict.OK, "long polling: no public URL needed"))
            return found
        found += _webhook_settings(settings)
        info = await bot(GetWebhookInfo())
        if info.url and info.url != t.webhook_url:
            found.append(Finding("telegram", Verdict.WARN, f"Telegram delivers to {info.url}, not TELEGRAM_WEBHOOK_URL",
                                 "`complaint-bot serve` sets TELEGRAM_WEBHOOK_URL when it starts"))
        if info.last_error_message and info.last_error_date is not None and \
                datetime.now(UTC) - info.last_error_date.astimezone(UTC) < RECENT_ERROR:
            found.append(Finding("telegram", Verdict.FAIL, f"Telegram could not deliver to the webhook at "
                                                           f"{info.last_error_date:%Y-%m-%d %H:%M} UTC: "
                                                           f"{info.last_error_message}",
                                 "make the URL reachable from the internet over HTTPS with a valid certificate "
                                 "(ports 443, 80, 88 or 8443; deploy/nginx-complaint-bot.conf)"))
        if t.webhook_url:
            found.append(await _probe_telegram_webhook(t.webhook_url, options))
        return found
    finally:
        await bot.session.close()


def _webhook_settings(settings: Settings) -> list[Finding]:
    t = settings.telegram
    found = []
    if not t.webhook_url:
        found.append(Finding("telegram", Verdict.FAIL, "TELEGRAM_MODE=webhook but TELEGRAM_WEBHOOK_URL is not set",
                             "set the public HTTPS URL of the webhook, e.g. https://bot.example.com/telegram"))
    elif urlsplit(t.webhook_url).scheme != "https" and not t.api_base:
        found.append(Finding("telegram", Verdict.FAIL, f"TELEGRAM_WEBHOOK_URL {t.webhook_url} is not HTTPS: "
                                                       "Telegram delivers to HTTPS only",
                             "put nginx with a certificate in front (deploy/nginx-complaint-bot.conf)"))
    if not t.webhook_secret:
        found.append(Finding("telegram", Verdict.FAIL, "TELEGRAM_WEBHOOK_SECRET is not set: the webhook would refuse "
                                                       "everything", "set a long random secret (openssl rand -hex 32)"))
    return found


async def _probe_telegram_webhook(url: str, options: Options) -> Finding:
    """Through the public URL, as Telegram would come (without the secret: the bot answers 401 and
    acts on nothing)."""
    try:
        async with aiohttp.ClientSession(timeout=_timeout(options)) as http, \
                http.post(url, json={"update_id": 0}) as resp:
            status = resp.status
            body = await resp.text()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Finding("webhook", Verdict.FAIL, f"{url} cannot be reached from here: {_reason(exc)}",
                       "check DNS, the firewall, nginx and its certificate for that name")
    if status == 401 and "unauthorized" in body:
        return Finding("webhook", Verdict.OK, f"{url} reaches this bot's Telegram webhook")
    return Finding("webhook", Verdict.FAIL, f"{url} answered HTTP {status}, not the bot's webhook",
                   "nginx must pass that path to `complaint-bot serve` (deploy/nginx-complaint-bot.conf)")


async def _public_url(settings: Settings, options: Options) -> list[Finding]:
    """--public-url: /healthz, and WeChat's own URL check (signed with WECHAT_TOKEN), through it."""
    if not options.public_url:
        return [Finding("public url", Verdict.SKIP, "not checked (give --public-url https://your.host to check "
                                                    "what WeChat and Telegram reach)")]
    base = options.public_url.rstrip("/") + "/"
    found = []
    async with aiohttp.ClientSession(timeout=_timeout(options)) as http:
        try:
            async with http.get(urljoin(base, "healthz")) as resp:
                health: Any = await resp.json(content_type=None) if resp.status in (200, 503) else None
                status = resp.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            found.append(Finding("public url", Verdict.FAIL, f"{base}healthz cannot be reached: {_reason(exc)}",
                                 "check DNS, the firewall, nginx and its certificate for that name"))
            return found
        if isinstance(health, dict) and health.get("status") == "ok":
            found.append(Finding("public url", Verdict.OK, f"{base}healthz reaches this bot"))
        else:
            found.append(Finding("public url", Verdict.FAIL, f"{base}healthz answered HTTP {status}: "
                                                             f"{str(health)[:120] if health else 'not the bot'}",
                                 "is `complaint-bot serve` running, and does nginx pass /healthz to it?"))
        if settings.wechat.token:
            found.append(await _wechat_url_check(http, urljoin(base, settings.wechat.path.lstrip("/")),
                                                 settings.wechat.token))
        w = settings.wecom
        if w.can_receive and w.token and w.aes_key and w.corp_id:
            found.append(await _wecom_url_check(http, urljoin(base, w.path.lstrip("/")), w.token, w.aes_key,
                                                w.corp_id, options.clock.now().timestamp()))
    return found


async def _wechat_url_check(http: aiohttp.ClientSession, url: str, token: str) -> Finding:
    """What WeChat does when the server URL is saved in 基本配置: a signed GET that must echo."""
    timestamp, nonce, echostr = str(int(time.time())), secrets.token_hex(5), f"doctor-{secrets.token_hex(8)}"
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    query = {"signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": echostr}
    try:
        async with http.get(url, params=query) as resp:
            status, body = resp.status, await resp.text()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Finding("wechat url", Verdict.FAIL, f"{url} cannot be reached: {_reason(exc)}",
                       "nginx must pass that path to `complaint-bot serve` over 80/443")
    if status == 200 and body == echostr:
        return Finding("wechat url", Verdict.OK, f"{url} passes WeChat's URL check with this WECHAT_TOKEN")
    if status == 403:
        return Finding("wechat url", Verdict.FAIL, f"{url} refused the signature: the running bot has another "
                                                   "WECHAT_TOKEN", "give serve and 基本配置 the same Token")
    return Finding("wechat url", Verdict.FAIL, f"{url} answered HTTP {status}, not the bot's webhook",
                   "nginx must pass that path to `complaint-bot serve` (deploy/nginx-complaint-bot.conf)")


async def _wecom(settings: Settings, options: Options) -> list[Finding]:
    """The grids' group robots (asked with a message type WeCom refuses, so nothing is posted), and
    a WeCom application's credentials when the configuration has one."""
    from sqlalchemy import select

    from bot.adapters.wecom import masked
    from core.db.engine import Database
    from core.db.models import ChannelIdentity, Grid

    db = Database(settings.database_url)
    try:
        async with db.transaction() as s:
            robots = (await s.execute(select(Grid.code, Grid.wecom_robot_url).where(
                Grid.active.is_(True), Grid.wecom_robot_url.is_not(None)).order_by(Grid.code))).all()
            bound = list((await s.execute(select(ChannelIdentity.external_id).where(
                ChannelIdentity.channel == "wecom_app"))).scalars())
    except Exception as exc:
        found = await _wecom_app(getattr(settings, "wecom", None), options)
        return [*found, Finding("wecom", Verdict.SKIP, f"robots not checked: the database did not answer "
                                                       f"({type(exc).__name__})")]
    finally:
        await db.dispose()
    found = await _wecom_app(getattr(settings, "wecom", None), options, bound)
    if not robots:
        return [*found, Finding("wecom", Verdict.SKIP, "no grid has a WeCom group robot (grid set-wecom)")]
    async with aiohttp.ClientSession(timeout=_timeout(options)) as http:
        for code, url in robots:
            found.append(await _robot(http, code, url, masked(url)))
    return found


async def _robot(http: aiohttp.ClientSession, grid: str, url: str, shown: str) -> Finding:
    check = f"wecom {grid}"
    if urlsplit(url).scheme != "https" and urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        return Finding(check, Verdict.FAIL, f"{shown} is not an HTTPS URL",
                       "copy the robot's webhook address again (https://qyapi.weixin.qq.com/…)")
    try:
        async with http.post(url, json={"msgtype": "complaint_bot_doctor"}) as resp:
            answer = await resp.json(content_type=None)
        code = int(answer.get("errcode", -1))
    except (aiohttp.ClientError, TimeoutError, ValueError, AttributeError) as exc:
        return Finding(check, Verdict.FAIL, f"{shown} cannot be reached: {_reason(exc)}",
                       "check this server's way out to qyapi.weixin.qq.com")
    if code == 40008:  # "invalid message type": the key was accepted, nothing was posted
        return Finding(check, Verdict.OK, f"{shown} is a working robot of grid {grid}")
    return Finding(check, Verdict.FAIL, f"{shown} of grid {grid} was refused: errcode {code}",
                   ROBOT_FIXES.get(code, "see WeCom's error code list"))


WECOM_FIXES = {40013: "WECOM_CORP_ID is not your enterprise's CorpID (我的企业 → 企业ID)",
               40001: "WECOM_SECRET is wrong: view the application's Secret again in the admin console",
               60020: "add this server's IP to the application's trusted IPs (应用管理 → the app → 企业可信IP)",
               40056: "WECOM_AGENT_ID is not this application's AgentId (应用管理 → the app)",
               301002: "WECOM_SECRET belongs to another application: use the Secret of the app WECOM_AGENT_ID names"}


async def _wecom_app(app: Any, options: Options, bound: list[str] | None = None) -> list[Finding]:
    """A WeCom self-built application (settings.wecom), when configured: its Secret (gettoken), then
    with that token the app itself (agent/get: open, and who is in its visible range — only members
    inside it receive the app's messages; `bound` are the userids staff are bound to)."""
    if app is None or not getattr(app, "corp_id", None) or not getattr(app, "secret", None):
        return []
    base = str(getattr(app, "api_base", None) or "https://qyapi.weixin.qq.com/")
    base = base if base.endswith("/") else base + "/"
    try:
        async with aiohttp.ClientSession(timeout=_timeout(options)) as http:
            answer = await _wecom_call(http, base, "cgi-bin/gettoken", {"corpid": app.corp_id, "corpsecret": app.secret})
            code = int(answer.get("errcode", -1))
            if code != 0 or not answer.get("access_token"):
                return [Finding("wecom app", Verdict.FAIL, f"{base} refused the credentials: errcode {code} "
                                                           f"{answer.get('errmsg', '')}", WECOM_FIXES.get(code, ""))]
            found = [Finding("wecom app", Verdict.OK, f"{base} accepts the CorpID and Secret")]
            agent_id = getattr(app, "agent_id", None)
            if not agent_id:
                return found
            agent = await _wecom_call(http, base, "cgi-bin/agent/get",
                                      {"access_token": str(answer["access_token"]), "agentid": str(agent_id)})
    except (aiohttp.ClientError, TimeoutError, ValueError, AttributeError) as exc:
        return [Finding("wecom app", Verdict.FAIL, f"cannot reach {base}: {_reason(exc)}",
                        "check this server's way out to the internet, or WECOM_API_BASE")]
    return found + _wecom_agent(agent, int(agent_id), bound or [])


async def _wecom_call(http: aiohttp.ClientSession, base: str, path: str, params: dict[str, str]) -> dict[str, Any]:
    async with http.get(urljoin(base, path), params=params) as resp:
        answer = await resp.json(content_type=None)
    if not isinstance(answer, dict):
        raise ValueError(f"{path} answered {str(answer)[:80]}")
    return answer


def _wecom_agent(agent: dict[str, Any], agent_id: int, bound: list[str]) -> list[Finding]:
    code = int(agent.get("errcode", -1))
    if code != 0:
        return [Finding("wecom app", Verdict.FAIL, f"agent/get for app {agent_id} refused: errcode {code} "
                                                   f"{str(agent.get('errmsg', ''))[:160]}", WECOM_FIXES.get(code, ""))]
    name = agent.get("name") or agent_id
    if int(agent.get("close") or 0):
        return [Finding("wecom app", Verdict.FAIL, f"the app 「{name}」 is disabled: nobody receives its cards",
                        "enable it (应用管理 → the app → 启用)")]
    users = [str(u.get("userid")) for u in (agent.get("allow_userinfos") or {}).get("user", []) if u.get("userid")]
    parties = list((agent.get("allow_partys") or {}).get("partyid", []))
    tags = list((agent.get("allow_tags") or {}).get("tagid", []))
    if not (users or parties or tags):
        return [Finding("wecom app", Verdict.FAIL, f"the app 「{name}」 is visible to nobody: its messages reach no one "
                                                   "(WeCom answers 81013)",
                        "set its 可见范围 to the grid workers' departments or members")]
    scope = f"{len(users)} members, {len(parties)} departments, {len(tags)} tags"
    found = [Finding("wecom app", Verdict.OK, f"app 「{name}」 ({agent_id}) is open, visible to {scope}")]
    outside = sorted(set(bound) - {u.lower() for u in users} - set(users))
    if outside and not (parties or tags):
        shown = ", ".join(outside[:10]) + (" …" if len(outside) > 10 else "")
        found.append(Finding("wecom app", Verdict.FAIL, f"bound staff outside the app's visible range get nothing: "
                                                        f"{shown}", "add them (or their department) to 可见范围"))
    elif outside:
        found.append(Finding("wecom app", Verdict.OK, f"{len(outside)} bound staff are not named in the range; "
                                                      "they may be in its departments or tags (not resolvable here)"))
    return found


async def _wecom_url_check(http: aiohttp.ClientSession, url: str, token: str, aes_key: str,
                           corp_id: str, now: float) -> Finding:
    """What WeCom does when the callback URL is saved (接收消息 → 设置API接收): a GET with an
    encrypted, signed echostr that the bot must decrypt and echo within a second."""
    try:
        from wechatpy.work.crypto import WeChatCrypto
    except ImportError:  # wechatpy 1.8
        from wechatpy.enterprise.crypto import WeChatCrypto
    import xmltodict

    timestamp, nonce, echo = str(int(now)), secrets.token_hex(5), f"doctor-{secrets.token_hex(8)}"
    try:
        encrypted = xmltodict.parse(WeChatCrypto(token, aes_key, corp_id).encrypt_message(echo, nonce, timestamp))
    except Exception as exc:  # a key that is not an EncodingAESKey
        return Finding("wecom url", Verdict.FAIL, f"WECOM_AES_KEY cannot encrypt: {_reason(exc)}",
                       "copy the EncodingAESKey (43 characters) from 接收消息 → 设置API接收")
    sealed = encrypted["xml"]
    query = {"msg_signature": sealed["MsgSignature"], "timestamp": timestamp, "nonce": nonce,
             "echostr": sealed["Encrypt"]}
    try:
        async with http.get(url, params=query) as resp:
            status, body = resp.status, await resp.text()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Finding("wecom url", Verdict.FAIL, f"{url} cannot be reached: {_reason(exc)}",
                       "nginx must pass that path to `complaint-bot serve` over 443")
    if status == 200 and body == echo:
        return Finding("wecom url", Verdict.OK, f"{url} passes WeCom's URL check with this Token and EncodingAESKey")
    if status == 403:
        return Finding("wecom url", Verdict.FAIL, f"{url} refused the signature: the running bot has another "
                                                  "WECOM_TOKEN, WECOM_AES_KEY or WECOM_CORP_ID",
                       "give serve and 接收消息 the same Token and EncodingAESKey")
    return Finding("wecom url", Verdict.FAIL, f"{url} answered HTTP {status}, not the bot's WeCom callback",
                   "nginx must pass that path to `complaint-bot serve` (deploy/nginx-complaint-bot.conf)")


CHECKS: list[Check] = [_channels, _wechat, _telegram, _wecom, _public_url]
