"""Moved to core/texts/reports.py; importable from here only for bot/ until it imports it from there."""

from core.texts.reports import FIGURES, HEAD, SECTIONS, TITLES, WORDS

__all__ = ["FIGURES", "HEAD", "SECTIONS", "TITLES", "WORDS"]
