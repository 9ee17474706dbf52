"""Bodies built to hurt, posted to the webhook with the right secret: nesting deep enough to break
the JSON parser or the model, or merely deeper than any update. Each is a 400, never a 500, and
nothing is claimed or handled."""

from __future__ import annotations

import aiohttp
import pytest
from sqlalchemy import func, select

from core.db.models import ProcessedUpdate
from tests.telegram.conftest import SECRET, Harness

pytestmark = pytest.mark.parametrize("mode", ["webhook"])

MESSAGE = '{"message_id": 1, "date": 1700000000, "chat": {"id": 1001, "type": "private"}, "text": "hi"'


def _deep_dict(levels: int) -> str:
    return '{"a": ' * levels + '"x"' + "}" * levels


def _replies(levels: int) -> str:
    """A message replying to a message replying to … `levels` times."""
    return (MESSAGE + ', "reply_to_message": ') * levels + MESSAGE + "}" * (levels + 1)


HOSTILE = {
    "arrays past the parser's recursion limit": '{"update_id": 9001, "message": ' + "[" * 5000 + "]" * 5000 + "}",
    "objects past the parser's recursion limit": '{"update_id": 9002, "message": ' + _deep_dict(5000) + "}",
    "deep in a field the model keeps as extra": '{"update_id": 9003, "extra": ' + _deep_dict(900) + "}",
    "a chain of replies deeper than any update": '{"update_id": 9004, "message": ' + _replies(300) + "}",
    "text that is an object": '{"update_id": 9005, "message": ' + MESSAGE.replace('"hi"', _deep_dict(50)) + "}}",
}


@pytest.mark.parametrize("what", list(HOSTILE))
async def test_deeply_nested_json_is_400(tg: Harness, what: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(tg.webhook_url, data=HOSTILE[what],
                             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                      "Content-Type": "application/json"}) as resp:
            assert resp.status == 400, (resp.status, await resp.text())
            assert (await resp.json())["ok"] is False
    assert tg.engine.seen == []
    async with tg.app.db.transaction() as s:
        assert (await s.execute(select(func.count()).select_from(ProcessedUpdate))).scalar_one() == 0
