"""Dialog benchmark: scripted residents talk to the real conversation engine, as `complaint-bot chat`
does (build_app, the engine, the CLI channel), on a temporary SQLite database, and the outcome is read
back from the tickets it filed.

Run:
    PYTHONPATH=. python bench/dialog_bench.py [--personas bench/heldout/dialog_personas.jsonl] [--show-errors]
        [--after-filing bench/heldout/chat_smalltalk_r7.csv]

``--after-filing FILE`` (a CSV ``text,is_new_problem``): each message is sent by a resident who has
just filed a complaint (the same one for every row, written here); a message that is no new problem
must open no draft, a new problem must (small_talk_set_no_draft / new_problem_opens_draft).
bench/heldout/chat_smalltalk_r7.csv and chat_smalltalk_r8.csv are NOW DEVELOPMENT DATA (their misses
were read and the after-filing reading, core.text.answers.new_matter, was written looking at them;
copies are in core/text/data), and so is dialog_personas_r8.jsonl (its misses were read on
2026-12-06): their figures are tuned ones. So are round 9's dialog sets (branch address9) and round
10's (branch dialog10, docs/understanding.md "Round 10's slots"), round 11's (branch study11), round 12's
(branch study12d, "Round 12's slots") and round 13's (branch study13d, "Round 13's slots"), and so are every
later round's dialog sets up to round 23's (branch study23d; bench/heldout/README.md says which branch read each). Persona after-filing lines are all counted as small talk: round 13's 10 new problems after filing
count as misses when the bot rightly opens a draft for them.
bench/dev/dialog_personas_dev10.jsonl and chat_smalltalk_dev10.csv were written by the developer for
the classes fixed on dialog10, after the fixes: a regression check, never evidence.

Each persona (one JSON object a line, frozen in bench/heldout/, written apart from the rules) has an
``opening`` message, ``answers`` per question (description, address, time, phone), optionally an
``interject`` (something said instead of answering one question, e.g. a second problem),
``resend_at_readback`` (the opening sent again at the read-back), ``after_filing`` (what they say once
filed) and ``expect`` (files, emergency, the slots, the second problem).

The scripted resident answers what the bot asks, reading the question from the saved dialog state
(what the draft asks for), never from the expected values: a question it has no answer for gets
「不清楚」; a read-back gets 提交; a duplicate offer gets 仍要提交; a consultation's short answer gets
「还需要人工回复」. It gives up after MAX_TURNS messages.

The district: one grid per community the persona set names (a hotline has its communities
configured; the personas live in them), no staff needed for filing.

Printed, for a script:
    filing_rate             personas expected to file that did, over those expected to
    no_filing_rate          personas not expected to file (questions, greetings) that did not, or
                            a consultation kept as a numbered question for the desk (_tracked_question)
    turns_per_filing        resident messages until the ticket was filed (mean; median too)
    slot_accuracy_<slot>    filed tickets whose slot equals the expected one (None = empty); the time
                            counts when it holds the resident's words (time_wants)
    false_emergency_rate    non-emergency personas filed or answered as emergencies
    emergency_recall        emergency personas filed as emergencies
    second_problem_kept_out second problems said mid-form that did not end up in a field
    second_problem_offered  … that the bot picked up (offered or filed as another complaint)
    small_talk_no_draft     after-filing messages that opened no draft and filed nothing
Nothing here is tuned on the set: run it once, report it.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from bot.adapters.cli import CHANNEL  # noqa: E402
from bot.app import App, build_app  # noqa: E402
from bot.conversation.engine import DialogEngine, state_key  # noqa: E402
from bot.dialogs import texts as tx  # noqa: E402
from bot.dialogs.consult import CONSULT, K_HUMAN  # noqa: E402
from bot.dialogs.intake.keys import K_ADDR_YES, K_RESUME_GO, K_SUBMIT, K_TRIAGE_NO, K_TRIAGE_YES  # noqa: E402
from bot.dialogs.state import Asking, ConvState, decode  # noqa: E402
from core.config import load_settings  # noqa: E402
from core.db.migrate import upgrade  # noqa: E402
from core.db.models import ChannelIdentity, Ticket  # noqa: E402
from core.enums import Kind, Urgency  # noqa: E402
from core.messages import Choices, Incoming, OutMessage, plain_text  # noqa: E402
from core.service import keys  # noqa: E402
from core.text.normalize import fold  # noqa: E402

DEFAULT = Path(__file__).resolve().parent / "heldout" / "dialog_personas.jsonl"
MAX_TURNS = 14
SLOTS = ("community", "building", "unit", "room", "phone", "time")
# asked for 楼栋/门牌 (Asking.DOOR), a resident gives their address, as at the address question
_ANSWER_OF = {Asking.DESCRIPTION: "description", Asking.ADDRESS: "address", Asking.COMMUNITY: "address",
              Asking.DOOR: "address", Asking.OCCURRED: "time", Asking.PHONE: "phone"}
_INTERJECT_AT = {"description": Asking.DESCRIPTION, "address": Asking.ADDRESS, "time": Asking.OCCURRED,
                 "phone": Asking.PHONE}


@dataclass
class Outcome:
    pid: str
    expect: dict[str, Any]
    filed: list[Ticket] = field(default_factory=list)
    turns_to_file: int | None = None
    emergency_said: bool = False
    interjected: str | None = None
    second_offered: bool = False
    after_total: int = 0
    after_ok: int = 0
    transcript: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Resident:
    def __init__(self, engine: DialogEngine, app: App, sender: str) -> None:
        self.engine, self.app, self.sender = engine, app, sender
        self.count = 0
        self.last: list[OutMessage] = []

    def incoming(self, **kw: Any) -> Incoming:
        self.count += 1
        return Incoming(channel=CHANNEL, sender=self.sender, chat=self.sender, chat_kind="private",
                        sender_name=self.sender, message_id=f"{self.sender}-{self.count}", **kw)

    async def say(self, text: str) -> list[OutMessage]:
        self.last = await self.engine.handle(self.incoming(text=text))
        return self.last

    async def press(self, key: str) -> list[OutMessage]:
        self.last = await self.engine.handle(self.incoming(choice=key))
        return self.last

    async def state(self) -> ConvState | None:
        saved = await self.engine.store.load(state_key(self.incoming()))
        self.count -= 1
        return decode(saved.data) if saved.data is not None else None

    async def tickets(self) -> list[Ticket]:
        async with self.app.db.transaction() as s:
            return list((await s.execute(
                select(Ticket).join(ChannelIdentity, ChannelIdentity.resident_id == Ticket.resident_id)
                .where(ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == self.sender)
                .order_by(Ticket.id))).scalars())


def _option(replies: list[OutMessage], predicate: Any) -> str | None:
    for r in reversed(replies):
        if isinstance(r, Choices):
            for o in r.options:
                if predicate(o.key, o.label):
                    return o.key
    return None


async def play(app: App, engine: DialogEngine, persona: dict[str, Any]) -> Outcome:
    out = Outcome(persona["id"], persona["expect"])
    me = Resident(engine, app, f"bench-{persona['id']}")
    answers: dict[str, str] = persona.get("answers", {})
    interject = persona.get("interject")
    resent = False
    told = False  # the persona's matter (answers["description"]) said
    turns = 0

    async def say(text: str) -> list[OutMessage]:
        nonlocal turns
        turns += 1
        replies = await me.say(text)
        out.transcript += [f"居民：{text}", f"机器人：{plain_text(replies)}"]
        _notice(replies)
        return replies

    async def press(key: str, label: str) -> list[OutMessage]:
        nonlocal turns
        turns += 1
        replies = await me.press(key)
        out.transcript += [f"居民：[{label}]", f"机器人：{plain_text(replies)}"]
        _notice(replies)
        return replies

    def _notice(replies: list[OutMessage]) -> None:
        said = plain_text(replies)
        if "已紧急上报" in said or re.search(r"(?<![\d-])(119|120)(?![\d:])", said):
            out.emergency_said = True
        if out.interjected and _quotes(said, out.interjected):
            out.second_offered = True

    replies = await say(persona["opening"])
    while turns < MAX_TURNS:
        filed = await me.tickets()
        if filed:
            out.filed, out.turns_to_file = filed, turns
            break
        state = await me.state()
        d = state.draft if state is not None else None
        if state is not None and CONSULT in state.offered:
            replies = await press(K_HUMAN, tx.CONSULT_HUMAN)
            continue
        if d is None and not told and "description" in answers:
            # a greeting answered (「请直接说您遇到的问题」): the resident now tells its matter, or first says
            # what it meant to say at the description question
            if interject and out.interjected is None and interject["slot"] == "description":
                out.interjected = interject["text"]
                replies = await say(interject["text"])
                continue
            told = True
            replies = await say(answers["description"])
            continue
        if d is None:
            break  # nothing asked: the conversation is over without a ticket
        asking = d.asking
        if interject and out.interjected is None and _INTERJECT_AT.get(interject["slot"]) == asking:
            out.interjected = interject["text"]
            replies = await say(interject["text"])
            continue
        if d.stage == "submitting":
            replies = await say("好了吗")
            continue
        if asking == Asking.REVIEW:
            if persona.get("resend_at_readback") and not resent:
                resent = True
                replies = await say(persona["opening"])
                continue
            replies = await press(K_SUBMIT, tx.SUBMIT)
            continue
        if asking == Asking.DUPLICATE:
            key = _option(replies, lambda k, _l: (a := keys.decode(k)) is not None and a.verb == keys.NO_JOIN)
            replies = await (press(key, "仍要提交") if key else say("仍要提交"))
            continue
        if asking == Asking.ADDRESS_CONFIRM:
            replies = await press(K_ADDR_YES, "对")
            continue
        if asking == Asking.TRIAGE:
            # is anyone hurt or trapped, is there gas / fire …? The resident knows; the bot does not
            danger = bool(persona.get("expect", {}).get("emergency"))
            replies = await press(K_TRIAGE_YES if danger else K_TRIAGE_NO, tx.TRIAGE_YES if danger else tx.TRIAGE_NO)
            continue
        if asking == Asking.RESUME:
            replies = await press(K_RESUME_GO, "继续")
            continue
        if asking == Asking.COMMUNITY:
            # a resident taps their community when it is offered (the one their answer names)
            where = fold(answers.get("address", ""))
            key = _option(replies, lambda _k, label, where=where: fold(label.removesuffix("小区")) in where)
            if key:
                replies = await press(key, "小区")
                continue
        slot = _ANSWER_OF.get(asking) if asking is not None else None
        if slot is not None and slot in answers:
            told = told or slot == "description"
            replies = await say(answers[slot])
        elif asking == Asking.DESCRIPTION:
            replies = await say(persona["opening"])
        else:
            # a question the script has no answer for (a triage question, …): the first option, or 不清楚
            key = _option(replies, lambda _k, _l: True)
            replies = await (press(key, "选项1") if key else say("不清楚"))
    else:
        out.filed = await me.tickets()
        if out.filed:
            out.turns_to_file = turns
    # an emergency is filed as soon as its place is known and asks the phone (and a whole address, after loose words)
    # once the alert is out: the resident answers what is asked, as at any question
    for _ in range(2):
        state = await me.state()
        if state is None or not out.filed or state.draft is not None:
            break
        if state.place_wanted_for and "address" in answers:
            await say(answers["address"])
        elif state.phone_wanted_for and "phone" in answers:
            await say(answers["phone"])
        else:
            break
        out.filed = await me.tickets()
    before = len(out.filed)
    said_after = persona.get("after_filing") or []  # one message, a list of them, or null (round 26's writer)
    for line in ([said_after] if isinstance(said_after, str) else said_after) if out.filed else []:
        out.after_total += 1
        await say(line)
        state = await me.state()
        opened = state is not None and state.draft is not None
        more = len(await me.tickets()) > before
        if not opened and not more:
            out.after_ok += 1
        else:
            out.errors.append(f"after filing {line!r} opened a draft or filed")
            if state is not None and state.draft is not None:
                await me.say("取消")
    if out.interjected and len(await me.tickets()) > 1:
        out.second_offered = True
    return out


def _quotes(said: str, interjected: str) -> bool:
    """The bot's words quote at least 6 characters of the interjection (offered or read back)."""
    core_ = re.sub(r"^(另外|还有|对了还有|对了|哦还有|顺便说下|先说一下)[，,、 ]*", "", interjected)
    return any(core_[i:i + 6] in said for i in range(0, max(1, len(core_) - 5)))


