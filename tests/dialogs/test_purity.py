"""bot/dialogs stays pure (state + input → replies + effects): no dialog module reaches the database,
the network or the runtime around it, not even through the core modules it uses. Checked by importing
every dialog module in a fresh interpreter and looking at what got loaded."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bot.dialogs

# what a pure step must never load: the database layer, the runtime that does I/O for it, the
# composition root, and the platforms' and network clients
FORBIDDEN = ("sqlalchemy", "core.db", "bot.conversation", "bot.app", "bot.adapters", "aiohttp", "redis",
             "aiogram", "wechatpy")
ROOT = Path(__file__).resolve().parents[2]


def dialog_modules() -> list[str]:
    found = [m.name for m in pkgutil.walk_packages(bot.dialogs.__path__, "bot.dialogs.")]
    assert "bot.dialogs.router" in found and "bot.dialogs.state" in found  # the walk found them
    return sorted(found)


def test_no_dialog_module_loads_the_database_or_the_runtime() -> None:
    modules = dialog_modules()
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in forbidden))))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == [], f"importing bot.dialogs loads {sorted({m.split('.')[0] for m in loaded})}: {loaded[:10]}"


def test_the_probe_would_see_a_forbidden_import() -> None:
    """The check above can fail: importing the runtime beside the dialogs is caught."""
    probe = "import sys, bot.dialogs.router, bot.conversation.engine; print('sqlalchemy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
