"""Benchmark: encrypted WeChat text messages through the full webhook — signature check, AES
decryption, exactly-once claim, a dialog step that writes its state, the encrypted passive reply —
against a bare aiohttp handler on the same machine, in the same run, over loopback.

    PYTHONPATH=. .venv/bin/python bench/wechat_webhook.py [--database-url postgresql://…]
        [--levels 1,10,50,200] [--seconds 5] [--think 5]

Two measurements per concurrency level (residents chatting at once):
- saturation: every resident sends its next message as soon as the answer arrives (the most the
  server can take; the throughput ratio against the floor comes from here)
- residents: each waits `--think` seconds between messages, as people do; the latency WeChat sees
  (its limit is 5,000 ms) comes from here
The load is generated in a separate process so that client and server do not share an event loop;
messages are encrypted before the clock starts. Absolute numbers depend on the machine: compare
the ratio, not the times.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing as mp
import os
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "bench-token"
APP_ID = "wxbench0000000001"
AES_KEY = "QmVuY2htYXJrS2V5Rm9yV2VDaGF0V2ViaG9va1Rlc3Q"
RUN = int(os.environ.get("BENCH_RUN") or secrets.randbelow(10**6))
DIALOG_STATE = "auto"  # --dialog-state: as DIALOG_STATE


# ---- the load (a child process) ------------------------------------------------------------------

@dataclass
class Phase:
    url: str
    residents: int
    seconds: float
    think: float
    encrypted: bool


def _requests(phase: Phase, offset: int) -> list[list[tuple[dict[str, str], bytes]]]:
    """Enough signed, encrypted messages for every resident, made before the clock starts."""
    import xmltodict
    from wechatpy.crypto import WeChatCrypto

    from bot.adapters.wechat.protocol import sign

    crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    per_resident = max(4, int(phase.seconds / max(phase.think, 0.004)) + 2)
    per_resident = min(per_resident, 3000 // max(1, phase.residents) + 4) if phase.think == 0 else per_resident
    out = []
    for r in range(phase.residents):
        openid = f"oBench{offset:04d}{r:06d}"
        batch = []
        for n in range(per_resident):
            ts = str(int(time.time()))
            nonce = str(secrets.randbelow(10**9))
            msg_id = RUN * 10**16 + offset * 10**12 + r * 10**6 + n  # unique across runs on a kept database
            inner = (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[{openid}]]>"
                     f"</FromUserName><CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                     f"<Content><![CDATA[3栋2单元楼道灯坏了一个星期，晚上上楼很黑]]></Content><MsgId>{msg_id}</MsgId></xml>")
            query = {"signature": sign(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": openid}
            if phase.encrypted:
                sealed = xmltodict.parse(crypto.encrypt_message(inner, nonce, ts))["xml"]
                query.update(encrypt_type="aes", msg_signature=sealed["MsgSignature"])
                body = (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{sealed['Encrypt']}]]>"
                        f"</Encrypt></xml>").encode()
            else:
                body = inner.encode()
            batch.append((query, body))
        out.append(batch)
    return out


def _load(phase: Phase, offset: int, conn: Any) -> None:
    import aiohttp

    if os.environ.get("BENCH_PIN_LOAD"):  # --pin-load: the load on CPU 0, the servers on the others
        os.sched_setaffinity(0, {0})

    requests = _requests(phase, offset)

    async def main() -> tuple[list[float], int, float]:
        latencies: list[float] = []
        errors = 0
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            start = time.perf_counter()
            stop = start + phase.seconds

            async def resident(batch: list[tuple[dict[str, str], bytes]]) -> None:
                nonlocal errors
                if phase.think:
                    await asyncio.sleep(secrets.randbelow(1000) / 1000 * phase.think)  # people do not start together
                for query, body in batch:
                    if time.perf_counter() >= stop:
                        return
                    sent = time.perf_counter()
                    async with session.post(phase.url, params=query, data=body) as resp:
                        text = await resp.text()
                        if resp.status != 200 or text == "success":
                            errors += 1
                    latencies.append(time.perf_counter() - sent)
                    if phase.think:
                        await asyncio.sleep(phase.think)

            await asyncio.gather(*(resident(b) for b in requests))
            return latencies, errors, time.perf_counter() - start

    latencies, errors, elapsed = asyncio.run(main())
    conn.send((latencies, errors, elapsed))
    conn.close()


WORKER_PIDS: list[int] = []  # the webhook's other processes (--workers), whose CPU counts too


class _ErrorCount(logging.Handler):
    """Errors the servers logged: a dialog step that fails still answers (with an apology), so
    the replies alone would not show it."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


ERRORS = _ErrorCount()