def _norm(value: str | None, slot: str) -> str | None:
    if value is None or value == "":
        return None
    v = fold(value).strip()
    if slot == "phone":
        return re.sub(r"\D", "", v) or None
    if slot == "community":
        return v.removesuffix("小区")
    return v


def slot_value(t: Ticket, slot: str) -> str | None:
    if slot == "phone":
        return t.contact_phone
    if slot == "time":
        return t.occurred_text
    return str(getattr(t, slot)) if getattr(t, slot) is not None else None


def slot_right(t: Ticket, slot: str, expected: str | None) -> bool:
    got, want = _norm(slot_value(t, slot), slot), _norm(expected, slot)
    if slot == "time" and got and want:
        # the stored time holds the resident's whole phrase (「就现在」 holds 「现在」); a cut one
        # (「几天了」 for 「好几天了」) is wrong, and so are the hedges in front of it
        return _TIME_HEDGE.sub("", want) in got
    return got == want


_TIME_HEDGE = re.compile(r"^(?:就是|就|大概|大约|差不多|感觉|好像|应该是|可能)")
# kinds the dialog files without asking where and when: a consultation or a suggestion is answered
_NO_TIME_KINDS = ("咨询", "建议")


def time_wants(expect: dict[str, Any]) -> list[str | None]:
    """The stored times that are right for a persona, from the persona alone (never from what the bot
    did): the time its opening states (``time_in_opening``, labelled by hand: the bot need not ask), the
    answer it gives when asked (``time``), and no time at all where the bot must not ask (an emergency:
    only where and a phone; a consultation or suggestion) and the opening says none. Asking more than
    needed costs turns (turns_per_filing), not this score."""
    in_opening = expect.get("time_in_opening")
    if isinstance(in_opening, bool):  # round 17's writer marked it true / false: its `time` is then the opening's
        in_opening = expect.get("time") if in_opening else None
    wants: list[str | None] = [w for w in (in_opening, expect.get("time")) if w]
    if not in_opening and (expect.get("emergency") or expect.get("kind") in _NO_TIME_KINDS):
        wants.append(None)
    return wants or [None]


