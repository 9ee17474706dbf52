"""Moved to core/texts/timeline.py; importable from here only for bot/ until it imports it from there."""

from core.texts.timeline import AudienceName, describe, lines

__all__ = ["AudienceName", "describe", "lines"]
