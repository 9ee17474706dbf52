"""Loading grids from a file (`complaint-bot grid import FILE`): CSV or TOML, validated in full
before anything is written, then created or updated by code in one transaction (running it twice
changes nothing the second time). Grids not in the file are left alone.

CSV (UTF-8, header row; only ``code`` and ``name`` are required)::

    code,name,patterns,center,radius_m,polygon
    XFL,幸福里网格,幸福里小区|幸福里 1-6栋;阳光花园 7栋,"30.2741,120.1551",500,
    YG,阳光网格,阳光新村,,,"30.279,120.161;30.279,120.166;30.2815,120.166"

``patterns`` are separated by ``;`` (see :mod:`core.dispatch.patterns` for one pattern's syntax),
``center`` is ``LAT,LNG``, ``polygon`` is ``LAT,LNG;LAT,LNG;…`` (or a JSON list of pairs).

TOML: one ``[[grid]]`` table per grid with the same keys; ``patterns`` a list of strings,
``center`` ``[lat, lng]``, ``polygon`` ``[[lat, lng], …]``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from core.clock import Clock
from core.db.engine import Database
from core.db.models import Grid
from core.dispatch import geo
from core.dispatch.patterns import PatternError, parse_pattern
from core.errors import InvalidInput
from core.service.directory import GRID_CODE

MAX_FILE = 5 * 1024 * 1024
MAX_GRIDS = 10_000
MAX_POLYGON = 2_000
MAX_RADIUS_M = 50_000.0
COLUMNS = ("code", "name", "patterns", "center", "radius_m", "polygon")
KEYS = frozenset(COLUMNS)
_TOML_HEADER = re.compile(r"^\s*\[\[\s*(grid|grids)\s*\]\]")


class GridFileError(InvalidInput):
    """A grid file that cannot be imported; the message names the file and line."""

    code = "grid_file"


@dataclass(frozen=True)
class GridSpec:
    code: str
    name: str
    patterns: tuple[str, ...]
    center: tuple[float, float] | None
    radius_m: float | None
    polygon: tuple[tuple[float, float], ...] | None
    line: int  # where it was defined, for messages


@dataclass(frozen=True)
class ImportResult:
    created: list[str]
    updated: list[str]
    unchanged: list[str]


def read_grid_file(path: str | Path) -> list[GridSpec]:
    path = Path(path)
    if not path.is_file():
        raise GridFileError(f"file not found: {path}")
    if path.stat().st_size > MAX_FILE:
        raise GridFileError(f"{path.name}: larger than {MAX_FILE // (1024 * 1024)} MB, not a grid file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GridFileError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(text, path.name)
    if suffix == ".toml":
        return parse_toml(text, path.name)
    raise GridFileError(f"{path.name}: use a .csv or .toml file")


def parse_csv(text: str, name: str = "grids.csv") -> list[GridSpec]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise GridFileError(f"{name}: empty file (the first line must be a header: {','.join(COLUMNS)})")
        columns = [h.strip().lower() for h in header]
        unknown = [c for c in columns if c not in KEYS]
        if unknown:
            raise GridFileError(
                f"{name}:1: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}"
            )
        missing = [c for c in ("code", "name") if c not in columns]
        if missing:
            raise GridFileError(f"{name}:1: missing column(s) {', '.join(missing)}")
        specs: list[GridSpec] = []
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                raise GridFileError(
                    f"{name}:{line}: {len(row)} fields but the header has {len(columns)} "
                    "(quote values that contain commas)"
                )
            values = dict(zip(columns, (c.strip() for c in row), strict=False))
            where = f"{name}:{line}"
            specs.append(
                _spec(
                    where,
                    line,
                    {
                        "code": values.get("code", ""),
                        "name": values.get("name", ""),
                        "patterns": [
                            p for p in re.split(r"[;\n；]", values.get("patterns", "")) if p.strip()
                        ],
                        "center": values.get("center") or None,
                        "radius_m": values.get("radius_m") or None,
                        "polygon": values.get("polygon") or None,
                    },
                )
            )
            _check_count(specs, name)
    except csv.Error as exc:
        raise GridFileError(f"{name}:{reader.line_num}: malformed CSV ({exc})") from None
    return _finish(specs, name)


def parse_toml(text: str, name: str = "grids.toml") -> list[GridSpec]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GridFileError(f"{name}: not valid TOML: {exc}") from None
    other = sorted(k for k in data if k not in ("grid", "grids"))
    if other:
        raise GridFileError(
            f"{name}: unknown top-level key(s) {', '.join(other)}; write one [[grid]] table per grid"
        )
    tables = data.get("grid", data.get("grids"))
    if not isinstance(tables, list) or not tables:
        raise GridFileError(f"{name}: no [[grid]] tables")
    lines = [n for n, raw in enumerate(text.splitlines(), 1) if _TOML_HEADER.match(raw)]
    specs = []
    for i, table in enumerate(tables):
        line = lines[i] if i < len(lines) else 0
        where = f"{name}:{line}" if line else f"{name}: grid #{i + 1}"
        if not isinstance(table, dict):
            raise GridFileError(f"{where}: a grid must be a table")
        unknown = sorted(set(table) - KEYS)
        if unknown:
            raise GridFileError(
                f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}"
            )
        specs.append(_spec(where, line, table))
        _check_count(specs, name)
    return _finish(specs, name)


def _check_count(specs: list[GridSpec], name: str) -> None:
    if len(specs) > MAX_GRIDS:
        raise GridFileError(f"{name}: more than {MAX_GRIDS} grids")


def _finish(specs: list[GridSpec], name: str) -> list[GridSpec]:
    if not specs:
        raise GridFileError(f"{name}: no grids in the file")
    seen: dict[str, int] = {}
    for spec in specs:
        if spec.code in seen:
            raise GridFileError(
                f"{name}:{spec.line}: grid code {spec.code} already defined on line {seen[spec.code]}"
            )
        seen[spec.code] = spec.line
    return specs


def _spec(where: str, line: int, raw: dict[str, Any]) -> GridSpec:
    code = raw.get("code")
    if not isinstance(code, str) or not GRID_CODE.match(code.strip()):
        raise GridFileError(f"{where}: code {code!r} must be 1-40 letters, digits, - or _")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GridFileError(f"{where}: grid {code} has no name")
    if len(name.strip()) > 100:
        raise GridFileError(f"{where}: grid {code}: name longer than 100 characters")
    patterns = raw.get("patterns") or []
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise GridFileError(f"{where}: grid {code}: patterns must be a list of strings")
    for pattern in patterns:
        try:
            parse_pattern(pattern)
        except PatternError as exc:
            raise GridFileError(f"{where}: grid {code}: pattern {pattern.strip()!r}: {exc}") from None
    center = _point(where, code, "center", raw.get("center"))
    radius = raw.get("radius_m")
    if radius is not None:
        try:
            radius = float(radius)
        except (TypeError, ValueError):
            raise GridFileError(f"{where}: grid {code}: radius_m {radius!r} is not a number") from None
        if not (0 < radius <= MAX_RADIUS_M):
            raise GridFileError(
                f"{where}: grid {code}: radius_m must be between 0 and {MAX_RADIUS_M:.0f} metres"
            )
        if center is None:
            raise GridFileError(f"{where}: grid {code}: radius_m needs a center")
    polygon = _polygon(where, code, raw.get("polygon"))
    if not patterns and center is None and polygon is None:
        raise GridFileError(
            f"{where}: grid {code}: give patterns, a center or a polygon — otherwise nothing "
            "can be routed to it"
        )
    return GridSpec(
        code.strip(), name.strip(), tuple(p.strip() for p in patterns), center, radius, polygon, line
    )


def _point(where: str, code: str, what: str, value: Any) -> tuple[float, float] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.replace("，", ",").split(",")
    try:
        if len(value) != 2:
            raise ValueError
        lat, lng = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        raise GridFileError(f"{where}: grid {code}: {what} must be LAT,LNG (e.g. 30.2741,120.1551)") from None
    if not geo.valid_point(lat, lng):
        raise GridFileError(f"{where}: grid {code}: {what} {lat},{lng} is not a point on Earth (lat first)")
    return lat, lng


def _polygon(where: str, code: str, value: Any) -> tuple[tuple[float, float], ...] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise GridFileError(f"{where}: grid {code}: polygon is not valid JSON") from None
        else:
            value = [p for p in re.split(r"[;；]", text) if p.strip()]
    if not isinstance(value, list):
        raise GridFileError(f"{where}: grid {code}: polygon must be a list of LAT,LNG points")
    if len(value) > MAX_POLYGON:
        raise GridFileError(f"{where}: grid {code}: polygon has more than {MAX_POLYGON} points")
    points = []
    for n, p in enumerate(value, 1):
        point = _point(where, code, f"polygon point {n}", p)
        assert point is not None
        points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # a closed ring: the last point repeats the first
    if len(points) < 3:
        raise GridFileError(f"{where}: grid {code}: a polygon needs at least 3 points")
    if geo.area(points) == 0 or not all(math.isfinite(c) for p in points for c in p):
        raise GridFileError(f"{where}: grid {code}: the polygon has no area (points on one line?)")
    return tuple(points)


async def import_grids(db: Database, clock: Clock, specs: Sequence[GridSpec]) -> ImportResult:
    created: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    async with db.transaction() as s:
        existing = {
            g.code: g
            for g in (
                await s.execute(select(Grid).where(Grid.code.in_([spec.code for spec in specs])))
            ).scalars()
        }
        for spec in specs:
            values: dict[str, Any] = {
                "name": spec.name,
                "address_patterns": list(spec.patterns),
                "center_lat": spec.center[0] if spec.center else None,
                "center_lng": spec.center[1] if spec.center else None,
                "radius_m": spec.radius_m,
                "polygon": [list(p) for p in spec.polygon] if spec.polygon else None,
                "active": True,
            }
            grid = existing.get(spec.code)
            if grid is None:
                s.add(Grid(code=spec.code, created_at=clock.now(), **values))
                created.append(spec.code)
                continue
            if all(_same(getattr(grid, k), v) for k, v in values.items()):
                unchanged.append(spec.code)
                continue
            for key, value in values.items():
                setattr(grid, key, value)
            updated.append(spec.code)
    return ImportResult(created, updated, unchanged)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
