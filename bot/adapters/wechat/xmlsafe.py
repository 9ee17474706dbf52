"""Parsing what WeChat posts without trusting it: no DOCTYPE, no entities (billion laughs,
external entities), only a flat <xml> root. Every refusal says why, for the operator's log."""

from __future__ import annotations

from typing import Any
from xml.parsers import expat

import xmltodict


class BadXML(ValueError):
    """The body is not XML we accept; `reason` goes to the log, never to the sender."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _refuse_doctype(*_args: object) -> None:
    raise BadXML("DOCTYPE declarations are not accepted")


def _refuse_entity(*_args: object) -> None:
    raise BadXML("ENTITY declarations are not accepted")


class _NoDTDExpat:
    """Hands xmltodict an expat parser that stops at the first DOCTYPE, whatever the encoding
    (a byte search for "<!DOCTYPE" would miss UTF-16)."""

    @staticmethod
    def ParserCreate(encoding: str | None = None, namespace_separator: str | None = None) -> Any:  # noqa: N802
        parser = expat.ParserCreate(encoding, namespace_separator)
        parser.StartDoctypeDeclHandler = _refuse_doctype
        parser.EntityDeclHandler = _refuse_entity
        return parser


def parse_xml(raw: bytes | str) -> dict[str, Any]:
    """The fields of a WeChat <xml> document (values are strings or nested dicts)."""
    if not raw or not (raw.strip() if isinstance(raw, bytes) else raw.strip()):
        raise BadXML("empty body")
    try:
        doc = xmltodict.parse(raw, expat=_NoDTDExpat, disable_entities=True)
    except BadXML:
        raise
    except expat.ExpatError as exc:
        raise BadXML(f"not well-formed XML: {exc}") from None
    except ValueError as exc:  # xmltodict's own "entities are disabled", bad encodings
        raise BadXML(f"refused XML: {exc}") from None
    root = doc.get("xml") if isinstance(doc, dict) else None
    if not isinstance(root, dict):
        raise BadXML("the root element must be <xml> with child fields")
    return root


def text_field(fields: dict[str, Any], name: str) -> str | None:
    """A scalar field as text; None when missing or not a plain value."""
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return None