def _cpu_of(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by other processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def measure(phase: Phase, offset: int) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    os.environ["BENCH_RUN"] = str(RUN)  # the load process makes ids from the same run number
    here, there = ctx.Pipe()
    proc = ctx.Process(target=_load, args=(phase, offset, there))
    proc.start()
    # this process runs only the servers meanwhile (the load is elsewhere), the workers only the webhook
    cpu = time.process_time() + _cpu_of(WORKER_PIDS)
    logged = ERRORS.count
    latencies, errors, elapsed = here.recv()
    cpu = time.process_time() + _cpu_of(WORKER_PIDS) - cpu
    errors += ERRORS.count - logged  # (the workers' own logs go to their stderr)
    proc.join()
    latencies.sort()
    n = len(latencies)
    return {
        "n": n, "errors": errors, "rate": n / elapsed if elapsed else 0.0,
        "cpu": cpu / n * 1000 if n else 0.0,  # server CPU per message, ms: steady under a busy machine
        "p50": statistics.median(latencies) * 1000 if n else 0.0,
        "p99": latencies[min(n - 1, int(n * 0.99))] * 1000 if n else 0.0,
    }


# ---- the servers (this process, in a thread with its own loop) -----------------------------------

class BenchDialogs:
    """The lightest dialog step that still writes: read and write the person's saved state and
    answer (`--engine bench`, to see the channel's own cost apart from the conversations')."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def handle(self, incoming: Any) -> list[Any]:
        from sqlalchemy import select

        from core.db.models import DialogState
        from core.messages import Text

        key = f"{incoming.channel}:{incoming.chat}"
        async with self.app.db.transaction() as s:
            row = (await s.execute(select(DialogState).where(DialogState.key == key).with_for_update())
                   ).scalar_one_or_none()
            now = self.app.clock.now()
            if row is None:
                s.add(DialogState(key=key, version=1, state={"step": "describe", "text": incoming.text}, updated_at=now))
            else:
                row.version += 1
                row.state = {"step": "address", "text": incoming.text}
                row.updated_at = now
        return [Text("收到，请问具体在哪个小区、几栋几单元？")]


BENCH_GRID = "bench-grid-"


async def set_grids(app: Any, count: int) -> None:
    """`count` grids with two community patterns each, as a district has (every message is read
    against all their communities); the bench's own grids from an earlier run are replaced."""
    from sqlalchemy import delete, select

    from core.db.models import Grid, StaffGrid

    async with app.db.transaction() as s:
        ids = select(Grid.id).where(Grid.code.startswith(BENCH_GRID))
        await s.execute(delete(StaffGrid).where(StaffGrid.grid_id.in_(ids)))
        await s.execute(delete(Grid).where(Grid.code.startswith(BENCH_GRID)))
    for i in range(count):
        await app.directory.add_grid(f"{BENCH_GRID}{i:03d}", f"第{i}网格", patterns=[f"幸福{i}小区", f"阳光{i}花园 1-6栋"])


async def start_servers(database_url: str, engine: str, redis_url: str | None = None, workers: int = 1,
                        grids: int = 0) -> tuple[str, str, Any, Any]:
    from aiohttp import web

    from bot.app import build_app, wechat_component
    from bot.server import build_web_app, freeze_startup_heap
    from core.config import Settings, WeChatSettings
    from core.db.migrate import upgrade
    from core.dispatch.wiring import warm_up

    settings = Settings(database_url=database_url, redis_url=redis_url, dialog_state=DIALOG_STATE, wechat=WeChatSettings(
        token=TOKEN, app_id=APP_ID, aes_key=AES_KEY))  # the default 3.5 s budget
    app = build_app(settings)
    await upgrade(app.db)
    await set_grids(app, grids)
    if engine == "real":
        dialogs: Any = app.engine
    else:
        dialogs = BenchDialogs(app)
    webhook = wechat_component(app, dialogs=dialogs)
    await webhook.start()
    # as `complaint-bot serve` starts: classifier and place names loaded, then the start-up heap frozen
    await warm_up(app.db, app.assessor, app.router)
    runners = []
    full = web.AppRunner(build_web_app(app, [webhook]), access_log=None)
    await full.setup()
    await web.TCPSite(full, "127.0.0.1", 0, backlog=1024, reuse_port=workers > 1 or None).start()
    runners.append(full)
    if workers > 1:  # as `serve --workers N`: more processes on the same port (bot/workers.py)
        from bot.workers import WebWorkers

        pool = WebWorkers(settings, "127.0.0.1", full.addresses[0][1], workers - 1)
        pool.start()
        runners.append(pool)

    async def bare(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="<xml><Content><![CDATA[ok]]></Content></xml>", content_type="application/xml")

    # the floor: what any webhook that meets the issue must do per message, and nothing more —
    # verify, decrypt and parse (wechatpy), one exactly-once claim written through the same
    # database layer, an encrypted passive reply. No dialog, no state.
    from wechatpy.replies import TextReply

    from bot.adapters.wechat.protocol import WeChatProtocol
    from core.inbound import InboundLog

    protocol = WeChatProtocol(TOKEN, APP_ID, AES_KEY)
    claims = InboundLog(app.db, app.clock)

    async def floor(request: web.Request) -> web.Response:
        now = app.clock.now()
        envelope = protocol.open(request.query, await request.read(), now)
        fields = envelope.fields
        await claims.claim(f"floor:{fields['MsgId']}")
        reply = TextReply(source=fields["ToUserName"], target=fields["FromUserName"], time=int(now.timestamp()),
                          content="收到，请问具体在哪个小区、几栋几单元？")
        return web.Response(text=protocol.seal(reply.render(), envelope, int(now.timestamp())),
                            content_type="application/xml", charset="utf-8")

    bare_app = web.Application()
    bare_app.router.add_post("/bare", bare)
    bare_app.router.add_post("/floor", floor)
    bare_runner = web.AppRunner(bare_app, access_log=None)
    await bare_runner.setup()
    await web.TCPSite(bare_runner, "127.0.0.1", 0, backlog=1024).start()
    runners.append(bare_runner)
    freeze_startup_heap()
    full_url = f"http://127.0.0.1:{full.addresses[0][1]}/wechat"
    bare_url = f"http://127.0.0.1:{bare_runner.addresses[0][1]}/bare"
    return full_url, bare_url, app, runners


def floor_url(bare_url: str) -> str:
    return bare_url.rsplit("/", 1)[0] + "/floor"


async def _all_listening(full_url: str, workers: int, within: float = 120.0) -> None:
    """Wait until every webhook process answers (each loads the classifier first)."""
    import aiohttp

    seen: set[int] = set()
    health = full_url.rsplit("/", 1)[0] + "/healthz"
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:
        while len(seen) < workers:
            if time.monotonic() > deadline:
                raise SystemExit(f"only webhook processes {sorted(seen)} of {workers} answered")
            async with http.get(health) as resp:
                seen.add(int((await resp.json())["worker"]))
            await asyncio.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a fresh SQLite file; postgresql://… to use PostgreSQL")
    parser.add_argument("--levels", default="1,10,50,200", help="concurrent residents, comma-separated")
    parser.add_argument("--redis-url", help="Redis for what REDIS_URL shares (tokens, limits; the dialog state with "
                        "--dialog-state redis)")
    parser.add_argument("--dialog-state", choices=("auto", "database", "redis"), default="auto",
                        help="as DIALOG_STATE: `redis` (with --redis-url) keeps the state and options in Redis; "
                        "auto and database keep them in the database")
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement")
    parser.add_argument("--think", type=float, default=5.0,
                        help="seconds a resident takes to read and type the next message (default 5)")
    parser.add_argument("--engine", choices=["bench", "real"], default="real",
                        help="real: bot.conversation.engine (default); bench: only a state read/write per message")
    parser.add_argument("--grids", type=int, default=0,
                        help="grids (two communities each) every message is read against (default 0)")
    parser.add_argument("--pairs", type=int, default=1,
                        help="saturation: measure the floor and the webhook in turn this many times (the median ratio)")
    parser.add_argument("--workers", type=int, default=1,
                        help="webhook processes, as `serve --workers N` (PostgreSQL; real dialogs; default 1)")
    parser.add_argument("--pin-load", action="store_true",
                        help="the load generator on CPU 0 and this process (the servers) on the others, so the two "
                             "compete less for the same core (the database's processes are not pinned)")
    args = parser.parse_args()
    if args.pin_load and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.environ["BENCH_PIN_LOAD"] = "1"
        os.sched_setaffinity(0, set(range(1, os.cpu_count() or 2)))
    if args.workers > 1 and (args.engine != "real" or not (args.database_url or "").startswith("postgres")):
        parser.error("--workers above 1 needs --database-url postgresql://… and --engine real")
    levels = [int(x) for x in args.levels.split(",")]
    global DIALOG_STATE
    DIALOG_STATE = args.dialog_state
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{tmp.name}/bench.db"

    import threading

    logging.basicConfig(level=logging.ERROR)
    logging.getLogger().addHandler(ERRORS)
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    full_url, bare_url, app, runners = asyncio.run_coroutine_threadsafe(
        start_servers(url, args.engine, args.redis_url, args.workers, args.grids), loop).result()
    WORKER_PIDS.extend(pid for r in runners for pid in getattr(r, "pids", []))
    if args.workers > 1:
        asyncio.run(_all_listening(full_url, args.workers))
    backend = ("PostgreSQL" if url.startswith("postgres") else "SQLite") + (" + Redis" if args.redis_url else "") \
        + (f", {args.workers} webhook processes" if args.workers > 1 else "") \
        + (f", {args.grids} grids" if args.grids else "")
    if args.redis_url:
        backend += " (dialog state and options in " + ("Redis)" if args.dialog_state == "redis" else "the database)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    backend += ", load generator pinned to CPU 0" if os.environ.get("BENCH_PIN_LOAD") else ""
    print(f"WeChat webhook benchmark — {backend}, {os.cpu_count()} CPUs (load average {load:.1f} at start), "
          f"{args.seconds:.0f} s per run, dialogs: {args.engine}\n"
          f"bare: a no-op aiohttp handler; floor: verify + decrypt + one claim written + encrypted reply "
          f"(saturation only)\nratio = webhook msg/s ÷ floor msg/s; cpu = server CPU time per message\n")
    header = f"{'mode':<11}{'residents':>9}  {'bare msg/s':>10} {'p50':>7} {'p99':>7} {'cpu':>6}  " \
             f"{'floor msg/s':>11} {'cpu':>6}   {'webhook msg/s':>13} {'p50':>7} {'p99':>7} {'cpu':>6}  {'ratio':>6}"
    print(header)
    print("-" * len(header))
    offset = 0
    verdict = []
    for mode, think in (("saturation", 0.0), ("residents", args.think)):
        # with think time, long enough for every resident to write several times
        seconds = max(args.seconds, 4 * think)
        for level in levels:
            for _pair in range(1 if think else args.pairs):  # --pairs: floor and webhook in turn, again
                offset += 1
                b = measure(Phase(bare_url, level, seconds, think, encrypted=True), offset)
                f: dict[str, float] | None = None
                if not think:
                    offset += 1
                    f = measure(Phase(floor_url(bare_url), level, seconds, think, encrypted=True), offset)
                offset += 1
                w = measure(Phase(full_url, level, seconds, think, encrypted=True), offset)
                ratio = w["rate"] / b["rate"] if b["rate"] else 0.0
                shown = f"{w['rate'] / f['rate']:>6.2f}" if f and f["rate"] else f"{'':>6}"  # of the floor
                floor_cols = f"{f['rate']:>11.0f} {f['cpu']:>5.2f}ms" if f else f"{'':>11} {'':>7}"
                print(f"{mode:<11}{level:>9}  {b['rate']:>10.0f} {b['p50']:>6.1f}ms {b['p99']:>6.1f}ms {b['cpu']:>5.2f}ms  "
                      f"{floor_cols}   "
                      f"{w['rate']:>13.0f} {w['p50']:>6.1f}ms {w['p99']:>6.1f}ms {w['cpu']:>5.2f}ms  {shown}"
                      + (f"  ({w['errors']} not answered or failed)" if w["errors"] else ""), flush=True)
                if level == max(levels):
                    verdict.append((mode, b, f, w, ratio))
    print()
    pairs = [w["rate"] / f["rate"] for mode, _, f, w, _ in verdict if mode == "saturation" and f and f["rate"]]
    if len(pairs) > 1:  # the same code's ratio moves from one run to the next (docs/wechat.md, eighth round)
        print(f"throughput at {max(levels)} residents, {len(pairs)} pairs of floor and webhook in turn: "
              f"median {statistics.median(pairs):.2f} of the floor (each: {', '.join(f'{r:.2f}' for r in pairs)})")
    for mode, b, f, w, ratio in verdict:
        if w["errors"]:
            print(f"{mode}: {w['errors']} messages not answered or failed (errors logged above): the figures "
                  f"below are not those of a working webhook")
        if mode == "saturation" and f is not None:
            of_floor = w["rate"] / f["rate"] if f["rate"] else 0.0
            print(f"throughput at {max(levels)} residents: {of_floor:.2f} of the floor "
                  f"(target ≥ 0.5: {'met' if of_floor >= 0.5 else 'NOT met'}); server CPU per message "
                  f"{w['cpu']:.2f} ms against the floor's {f['cpu']:.2f} ms ({f['cpu'] / w['cpu'] if w['cpu'] else 0:.2f})")
            print(f"  the bare handler: {b['rate']:.0f} msg/s; the webhook reaches {ratio:.2f} of it, the floor "
                  f"{f['rate'] / b['rate']:.2f}")
        else:
            print(f"p99 at {max(levels)} residents writing every ~{args.think:g} s: {w['p99']:.1f} ms "
                  f"(target < 100 ms: {'met' if w['p99'] < 100 else 'NOT met'}; WeChat allows 5000 ms)")

    async def stop() -> None:
        for runner in reversed(runners):
            await (runner.stop() if hasattr(runner, "stop") else runner.cleanup())
        await set_grids(app, 0)  # a kept database goes back as it was
        await app.close()

    asyncio.run_coroutine_threadsafe(stop(), loop).result()
    loop.call_soon_threadsafe(loop.stop)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
