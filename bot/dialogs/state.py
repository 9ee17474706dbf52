"""A conversation's saved state: what the resident has told us so far (the draft), a question asked
on the side (a survey's comment), a worker's pending action, and the buttons currently on offer.

Stored as JSON with a schema version `v`. `decode` upgrades older versions step by step through
MIGRATIONS and refuses anything it does not understand (the engine then resets the conversation with
an apology): an upgrade in the middle of a conversation loses nothing it can read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from bot.dialogs.vocabulary import LABEL_WORDS
from core.messages import Choices
from core.text.normalize import nfkc

SCHEMA_VERSION = 1

# version n → n+1, applied in order to states saved by older code
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class StateError(ValueError):
    """The saved state cannot be read (corrupt, or written by a newer version)."""


class Point(BaseModel):
    lat: float
    lng: float
    label: str | None = None


class Asking(StrEnum):
    """What the draft's last question asked for: the resident's next words answer it. Saved as its
    value, so states written before it was an enum read the same."""

    DESCRIPTION = "description"  # what happened
    ADDRESS = "address"  # where (小区, building, unit, room, or a shared location)
    COMMUNITY = "community"  # which 小区, when only the building came
    ADDRESS_CONFIRM = "address_confirm"  # a place no grid knows: is it right?
    OCCURRED = "occurred"  # since when
    PHONE = "phone"  # a contact phone
    REVIEW = "review"  # the read-back: submit, change or cancel
    WHICH = "which"  # which field to change
    DUPLICATE = "duplicate"  # join the open ticket about the same problem, or file anyway
    RESUME = "resume"  # back after a while: go on, start anew or drop it
    TRIAGE = "triage"  # the reading was unsure: is anyone hurt or trapped, is there gas / fire … ?
    DOOR = "door"  # 楼栋/单元/室 after a location inside a 小区 (the worker must find the door)


class FiledPlace(BaseModel):
    """Where the ticket just filed was: offered again for the same resident's next matter."""

    community: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    address_text: str | None = None


class Draft(BaseModel):
    """The complaint being collected, one field at a time."""

    id: str
    started_at: datetime
    touched_at: datetime
    kind: str | None = None  # core.enums.Kind value, from the menu or the classifier
    category: str | None = None  # shown on the read-back; the service classifies again on filing
    urgency: str = "normal"
    hazard: str | None = None
    triggers: list[str] = Field(default_factory=list)
    description: str | None = None
    community: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    address_text: str | None = None  # free text the resident confirmed
    address_ok: bool = False
    point: Point | None = None
    door_asked: bool = False  # asked once for 楼栋/单元/室 after a location: not again
    community_asked: bool = False  # 请问是哪个小区？ was put (a consultation asks it once at most)
    place_offered: bool = False  # the place of the ticket just filed was offered (还是「…」吗？): once
    occurred_text: str | None = None
    occurred_at: datetime | None = None
    phone: str | None = None
    phone_declined: bool = False
    phone_doubted: str | None = None  # a 7–8 digit number without its area or country code, refused once
    privacy_told: bool = False  # a phone declined for fear (怕被报复) was answered who sees it, and asked once more
    phone_optional_told: bool = False  # 「不留可以吗」 answered 可以不留 once: asked again, it is taken as declined
    photos: list[dict[str, Any]] = Field(default_factory=list)
    asking: Asking | None = None  # what the last question asked for
    editing: bool = False  # changing one field from the read-back: go back to it afterwards
    place_before_edit: list[str | None] | None = None  # 小区, 栋, 单元, 室 read back before 修改 changed them (flow30)
    stage: Literal["collecting", "submitting"] = "collecting"
    submitting_at: datetime | None = None
    dup_checked: bool = False
    duplicate_of: str | None = None
    duplicate_own: bool = False  # duplicate_of is the resident's own open ticket
    triage: bool = False  # the reading found partial evidence of danger: ask the triage question
    triage_done: bool = False  # asked and answered (or settled by an emergency)
    triage_asked: int = 0  # times the triage question was put: asked once, at most once more, then gone on from
    triage_unknown: bool = False  # gone on without a yes or no: filed flagged for the desk to call back
    welfare_check: bool = False  # 「不知道 我在外地」 at the triage question: flagged for someone to go and look
    # opened right after a non-emergency ticket was filed: the model's emergency alone is asked about, not called
    after_filing: bool = False
    notes_on: str | None = None  # … and its words add to that ticket: "no" to the triage question notes them there
    # the description so far names only who or what it is about (「就是我家楼上」): what is wrong is asked, then joined
    subject_only: bool = False
    occurred_hint: str | None = None  # "一直": asked again since when; kept with the next answer
    # occurred_text is only a time of day or "好久" from the first message: kept, and since when is asked
    occurred_vague: bool = False
    occurred_skipped: bool = False  # 「跳过」 at the time question: no time, not asked again
    seen: list[str] = Field(default_factory=list)  # digests of the messages taken into the description
    desk: bool = False  # the resident asked for a human (人工)
    invalid: int = 0  # invalid answers in a row to the current question
    last_photo_at: datetime | None = None
    photo_limit_told: bool = False
    reminded: bool = False
    pending_text: str | None = None  # what they wrote when we asked whether to resume

    @property
    def emergency(self) -> bool:
        return self.urgency == "emergency"

    @property
    def needs_place_and_time(self) -> bool:
        # a consultation or a suggestion is answered, not visited: no address, no time
        return self.kind not in ("consult", "suggestion", "praise")

    def summary(self, limit: int = 20) -> str:
        text = self.description or "（还没写内容）"
        return text if len(text) <= limit else text[:limit] + "…"


