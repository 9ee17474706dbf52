"""Reading what a form sent, with a clear refusal naming the field at fault. Multipart forms (file
uploads) are read as a stream with a size limit, never whole into memory first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from multidict import MultiDict

from bot.desk import texts as tx
from core.errors import InvalidInput


class FieldError(InvalidInput):
    """Bad input in one field: the page shows the message beside it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.field = name


@dataclass
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Form:
    values: MultiDict[str] = field(default_factory=MultiDict)
    files: dict[str, list[Upload]] = field(default_factory=dict)

    def text(self, name: str, label: str, *, required: bool = False, limit: int = 1000) -> str:
        value = self.values.get(name, "").strip()
        if required and not value:
            raise FieldError(name, tx.FIELD_REQUIRED.format(field=label))
        if len(value) > limit:
            raise FieldError(name, tx.FIELD_TOO_LONG.format(field=label, limit=limit))
        return value

    def choice(self, name: str, label: str, allowed: Iterable[str], *, required: bool = False) -> str | None:
        value = self.text(name, label, required=required, limit=200)
        if not value:
            return None
        if value not in set(allowed):
            raise FieldError(name, tx.FIELD_INVALID.format(field=label))
        return value

    def integer(self, name: str, label: str, *, required: bool = False, low: int = 0,
                high: int = 2**31 - 1) -> int | None:
        value = self.text(name, label, required=required, limit=20)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            raise FieldError(name, tx.FIELD_INVALID.format(field=label)) from None
        if not low <= number <= high:
            raise FieldError(name, tx.FIELD_INVALID.format(field=label))
        return number

    def flag(self, name: str) -> bool:
        return self.values.get(name, "") in ("1", "on", "true", "yes")


def from_mapping(values: Mapping[str, Any]) -> Form:
    return Form(MultiDict((k, v) for k, v in values.items() if isinstance(v, str)))


async def read_form(request: web.Request, *, max_bytes: int) -> Form:
    """The submitted form. A body over `max_bytes` is refused (413) as soon as that many bytes came."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise _too_big(max_bytes)
    if request.content_type == "multipart/form-data":
        return await _multipart(request, max_bytes)
    if request.content_type not in ("application/x-www-form-urlencoded", ""):
        raise InvalidInput(tx.FORM_MALFORMED)
    posted = await request.post()
    return Form(MultiDict((k, v) for k, v in posted.items() if isinstance(v, str)))


async def _multipart(request: web.Request, max_bytes: int) -> Form:
    form = Form()
    total = 0
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, web.BodyPartReader) or not part.name:
                raise InvalidInput(tx.FORM_MALFORMED)
            chunks = []
            while chunk := await part.read_chunk(64 * 1024):
                total += len(chunk)
                if total > max_bytes:
                    raise _too_big(max_bytes)
                chunks.append(chunk)
            data = b"".join(chunks)
            if part.filename is not None:
                if data:
                    form.files.setdefault(part.name, []).append(
                        Upload(part.filename[:200], part.headers.get("Content-Type", "application/octet-stream"), data))
            else:
                form.values.add(part.name, data.decode("utf-8", errors="replace"))
    except (ValueError, AssertionError, UnicodeError):
        raise InvalidInput(tx.FORM_MALFORMED) from None
    return form


def _too_big(max_bytes: int) -> web.HTTPRequestEntityTooLarge:
    return web.HTTPRequestEntityTooLarge(
        max_size=max_bytes, actual_size=max_bytes + 1, text=tx.FORM_TOO_BIG.format(mb=max_bytes / 1024 / 1024),
        content_type="text/plain")
