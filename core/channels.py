"""What each chat channel can do, declared once: the core asks for a capability ("has groups"),
never for a platform's name.

The adapters register their channel when they are set up (`register`); the channels the product
ships are declared here as well, so the core behaves the same before any adapter is loaded (a
command-line import, a timer process). A channel nobody declared is an ordinary chat: groups,
buttons, no edits.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Capabilities", "register", "capabilities", "without_groups", "ROBOT"]


@dataclass(frozen=True)
class Capabilities:
    has_groups: bool = True  # the bot sits in group chats (a grid's group gets its cards there)
    has_buttons: bool = True  # choices are buttons (else numbered options to type)
    can_edit: bool = False  # a sent message can be changed later (a card updated in place)
    posts_only: bool = False  # hears nothing back (a group robot's webhook)
    is_chat: bool = True  # people write to the bot here (not so the hotline's phone intake)
    # the grid's cards reach it its own way: the WeCom app sends one card to all of a grid's workers and
    # updates it for all of them (core/service/wecom_notices.py), not a copy per person
    own_cards: bool = False
    map_pins: bool = False  # shows a shared location as a pin on a map (Telegram: sendLocation / sendVenue)
    # the coordinates its people share are China's GCJ-02 (WeChat, WeCom: Tencent's maps), not GPS's WGS-84
    gcj02: bool = False


# Where a grid's WeCom group robot (its webhook URL) is posted to: a channel that only posts.
ROBOT = "wecom"

_DECLARED: dict[str, Capabilities] = {
    "telegram": Capabilities(has_groups=True, has_buttons=True, can_edit=True, map_pins=True),
    # an Official Account is never in a group: its staff get the grid's cards in their own chat
    "wechat": Capabilities(has_groups=False, has_buttons=False, can_edit=False, gcj02=True),
    ROBOT: Capabilities(has_groups=True, has_buttons=False, can_edit=False, posts_only=True),
    # the WeCom self-built app: each worker's own chat, button cards updated in place (bot/adapters/wecom_app)
    "wecom_app": Capabilities(has_groups=False, has_buttons=True, can_edit=True, own_cards=True, gcj02=True),
    "phone": Capabilities(has_groups=False, has_buttons=False, is_chat=False),  # the hotline's intake
}
_DEFAULT = Capabilities()


def register(channel: str, caps: Capabilities) -> None:
    """An adapter declares what its channel can do (replacing any earlier declaration)."""
    _DECLARED[channel] = caps


def capabilities(channel: str) -> Capabilities:
    return _DECLARED.get(channel, _DEFAULT)


def without_groups() -> list[str]:
    """Chat channels without groups: their staff work from their own chat."""
    return sorted(name for name, caps in _DECLARED.items()
                  if caps.is_chat and not caps.has_groups and not caps.posts_only and not caps.own_cards)
