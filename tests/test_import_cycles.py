"""No import cycles among the modules of core/ and bot/.

The graph is read from the source with `ast`: every `import` and `from … import` anywhere in a
module — at the top, inside a function (an import deferred to call time is still a dependency), and
under `if TYPE_CHECKING:` (a type named in a signature is a dependency of the reader too, and such
imports are how cycles usually hide). Strongly connected components of more than one module (or a
module importing itself) are cycles."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "bot")
SKIP = ("core/db/migrations/versions",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if not any(str(path.relative_to(ROOT)).startswith(skip) for skip in SKIP):
                found[module_name(path)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `name` imports (a `from package import module` names the module)."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package
                package = name.split(".") if is_package else name.split(".")[:-1]
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else base)
    return {t for t in targets if t in known and t != name} | ({name} & targets)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, keeping those that are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges.get(v, ()):
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_in_core_and_bot() -> None:
    edges = graph()
    assert len(edges) > 100 and "bot.app" in edges and "core.service.tickets" in edges
    assert cycles(edges) == []


def test_the_check_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert sorted(cycles(edges)) == [["a", "b", "c"], ["e"]]


def test_type_checking_and_deferred_imports_count() -> None:
    edges = graph()
    # bot/dialogs/step.py names the dialogs' Context only under TYPE_CHECKING
    assert "bot.dialogs.context" in edges["bot.dialogs.step"]


def test_only_the_entry_points_import_the_composition_root() -> None:
    """Components get their collaborators handed in; only what starts the program wires it."""
    entry_points = ("bot.cli", "bot.commands.", "bot.server", "bot.workers")
    importers = sorted(name for name, targets in graph().items() if "bot.app" in targets)
    assert importers and all(name.startswith(entry_points) for name in importers), importers
