"""Benchmark of the smart-dispatch classifier.

1. 5-fold stratified CV on the TIPDM 2020 labelled messages (subject + detail -> 7 labels), read from
   ``<repo>/../shared/data/tipdm2020`` (override with --data); the data is never copied into the repo.
   The organisers' label tree is read at run time as a keyword prior.
2. The shipped default models: load time, per-message classify time, CV accuracy on the shipped corpus.

    python bench/classify_bench.py [--data DIR] [--repeats 3]
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
    print(f"TIPDM 2020: {len(rows)} rows, {len(set(labels))} labels; options: {options or 'defaults'}")
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
    from core.classify.build_default import CORPUS, read_corpus
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
            cv = cross_validate(texts, labels, folds=5, seed=seed, keywords=REPO / "core/classify/corpus/keywords.csv"
                                if target == "category" else None)
            accs += cv.fold_accuracy
            f1s += cv.fold_macro_f1
        print(f"shipped corpus ({len(texts)} rows), {target}: 5-fold CV accuracy {_mean_std(accs)}, "
              f"macro_f1 {_mean_std(f1s)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "tipdm2020")
    parser.add_argument("--repeats", type=int, default=3, help="CV repetitions with different shuffles")
    parser.add_argument("--skip-tipdm", action="store_true")
    parser.add_argument("--skip-default", action="store_true")
    parser.add_argument("--skip-dispatch", action="store_true", help="skip urgency, routing and duplicates")
    args = parser.parse_args()
    if not args.skip_tipdm:
        if not (args.data / "messages_labelled.csv").is_file():
            print(f"no data at {args.data}: skipping the TIPDM benchmark (use --data)")
        else:
            bench_tipdm(args.data, args.repeats, {})
    if not args.skip_default:
        bench_default(args.repeats)
    if not args.skip_dispatch:
        bench_urgency_and_dispatch()


def bench_urgency_and_dispatch() -> None:
    """Urgency recall/precision (core/text/urgency_eval.py), routing accuracy and the duplicate check
    (bench/dispatch_bench.py): the rest of smart dispatch, in the same run."""
    from core.text.urgency_eval import HELDOUT_CSV, TUNING_CSV, evaluate, load_labelled

    print("\n== urgency (emergency detection, core/text/data/)")
    for name, path in (("held-out", HELDOUT_CSV), ("tuning", TUNING_CSV)):
        ev = evaluate(load_labelled(path))
        emergencies = sum(ev.confusion["emergency"].values())
        print(f"  {name}: {ev.total} messages ({emergencies} emergencies)  emergency_recall {ev.emergency_recall:.4f}  "
              f"emergency_precision {ev.emergency_precision:.4f}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import dispatch_bench

    print()
    dispatch_bench.report()


if __name__ == "__main__":
    main()
