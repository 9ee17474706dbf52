"""Plane and sphere geometry small enough to own: a grid is a few hundred metres across, so its
polygon is tested in plain lat/lng coordinates, and distances to centres use the haversine."""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_M = 6_371_008.8

Point = tuple[float, float]  # (lat, lng)


def distance_m(a: Point, b: Point) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def contains(polygon: Sequence[Sequence[float]], point: Point) -> bool:
    """Even-odd ray casting; a point on an edge counts as inside (a shared boundary is decided by the
    smaller polygon, see :func:`area`)."""
    lat, lng = point
    inside = False
    n = len(polygon)
    for i in range(n):
        (y1, x1), (y2, x2) = polygon[i][:2], polygon[(i + 1) % n][:2]
        if _on_segment(y1, x1, y2, x2, lat, lng):
            return True
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lng < x_cross:
                inside = not inside
    return inside


def area(polygon: Sequence[Sequence[float]]) -> float:
    """Shoelace area in degree² — only for comparing polygons that are near each other."""
    s = 0.0
    n = len(polygon)
    for i in range(n):
        y1, x1 = polygon[i][:2]
        y2, x2 = polygon[(i + 1) % n][:2]
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def valid_point(lat: float, lng: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180


def _on_segment(y1: float, x1: float, y2: float, x2: float, y: float, x: float, eps: float = 1e-12) -> bool:
    cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)
    if abs(cross) > eps:
        return False
    return min(x1, x2) - eps <= x <= max(x1, x2) + eps and min(y1, y2) - eps <= y <= max(y1, y2) + eps