def right(t: Ticket, slot: str, expect: dict[str, Any]) -> bool:
    if slot == "time":
        return any(slot_right(t, slot, w) for w in time_wants(expect))
    return slot_right(t, slot, expect.get(slot))


def communities(personas: list[dict[str, Any]]) -> list[str]:
    names = {p["expect"].get("community") for p in personas}
    return sorted(n for n in names if n)


FILED_FIRST = "楼下烧烤店每天晚上12点还在吵，{community}3栋2单元501，电话13812345678"


_TRUTH = {"true": "1", "false": "0", "yes": "1", "no": "0"}


async def after_filing(app: App, engine: DialogEngine, community: str, rows: list[dict[str, str]],
                       show_errors: bool) -> dict[str, float]:
    """Each row's message from a resident who has just filed: does it open a draft (or file)?"""
    right = {"0": 0, "1": 0}
    total = {"0": 0, "1": 0}
    for i, row in enumerate(rows):
        me = Resident(engine, app, f"after-{i}")
        await me.say(FILED_FIRST.format(community=community))
        for _ in range(4):
            state = await me.state()
            if state is None or state.draft is None or await me.tickets():
                break
            if state.draft.asking == Asking.DUPLICATE:
                key = _option(me.last, lambda k, _l: (a := keys.decode(k)) is not None and a.verb == keys.NO_JOIN)
                await (me.press(key) if key else me.say("仍要提交"))
            else:
                await me.press(K_SUBMIT)
        before = len(await me.tickets())
        if before != 1:
            print(f"(row {i}: the first complaint was not filed; skipped)")
            continue
        replies = await me.say(row["text"])
        state = await me.state()
        opened = (state is not None and state.draft is not None) or len(await me.tickets()) > before
        new = _TRUTH.get(row["is_new_problem"].strip().lower(), row["is_new_problem"].strip())  # 1/0 or true/false
        total[new] += 1
        if opened == (new == "1"):
            right[new] += 1
        elif show_errors:
            print(f"after filing, {row['text']!r} ({'new problem' if new == '1' else 'small talk'}): "
                  f"{'opened a draft' if opened else 'no draft'} — {plain_text(replies)[:80]!r}")
    figures = {"small_talk_set_no_draft": _rate(right["0"], total["0"]),
               "new_problem_opens_draft": _rate(right["1"], total["1"])}
    print(f"after-filing set: {total['0']} small talk or follow-ups, {total['1']} new problems")
    for name, value in figures.items():
        print(f"{name}: {value:.4f}")
    return figures


