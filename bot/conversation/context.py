"""What a step may know beyond its saved state, read from the core before each step (in the step's
transaction): the time, the grids' communities, who the sender is (resident or staff), the group's
binding, a survey waiting for their rating."""

from __future__ import annotations

import json
import time
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.context import BindingInfo, Context, StaffInfo
from bot.dialogs.settings import DialogSettings
from bot.dialogs.survey import typed_rating, unresolved_said
from bot.dialogs.understand import Community, Reader, communities_from_patterns
from core.clock import Clock
from core.db import grid_version
from core.messages import Incoming
from core.service import chats
from core.service.chats import GridRow, Known
from core.service.directory import Directory


class ContextLoader:
    def __init__(self, directory: Directory, clock: Clock, tz: ZoneInfo, settings: DialogSettings,
                 reader: Reader, *, gas_phone: str) -> None:
        self.directory, self.clock, self.tz, self.settings = directory, clock, tz, settings
        self.reader, self.gas_phone = reader, gas_phone
        self._communities_key: tuple[GridRow, ...] | None = None
        self._communities_memo: tuple[Community, ...] = ()
        self._grids: tuple[GridRow, ...] = ()
        self._grids_version: str | None = None  # the token the grids kept were read under
        self._grids_read_at = 0.0

    async def load(self, inc: Incoming, s: AsyncSession, *, known: Known | None = None) -> Context:
        """What the step may know, read in the caller's transaction (with the saved state).
        `known`: what the channel has already read of it in that transaction (WeChat, noting that
        they wrote: who writes, and the grids' token); the rest is read here."""
        now = self.clock.now()
        resident_id = last_phone = None
        pending = found = row = thread = about = None
        grids = await self._active_grids(s, known.grids_version if known is not None else None)
        writer = known.writer if known is not None else None
        if inc.chat_kind == "private":
            if writer is None:
                writer = await chats.writer(s, inc.channel, inc.sender)
            if writer is not None and writer.resident_id is not None:
                resident_id, last_phone = writer.resident_id, writer.last_phone
                if not inc.photos and (typed_rating(inc.text) is not None or unresolved_said(inc.text)):
                    # one query only for a rating's words, or 「还是不亮」 (not fixed)
                    waiting = await chats.pending_survey(s, resident_id)
                    pending, about = (waiting[:2], waiting[2]) if waiting is not None else (None, None)
                if (inc.text or inc.photos) and not inc.command and inc.choice is None:
                    thread = await chats.desk_thread(s, resident_id, now - self.settings.desk_thread)
            # most who write privately are residents: no staff lookup for an identity without staff
            maybe_staff = writer is not None and writer.staff_id is not None
        else:
            maybe_staff = True
            # who may act in a group: the group's binding
            row = await self.directory.group_binding(inc.channel, inc.chat, session=s)
        if maybe_staff:
            found = await self.directory.staff_by_identity(inc.channel, inc.sender, session=s)
        staff = (
            StaffInfo(found.staff.id, found.staff.name, found.staff.role, found.grid_ids, found.identity.id)
            if found is not None
            else None
        )
        binding = BindingInfo(row.purpose, row.grid_id) if row is not None else None
        return Context(
            now=now,
            tz=self.tz,
            settings=self.settings,
            gas_phone=self.gas_phone,
            communities=self._communities(grids),
            reader=self.reader,
            resident_id=resident_id,
            last_phone=last_phone,
            staff=staff,
            binding=binding,
            pending_survey=pending,
            pending_survey_about=about,
            sender_name=inc.sender_name,
            in_group=inc.chat_kind == "group",
            desk_thread=thread,
        )

    async def _active_grids(self, s: AsyncSession, version: str | None) -> tuple[GridRow, ...]:
        """The active grids: the ones read last when the grids' token is known and the same as
        then (core/db/grid_version.py: any change to the grids through the app, in any process,
        changes it in the same transaction), and they were read less than MAX_AGE seconds ago;
        otherwise read now (in `s`: the token was read before, so the rows are at least as new)."""
        if version is not None and version == self._grids_version \
                and time.monotonic() - self._grids_read_at < grid_version.MAX_AGE:
            return self._grids
        self._grids = await chats.active_grids(s)
        self._grids_version, self._grids_read_at = version, time.monotonic()
        return self._grids

    def _communities(self, grids: tuple[GridRow, ...]) -> tuple[Community, ...]:
        """The communities the grids cover, rebuilt only when the grid rows change (they rarely do;
        an edit through the app in any process is seen on the next message, see `_active_grids`)."""
        # plain values, the patterns still JSON text: compared as they come
        if grids != self._communities_key:
            built = []
            for g in grids:
                center = (g.center_lat, g.center_lng) if g.center_lat is not None and g.center_lng is not None else None
                names = (json.loads(g.patterns) if g.patterns else None) or []
                c = communities_from_patterns(g.code, g.id, g.name, names, center, g.radius_m)
                if c is not None:
                    built.append(c)
            self._communities_key, self._communities_memo = grids, tuple(built)
        return self._communities_memo
