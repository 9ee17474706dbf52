"""`complaint-bot wecom status`: is the WeCom app (企业微信自建应用) set up and reachable — the
settings, a live call with the shared access_token (an IP the app does not trust shows up here as
one clear line), who is bound, what is waiting or failed on the channel, and today's messages
against WeCom's daily quota."""

from __future__ import annotations

import argparse
import re

from sqlalchemy import select

from bot.adapters.wecom_app import WeComAppParts
from bot.adapters.wecom_app.api import IP_NOT_TRUSTED, NetworkError, WeComError, with_token
from bot.adapters.wecom_app.quota import MEMBER_HOUR, NEAR, Quota
from bot.app import App
from bot.commands.common import CommandError, run_with_app, table
from core.db.models import ChannelIdentity, OutboxMessage, Staff
from core.texts.common import fmt_time

CHANNEL = "wecom_app"
_IP = re.compile(r"from ip:\s*([0-9A-Fa-f.:]+)")


def ip_line(errmsg: str) -> str:
    """The one line an operator needs when WeCom refuses this server's address (60020)."""
    found = _IP.search(errmsg)
    ip = found.group(1) if found else "this server's IP"
    return (f"✗ WeCom refuses calls from {ip} (60020): add {ip} to the app's trusted IPs "
            f"(管理后台 → 应用管理 → the app → 企业可信IP); until then nothing reaches the workers")


def _status(args: argparse.Namespace) -> int:
    cfg = args.settings.wecom
    if not (cfg.corp_id or cfg.token):
        raise CommandError("the WeCom app is not configured: set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, "
                           "WECOM_TOKEN and WECOM_AES_KEY (docs/wecom.md)")

    async def work(app: App) -> None:
        print(f"corp: {cfg.corp_id or '— (WECOM_CORP_ID missing)'}   agent: {cfg.agent_id or '— (WECOM_AGENT_ID missing)'}")
        print(f"sending: {'on' if cfg.can_send else 'off (needs WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET)'}")
        print(f"callback: {cfg.path} " + ("(token and key set)" if cfg.can_receive
                                          else "off (needs WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORP_ID)"))
        if app.wecom_app is not None and not args.offline:
            print(await _live(app.wecom_app))
        bound = await _database(app, args.limit)
        if app.wecom_app is not None:
            print(await quota_lines(app.wecom_app.quota, bound))

    run_with_app(args, work)
    return 0


async def _live(parts: WeComAppParts) -> str:
    try:
        await parts.tokens.get()
    except WeComError as exc:
        if exc.errcode == IP_NOT_TRUSTED:
            return ip_line(exc.errmsg)
        return f"✗ gettoken refused: {exc.errcode} {exc.errmsg} (check WECOM_CORP_ID and WECOM_SECRET)"
    except NetworkError as exc:
        return f"✗ WeCom not reachable: {exc}"
    try:
        agent = await with_token(parts.tokens, lambda t: parts.api.get(
            "cgi-bin/agent/get", {"agentid": str(parts.api.agent_id)}, t))
    except WeComError as exc:
        if exc.errcode == IP_NOT_TRUSTED:
            return "access_token: ok\n" + ip_line(exc.errmsg)
        return f"access_token: ok\n✗ agent/get refused: {exc.errcode} {exc.errmsg} (check WECOM_AGENT_ID)"
    except NetworkError as exc:
        return f"access_token: ok\n✗ WeCom not reachable: {exc}"
    return f"access_token: ok\nAPI from this server: ok (app 「{agent.get('name') or parts.api.agent_id}」)"


async def quota_lines(quota: Quota, userids: list[str]) -> str:
    """Today's count against WeCom's daily quota, and the members who got the most."""
    usage = await quota.usage(userids)
    line = (f"sent today ({usage.day[:4]}-{usage.day[4:6]}-{usage.day[6:]}, Beijing): {usage.sent} of "
            f"{usage.quota} 人次 ({100 * usage.sent / usage.quota:.1f} %); past {NEAR:.0%} only urgent messages go")
    busiest = sorted((m for m in usage.members if m[1]), key=lambda m: -m[1])[:5]
    if busiest:
        line += "\n  most to: " + ", ".join(f"{userid} {day} today / {hour} this hour (limit {MEMBER_HOUR})"
                                            for userid, day, hour in busiest)
    return line


async def _database(app: App, limit: int) -> list[str]:
    async with app.db.transaction() as s:
        bound = (await s.execute(
            select(Staff.name, ChannelIdentity.external_id).join(Staff, Staff.id == ChannelIdentity.staff_id)
            .where(ChannelIdentity.channel == CHANNEL).order_by(Staff.name))).all()
        refused = (await s.execute(
            select(OutboxMessage.last_error, OutboxMessage.created_at)
            .where(OutboxMessage.channel == CHANNEL, OutboxMessage.status.in_(("pending", "dead")),
                   OutboxMessage.last_error.like(f"{IP_NOT_TRUSTED} %"))
            .order_by(OutboxMessage.id.desc()).limit(1))).one_or_none()
        dead = list((await s.execute(
            select(OutboxMessage).where(OutboxMessage.channel == CHANNEL, OutboxMessage.status == "dead")
            .order_by(OutboxMessage.id.desc()).limit(limit))).scalars())
    counts = await app.outbox.statistics(channels=[CHANNEL])
    names = ", ".join(f"{name} ({userid})" for name, userid in bound[:10]) + (" …" if len(bound) > 10 else "")
    print(f"bound staff: {len(bound)}" + (f" — {names}" if bound else
                                           " (staff set-wecom NAME USERID, or they send their invite code to the app)"))
    if refused is not None:
        print(ip_line(refused.last_error or "") + f" [seen by the sender since {fmt_time(refused.created_at, app.tz)}]")
    if counts:
        print("messages: " + ", ".join(f"{c.status} {c.count}" for c in counts))
    if dead:
        print("\ndead letters (fix the cause, then `complaint-bot outbox retry ID`):")
        rows = [[r.id, r.purpose, r.address[:24], fmt_time(r.created_at, app.tz), (r.last_error or "")[:70]]
                for r in dead]
        print(table(rows, ["id", "purpose", "to", "since", "reason"]))
    return [str(userid) for _, userid in bound]
