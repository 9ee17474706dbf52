"""Short answers to common questions (知识库 / 快捷回复): the desk keeps them, inserts them into
replies, and the bot offers the one that matches a resident's consultation (咨询) before filing it.

Matching is by the answer's keywords (and its title's words) found in the question, after the
same normalisation as every parser (full-width made half-width, invisible characters gone); a keyword is a
phrase people type (停车位, 物业费, 开证明). The best answer must hit at least one keyword and beat
the next one, or nothing is offered: a wrong answer costs the resident more than none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from core.clock import Clock
from core.db.desk_models import QuickAnswer
from core.db.engine import Database
from core.errors import InvalidInput, NotFound
from core.text.normalize import normalize

MAX_TITLE = 100
MAX_BODY = 600
MAX_KEYWORDS = 20
_SPLIT = re.compile(r"[\s,，、;；/|]+")


@dataclass(frozen=True)
class Match:
    answer: QuickAnswer
    score: float
    hits: tuple[str, ...]


def keywords_of(answer: QuickAnswer) -> list[str]:
    words = [normalize(k).strip().lower() for k in answer.keywords or [] if str(k).strip()]
    words += [w for w in (normalize(x).strip().lower() for x in _SPLIT.split(answer.title)) if len(w) >= 2]
    return list(dict.fromkeys(words))


def score(answer: QuickAnswer, text: str, category: str | None = None) -> Match:
    norm = normalize(text).lower()
    hits = tuple(k for k in keywords_of(answer) if k and k in norm)
    value = sum(len(k) for k in hits) + (0.5 if hits and category and answer.category == category else 0.0)
    return Match(answer, value, hits)


def best_match(answers: Sequence[QuickAnswer], text: str, category: str | None = None) -> Match | None:
    """The answer for this question, or None when none fits clearly."""
    ranked = sorted((score(a, text, category) for a in answers if a.active), key=lambda m: -m.score)
    if not ranked or not ranked[0].hits:
        return None
    if len(ranked) > 1 and ranked[1].score == ranked[0].score:
        return None  # two answers fit as well: let a person choose
    return ranked[0]


def parse_keywords(raw: str) -> list[str]:
    words = [w.strip() for w in _SPLIT.split(raw or "") if w.strip()]
    if len(words) > MAX_KEYWORDS:
        raise InvalidInput(f"关键词最多{MAX_KEYWORDS}个")
    if any(len(w) > 30 for w in words):
        raise InvalidInput("每个关键词最多30字")
    return words


class QuickAnswers:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    async def all(self, *, active_only: bool = False) -> list[QuickAnswer]:
        async with self.db.transaction() as s:
            query = select(QuickAnswer).order_by(QuickAnswer.title)
            if active_only:
                query = query.where(QuickAnswer.active.is_(True))
            return list((await s.execute(query)).scalars())

    async def save(self, *, title: str, body: str, keywords: Sequence[str], category: str | None,
                   staff_id: int | None, answer_id: int | None = None, active: bool = True) -> QuickAnswer:
        title, body = title.strip(), body.strip()
        if not title or len(title) > MAX_TITLE:
            raise InvalidInput(f"标题不能为空，最多{MAX_TITLE}字")
        if not body or len(body) > MAX_BODY:
            raise InvalidInput(f"答复内容不能为空，最多{MAX_BODY}字")
        now = self.clock.now()
        async with self.db.transaction() as s:
            if answer_id is None:
                answer = QuickAnswer(created_at=now)
                s.add(answer)
            else:
                found = await s.get(QuickAnswer, answer_id)
                if found is None:
                    raise NotFound("没有这条答复")
                answer = found
            answer.title, answer.body, answer.keywords = title, body, list(keywords)
            answer.category, answer.active, answer.updated_at, answer.updated_by = category, active, now, staff_id
        return answer

    async def suggest(self, text: str, *, category: str | None = None, limit: int = 5) -> list[QuickAnswer]:
        """Answers worth inserting into a reply about `text`, best first (those that hit nothing last)."""
        answers = await self.all(active_only=True)
        ranked = sorted(answers, key=lambda a: -score(a, text, category).score)
        return ranked[:limit]

    async def match(self, text: str, category: str | None = None) -> Match | None:
        """For the bot: the answer to offer a resident's consultation, if one fits clearly."""
        return best_match(await self.all(active_only=True), text, category)
