"""Train the shipped urgency model and choose its decision thresholds.

    python -m core.text.urgency_train [--check] [--folds 5]

Data: every ``text,label`` CSV listed in ``TRAINING_FILES`` (the project's own labelled messages in
``core/text/data``). The round-4 held-out set is never read here.

Steps, all deterministic (fixed seeds; the gzip mtime is 0), so the same data and code give the same
model file byte for byte on one machine, and ``--check`` tells whether the shipped file is stale (numbers
within a rounding step count as the same: another machine's BLAS may round one coefficient differently):

1. read each message once: rules, danger concepts, n-gram text (:func:`analyse`);
2. out-of-fold probabilities by stratified k-fold: each fold's model is fitted on the other folds only;
3. the decision thresholds of :mod:`core.text.urgency` are chosen on those out-of-fold probabilities
   (:func:`choose_thresholds`): first miss no emergency (counting the triage question), then keep
   false emergencies and triage on ordinary messages low;
4. the final model is fitted on all rows and saved with the thresholds and the out-of-fold figures.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import itertools
import json
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from core.text.danger import read_danger
from core.text.urgency import model_alone_reading, quiet_praise, rule_tokens
from core.text.urgency_model import (
    LEVELS,
    MODEL_FILE,
    Features,
    UrgencyModel,
    featurize,
    model_text,
    simplified,
)
from core.text.urgency_rules import EMERGENCY, prepare, rule_urgency

DATA_DIR = Path(__file__).resolve().parent / "data"
# urgency_r5 … r13: held-out rounds 5 to 13, copied here from bench/heldout after they were scored
# and their misses read (all on 2026-12-06; r9 and r10 on branch urgency11, r11 on study11, r12 on
# study12u, r13 on study13u): from then on they are training data, not evidence. Rounds 14 to 21 were read for their
# classes but not trained on; rounds 22 and 23 are, since branches study22u and study23u (2026-12-07), after their
# misses were read; so are round 24 (study24u), round 25 (study25u, sixteenth session), round 26 (study26u,
# seventeenth session) and round 27 (study27u, eighteenth session).
TRAINING_FILES = (
    "urgency_labelled.csv", "urgency_train.csv", "urgency_r5.csv", "urgency_r6.csv", "urgency_r7.csv", "urgency_r8.csv",
    "urgency_r9.csv", "urgency_r10.csv", "urgency_r11.csv", "urgency_r12.csv", "urgency_r13.csv",
    "urgency_classes.csv", "urgency_r22.csv", "urgency_r23.csv", "urgency_r24.csv", "urgency_train_w25.csv",
    "urgency_r25.csv", "urgency_r26.csv", "urgency_r27.csv",
)
# Weights of the feature blocks and the inverse regularisation, from out-of-fold runs: the rules'
# verdict weighs little (0.3), since the rules were written on part of the training data and would
# otherwise look more reliable than they are on new wording; C 4-20 are within noise of each other.
BLOCK_WEIGHTS = {"char": 1.0, "concept": 0.8, "rule": 0.3}
CHAR_MIN_DF = 2
C = 10.0
SEED = 0
# Budgets the thresholds are chosen within, under the goals (false emergencies ≤ 5 % and triage ≤ 15 %
# of ordinary messages), since new wording scores worse than out-of-fold rows: round 7, unseen, had
# 5.7 % false emergencies where out of fold said 3.4 %. At 3.5 % (was 4 %) the same emergencies are
# missed out of fold (9 of 1,264, counting triage) and a false alarm (119 / 120 shouted at a resident)
# is rarer: 3.1 % instead of 3.6 %, at the cost of more emergencies reached through the triage question.
# Round 8, unseen, had 6.2 % where out of fold said 3.05 % (2.0x): at 2.5 % (was 3.5 %) the same 14 of
# 1,393 emergencies are missed out of fold counting triage, false emergencies 3.5 % -> 2.4 %, triage
# 12.2 % -> 13.3 %, and emergencies called outright 0.90 -> 0.85 (the rest are asked first, one tap).
MAX_FALSE_EMERGENCY = 0.025
MAX_TRIAGE = 0.14
# Most emergencies called outright, at least: the grid's corners trade many called outright for one row fewer
# missed (branch study21u: 11 → 10 missed out of fold at emergency 0.9, rule 0.1, triage_partial 0.03, strict recall
# 0.90 → 0.78, triage at its 14 % budget): one out-of-fold row is noise, the 12 % of emergencies asked first is not.
MIN_RECALL_STRICT = 0.85
# Where the model alone may ask (no rule, hazard, state or cry read): a third of the ordinary rows asked in rounds 14-24
# were such readings (快递柜满了, 楼下小孩玩摔炮), and emergencies known to the model alone are few and mostly cries
TRIAGE_ALONE_GRID = (0.12, 0.14, 0.16, 0.2, 0.25, 0.3)


@dataclass(frozen=True)
class Row:
    text: str
    label: str


@dataclass(frozen=True)
class Analysed:
    features: Features
    rule_level: str
    partial: bool  # danger.partial(): a severe hazard or a person in a bad state, said as present
    water_only: bool = False  # danger.water_only(): asked about, never an emergency outright
    contradicted: bool = False  # danger.contradicted() or called_off(): the rules' emergency alone does not ask then
    praise: bool = False  # urgency.quiet_praise(): a praise with nothing said as present is not asked
    alone: bool = False  # urgency.model_alone_reading(): only the model to go on, asked at "triage_alone"


def read_rows(paths: Iterable[Path]) -> list[Row]:
    rows: list[Row] = []
    for path in paths:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                text, label = (r.get("text") or "").strip(), (r.get("label") or "").strip()
                if text and label in LEVELS:
                    rows.append(Row(text, label))
    return rows


def analyse(text: str) -> Analysed:
    prepared = prepare(text)
    rule = rule_urgency(text, prepared)
    simple = simplified(prepared[1])
    danger = read_danger(simple)
    return Analysed(featurize(model_text(simple), danger.tokens(), rule_tokens(rule)), rule.level, danger.partial(),
                    danger.water_only(), danger.contradicted() or danger.called_off(),
                    quiet_praise(text, rule, danger), model_alone_reading(rule, danger))


def fit(items: Sequence[Analysed], labels: Sequence[str], thresholds: dict[str, float] | None = None) -> UrgencyModel:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    df: Counter[str] = Counter()
    for it in items:
        df.update(it.features.char.keys())
    char_tokens = sorted(g for g, n in df.items() if n >= CHAR_MIN_DF)
    concept_tokens = sorted({t for it in items for t in it.features.concept})
    rule_tokens_ = sorted({t for it in items for t in it.features.rule})
    vocabulary: dict[str, dict[str, int]] = {}
    column = 0
    for block, tokens in (("char", char_tokens), ("concept", concept_tokens), ("rule", rule_tokens_)):
        vocabulary[block] = {t: column + i for i, t in enumerate(tokens)}
        column += len(tokens)
    n = len(items)
    idf = np.ones(column)
    for g, col in vocabulary["char"].items():
        idf[col] = math.log((1 + n) / (1 + df[g])) + 1.0
    shell = UrgencyModel(vocabulary, idf, BLOCK_WEIGHTS, np.zeros((len(LEVELS), column)), np.zeros(len(LEVELS)), {})
    rows, cols, vals = [], [], []
    for i, it in enumerate(items):
        idx, val = shell.vector(it.features)
        rows += [i] * len(idx)
        cols += idx.tolist()
        vals += val.tolist()
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n, column))
    y = np.array([LEVELS.index(label) for label in labels])
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=SEED)
    clf.fit(x, y)
    coef = np.zeros((len(LEVELS), column))
    intercept = np.zeros(len(LEVELS))
    for k, cls in enumerate(clf.classes_):
        coef[int(cls)] = clf.coef_[k]
        intercept[int(cls)] = clf.intercept_[k]
    info = {"rows": n, "class_counts": dict(sorted(Counter(labels).items())), "C": C, "block_weights": BLOCK_WEIGHTS}
    return UrgencyModel(vocabulary, idf, BLOCK_WEIGHTS, coef, intercept, thresholds or {}, info)


def out_of_fold(items: Sequence[Analysed], labels: Sequence[str], folds: int) -> npt.NDArray[np.float64]:
    """P(level) of every row from a model that never saw it (columns in LEVELS order)."""
    from sklearn.model_selection import StratifiedKFold

    probs = np.zeros((len(items), len(LEVELS)))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        model = fit([items[i] for i in train_idx], [labels[i] for i in train_idx])
        for i in test_idx:
            p = model.probabilities(items[i].features)
            probs[i] = [p[level] for level in LEVELS]
    return probs


@dataclass(frozen=True)
class Outcome:
    missed: int  # emergencies neither called emergency nor asked about
    recall_strict: float  # emergencies called emergency
    false_emergency: float  # share of non-emergencies called emergency
    triage_rate: float  # share of non-emergencies asked the triage question


def outcome(probs: npt.NDArray[np.float64], items: Sequence[Analysed], labels: Sequence[str],
            th: dict[str, float]) -> Outcome:
    p_em = probs[:, 0]
    rule_em = np.array([it.rule_level == EMERGENCY for it in items])
    partial = np.array([it.partial for it in items])
    called = (p_em >= th["emergency"]) | (rule_em & (p_em >= th["rule_emergency"]))
    water_only = np.array([it.water_only for it in items], dtype=bool)
    em = called & ~water_only
    contradicted = np.array([it.contradicted for it in items], dtype=bool)
    # the rules' emergency about water with nobody at risk asks only as partial evidence does (issue #15)
    rule_asks = rule_em & ~contradicted & (~water_only | (p_em >= th["triage_partial"]))
    praise = np.array([it.praise for it in items], dtype=bool)
    alone = np.array([it.alone for it in items], dtype=bool)
    asks = np.where(alone, p_em >= th.get("triage_alone", th["triage"]), p_em >= th["triage"])
    tri = ~em & ~praise & (asks | (partial & (p_em >= th["triage_partial"])) | rule_asks | called)
    truth = np.array([label == EMERGENCY for label in labels])
    n_em, n_other = int(truth.sum()), int((~truth).sum())
    return Outcome(
        missed=int((truth & ~em & ~tri).sum()),
        recall_strict=float((truth & em).sum() / max(1, n_em)),
        false_emergency=float((~truth & em).sum() / max(1, n_other)),
        triage_rate=float((~truth & tri).sum() / max(1, n_other)),
    )


def choose_thresholds(probs: npt.NDArray[np.float64], items: Sequence[Analysed], labels: Sequence[str]
                      ) -> tuple[dict[str, float], Outcome]:
    """Fewest missed emergencies within the false-emergency and triage budgets and calling at least
    MIN_RECALL_STRICT of the emergencies outright; then the most
    emergencies called outright; then the least triage."""
    best: tuple[Any, ...] | None = None
    grid = {
        # not below 0.6: the search takes the lowest value inside the false-emergency budget, and 0.5 twice added false
        # emergencies on the rounds the model is not trained on while catching no emergency more counting the question
        # (sixteenth session, study25u: r14-r24 27 -> 33 at 0.5; seventeenth, study26u: 27 -> 35 with the same model)
        "emergency": [0.6, 0.7, 0.8, 0.9],
        # not below 0.5: where a rule says emergency and the model leans against it, ask (fifteenth session: a
        # one-pattern rule change moved the search to 0.3, which added false emergencies on 4 of the 8 unread rounds
        # r14-r21 and caught no emergency more counting the question; triage25 saw the same)
        "rule_emergency": [0.5, 0.6, 0.7],
        "triage": [0.1, 0.15, 0.2, 0.3, 0.4],
        # not below 0.08: a water rule with nobody at risk (储藏室的水管裂了 水往外喷) would be asked wherever the model
        # barely leans (0.05), against the designed 'urgent, not asked' (twelfth session: the search took 0.03 for one
        # out-of-fold row and asked on burst pipes)
        "triage_partial": [0.08, 0.12, 0.2],
    }
    for values in itertools.product(*grid.values()):
        th = dict(zip(grid, values, strict=True))
        o = outcome(probs, items, labels, th)
        within = (o.false_emergency <= MAX_FALSE_EMERGENCY and o.triage_rate <= MAX_TRIAGE
                  and o.recall_strict >= MIN_RECALL_STRICT)
        key = (not within, o.missed, -o.recall_strict, o.triage_rate + o.false_emergency)
        if best is None or key < best[0]:
            best = (key, th, o)
    assert best is not None
    th = choose_triage_alone(probs, items, labels, best[1])
    return th, outcome(probs, items, labels, th)


def choose_triage_alone(probs: npt.NDArray[np.float64], items: Sequence[Analysed], labels: Sequence[str],
                        th: dict[str, float]) -> dict[str, float]:
    """Where the model alone asks (no rule, hazard, state or cry read): the highest value of TRIAGE_ALONE_GRID at which
    no more emergency is missed out of fold than when it asks at "triage" (the rule was written down before any round
    was scored with it, fifteenth session)."""
    plain = {**th, "triage_alone": th["triage"]}
    missed = outcome(probs, items, labels, plain).missed
    for value in sorted((v for v in TRIAGE_ALONE_GRID if v > th["triage"]), reverse=True):
        tried = {**th, "triage_alone": value}
        if outcome(probs, items, labels, tried).missed <= missed:
            return tried
    return plain


def data_digest(files: Sequence[str] = TRAINING_FILES) -> str:
    """Hash of the training files and the vocabulary the features come from: a test compares it
    with the shipped model's, so a data change without a rebuild fails fast."""
    digest = hashlib.sha256()
    for name in (*files, "danger_concepts.toml", "urgency_rules.toml"):
        path = DATA_DIR / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build(folds: int = 5, files: Sequence[str] = TRAINING_FILES, verbose: bool = True) -> UrgencyModel:
    rows = read_rows(DATA_DIR / f for f in files)
    items = [analyse(r.text) for r in rows]
    labels = [r.label for r in rows]
    probs = out_of_fold(items, labels, folds)
    thresholds, o = choose_thresholds(probs, items, labels)
    model = fit(items, labels, thresholds)
    model.info["files"] = [f for f in files if (DATA_DIR / f).is_file()]
    model.info["data_sha256"] = data_digest(files)
    model.info["out_of_fold"] = {
        "folds": folds,
        "missed_emergencies": o.missed,
        "emergencies": labels.count(EMERGENCY),
        "recall_without_triage": round(o.recall_strict, 4),
        "false_emergency_rate": round(o.false_emergency, 4),
        "triage_rate_non_emergency": round(o.triage_rate, 4),
    }
    if verbose:
        print(f"{len(rows)} rows from {', '.join(model.info['files'])}; thresholds {thresholds}")
        print(f"out-of-fold: {model.info['out_of_fold']}")
    return model


