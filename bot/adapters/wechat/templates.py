"""Template and subscription messages: what reaches a person outside the 48-hour window. Their
fields are fixed by the template chosen in the WeChat console, so the configuration maps each
field to one of our variables (number, title, status, text, category, time, hint), and values
are cut to what WeChat accepts for the field's type (thing: 20 characters, …)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.adapters.wechat import texts as tx
from core.errors import InvalidInput

VARIABLES = ("number", "title", "status", "text", "category", "time", "hint")
# the classic industry-template layout; newer templates name fields like thing1 / time2
DEFAULT_FIELDS = {"first": "title", "keyword1": "number", "keyword2": "status", "keyword3": "time", "remark": "text"}
# outbox purposes that share a template with another purpose when they have none of their own
ALIASES = {"assigned": "assignment", "assignment": "assigned", "resolved": "resolution", "resolution": "resolved"}
LIMITS = {"thing": 20, "character_string": 32, "phrase": 5, "number": 32, "letter": 32, "name": 10,
          "car_number": 8, "phone_number": 17, "amount": 32}


@dataclass(frozen=True)
class TemplateSpec:
    template_id: str
    kind: str = "template"  # template (message/template/send) or subscribe (message/subscribe/bizsend)
    fields: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    link: str | None = None  # url (template) or page (subscribe)


def parse_templates(config: Mapping[str, Any]) -> dict[str, TemplateSpec]:
    """[wechat.templates] from the configuration; a mistake stops the start with a clear message."""
    specs: dict[str, TemplateSpec] = {}
    for purpose, value in config.items():
        if isinstance(value, str):
            specs[purpose] = TemplateSpec(value)
            continue
        if not isinstance(value, Mapping) or not isinstance(value.get("id"), str):
            raise InvalidInput(f"[wechat.templates] {purpose}: give a template id, or a table with id = \"…\"")
        kind = str(value.get("kind", "template"))
        if kind not in ("template", "subscribe"):
            raise InvalidInput(f"[wechat.templates] {purpose}: kind must be template or subscribe")
        fields = dict(value.get("fields") or DEFAULT_FIELDS)
        unknown = sorted(v for v in fields.values() if v not in VARIABLES)
        if unknown:
            raise InvalidInput(f"[wechat.templates] {purpose}: unknown variable(s) {', '.join(unknown)}; "
                             f"use {', '.join(VARIABLES)}")
        link = value.get("url") or value.get("page")
        specs[purpose] = TemplateSpec(value["id"], kind, fields, str(link) if link else None)
    return specs


def spec_for(specs: Mapping[str, TemplateSpec], purpose: str) -> TemplateSpec | None:
    return specs.get(purpose) or (specs.get(ALIASES[purpose]) if purpose in ALIASES else None)


def fit(field_name: str, value: str) -> str:
    """A value cut to the field type's length (the type is the name without its digits)."""
    kind = field_name.rstrip("0123456789")
    limit = LIMITS.get(kind, 200)
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: max(1, limit - 1)] + "…"


def payload(spec: TemplateSpec, openid: str, values: Mapping[str, str]) -> dict[str, Any]:
    data = {name: {"value": fit(name, values.get(variable, ""))} for name, variable in spec.fields.items()}
    body: dict[str, Any] = {"touser": openid, "template_id": spec.template_id, "data": data}
    if spec.link:
        body["url" if spec.kind == "template" else "page"] = spec.link
    return body


def title_for(purpose: str) -> str:
    return tx.TEMPLATE_TITLES.get(purpose, tx.TEMPLATE_DEFAULT_TITLE)
