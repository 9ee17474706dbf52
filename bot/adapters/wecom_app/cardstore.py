"""The cards' delivery bookkeeping: when a card went out (and WeCom's message id, to recall it), the
one-use response code that lets us change it for every holder, and which fresh copy replaced a card
that had no code left. WeCom returns a code with the send and another with every click; each works
once, for 72 hours (update_template_card, developer.work.weixin.qq.com/document/path/94888). The
newest unused one is kept; taking it is atomic, so two senders never spend the same code."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from core.clock import Clock
from core.db.engine import Database
from core.db.models import WeComCard

CODE_LIFETIME = timedelta(hours=72) - timedelta(minutes=10)  # WeCom's 72 h, with a margin


class CardStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    async def card(self, task_id: str) -> WeComCard | None:
        async with self.db.transaction() as s:
            return await s.get(WeComCard, task_id)

    async def current(self, task_id: str) -> WeComCard | None:
        """The card, or the fresh copy that took its place (following the chain)."""
        async with self.db.transaction() as s:
            card = await s.get(WeComCard, task_id)
            for _ in range(100):  # a chain is as long as the card's updates without a code
                if card is None or not card.replaced_by:
                    break
                card = await s.get(WeComCard, card.replaced_by)
            return card

    async def replaced(self, old: WeComCard, task_id: str, msgid: str | None, response_code: str | None) -> WeComCard:
        """A fresh copy of `old` went out as `task_id`: it is the card from now on."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            fresh = WeComCard(task_id=task_id, ticket_id=old.ticket_id, userids=list(old.userids), created_at=now,
                              sent_at=now, kind=old.kind, msgid=(msgid or "")[:300] or None,
                              response_code=(response_code or "")[:300] or None, code_at=now if response_code else None,
                              closed_at=old.closed_at, closed_label=old.closed_label, retired_at=old.retired_at)
            s.add(fresh)
            await s.execute(update(WeComCard).where(WeComCard.task_id == old.task_id).values(replaced_by=task_id))
        return fresh

    async def sent(self, task_id: str, response_code: str | None, msgid: str | None = None) -> None:
        now = self.clock.now()
        values: dict[str, object] = {"sent_at": now, "msgid": (msgid or "")[:300] or None}
        if response_code:
            values.update(response_code=response_code, code_at=now)
        async with self.db.transaction() as s:
            await s.execute(update(WeComCard).where(WeComCard.task_id == task_id).values(**values))

    async def offer(self, task_id: str, response_code: str | None) -> None:
        """A click brought a fresh code: it replaces the stored one (the newest lives longest)."""
        if not response_code:
            return
        async with self.db.transaction() as s:
            await s.execute(update(WeComCard).where(WeComCard.task_id == task_id)
                            .values(response_code=response_code[:300], code_at=self.clock.now()))

    async def take(self, task_id: str) -> tuple[str, datetime] | None:
        """The stored code and when it came, now ours alone (None: none, or too old to work)."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            row = (await s.execute(select(WeComCard.response_code, WeComCard.code_at)
                                   .where(WeComCard.task_id == task_id))).one_or_none()
            if row is None or not row.response_code:
                return None
            taken = await s.execute(update(WeComCard).where(
                WeComCard.task_id == task_id, WeComCard.response_code == row.response_code,
            ).values(response_code=None, code_at=None))
            if not taken.rowcount:  # type: ignore[attr-defined]
                return None  # another sender took it first
        if row.code_at is None or now - row.code_at >= CODE_LIFETIME:
            return None
        return str(row.response_code), row.code_at

    async def give_back(self, task_id: str, code: str, taken_at: datetime) -> None:
        """A call that failed before WeCom used the code: keep it, unless a newer one came."""
        async with self.db.transaction() as s:
            await s.execute(update(WeComCard).where(WeComCard.task_id == task_id, WeComCard.response_code.is_(None))
                            .values(response_code=code, code_at=taken_at))
