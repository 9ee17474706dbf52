"""Score the category model on a second public set of real citizen messages (issue 15's last goal).

    PYTHONPATH=. python bench/classify_public2.py [--data ../shared/data/tipdm2020] SOURCE [SOURCE ...]

SOURCE (or the environment variable PUBLIC2_DATA, paths separated by ':') is a clone of
https://github.com/alfonsocheng1025/liuyanzhejiang (every committed version of its `data.json`, on
every branch, is read) or one or more `data.json` files from it. Nothing of it is copied into this
repository. Its messages are real posts on 人民网「领导留言板」 (liuyan.people.com.cn) to the leaders of
Hangzhou and its districts, 2020-08 … 2026-06, each with the board's own field (`domain`: 城建, 交通,
环保 …); the file keeps the title and the board's list snippet of the text (about 100 characters).

Declared before the first score (2026-12-06) and not changed after it:

* the label mapping `DOMAIN_TO_LABEL` below, decided from the two label sets' definitions (the
  organisers' category tree in label_hierarchy.csv) — a field with no single counterpart among the
  model's 7 labels is dropped and counted;
* rows are deduplicated by the board's message id, then by identical title + text; a row sharing a
  15-character run (masking asterisks aside) with any of the 495 TIPDM rows is dropped and counted;
* the model is trained on all 495 TIPDM rows as `complaint-bot classifier train --select --keywords
  label_hierarchy.csv` does (`train_selected`, supplement auto = the shipped text at weight 0.3), and,
  for comparison, the same with the supplement off; each is scored once on every mapped row
  (accuracy, macro-F1, per label, confusion table, and the confident answers at the threshold chosen
  in the CV for precision 0.90). Nothing is chosen by looking at this set.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA_FILE = "data.json"
ENV_VAR = "PUBLIC2_DATA"
SHINGLE = 15

# 人民网 领导留言板 field → the model's label. Decided from the definitions, before any score:
# 文娱 (culture, sport, entertainment) sits under 教育文体 in the organisers' tree (文化, 体育);
# 就业 / 社保 are 劳动和社会保障 (就业培训, 劳动关系, 社会保险); 医疗 is 卫生计生 (医患纠纷, 医政监管);
# 旅游 is 商贸旅游 (旅游管理). Dropped, no single counterpart among the 7: 企业 (wage arrears,
# enterprise affairs and consumer disputes: 劳动, 经济管理 and 商贸 in the tree), 治安 (政法), 政务
# (党务政务), 三农 (农村农业), 金融 (经济管理), 其他, 征集.
DOMAIN_TO_LABEL: dict[str, str] = {
    "城建": "城乡建设",
    "交通": "交通运输",
    "环保": "环境保护",
    "教育": "教育文体",
    "文娱": "教育文体",
    "就业": "劳动和社会保障",
    "社保": "劳动和社会保障",
    "医疗": "卫生计生",
    "旅游": "商贸旅游",
}


@dataclass(frozen=True)
class Message:
    tid: str
    subject: str
    detail: str
    domain: str
    date: str


def _clean(text: str) -> str:
    text = " ".join((text or "").split())
    return text[:-3].rstrip() if text.endswith("...") else text


def records_of(store: dict[str, Any]) -> Iterator[Message]:
    """The labelled messages of one data.json: its `recent` and `pending` lists (`low` has no field)."""
    for key in ("recent", "pending"):
        for item in store.get(key) or []:
            domain = str(item.get("domain") or "").strip()
            tid = str(item.get("tid") or item.get("id") or "").strip()
            if not domain or not tid:
                continue
            yield Message(tid, _clean(str(item.get("title") or "")), _clean(str(item.get("content") or "")),
                          domain, str(item.get("date") or ""))


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def stores_in(source: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, parsed data.json) for a data.json file, or for every committed version in a git repository."""
    if source.is_file():
        yield str(source), json.loads(source.read_text(encoding="utf-8"))
        return
    commits = _git(source, "rev-list", "--all", "--", DATA_FILE).decode().split()
    if not commits:
        raise SystemExit(f"{source}: no committed {DATA_FILE} (expected a clone of the liuyanzhejiang repository)")
    for commit in commits:
        yield f"{source}@{commit[:12]}", json.loads(_git(source, "show", f"{commit}:{DATA_FILE}"))


def load(sources: Iterable[Path]) -> tuple[list[Message], list[str], int]:
    """Unique messages (by id, the longest text kept), where they were read, and duplicate texts dropped."""
    by_id: dict[str, Message] = {}
    read: list[str] = []
    for source in sources:
        for where, store in stores_in(source):
            read.append(f"{where} (updated {store.get('updated', '?')})")
            for message in records_of(store):
                known = by_id.get(message.tid)
                if known is None or len(message.detail) > len(known.detail):
                    by_id[message.tid] = message
    unique: list[Message] = []
    seen: set[tuple[str, str]] = set()
    for message in sorted(by_id.values(), key=lambda m: int(m.tid) if m.tid.isdigit() else 0):
        key = (message.subject, message.detail)
        if key not in seen:
            seen.add(key)
            unique.append(message)
    return unique, read, len(by_id) - len(unique)


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    compact = "".join(text.split())
    return {compact[i:i + n] for i in range(len(compact) - n + 1) if "*" not in compact[i:i + n]}