def same_model(a: Path, b: Path, tolerance: float = 2e-5) -> bool:
    """The same file, or the same model with numbers a rounding step apart: a fit on another machine's
    BLAS can land one coefficient of 60,000 on the other side of the fifth decimal."""
    if a.read_bytes() == b.read_bytes():
        return True
    return _close(json.loads(gzip.decompress(a.read_bytes())), json.loads(gzip.decompress(b.read_bytes())), tolerance)


def _close(x: object, y: object, tolerance: float) -> bool:
    if isinstance(x, float) or isinstance(y, float):
        return isinstance(x, int | float) and isinstance(y, int | float) and abs(x - y) <= tolerance
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_close(x[k], y[k], tolerance) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(_close(p, q, tolerance) for p, q in zip(x, y, strict=True))
    return x == y


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the shipped urgency model.")
    parser.add_argument("--check", action="store_true", help="only verify the shipped model is up to date")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    model = build(args.folds)
    target = DATA_DIR / MODEL_FILE
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / MODEL_FILE
            model.save(fresh)
            if not target.is_file() or not same_model(fresh, target):
                print(f"stale: {MODEL_FILE}; run python -m core.text.urgency_train", file=sys.stderr)
                return 1
        print("urgency model is up to date")
        return 0
    model.save(target)
    print(f"{MODEL_FILE}: {model.n_features} features, {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
