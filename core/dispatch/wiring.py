"""Smart dispatch wired from the settings: what `bot.app.build_app` installs by default."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError

from core.clock import Clock
from core.config import Settings
from core.db.engine import Database
from core.dispatch.assessor import ClassifierAssessor
from core.dispatch.duplicates import DuplicateChecker, DuplicateRules
from core.dispatch.router import GridRouter
from core.errors import InvalidInput
from core.service.tickets import Assessor, Router

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchParts:
    assessor: Assessor
    router: Router
    duplicates: DuplicateChecker


def rules_from(settings: Settings) -> DuplicateRules:
    if settings.duplicate_window_hours <= 0:
        raise InvalidInput("DUPLICATE_WINDOW_HOURS must be positive")
    if not 0 < settings.duplicate_min_similarity <= 1:
        raise InvalidInput("DUPLICATE_MIN_SIMILARITY must be between 0 and 1")
    defaults = DuplicateRules()
    return DuplicateRules(
        window=timedelta(hours=settings.duplicate_window_hours),
        min_similarity=settings.duplicate_min_similarity,
        # the same-unit allowance keeps its distance below the text threshold
        unit_similarity=max(
            0.0, settings.duplicate_min_similarity - (defaults.min_similarity - defaults.unit_similarity)
        ),
    )


def smart_dispatch(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    assessor: Assessor | None = None,
    router: Router | None = None,
) -> DispatchParts:
    """The classifier assessor, the grid router and the duplicate check; given parts are kept."""
    if assessor is None:
        assessor = ClassifierAssessor(settings.category_names, settings.classifier_model, settings.hazard_categories)
    if settings.route_radius_m <= 0:
        raise InvalidInput("ROUTE_RADIUS_M must be positive")
    places = getattr(assessor, "add_places", None)
    grid_router = (
        router
        if isinstance(router, GridRouter)
        else GridRouter(
            {c.name: c.department for c in settings.categories},
            default_radius_m=settings.route_radius_m,
            on_places=places if callable(places) else None,
        )
    )
    return DispatchParts(
        assessor,
        router or grid_router,
        DuplicateChecker(db, clock, assessor, grid_router, rules_from(settings)),
    )


async def warm_up(db: Database, assessor: Assessor | None, router: Router | None) -> None:
    """Before the first resident writes: teach jieba the grids' place names and load the classifier
    (off the event loop), so a bad model file stops `serve` at once instead of failing a resident."""
    if isinstance(assessor, ClassifierAssessor):
        await asyncio.to_thread(assessor.assess, "电梯坏了")
    if isinstance(router, GridRouter):
        try:
            async with db.transaction() as s:
                await router.index(s)
        except SQLAlchemyError as exc:  # no schema yet: `serve` itself says what to do about that
            log.warning("grid place names not loaded: %s", str(exc).splitlines()[0][:200])
