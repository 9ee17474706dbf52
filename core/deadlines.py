"""Deadlines (处理期限) from the seeds, configurable per category.

Defaults: simple ≤ 24 h; complex ≤ 3 working days; very complex ≤ 15 working days and never longer;
first answer to the resident ≤ 3 days; unresolved after 7 working days → escalation to the head;
emergencies: someone on the way within minutes, under control within an hour; a consultation (咨询)
only has to be answered, within 1 working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from core.enums import Complexity, Kind, Urgency
from core.errors import InvalidInput
from core.workcalendar import WorkCalendar

MAX_WORKDAYS = 15  # seed: very complex matters "不得超过15个工作日"


@dataclass(frozen=True)
class DeadlineRule:
    simple_hours: float = 24
    complex_workdays: int = 3
    very_complex_workdays: int = 15
    first_response_hours: float = 72
    escalate_workdays: int = 7
    emergency_claim_minutes: float = 10
    emergency_resolve_minutes: float = 60
    urgent_claim_minutes: float = 30
    urgent_resolve_hours: float = 24
    normal_claim_hours: float = 4
    # a consultation (咨询) is answered, not repaired: its only deadline is the answer
    consult_answer_workdays: int = 1
    complexity: Complexity = Complexity.SIMPLE  # the category's usual complexity

    def __post_init__(self) -> None:
        if not 0 < self.very_complex_workdays <= MAX_WORKDAYS:
            raise InvalidInput(f"very_complex_workdays must be 1..{MAX_WORKDAYS}")
        if not 0 < self.complex_workdays <= self.very_complex_workdays:
            raise InvalidInput("complex_workdays must be positive and ≤ very_complex_workdays")
        if self.consult_answer_workdays <= 0:
            raise InvalidInput("consult_answer_workdays must be positive")
        for name in ("simple_hours", "first_response_hours", "emergency_claim_minutes",
                     "emergency_resolve_minutes", "urgent_claim_minutes", "urgent_resolve_hours",
                     "normal_claim_hours"):
            if getattr(self, name) <= 0:
                raise InvalidInput(f"{name} must be positive")


@dataclass(frozen=True)
class Deadlines:
    due_at: datetime  # resolve by
    claim_due_at: datetime  # someone must have claimed it by
    first_response_due_at: datetime  # first answer to the resident by
    escalate_at: datetime  # unresolved by then → the head of the organisation


@dataclass
class DeadlinePolicy:
    calendar: WorkCalendar
    default: DeadlineRule = field(default_factory=DeadlineRule)
    per_category: dict[str, DeadlineRule] = field(default_factory=dict)

    @classmethod
    def from_config(
        cls, calendar: WorkCalendar, config: Mapping[str, Any], complexities: Mapping[str, str] | None = None
    ) -> DeadlinePolicy:
        """`config` is the [deadlines] table: defaults at top level, [deadlines.categories.<name>]
        overrides per category. `complexities` gives each category's usual complexity (from
        [[categories]]); an override in [deadlines.categories] wins."""
        base = _rule_from(DeadlineRule(), {k: v for k, v in config.items() if k != "categories"})
        overrides = dict(config.get("categories", {}))
        names = set(overrides) | set(complexities or {})
        categories = {
            name: _rule_from(base, {**({"complexity": complexities[name]} if complexities and name in complexities
                                       else {}), **overrides.get(name, {})})
            for name in names
        }
        return cls(calendar=calendar, default=base, per_category=categories)

    def rule_for(self, category: str | None) -> DeadlineRule:
        return self.per_category.get(category or "", self.default)

    def complexity_for(self, category: str | None) -> Complexity:
        return self.rule_for(category).complexity

    def compute(
        self,
        filed_at: datetime,
        *,
        category: str | None,
        urgency: Urgency,
        complexity: Complexity,
        kind: Kind | None = None,
    ) -> Deadlines:
        rule = self.rule_for(category)
        cal = self.calendar
        if kind in (Kind.CONSULT, Kind.PRAISE) and urgency is not Urgency.EMERGENCY:
            # no repair deadline: answering the question (or passing the thanks on) is the whole of the work
            answer = cal.add_workdays(filed_at, rule.consult_answer_workdays)
            claim = min(filed_at + timedelta(hours=rule.normal_claim_hours), answer)
            return Deadlines(due_at=answer, claim_due_at=claim, first_response_due_at=answer,
                             escalate_at=cal.add_workdays(filed_at, rule.escalate_workdays))
        if urgency is Urgency.EMERGENCY:
            claim = filed_at + timedelta(minutes=rule.emergency_claim_minutes)
            due = filed_at + timedelta(minutes=rule.emergency_resolve_minutes)
        else:
            if complexity is Complexity.SIMPLE:
                due = filed_at + timedelta(hours=rule.simple_hours)
            elif complexity is Complexity.COMPLEX:
                due = cal.add_workdays(filed_at, rule.complex_workdays)
            else:
                due = cal.add_workdays(filed_at, rule.very_complex_workdays)
            if urgency is Urgency.URGENT:
                claim = filed_at + timedelta(minutes=rule.urgent_claim_minutes)
                due = min(due, filed_at + timedelta(hours=rule.urgent_resolve_hours))
            else:
                claim = filed_at + timedelta(hours=rule.normal_claim_hours)
        first_response = min(filed_at + timedelta(hours=rule.first_response_hours), due)
        escalate = cal.add_workdays(filed_at, rule.escalate_workdays)
        return Deadlines(
            due_at=due, claim_due_at=min(claim, due), first_response_due_at=first_response, escalate_at=escalate
        )


def _rule_from(base: DeadlineRule, overrides: Mapping[str, Any]) -> DeadlineRule:
    known = set(DeadlineRule.__dataclass_fields__)
    unknown = set(overrides) - known
    if unknown:
        raise InvalidInput(f"unknown deadline setting(s): {', '.join(sorted(unknown))}")
    values = dict(overrides)
    if "complexity" in values:
        values["complexity"] = Complexity(values["complexity"])
    return replace(base, **values)
