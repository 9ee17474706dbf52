"""`complaint-bot jobs [--once]`: the timers and the outbox sender without the web server."""

from __future__ import annotations

import argparse
import asyncio
import signal
from contextlib import suppress

from bot.app import App, build_sender, build_timers, draft_sweeper, follow_through_components
from bot.commands.common import run_with_app


def _jobs(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        from bot.conversation.carry_over import carry_over_at_start

        await carry_over_at_start(app.settings, app.db, app.clock)  # drafts an earlier DIALOG_STATE default left in Redis
        if args.once:
            fired = await build_timers(app).run_once()
            print("timers: " + (", ".join(f"{k}={v}" for k, v in sorted(fired.items())) or "nothing due"))
            print(f"dialog drafts: {await draft_sweeper(app).sweep(app.clock.now())} reminded or expired")
            if not app.senders:
                print("sender: no channel is configured, the outbox stays as it is")
                return
            sender = build_sender(app)
            total = 0
            while (result := await sender.run_once()).leased and result.postponed < result.leased:
                total += result.sent
            total += result.sent
            print(f"sender: {total} sent")
            return
        parts = [draft_sweeper(app), *follow_through_components(app)]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        for part in parts:
            await part.start()
        print(f"running: {', '.join(p.name for p in parts)} (Ctrl-C stops)", flush=True)
        try:
            await stop.wait()
        finally:
            for part in reversed(parts):
                await part.stop()

    run_with_app(args, work)
    return 0
