"""`complaint-bot import FILE.csv`: file tickets the hotline took by phone (or another system exported)."""

from __future__ import annotations

import argparse

from bot.app import App
from bot.commands.common import CommandError, run_with_app
from bot.progress import progress
from core.importing import RowError, file_in_batches, read_csv

MAX_SHOWN = 20


def _import(args: argparse.Namespace) -> int:
    if args.batch < 1:
        raise CommandError("--batch must be at least 1")
    if not 1 <= args.parallel <= 16:
        raise CommandError("--parallel must be between 1 and 16")

    async def work(app: App) -> int:
        news, errors = read_csv(args.file, app.settings.category_names)
        known = {g.code for g in await app.directory.grids()}
        errors += [RowError(0, f"unknown grid {code!r}") for code in sorted({n.grid_code for n in news if n.grid_code}
                                                                         - known)]
        if errors:
            for error in errors[:MAX_SHOWN]:
                print(f"complaint-bot: {args.file}: {error}")
            if len(errors) > MAX_SHOWN:
                print(f"complaint-bot: … and {len(errors) - MAX_SHOWN} more")
            print("nothing was filed")
            return 2
        if args.dry_run:
            print(f"{len(news)} rows are fine; nothing filed (--dry-run)")
            return 0
        with progress("import") as shown:
            numbers = await file_in_batches(app.tickets, news, args.batch, args.parallel, progress=shown)
        await app.db.refresh_statistics()  # the tables just grew: let the planner know
        # batches filed side by side take their numbers in the order they start, not strictly row by row
        print(f"filed {len(numbers)} tickets: {min(numbers)} … {max(numbers)}")
        return 0

    return run_with_app(args, work)
