"""Parsing what WeChat posts without trusting it. defusedxml's parser refuses DOCTYPE, entity
declarations and external references (billion laughs, XXE); the tree it feeds is built here, as
the dicts xmltodict makes (what wechatpy's message classes read), and refuses nesting deeper than
anything WeChat sends before it is built: a 2,000-level field must not reach code that recurses.
Every refusal says why, for the operator's log."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

# <xml> is level 1; WeChat's deepest (SendPicsInfo > PicList > item > PicMd5Sum) reaches 5
MAX_DEPTH = 10


class BadXML(ValueError):
    """The body is not XML we accept; `reason` goes to the log, never to the sender."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Fields:
    """An ElementTree parser target building xmltodict's shapes: an element with children is a
    dict (a repeated child a list), one without is its stripped text or None. Attributes and text
    beside children are dropped: WeChat sends neither."""

    def __init__(self) -> None:
        self._open: list[tuple[str, dict[str, Any], list[str]]] = []
        self.root: tuple[str, Any] | None = None

    def start(self, tag: str, _attrib: dict[str, str]) -> None:
        if len(self._open) >= MAX_DEPTH:
            raise BadXML(f"elements nested deeper than {MAX_DEPTH} levels")
        self._open.append((tag, {}, []))

    def data(self, text: str) -> None:
        self._open[-1][2].append(text)

    def end(self, tag: str) -> None:
        _tag, children, texts = self._open.pop()
        value: Any = children or ("".join(texts).strip() or None)
        if not self._open:
            self.root = (tag, value)
            return
        siblings = self._open[-1][1]
        if tag not in siblings:
            siblings[tag] = value
        elif isinstance(siblings[tag], list):
            siblings[tag].append(value)
        else:
            siblings[tag] = [siblings[tag], value]

    def close(self) -> tuple[str, Any] | None:
        return self.root


def parse_xml(raw: bytes | str) -> dict[str, Any]:
    """The fields of a WeChat <xml> document (values are strings, None, or nested dicts/lists)."""
    if not raw or not raw.strip():
        raise BadXML("empty body")
    target = _Fields()
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(raw)
        parsed = parser.close()
    except BadXML:
        raise
    except DTDForbidden:
        raise BadXML("DOCTYPE declarations are not accepted") from None
    except EntitiesForbidden:
        raise BadXML("ENTITY declarations are not accepted") from None
    except DefusedXmlException as exc:
        raise BadXML(f"refused XML: {type(exc).__name__}") from None
    except ParseError as exc:
        raise BadXML(f"not well-formed XML: {exc}") from None
    except (ValueError, LookupError) as exc:  # bad encodings
        raise BadXML(f"refused XML: {exc}") from None
    if parsed is None or parsed[0] != "xml" or not isinstance(parsed[1], dict):
        raise BadXML("the root element must be <xml> with child fields")
    fields: dict[str, Any] = parsed[1]
    return fields


def text_field(fields: dict[str, Any], name: str) -> str | None:
    """A scalar field as text; None when missing or not a plain value."""
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return None
