"""How long the command line takes before it does anything.

Run: ``python bench/cli_bench.py [--runs 9]``

Times, as wall clock from process start to exit, `complaint-bot --help` and `complaint-bot ticket
show N` on a small SQLite database (the demo community, made in a temporary folder), next to a bare
`python -c pass` in the same run. The three are run in turn, round after round, so a busy machine
slows all of them alike. It prints each one's median and fastest run, its median as a multiple of
the bare interpreter's, and the median CPU time (user + system) it used: on a machine busy with
other work the wall clock wanders, the CPU time much less.

Targets: `--help` under 0.3 s, `ticket show` under 0.8 s.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"--help": 0.3, "ticket show": 0.8}


def _command() -> list[str]:
    """The installed entry point when there is one (what an operator runs), else `python -m bot.cli`."""
    script = Path(sys.executable).with_name("complaint-bot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="rounds (default 9)")
    args = parser.parse_args()
    cli = _command()
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WECHAT_", "REDIS_"))}
        env.update(DATABASE_URL=f"sqlite:///{tmp}/bench.db", PYTHONPATH=str(root), CONFIG_FILE="")
        subprocess.run([*cli, "db", "upgrade"], env=env, cwd=tmp, check=True, capture_output=True)
        demo = subprocess.run([*cli, "demo"], env=env, cwd=tmp, check=True, capture_output=True, text=True)
        number = re.search(r"\b\d{6}-\d{4}\b", demo.stdout)
        if number is None:
            sys.exit("the demo printed no ticket number")
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "--help": [*cli, "--help"],
            "ticket show": [*cli, "ticket", "show", number.group(0)],
        }
        for argv in cases.values():  # warm the file cache and .pyc files once
            _timed(argv, env, tmp)
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, argv in cases.items():
                wall, used = _timed(argv, env, tmp)
                times[name].append(wall)
                cpu[name].append(used)
    floor = statistics.median(times["python -c pass"])
    print(f"{args.runs} runs each, interleaved; command: {' '.join(cli)}")
    print(f"{'case':<16} {'median s':>9} {'fastest s':>10} {'× bare python':>14} {'CPU s':>6}  target")
    for name, values in times.items():
        median = statistics.median(values)
        target = TARGETS.get(name)
        verdict = "" if target is None else f"< {target} s: {'yes' if median < target else 'NO'}"
        print(f"{name:<16} {median:9.3f} {min(values):10.3f} {median / floor:14.1f} "
              f"{statistics.median(cpu[name]):6.3f}  {verdict}")
    print(f"(load average now: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
