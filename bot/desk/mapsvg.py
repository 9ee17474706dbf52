"""A small map of where a ticket is: the grids' polygons (or centre circles) and the shared point,
drawn as SVG in Web Mercator pixels, over one background tile when a tile URL is configured. No
script, no outside request unless the operator configured tiles."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from core.db.models import Grid

WIDTH, HEIGHT, PAD = 320, 220, 16
TILE = 256


@dataclass(frozen=True)
class Shape:
    name: str
    points: list[tuple[float, float]]  # lat, lng
    circle: tuple[float, float, float] | None = None  # lat, lng, radius m
    mine: bool = False


def _world(lat: float, lng: float, zoom: int) -> tuple[float, float]:
    scale = TILE * 2 ** zoom
    x = (lng + 180) / 360 * scale
    s = math.sin(math.radians(max(-85.0, min(85.0, lat))))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return x, y


def shapes_for(grids: Sequence[Grid], grid_id: int | None) -> list[Shape]:
    out = []
    for g in grids:
        if g.polygon:
            out.append(Shape(g.name, [(float(p[0]), float(p[1])) for p in g.polygon], mine=g.id == grid_id))
        elif g.center_lat is not None and g.center_lng is not None:
            out.append(Shape(g.name, [], (g.center_lat, g.center_lng, g.radius_m or 500.0), mine=g.id == grid_id))
    return out


def svg_map(point: tuple[float, float] | None, shapes: Sequence[Shape], *, tiles: str | None = None,
            label: str = "") -> Markup | None:
    """None when there is nothing to place."""
    mine = [s for s in shapes if s.mine]
    focus = mine or list(shapes)
    coords: list[tuple[float, float]] = [point] if point else []
    for shape in focus:
        coords += shape.points
        if shape.circle:
            lat, lng, radius = shape.circle
            dlat = radius / 111_320
            dlng = radius / (111_320 * max(0.1, math.cos(math.radians(lat))))
            coords += [(lat - dlat, lng - dlng), (lat + dlat, lng + dlng)]
    if not coords:
        return None
    zoom = 18
    while zoom > 3:
        xs, ys = zip(*(_world(lat, lng, zoom) for lat, lng in coords), strict=True)
        if max(xs) - min(xs) <= WIDTH - 2 * PAD and max(ys) - min(ys) <= HEIGHT - 2 * PAD:
            break
        zoom -= 1
    xs, ys = zip(*(_world(lat, lng, zoom) for lat, lng in coords), strict=True)
    ox = (min(xs) + max(xs)) / 2 - WIDTH / 2
    oy = (min(ys) + max(ys)) / 2 - HEIGHT / 2

    def at(lat: float, lng: float) -> tuple[float, float]:
        x, y = _world(lat, lng, zoom)
        return round(x - ox, 1), round(y - oy, 1)

    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="map-title" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="map-title">{escape(label or "位置示意图")}</title>']
    if tiles:
        cx, cy = _world(*(coords[0] if point is None else point), zoom)
        tx, ty = int(cx // TILE), int(cy // TILE)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                url = tiles.format(z=zoom, x=tx + dx, y=ty + dy)
                parts.append(f'<image href="{escape(url)}" x="{(tx + dx) * TILE - ox:.1f}" '
                             f'y="{(ty + dy) * TILE - oy:.1f}" width="{TILE}" height="{TILE}"/>')
    for shape in shapes:
        style = 'fill="#0b5cad" fill-opacity="0.12" stroke="#0b5cad"' if shape.mine else \
            'fill="#9aa5b1" fill-opacity="0.08" stroke="#9aa5b1"'
        if shape.points:
            pts = " ".join(f"{x},{y}" for x, y in (at(lat, lng) for lat, lng in shape.points))
            parts.append(f'<polygon points="{pts}" {style} stroke-width="1.5"><title>{escape(shape.name)}</title></polygon>')
        elif shape.circle:
            lat, lng, radius = shape.circle
            x, y = at(lat, lng)
            edge = at(lat + radius / 111_320, lng)
            r = abs(edge[1] - y)
            parts.append(f'<circle cx="{x}" cy="{y}" r="{r:.1f}" {style} stroke-width="1.5">'
                         f'<title>{escape(shape.name)}</title></circle>')
    if point:
        x, y = at(*point)
        parts.append(f'<circle cx="{x}" cy="{y}" r="6" fill="#b42318" stroke="#fff" stroke-width="2">'
                     f'<title>{escape(label or "居民发送的位置")}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))
