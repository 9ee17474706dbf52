"""What the logged-in staff member may see and do, asked of core's permission rules
(core/service/permissions.py): the desk holds no rule of its own."""

from __future__ import annotations

from collections.abc import Collection

from core.db.engine import Database
from core.service import permissions
from core.service.accounts import DeskUser
from core.service.actor import Actor, Place
from core.service.permissions import DESK_ROLES, StaffFacts, Verb

# the pages that are not a ticket's, and the permission each needs
PAGE_VERBS = (Verb.FILE_FOR, Verb.FOLLOW_UP, Verb.MANAGE_ANSWERS, Verb.REPORTS, Verb.MANAGE_STAFF,
              Verb.MANAGE_GRIDS, Verb.MANAGE_CALENDAR)

__all__ = ["DESK_ROLES", "actor_for", "allowed_pages", "readable_grids", "require_page"]


def actor_for(who: DeskUser) -> Actor:
    return Actor.staff(who.staff_id, who.role, place=Place("desk"))


async def facts(db: Database, who: DeskUser) -> StaffFacts | None:
    async with db.transaction() as s:
        return await permissions.staff_facts(s, who.staff_id)


async def readable_grids(db: Database, who: DeskUser) -> Collection[int] | None:
    """The grids whose tickets `who` may list; None: every ticket."""
    return permissions.readable_grids(await facts(db, who))


async def allowed_pages(db: Database, who: DeskUser) -> set[str]:
    return {v.value for v in permissions.allowed_verbs(actor_for(who), PAGE_VERBS, staff=await facts(db, who))}


async def require_page(db: Database, who: DeskUser, verb: Verb) -> None:
    """Refuse a page the rules do not give this staff member (403 with the reason)."""
    permissions.check(actor_for(who), verb, staff=await facts(db, who))
