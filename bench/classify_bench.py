"""Benchmark of the smart-dispatch classifier.

1. TIPDM 2020 labelled messages (subject + detail -> 7 labels), read from
   ``<repo>/../shared/data/tipdm2020`` (override with --data); the data is never copied into the repo.
   The organisers' label tree is read at run time as a keyword prior.
   * the honest figure: nested CV (core/classify/selection.py) — every choice (keyword prior on or
     off and its weights, C, subject weight, rows or labels weighed alike, the dispatcher threshold)
     made by an inner CV on the outer fold's training rows only, ranked by macro-F1; with the precision and coverage of the threshold chosen for a
     stated precision (--precision, default 0.90);
   * for reference, plain repeated 5-fold CV of fixed options (optimistic when the options were
     picked on the same rows).
2. ``--heldout FILE`` (repeatable; CSV with columns subject,detail,label): a model trained on all the
   TIPDM rows, with its options chosen by CV on them, scored on FILE — accuracy, macro-F1, and the
   precision / coverage of the confident answers. The first line of each such report is
   ``heldout_accuracy: 0.xxxx`` for scripts.
3. The shipped default models: load time, per-message classify time, CV accuracy on the shipped corpus.

    python bench/classify_bench.py [--data DIR] [--repeats 5] [--heldout FILE ...] [--skip-nested]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _mean_std(values: list[float]) -> str:
    return f"{statistics.mean(values):.4f} ± {statistics.pstdev(values):.4f}"


def bench_tipdm(data_dir: Path, repeats: int, options: dict[str, object]) -> None:
    from core.classify.evaluation import cross_validate

    messages = data_dir / "messages_labelled.csv"
    with messages.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [(r["subject"], r["detail"]) for r in rows]
    labels = [r["label"] for r in rows]
    hierarchy = data_dir / "label_hierarchy.csv"
    print(f"  [plain CV for reference] {len(rows)} rows, {len(set(labels))} labels; options: {options or 'defaults'}")
    for with_keywords in (False, True):
        opts = dict(options)
        if with_keywords:
            opts["keywords"] = hierarchy
        accs: list[float] = []
        f1s: list[float] = []
        eces: list[float] = []
        started = time.perf_counter()
        for seed in range(repeats):
            cv = cross_validate(texts, labels, folds=5, seed=seed, **opts)
            accs += cv.fold_accuracy
            f1s += cv.fold_macro_f1
            eces.append(cv.calibration_error(labels))
        name = "words+chars, subject/detail" + (" + label-tree keywords" if with_keywords else "")
        print(f"  [{name}] 5-fold CV x{repeats} seeds ({time.perf_counter() - started:.0f} s)")
        print(f"    accuracy: {_mean_std(accs)}")
        print(f"    macro_f1: {_mean_std(f1s)}")
        print(f"    calibration error (ECE): {statistics.mean(eces):.4f}")
    print("  last run's report:")
    print("    " + cv.report.format().replace("\n", "\n    "))


def _load_tipdm(data_dir: Path) -> tuple[list[tuple[str, str]], list[str]]:
    with (data_dir / "messages_labelled.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(r["subject"], r["detail"]) for r in rows], [r["label"] for r in rows]


def bench_nested(data_dir: Path, precision: float, seeds: int, supplement: str = "auto") -> None:
    from core.classify.selection import nested_cross_validate

    texts, labels = _load_tipdm(data_dir)
    accs: list[float] = []
    f1s: list[float] = []
    precs: list[float] = []
    covs: list[float] = []
    started = time.perf_counter()
    for seed in range(seeds):
        rep = nested_cross_validate(texts, labels, data_dir / "label_hierarchy.csv", seed=seed, precision=precision,
                                    supplement=supplement)
        accs += rep.fold_accuracy
        f1s += rep.fold_macro_f1
        precs += rep.auto_precision
        covs += rep.auto_coverage
        chosen = rep.chosen
        thresholds = rep.thresholds
    print(f"  [nested CV, the honest figure] 5 outer x 3 inner folds, {seeds} seed(s), supplement {supplement} "
          f"({time.perf_counter() - started:.0f} s)")
    print(f"    accuracy: {_mean_std(accs)}")
    print(f"    macro_f1: {_mean_std(f1s)}")
    print(f"    threshold for precision {precision:.2f} (chosen inside each fold): "
          f"precision above it {_mean_std(precs)}, coverage {_mean_std(covs)}")
    print(f"    last seed's choices per fold: {[_short(c) for c in chosen]}")
    print(f"    last seed's thresholds: {[round(t, 3) for t in thresholds]}")


def _short(options: dict[str, object]) -> str:
    return ", ".join(f"{k}={'tree' if k == 'keywords' else Path(str(v)).name if k == 'supplement' else v}"
                     for k, v in options.items())


def bench_heldout(data_dir: Path, files: list[Path], precision: float, supplement: str = "auto") -> None:
    from core.classify.evaluation import report
    from core.classify.model import train
    from core.classify.selection import train_selected

    texts, labels = _load_tipdm(data_dir)
    started = time.perf_counter()
    model, chosen = train_selected(texts, labels, data_dir / "label_hierarchy.csv", precision=precision,
                                   supplement=supplement)
    print(f"\n== model trained on all {len(labels)} TIPDM rows; options chosen by CV on them: "
          f"{_short(chosen.options)}; threshold {chosen.threshold:.3f} for precision {precision:.2f}")
    selecting = time.perf_counter() - started
    started = time.perf_counter()
    train(texts, labels, **chosen.options)  # what `classifier train` with these options costs
    print(f"  supplement: {model.info.get('supplement') or 'none'}")
    print(f"  training time: {selecting:.0f} s with the option choice (classifier train --select), "
          f"{time.perf_counter() - started:.1f} s for one fit with the chosen options (incl. calibration)")
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        predictions = [model.predict_fields((r.get("subject") or "", r.get("detail") or "")) for r in rows]
        truth = [r["label"].strip() for r in rows]
        rep = report(truth, [p.label for p in predictions], sorted(set(truth) | set(model.labels)))
        above = [p.confidence >= chosen.threshold for p in predictions]
        right = [p.label == t for p, t in zip(predictions, truth, strict=True)]
        n_above = sum(above)
        print(f"heldout_accuracy: {rep.accuracy:.4f}")
        print(f"  file {path}: {len(rows)} rows; macro_f1 {rep.macro_f1:.4f}; above the threshold: "
              f"{n_above / len(rows):.3f} of messages, precision "
              f"{(sum(r for r, a in zip(right, above, strict=True) if a) / n_above) if n_above else 1.0:.4f}")
        print("    " + rep.format().replace("\n", "\n    "))


def bench_default(repeats: int) -> None:
    # A fresh interpreter, so the load time includes imports and jieba's dictionary (from its cache).
    code = (
        "import time; t=time.perf_counter();"
        "from core.classify import ComplaintClassifier; c=ComplaintClassifier.load_default();"
        "c.classify('电梯坏了'); print(time.perf_counter()-t)"
    )
    loads = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
        loads.append(float(out.stdout.strip().splitlines()[-1]))
    print(f"default model: load + first classify in a fresh process: best {min(loads):.3f} s, "
          f"worst {max(loads):.3f} s (3 runs, jieba cache warm)")

    from core.classify import ComplaintClassifier
    from core.classify.build_default import CATEGORY_KEYWORDS, CORPUS, KIND_KEYWORDS, read_corpus
    from core.classify.evaluation import cross_validate

    classifier = ComplaintClassifier.load_default()
    samples = [
        "3栋2单元电梯又坏了，困了人半天没人来修，电话13800138000",
        "楼下烧烤店每天晚上油烟熏得窗户都不敢开，还吵到半夜，请管管",
        "幸福里小区门禁坏了一个月了，外人随便进出，太不安全了",
        "请问物业费怎么交？",
        "建議在小區裡多裝幾個路燈，晚上太黑了",
    ]
    classifier.classify(samples[0])
    n = 2000
    started = time.perf_counter()
    for i in range(n):
        classifier.classify(samples[i % len(samples)])
    per = (time.perf_counter() - started) / n
    print(f"default model: classify (category + kind) {per * 1000:.3f} ms per message ({n} messages)")

    corpus = read_corpus(CORPUS)
    texts = [row.text for row in corpus]
    for target in ("category", "kind"):
        labels = [getattr(row, target) for row in corpus]
        accs: list[float] = []
        f1s: list[float] = []
        for seed in range(repeats):
            # The same options as build_default.build_models, so the figures describe the shipped models.
            keywords = CATEGORY_KEYWORDS if target == "category" else KIND_KEYWORDS
            cv = cross_validate(texts, labels, folds=5, seed=seed, keywords=keywords)
            accs += cv.fold_accuracy
            f1s += cv.fold_macro_f1
        print(f"shipped corpus ({len(texts)} rows), {target}: 5-fold CV accuracy {_mean_std(accs)}, "
              f"macro_f1 {_mean_std(f1s)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "tipdm2020")
    parser.add_argument("--repeats", type=int, default=5, help="CV repetitions with different shuffles")
    parser.add_argument("--skip-tipdm", action="store_true")
    parser.add_argument("--skip-default", action="store_true")
    parser.add_argument("--skip-dispatch", action="store_true", help="skip urgency, routing and duplicates")
    parser.add_argument("--skip-nested", action="store_true", help="skip the nested CV (about 3 minutes a seed)")
    parser.add_argument("--nested-seeds", type=int, default=1)
    parser.add_argument("--skip-plain", action="store_true", help="skip the plain CV for reference")
    parser.add_argument("--supplement", default="auto", metavar="auto|off|FILE",
                        help="supplementary training text (core/classify/supplement.py; default auto)")
    parser.add_argument("--precision", type=float, default=0.90,
                        help="precision the dispatcher threshold is chosen for (default 0.90)")
    parser.add_argument("--heldout", action="append", type=Path, default=[], metavar="FILE",
                        help="CSV with subject,detail,label: score a model trained on all TIPDM rows")
    args = parser.parse_args()
    have = (args.data / "messages_labelled.csv").is_file()
    if not have:
        print(f"no data at {args.data}: skipping the TIPDM benchmark (use --data)")
    if have and args.heldout:
        bench_heldout(args.data, args.heldout, args.precision, args.supplement)
    if have and not args.skip_tipdm:
        print(f"\n== TIPDM 2020 ({args.data})")
        if not args.skip_nested:
            bench_nested(args.data, args.precision, args.nested_seeds, args.supplement)
        if not args.skip_plain:
            bench_tipdm(args.data, args.repeats, {"supplement": args.supplement})
    if not args.skip_default:
        bench_default(args.repeats)
    if not args.skip_dispatch:
        bench_urgency_and_dispatch()


def bench_urgency_and_dispatch() -> None:
    """Urgency recall/precision (core/text/urgency_eval.py), routing accuracy and the duplicate check
    (bench/dispatch_bench.py): the rest of smart dispatch, in the same run."""
    from core.text.urgency_eval import HELDOUT_CSV, TUNING_CSV, evaluate, load_labelled

    print("\n== urgency (emergency detection, core/text/data/; bench/urgency_bench.py has the full report)")
    for name, path in (("held-out round 4", HELDOUT_CSV), ("tuning", TUNING_CSV)):
        ev = evaluate(load_labelled(path))
        print(f"  {name}: {ev.total} messages ({ev.emergencies} emergencies)  recall counting triage "
              f"{ev.recall_with_triage:.4f}  recall {ev.emergency_recall:.4f}  false emergencies "
              f"{ev.false_emergency_rate:.4f}  triage {ev.triage_rate:.4f}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import dispatch_bench

    print()
    dispatch_bench.report()


if __name__ == "__main__":
    main()
