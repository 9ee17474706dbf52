"""`ticket …` (looking at tickets, and the dispatcher's desk), `import`, `classify`, `classifier`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.cli_options import group, handler

# core.importing.COLUMNS (tests keep them equal)
IMPORT_COLUMNS = ("description", "phone", "name", "community", "building", "unit", "room", "address",
                  "category", "kind", "urgency", "grid", "occurred")


def register(sub: Any) -> None:
    tickets = group(sub, "ticket", help="look at tickets; the dispatcher's desk",
                    description="Look at tickets and act on them at the desk.")
    show = tickets.add_parser("show", help="a ticket with its timeline")
    show.add_argument("number", help="ticket number, e.g. 261123-0001")
    show.add_argument("--full-phone", action="store_true", help="show the resident's phone unmasked")
    show.set_defaults(func=handler("bot.commands.ticket:_show"))
    lst = tickets.add_parser("list", help="the open queue (default), overdue or dispatch queue")
    which = lst.add_mutually_exclusive_group()
    which.add_argument("--overdue", action="store_true")
    which.add_argument("--dispatch", action="store_true", help="unrouted, returned or flagged tickets")
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(func=handler("bot.commands.ticket:_list"))
    _desk(tickets)
    hold = tickets.add_parser("hold", help="legal hold: retention keeps the ticket whole while it is on")
    hold.add_argument("number")
    switch = hold.add_mutually_exclusive_group(required=True)
    switch.add_argument("--on", dest="hold", action="store_true")
    switch.add_argument("--off", dest="hold", action="store_false")
    hold.add_argument("--reason", help="why (kept in the ticket's timeline)")
    hold.set_defaults(func=handler("bot.commands.ticket:_hold"))

    p = sub.add_parser(
        "import", help="file tickets from a CSV (phone intake, another system's export)",
        description="File tickets from a UTF-8 CSV with a header. Columns: " + ", ".join(IMPORT_COLUMNS)
        + " (only description is required). Every row is checked first; with any bad row nothing is filed.",
    )
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="check the file, file nothing")
    p.add_argument("--batch", type=int, default=500, help="tickets per transaction (default 500)")
    p.add_argument("--parallel", type=int, default=4,
                   help="transactions at once (default 4; one's Python work overlaps the others' database waits)")
    p.set_defaults(func=handler("bot.commands.importing:_import"))

    _classify(sub)


def _desk(tickets: Any) -> None:
    """The dispatcher's desk (docs/dispatch.md): each action acts as a named dispatcher."""

    def desk(name: str, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = tickets.add_parser(name, help=help_, description=help_)
        p.add_argument("number", help="ticket number, e.g. 261123-0001")
        p.add_argument("--as", dest="staff", required=True, metavar="STAFF",
                       help="the dispatcher or supervisor acting (staff id or name)")
        return p

    a = desk("assign", "send a ticket to a grid (or to another grid)")
    a.add_argument("grid", help="grid code")
    a.add_argument("--department", help="维修 / 保洁 / 保安 / 客服 (default: by category)")
    a.add_argument("--note", help="a word for the grid")
    a.set_defaults(func=handler("bot.commands.dispatch:_assign"))
    r = desk("reclassify", "confirm the classification (no option) or correct it; each is recorded")
    r.add_argument("--category", help="the right category")
    r.add_argument("--kind", help="the right kind: 咨询/求助/投诉/举报/建议/报修 (or consult, help, …)")
    r.set_defaults(func=handler("bot.commands.dispatch:_reclassify"))
    m = desk("merge", "merge a duplicate into the ticket it repeats; its residents follow the other")
    m.add_argument("into", help="the ticket to keep")
    m.set_defaults(func=handler("bot.commands.dispatch:_merge"))
    sp = desk("split", "undo a wrong join or merge: a follower gets a ticket of their own")
    sp.add_argument("--resident", type=int, required=True, metavar="ID",
                    help="the follower's resident id (see `ticket followers`)")
    sp.add_argument("--text", help="what that resident reported (default: their merged ticket's text)")
    sp.add_argument("--grid", help="grid code for the new ticket (default: routed)")
    sp.set_defaults(func=handler("bot.commands.dispatch:_split"))
    rs = desk("resolve", "办结: record the result and ask the resident to rate the work")
    rs.add_argument("--note", required=True, help="what was done (处理结果)")
    rs.add_argument("--even-if-unfinished", action="store_true",
                    help="resolve even though the note reads as work still to come (明天派人去看): only when the work "
                         "is in fact done, since the resident is asked to rate it")
    rs.set_defaults(func=handler("bot.commands.dispatch:_resolve"))
    f = tickets.add_parser("followers", help="residents who joined a ticket or came with a merged one")
    f.add_argument("number")
    f.set_defaults(func=handler("bot.commands.dispatch:_followers"))


def _classify(sub: Any) -> None:
    p = sub.add_parser(
        "classify",
        help="show how messages would be classified and routed (one JSON line each)",
        description="Read messages (arguments, or one per line on standard input) and print, per message, one "
        "JSON line: category, kind, urgency, emergency trigger words, the grid it would route to "
        "and why, and the confidences.",
    )
    p.add_argument("text", nargs="*", help="message text; none: read lines from standard input")
    p.add_argument("--location", metavar="LAT,LNG", help="a shared location, as a resident would send")
    p.add_argument("--model", metavar="FILE", help="category model (default: CLASSIFIER_MODEL or the shipped one)")
    p.add_argument("--no-route", action="store_true", help="classify only; do not read grids from the database")
    p.set_defaults(func=handler("bot.commands.dispatch:_classify"))

    commands = group(sub, "classifier", help="train and evaluate the smart-dispatch text classifier")
    train = commands.add_parser("train", help="train a model file from a labelled CSV")
    _data_arguments(train)
    train.add_argument("--model", required=True, type=Path, metavar="OUT",
                       help="model file to write (.json or .json.gz)")
    train.add_argument("--select", action="store_true",
                       help="choose the options (keyword prior, C, label weights, one SVM or two) by "
                            "cross-validation on FILE, and the dispatcher threshold for --precision")
    train.add_argument("--precision", type=float, default=0.90,
                       help="with --select: precision the dispatcher threshold is chosen for (default 0.90)")
    train.set_defaults(func=handler("bot.commands.classifier:_train"))
    evaluate = commands.add_parser("evaluate", help="accuracy, macro-F1, per-class figures, confusion matrix")
    _data_arguments(evaluate)
    source = evaluate.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", type=Path, metavar="MODEL", help="evaluate this model file on FILE")
    source.add_argument("--cv", type=int, metavar="K", help="K-fold stratified cross-validation of training on FILE")
    evaluate.set_defaults(func=handler("bot.commands.classifier:_evaluate"))


def _data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="UTF-8 CSV with a header row")
    parser.add_argument("--text-col", action="append", required=True, metavar="COL",
                        help="text column; repeat to join several (the first, e.g. a subject, is weighted apart)")
    parser.add_argument("--label-col", required=True, metavar="COL")
    parser.add_argument("--keywords", type=Path, metavar="FILE.csv",
                        help="keyword prior: CSV of label,phrase[,phrase…] rows (a category tree fits as it is)")
    parser.add_argument("--supplement", default="auto", metavar="auto|off|FILE.csv",
                        help="supplementary training text, for FILE's labels only: auto (default) = the shipped "
                             "government message-board set when FILE's labels are mostly its 7 labels; off; "
                             "or a CSV with subject,detail,label")