async def run(personas: list[dict[str, Any]], show_errors: bool,
              after_rows: list[dict[str, str]] | None = None) -> dict[str, float]:
    folder = tempfile.mkdtemp(prefix="dialog-bench-")
    environ = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{folder}/bench.db"}
    environ.pop("REDIS_URL", None)
    app = build_app(load_settings(environ))
    try:
        await upgrade(app.db)
        for i, name in enumerate(communities(personas)):
            patterns = [name, name.removesuffix("小区")] if name.endswith("小区") else [name]
            await app.directory.add_grid(f"G{i:02d}", f"{name.removesuffix('小区')}网格", patterns=patterns)
        engine = app.engine
        started = time.perf_counter()
        outcomes = [await play(app, engine, p) for p in personas]
        elapsed = time.perf_counter() - started
        figures = report(outcomes, elapsed, show_errors)
        if after_rows:
            figures |= await after_filing(app, engine, communities(personas)[0] if personas else "幸福里小区",
                                          after_rows, show_errors)
    finally:
        await app.close()
    return figures


def _rate(hits: int, total: int) -> float:
    return hits / total if total else float("nan")


def report(outcomes: list[Outcome], elapsed: float, show_errors: bool) -> dict[str, float]:
    should = [o for o in outcomes if o.expect["files"]]
    should_not = [o for o in outcomes if not o.expect["files"]]
    filed = [o for o in should if o.filed]
    tracked = [o for o in should_not if _tracked_question(o)]
    turns = [o.turns_to_file for o in filed if o.turns_to_file is not None]
    figures: dict[str, float] = {
        "filing_rate": _rate(len(filed), len(should)),
        "no_filing_rate": _rate(sum(1 for o in should_not if not o.filed or o in tracked), len(should_not)),
        "turns_per_filing": statistics.mean(turns) if turns else float("nan"),
        "turns_per_filing_median": statistics.median(turns) if turns else float("nan"),
    }
    for slot in SLOTS:
        right_ = sum(1 for o in filed if right(o.filed[0], slot, o.expect))
        figures[f"slot_accuracy_{slot}"] = _rate(right_, len(filed))
    ordinary = [o for o in outcomes if not o.expect["emergency"]]
    false_alarm = [o for o in ordinary if (o.filed and o.filed[0].urgency == "emergency") or o.emergency_said]
    figures["false_emergency_rate"] = _rate(len(false_alarm), len(ordinary))
    urgent = [o for o in outcomes if o.expect["emergency"]]
    figures["emergency_recall"] = _rate(sum(1 for o in urgent if o.filed and o.filed[0].urgency == "emergency"),
                                        len(urgent))
    second = [o for o in outcomes if o.expect.get("second_problem") and o.interjected]
    kept_out = [o for o in second if o.filed and not _in_fields(o.filed[0], o.interjected or "")]
    figures["second_problem_kept_out"] = _rate(len(kept_out), len(second))
    figures["second_problem_offered"] = _rate(sum(1 for o in second if o.second_offered), len(second))
    total_after = sum(o.after_total for o in outcomes)
    figures["small_talk_no_draft"] = _rate(sum(o.after_ok for o in outcomes), total_after)

    print(f"personas: {len(outcomes)} (expected to file {len(should)}, not to file {len(should_not)}); "
          f"second problems said mid-form: {len(second)}; after-filing messages: {total_after}; "
          f"{elapsed:.1f} s")
    for name, value in figures.items():
        print(f"{name}: {value:.4f}")
    if show_errors:
        for o in outcomes:
            problems = list(o.errors)
            if o.expect["files"] and not o.filed:
                problems.append("not filed")
            if not o.expect["files"] and o.filed and o not in tracked:
                problems.append("filed though not expected")
            if o.filed and o.expect["files"]:
                problems += [f"{s}: {slot_value(o.filed[0], s)!r} ≠ "
                             f"{' / '.join(map(repr, time_wants(o.expect))) if s == 'time' else repr(o.expect.get(s))}"
                             for s in SLOTS if not right(o.filed[0], s, o.expect)]
            if o in false_alarm:
                problems.append("false emergency")
            if o in second and not o.second_offered:
                problems.append(f"second problem {o.interjected!r} not offered")
            if o in second and o not in kept_out:
                problems.append(f"second problem {o.interjected!r} in a field")
            if problems:
                print(f"\n== {o.pid}: " + "; ".join(problems))
                print("\n".join("   " + line.replace("\n", "\n   ") for line in o.transcript))
    return figures