class Side(BaseModel):
    """A question asked beside the draft (a survey's follow-up): answered first, then back to the draft."""

    kind: Literal["survey_comment", "survey_reason"]
    number: str
    round: int
    asked_at: datetime


class WorkerPending(BaseModel):
    """A worker pressed 进展 / 办结 / 退回 and we wait for their note (or reason)."""

    verb: str  # core.service.keys verb: prog / done / ret
    number: str
    step: Literal["note", "reason", "return_note", "unfinished"] = "note"
    reason: str | None = None
    note: str | None = None  # a resolution note that reads as work still to come, held while the worker decides
    photos: list[dict[str, Any]] = Field(default_factory=list)
    asked_at: datetime
    photo_ack_at: datetime | None = None


class ConvState(BaseModel):
    v: int = SCHEMA_VERSION
    channel: str
    chat: str
    sender: str
    draft: Draft | None = None
    side: Side | None = None
    worker: WorkerPending | None = None
    # buttons currently valid, per scope ("draft", "side", "menu", "worker"): a pressed key must be
    # one of these, typed "1"/"2" maps into the scope offered last
    offered: dict[str, list[tuple[str, str]]] = Field(default_factory=dict)
    last_scope: str | None = None
    last_filed: str | None = None
    last_filed_at: datetime | None = None  # when: for a while after, words that add nothing new go to it
    last_filed_emergency: bool = False  # it was an emergency: what follows soon is the emergency unfolding
    last_filed_triaged: bool = False  # … an emergency by the resident's yes to the triage question: 点错了 may undo it
    last_filed_hazard: str | None = None  # the emergency's hazard: another hazard soon after is its own report
    last_filed_advice: str | None = None  # its advice table row when who is at risk chose one (danger_advice)
    phone_wanted_for: str | None = None  # an emergency filed with no phone: a number sent next goes on that ticket
    place_wanted_for: str | None = None  # an emergency filed with loose words for a place: an address sent next, too
    last_filed_about: str | None = None  # its description: what it names, to tell more about it from a new matter
    last_filed_place: FiledPlace | None = None  # its place: the next matter is asked 「还是「…」吗？」
    last_photos_at: datetime | None = None  # photos last added to it: an album is acknowledged once
    # second problems brought up in the middle of a form: offered as their own complaints once the
    # draft is filed or dropped, never stored as one of its fields
    asides: list[str] = Field(default_factory=list)
    aside_said: bool = False  # 「还有」 alone mid-form: the next message is what else (read as 「还有，…」)
    consult_checked: str | None = None  # the draft whose question was checked against the short answers
    withdraw_words: str | None = None  # 「已经修好了 不用来了」 while 「要撤销工单…吗？」 waits: the reason, if confirmed

    # -- the buttons on offer --------------------------------------------------------------------

    def offer(self, scope: str, choices: Choices) -> None:
        self.offered[scope] = [(o.key, o.label) for o in choices.options]
        self.last_scope = scope

    def withdraw(self, *scopes: str) -> None:
        for scope in scopes:
            self.offered.pop(scope, None)
            if self.last_scope == scope:
                self.last_scope = None

    def scope_of(self, key: str) -> str | None:
        for scope, options in self.offered.items():
            if any(k == key for k, _ in options):
                return scope
        return None

    def typed_choice(self, text: str) -> str | None:
        """The key a typed answer stands for: "1".."n" in the options offered last, or any
        offered option's label."""
        typed = nfkc(text).strip().rstrip("。.!！")
        if not typed:
            return None
        last = self.offered.get(self.last_scope or "", [])
        if typed.isdigit() and last:
            index = int(typed)
            if 1 <= index <= len(last):
                return last[index - 1][0]
            return None
        scopes = ([self.last_scope] if self.last_scope else []) + [
            s for s in self.offered if s != self.last_scope
        ]
        for scope in scopes:
            for key, label in self.offered.get(scope or "", []):
                if typed == nfkc(label):  # "，" in a label folds like the typed one
                    return key
        for scope in scopes:  # the label in other words: 「提交」 for 仍要提交, 「关注」 for 加入关注
            for key, label in self.offered.get(scope or "", []):
                if typed in LABEL_WORDS.get(label, ()):
                    return key
        return None

    @property
    def idle(self) -> bool:
        """Nothing pending: no draft, no side question, no worker prompt."""
        return self.draft is None and self.side is None and self.worker is None


def new_state(channel: str, chat: str, sender: str) -> ConvState:
    return ConvState(channel=channel, chat=chat, sender=sender)


def encode(state: ConvState) -> dict[str, Any]:
    return state.model_dump(mode="json")


def decode(data: dict[str, Any]) -> ConvState:
    """Read a saved state, upgrading it from older schema versions. StateError if it cannot."""
    if not isinstance(data, dict):
        raise StateError("state is not an object")
    version = data.get("v")
    if not isinstance(version, int) or version < 1:
        raise StateError(f"state has no usable schema version: {version!r}")
    if version > SCHEMA_VERSION:
        raise StateError(f"state was written by a newer version ({version} > {SCHEMA_VERSION})")
    data = upgrade(data, MIGRATIONS)
    try:
        return ConvState.model_validate(data)
    except ValidationError as exc:
        raise StateError(
            f"state does not match schema {SCHEMA_VERSION}: {exc.error_count()} error(s)"
        ) from None


def upgrade(
    data: dict[str, Any],
    migrations: dict[int, Callable[[dict[str, Any]], dict[str, Any]]],
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    version = int(data["v"])
    while version < target:
        step = migrations.get(version)
        if step is None:
            raise StateError(f"no migration from state schema {version}")
        data = step(dict(data))
        version += 1
        data["v"] = version
    return data
