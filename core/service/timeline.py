"""Moved to core/texts/timeline.py; importable from here only for bot/ until it imports it from there."""

from core.texts.timeline import SOURCES, AudienceName, describe, lines

__all__ = ["SOURCES", "AudienceName", "describe", "lines"]