def _tracked_question(o: Outcome) -> bool:
    """A consultation the writer expects not filed, filed as a consultation: the bot keeps a question it
    cannot answer from the 知识库 (empty here) as a numbered question for the desk (issue #15), never as a
    repair. Rounds 9–13 and 15–22's writers expect it filed, 7, 8, 14, 23 and 24's not; both are right, a
    complaint is not."""
    return (o.expect.get("kind") == "咨询" and len(o.filed) == 1 and o.filed[0].kind == Kind.CONSULT.value
            and o.filed[0].urgency != Urgency.EMERGENCY.value)


def _in_fields(t: Ticket, interjected: str) -> bool:
    values = [t.community, t.building, t.unit, t.room, t.address_text, t.occurred_text, t.contact_phone]
    core_ = re.sub(r"^(另外|还有|对了还有|对了|哦还有|顺便说下|先说一下)[，,、 ]*", "", interjected)[:6]
    return any(v and core_ and core_ in v for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--personas", type=Path, default=DEFAULT)
    parser.add_argument("--after-filing", type=Path, help="CSV text,is_new_problem: messages sent after filing")
    parser.add_argument("--show-errors", action="store_true", help="print each failing conversation")
    args = parser.parse_args()
    personas = [json.loads(line) for line in args.personas.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = None
    if args.after_filing:
        with args.after_filing.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    asyncio.run(run(personas, args.show_errors, rows))


if __name__ == "__main__":
    main()
