"""The service calls a step asks for, and what comes back. A step never calls the core itself: it
returns effects; the conversation runtime runs them (bot/conversation/executor.py) and hands each
result to the effect's `then`, a pure function that continues the conversation."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.dialogs.state import Draft
from bot.dialogs.step import Effect
from core.messages import GeoPoint, MediaRef
from core.text.address import Address

# ---- the resident's side ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FindDuplicate(Effect):
    draft: Draft


@dataclass(frozen=True, kw_only=True)
class FileTicket(Effect):
    draft: Draft
    flag_reason: str | None = None  # 人工: the desk looks at it first


@dataclass(frozen=True, kw_only=True)
class RecoverFiling(Effect):
    """A filing that never reported back (the process died): did the ticket get made?"""

    draft: Draft


@dataclass(frozen=True, kw_only=True)
class JoinTicket(Effect):
    number: str
    draft_id: str


@dataclass(frozen=True, kw_only=True)
class FlagForDesk(Effect):
    """人工 with no draft: flag the resident's latest open ticket, or open one for the desk."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class MatchAnswer(Effect):
    """A consultation: the desk's short answer that fits it, if one does (→ QuickReply or None)."""

    text: str
    category: str | None = None


@dataclass(frozen=True, kw_only=True)
class TellDesk(Effect):
    """The resident's words after the desk wrote to them: added to that ticket's conversation."""

    number: str
    text: str | None
    photos: tuple[MediaRef, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ChangePhone(Effect):
    """The resident corrects the contact phone of a ticket they filed (电话留错了 是139…)."""

    number: str
    said: str


@dataclass(frozen=True, kw_only=True)
class Downgrade(Effect):
    """The resident takes back the danger of the emergency they just filed (点错了): an ordinary ticket now."""

    number: str
    said: str


@dataclass(frozen=True, kw_only=True)
class ChangeAddress(Effect):
    """The resident corrects the address of a ticket they filed (说错了 是3单元): only the parts in `place` change."""

    number: str
    place: Address


@dataclass(frozen=True, kw_only=True)
class AddLocation(Effect):
    """A location the resident shares right after filing: the ticket just filed carries it from now on."""

    number: str
    point: GeoPoint


@dataclass(frozen=True, kw_only=True)
class CheckWithdraw(Effect):
    """Whether the resident may withdraw this ticket now: asked before the two buttons are shown."""

    number: str


@dataclass(frozen=True, kw_only=True)
class Withdraw(Effect):
    """The resident withdraws a ticket they filed (撤销): cancelled by the core, which refuses once it is taken."""

    number: str
    words: str | None = None  # what they said (已经修好了 不用来了): kept as the reason


@dataclass(frozen=True, kw_only=True)
class ListMine(Effect):
    pass


@dataclass(frozen=True, kw_only=True)
class ListWork(Effect):
    """A worker's open tickets (我的工单 in a private chat): a `WorkListed`."""


@dataclass(frozen=True, kw_only=True)
class ShowTicket(Effect):
    number: str


@dataclass(frozen=True, kw_only=True)
class Rate(Effect):
    number: str
    round: int
    rating: str
    comment: str | None = None  # words typed with the rating (不太满意，灯还是一闪一闪的): the comment, sent next


@dataclass(frozen=True, kw_only=True)
class SurveyComment(Effect):
    number: str
    round: int
    text: str
    unresolved: bool = False  # the words say the matter is not fixed (after 满意 / 基本满意): 不满意 after all


# ---- workers and binding --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CheckWorker(Effect):
    """May this worker start this action on this ticket here? Asked before prompting for a note."""

    verb: str
    number: str
    via_button: bool = True


@dataclass(frozen=True, kw_only=True)
class WorkerAct(Effect):
    verb: str  # claim / prog / done / ret
    number: str
    note: str | None = None
    photos: tuple[MediaRef, ...] = ()
    reason: str | None = None
    via_button: bool = False
    unfinished_confirmed: bool = False  # 办结 after the worker chose 仍然办结 (the core asks otherwise)


@dataclass(frozen=True, kw_only=True)
class FollowUp(Effect):
    number: str
    round: int
    rating: str
    via_button: bool = True


@dataclass(frozen=True, kw_only=True)
class BindGroup(Effect):
    target: str
    code: str


@dataclass(frozen=True, kw_only=True)
class UnbindGroup(Effect):
    pass


@dataclass(frozen=True, kw_only=True)
class RedeemInvite(Effect):
    code: str


# ---- results ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """The core (or an authorisation check) said no; `message` is fit to show."""

    message: str
    code: str = "refused"


@dataclass(frozen=True)
class Unfinished:
    """办结 refused by the core because the note reads as work still to come (core.errors.SoundsUnfinished):
    the worker is asked — record it as progress, or resolve all the same. `number` is the ticket's whole number."""

    number: str
    note: str


@dataclass(frozen=True)
class DuplicateFound:
    """An open ticket about the same problem: someone else's (join it) or the resident's own."""

    number: str
    own: bool = False


@dataclass(frozen=True)
class Filed:
    number: str
    handler: str | None  # grid name; None: the dispatch desk
    due: str
    emergency: bool = False
    to_desk: bool = False
    kind: str | None = None  # core.enums.Kind value: a consultation is told so, with no repair deadline
    phone: str | None = None  # the ticket's contact phone (人工: named, or asked for when none)
    unplaced: bool = False  # no grid covers its place: no repair deadline until the desk places it
    community: str | None = None


@dataclass(frozen=True)
class QuickReply:
    title: str
    body: str


@dataclass(frozen=True)
class TicketLine:
    number: str
    status: str
    summary: str
    due: str | None
    open: bool = True  # still being handled (a withdrawal by its words picks among these: flow30)
    words: str = ""  # its description as the resident may read it, whole


@dataclass(frozen=True)
class TicketView:
    number: str
    status: str
    description: str
    due: str | None
    timeline: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WorkListed:
    """我的工单 for a worker: the header, and one line per ticket with its number (offered to pick by number:
    usertest28's 「2」 was 没看懂这个数字); `header` alone is the answer when there is none."""

    header: str
    numbers: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rated:
    recorded: bool
    reason: str = ""  # already / late
    reopened: bool = False


@dataclass(frozen=True)
class Done:
    number: str = ""
    detail: str = ""
