"""A PostgreSQL database of the doctor's own (as `serve --workers` tests have)."""

from __future__ import annotations

from tests.cli.test_serve_workers import database  # noqa: F401 - a fixture