def tipdm_shingles(data_dir: Path) -> set[str]:
    found: set[str] = set()
    with (data_dir / "messages_labelled.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found |= shingles(row["subject"]) | shingles(row["detail"])
    return found


def select_rows(messages: list[Message], known: set[str]) -> tuple[list[tuple[Message, str]], Counter[str], int]:
    """Mapped rows that share no run with the TIPDM rows; the dropped fields' counts; the overlaps dropped."""
    kept: list[tuple[Message, str]] = []
    dropped: Counter[str] = Counter()
    overlapping = 0
    for message in messages:
        label = DOMAIN_TO_LABEL.get(message.domain)
        if label is None:
            dropped[message.domain] += 1
        elif (shingles(message.subject) | shingles(message.detail)) & known:
            overlapping += 1
        else:
            kept.append((message, label))
    return kept, dropped, overlapping


def score(rows: list[tuple[Message, str]], data_dir: Path, precision: float) -> None:
    from classify_bench import _load_tipdm, _short

    from core.classify.evaluation import report
    from core.classify.model import train
    from core.classify.selection import train_selected
    from core.classify.supplement import AUTO, OFF

    texts, labels = _load_tipdm(data_dir)
    started = time.perf_counter()
    model, chosen = train_selected(texts, labels, data_dir / "label_hierarchy.csv", precision=precision,
                                   supplement=AUTO)
    print(f"\nmodel: `classifier train --select` on the {len(labels)} TIPDM rows ({time.perf_counter() - started:.0f} s); "
          f"options chosen by CV on them: {_short(chosen.options)}; threshold {chosen.threshold:.3f} "
          f"for precision {precision:.2f}")
    models = [("classifier train --select (supplement auto)", model, chosen.threshold)]
    if chosen.options.get("supplement", OFF) != OFF:
        options = {**chosen.options, "supplement": OFF, "supplement_weight": 0.0}
        models.append(("the same options, supplement off", train(texts, labels, **options), None))
    truth = [label for _, label in rows]
    for name, trained, threshold in models:
        predictions = [trained.predict_fields((m.subject, m.detail)) for m, _ in rows]
        rep = report(truth, [p.label for p in predictions], sorted(set(truth) | set(trained.labels)))
        print(f"\n== {name}: supplement {trained.info.get('supplement') or 'none'}")
        print(f"public2_accuracy: {rep.accuracy:.4f}")
        print(f"  {len(rows)} rows; macro_f1 {rep.macro_f1:.4f}")
        if threshold is not None:
            above = [p.confidence >= threshold for p in predictions]
            right = [p.label == t for p, t in zip(predictions, truth, strict=True)]
            n_above = sum(above)
            hit = sum(r for r, a in zip(right, above, strict=True) if a)
            print(f"  above the threshold {threshold:.3f}: {n_above / len(rows):.3f} of messages, "
                  f"precision {(hit / n_above) if n_above else 1.0:.4f}")
        print("    " + rep.format().replace("\n", "\n    "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", type=Path, nargs="*", metavar="SOURCE",
                        help=f"liuyanzhejiang clone or data.json file(s); default: ${ENV_VAR}")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "tipdm2020",
                        help="the TIPDM 2020 sample (training rows and the overlap check)")
    parser.add_argument("--precision", type=float, default=0.90)
    parser.add_argument("--mapping-only", action="store_true",
                        help="print what is read, mapped and dropped; train and score nothing")
    args = parser.parse_args()
    sources = args.sources or [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    if not sources:
        parser.error(f"give a SOURCE or set {ENV_VAR}")
    messages, read, duplicate_texts = load(sources)
    print(f"read {len(read)} version(s) of {DATA_FILE}:")
    for where in read:
        print(f"  {where}")
    rows, dropped, overlapping = select_rows(messages, tipdm_shingles(args.data))
    print(f"{len(messages)} unique messages ({duplicate_texts} repeated texts dropped), "
          f"{min(m.date for m in messages)} … {max(m.date for m in messages)}")
    print(f"fields: {dict(Counter(m.domain for m in messages).most_common())}")
    print(f"mapping: {DOMAIN_TO_LABEL}")
    print(f"dropped, field without a counterpart: {sum(dropped.values())} {dict(dropped.most_common())}")
    print(f"dropped, sharing a {SHINGLE}-character run with the TIPDM rows: {overlapping}")
    print(f"kept: {len(rows)} {dict(Counter(label for _, label in rows).most_common())}")
    if not args.mapping_only:
        score(rows, args.data, args.precision)


if __name__ == "__main__":
    main()
