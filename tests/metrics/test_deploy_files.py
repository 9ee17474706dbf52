"""deploy/'s Prometheus alerts and Grafana dashboard ask only for figures /metrics really has."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import endpoint
from core.clock import SystemClock
from core.config import Settings
from core.db.engine import Database

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NAME = re.compile(r"\bcomplaint_bot_[a-z_]+")


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_every_figure_named_in_deploy_exists(db: Database, settings: Settings) -> None:
    body, content_type = await endpoint.exposition(endpoint.Source(db, SystemClock(), settings))
    assert content_type.startswith("text/plain")
    exported = set()
    for family in text_string_to_metric_families(body.decode()):
        exported.add(family.name)
        exported.update(sample.name for sample in family.samples)
        if family.type == "histogram":
            exported.update(f"{family.name}_{suffix}" for suffix in ("bucket", "count", "sum"))
        if family.type == "counter":
            exported.add(f"{family.name}_total")
    dashboard = json.loads((DEPLOY / "grafana-dashboard.json").read_text(encoding="utf-8"))
    queries = [t["expr"] for panel in dashboard["panels"] for t in panel.get("targets", [])]
    alerts = (DEPLOY / "complaint-bot-alerts.yml").read_text(encoding="utf-8")
    named = {name for text in [*queries, alerts] for name in NAME.findall(text)}
    assert len(named) >= 12
    assert named <= exported, sorted(named - exported)
