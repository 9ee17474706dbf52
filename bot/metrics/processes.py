"""Figures that stay whole across `serve --workers N` processes: prometheus-client's multiprocess
mode, where every process writes its counters to memory-mapped files in PROMETHEUS_MULTIPROC_DIR and
a scrape, in whichever process it lands, adds them up.

`serve` owns the folder: with more than one process it makes a fresh one (or empties the one the
operator named in PROMETHEUS_MULTIPROC_DIR: old files would count a previous run twice) before
anything imports prometheus-client, the spawned workers inherit it through the environment, and
it is removed when serve stops. One process needs no files: its figures live in memory, with the
process' own (CPU, memory, open files) beside them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


class SharedMetrics:
    """The multiprocess folder of one `serve` run."""

    def __init__(self, path: Path, owned: bool) -> None:
        self.path, self.owned = path, owned

    def close(self) -> None:
        os.environ.pop(VARIABLE, None)
        if self.owned:
            shutil.rmtree(self.path, ignore_errors=True)


def prepare(processes: int) -> SharedMetrics | None:
    """Called by `serve` first thing: the multiprocess folder when several processes serve."""
    if processes <= 1 and not os.environ.get(VARIABLE):
        return None
    if "prometheus_client" in sys.modules and processes > 1 and not os.environ.get(VARIABLE):
        raise RuntimeError("prometheus_client was imported before serve chose how its processes share metrics")
    named = os.environ.get(VARIABLE)
    if named:
        path = Path(named)
        path.mkdir(parents=True, exist_ok=True)
        for old in path.glob("*.db"):
            old.unlink()
        shared = SharedMetrics(path, owned=False)
    else:
        shared = SharedMetrics(Path(tempfile.mkdtemp(prefix="complaint-bot-metrics-")), owned=True)
        os.environ[VARIABLE] = str(shared.path)
    return shared


def shared() -> bool:
    return bool(os.environ.get(VARIABLE))


def forget(pid: int | None) -> None:
    """A process that died no longer counts in the live gauges."""
    if pid is None or not shared():
        return
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(pid)
