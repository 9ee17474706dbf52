"""The WeChat channel's fixtures, shared with tests/wechat and tests/metrics."""

from __future__ import annotations

from tests.metrics.conftest import app, settings, wechat_api, wechat_settings, world  # noqa: F401 - fixtures
