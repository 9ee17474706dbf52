"""Requests aiohttp cannot even parse (here on the webhook's server, as `serve` builds it): the
parser's error quotes the raw bytes, so one client could write as much into the log as it sends."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

import pytest

from tests.wechat.conftest import Running


@pytest.fixture
def backend() -> str:
    return "sqlite"  # nothing reaches the database


async def _exchange(host: str, port: int, first: bytes, second: bytes) -> bytes:
    """One keep-alive connection: a good request, its answer, then the bad one."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(first)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length")))
        await reader.readexactly(length)
        writer.write(second)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


async def test_a_bad_request_writes_one_short_line_to_the_log(running: Running,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    url = urlsplit(running.url)
    assert url.hostname is not None and url.port is not None
    good = b"GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n"
    # a Content-Length shorter than the body: the rest is read as the next request
    bad = (f"POST {url.path} HTTP/1.1\r\nHost: bot\r\nContent-Length: 10\r\n\r\n".encode()
           + b"<xml><Content>" + b"A" * 70_000 + b"</Content></xml>")
    with caplog.at_level(logging.DEBUG, logger="aiohttp"):
        answer = await _exchange(url.hostname, url.port, good, bad)
    assert answer.startswith(b"HTTP/1.1 400") or answer.startswith(b"HTTP/1.0 400") or answer == b""
    records = [r for r in caplog.records if r.name.startswith("aiohttp")]
    assert records, "the bad request was not logged at all"
    assert len(caplog.text) < 2000, f"{len(caplog.text)} characters logged"
    assert all(r.levelno <= logging.WARNING for r in records)
    assert "BadHttpMethod" in caplog.text and "Invalid method" in caplog.text  # still says what was wrong
