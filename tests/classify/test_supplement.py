"""Supplementary training text: joins training for the user's labels only, never scored, can be off."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.classify import supplement
from core.classify.evaluation import cross_validate
from core.classify.model import TrainOptions, train
from core.classify.selection import candidates_for, nested_cross_validate

from .conftest import SMALL_ROWS

# The user's rows never mention a 化粪池 or a 噪声 from a 冲击钻: the supplement does.
SUPPLEMENT = [
    ("化粪池堵了", "化粪池满了往外冒，整栋楼下水道都不通", "维修"),
    ("化粪池冒水", "化粪池盖子边上一直冒脏水", "维修"),
    ("化粪池坏了", "化粪池的管子裂了，请来修", "维修"),
    ("冲击钻", "隔壁冲击钻一直响，头都要炸了", "噪音"),
    ("冲击钻太吵", "楼上冲击钻从早上响到晚上", "噪音"),
    ("冲击钻噪声", "工人用冲击钻打墙，吵死了", "噪音"),
    ("公交改线", "公交车改线以后站台太远", "交通"),
    ("公交站", "公交站没有遮雨棚", "交通"),
]


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "detail", "label"])
        writer.writerows(rows)
    return path


@pytest.fixture
def supplement_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "supplement.csv", SUPPLEMENT)


def _user_rows() -> tuple[list[tuple[str, str]], list[str]]:
    return [(s, d) for s, d, _ in SMALL_ROWS], [label for *_, label in SMALL_ROWS]


def test_the_supplement_teaches_what_the_users_rows_do_not(supplement_file: Path) -> None:
    texts, labels = _user_rows()
    probe = ("化粪池", "化粪池又满了")
    without = train(texts, labels, supplement="off", calibration_folds=0)
    with_it = train(texts, labels, supplement=supplement_file, supplement_weight=1.0, calibration_folds=0)
    index = with_it.labels.index("维修")
    assert with_it.predict_fields(probe).label == "维修"
    assert with_it.probabilities(probe)[index] > without.probabilities(probe)[index]
    assert "supplement" not in without.info


def test_only_the_users_labels_are_supplemented(supplement_file: Path) -> None:
    texts, labels = _user_rows()
    model = train(texts, labels, supplement=supplement_file)
    assert model.labels == ("卫生", "噪音", "维修")  # never 交通, which only the supplement has
    assert model.info["supplement"]["class_counts"] == {"噪音": 3, "维修": 3}
    assert model.info["supplement"]["rows"] == 6
    assert model.info["rows"] == len(labels)
    assert model.prior.sum() == pytest.approx(1.0)
    assert model.prior[model.labels.index("卫生")] == pytest.approx(5 / 15)  # the user's own mix


def test_auto_uses_the_package_files_only_for_a_label_set_they_mostly_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package_file = _write(tmp_path / "gov.csv", SUPPLEMENT)
    monkeypatch.setattr(supplement, "PACKAGE_FILES", (package_file,))
    assert supplement.resolve("auto", ["维修", "噪音", "卫生"]) == (package_file,)  # 2 of 3 shared
    assert supplement.resolve("auto", ["维修", "卫生", "绿化", "停车"]) == ()  # 1 of 4
    assert supplement.resolve("auto", ["物业费", "停车"]) == ()
    assert supplement.resolve("off", ["维修", "噪音"]) == ()
    property_model = train([("电梯坏了", ""), ("物业费太贵", ""), ("电梯不动", ""), ("收费乱", "")],
                           ["电梯", "收费", "电梯", "收费"], calibration_folds=0)
    assert "supplement" not in property_model.info
    texts, labels = _user_rows()
    assert train(texts, labels, calibration_folds=0).info["supplement"]["rows"] == 6
    monkeypatch.setattr(supplement, "PACKAGE_FILES", (tmp_path / "absent.csv",))
    assert "supplement" not in train(texts, labels, calibration_folds=0).info


def test_auto_joins_every_package_file_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the shipped supplement is two files written apart; auto trains on both, and the labels they
    # share with the user's rows are counted over both
    first = _write(tmp_path / "first.csv", SUPPLEMENT[:3])  # 维修 only
    second = _write(tmp_path / "second.csv", SUPPLEMENT[3:])  # 噪音, 交通
    monkeypatch.setattr(supplement, "PACKAGE_FILES", (first, second))
    assert supplement.resolve("auto", ["维修", "噪音", "卫生"]) == (first, second)
    rows = supplement.rows_for("auto", ["维修", "噪音", "卫生"], need_tokens=False)
    assert rows is not None and rows.labels == ("维修",) * 3 + ("噪音",) * 3
    texts, labels = _user_rows()
    info = train(texts, labels, calibration_folds=0).info["supplement"]
    assert info["file"] == "first.csv + second.csv" and info["rows"] == 6


def test_cross_validation_scores_the_users_rows_only(supplement_file: Path) -> None:
    texts, labels = _user_rows()
    cv = cross_validate(texts, labels, folds=3, supplement=supplement_file)
    assert sum(cv.report.support) == len(labels)
    rep = nested_cross_validate(texts * 3, labels * 3, None, outer=3, inner=2, precision=0.8,
                                supplement=supplement_file)
    assert rep.report is not None and sum(rep.report.support) == 3 * len(labels)
    assert any("supplement_weight" in chosen for chosen in rep.chosen)


def test_the_supplement_is_fixed_beforehand_not_chosen_by_the_inner_cv(supplement_file: Path) -> None:
    # the CV on the user's rows cannot value it (it helps on other messages), so every candidate has it
    # at the default weight where it applies to the user's labels, and none where it does not
    _, labels = _user_rows()
    pool = candidates_for(None, labels=labels, supplement=supplement_file)
    assert {c["supplement_weight"] for c in pool} == {TrainOptions().supplement_weight}
    other = candidates_for(None, labels=["物业费", "停车"], supplement=supplement_file)
    assert {c["supplement_weight"] for c in other} == {0.0}
    assert {c["supplement_weight"] for c in candidates_for(None, labels=labels, supplement="off")} == {0.0}


def test_a_bad_supplement_file_is_a_clear_error(tmp_path: Path) -> None:
    texts, labels = _user_rows()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="subject,detail,label"):
        train(texts, labels, supplement=bad)
    with pytest.raises(ValueError, match="not found"):
        train(texts, labels, supplement=tmp_path / "missing.csv")


def test_classifier_train_takes_the_supplement_and_can_choose_its_weight(
    supplement_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main
    from core.classify.model import TextModel

    data = _write(tmp_path / "rows.csv", SMALL_ROWS * 2)
    model = tmp_path / "m.json.gz"
    base = ["classifier", "train", str(data), "--text-col", "subject", "--text-col", "detail",
            "--label-col", "label", "--model", str(model)]
    assert main([*base, "--supplement", str(supplement_file)]) == 0
    assert "+ 6 supplementary rows (supplement.csv" in capsys.readouterr().out
    assert TextModel.load(model).info["supplement"]["rows"] == 6
    assert main([*base, "--supplement", "off"]) == 0
    assert "supplementary" not in capsys.readouterr().out
    assert main([*base, "--supplement", str(supplement_file), "--select", "--precision", "0.8"]) == 0
    out = capsys.readouterr().out
    assert "options chosen by macro_f1 in CV" in out and "supplement_weight=" in out
    assert "threshold_for_precision" in str(TextModel.load(model).info["selection"])


def test_the_shipped_supplement_is_for_the_government_labels_only() -> None:
    from core.classify.build_default import CORPUS, read_corpus

    assert [p.name for p in supplement.PACKAGE_FILES] == ["gov_supplement.csv", "gov_supplement_tree.csv"]
    gov = {"城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生"}
    for path in supplement.PACKAGE_FILES:
        assert set(supplement.read_labels(path)) == gov
    assert supplement.resolve("auto", sorted(gov)) == supplement.PACKAGE_FILES
    assert supplement.resolve("auto", ["交通运输", "城乡建设", "其他"]) == supplement.PACKAGE_FILES
    property_labels = sorted({row.category for row in read_corpus(CORPUS)})  # the shipped model's labels
    assert not supplement.applies("auto", property_labels)
    rows = supplement.rows_for("auto", ["交通运输", "城乡建设"], need_tokens=False)
    # 150 + 150 short messages, then 120 + 160 long posts written from the label tree
    assert rows is not None and set(rows.labels) == {"交通运输", "城乡建设"} and len(rows.labels) == 580


def _write_weighted(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "weight"])
        writer.writerows(rows)
    return path


def test_a_rows_own_weight_replaces_the_supplement_weight_and_stays_out_of_the_balancing(tmp_path: Path) -> None:
    texts, labels = _user_rows()
    plain = [(f"{s}，{d}", label) for s, d, label in SUPPLEMENT if label in set(labels)]
    # the plain rows first, weighed by the options; then two rows of 维修 with their own weight
    path = _write_weighted(tmp_path / "weighted.csv",
                           [(t, label, "") for t, label in plain] + [("化粪池堵了", "维修", "2.5"), ("化粪池冒水", "维修", "2.5")])
    rows = supplement.rows_for(path, labels, need_tokens=False)
    assert rows is not None and rows.own_weights == (*(None for _ in plain), 2.5, 2.5)
    model = train(texts, labels, supplement=path, supplement_weight=1.0, supplement_balance=True, calibration_folds=0)
    assert model.info["supplement"]["own_weights"] == {"rows": 2, "total": 5.0}
    # balanced: each label's plain rows together weigh as much as the user's rows of it; the own-weight rows
    # are not counted in that (维修's three plain rows weigh the same as without them)
    import numpy as np

    from core.classify.model import _supplement_weights

    index = {label: i for i, label in enumerate(sorted(set(labels)))}
    y = np.array([index[label] for label in labels])
    extra_y = np.array([index[label] for label in rows.labels])
    options = TrainOptions(supplement_weight=1.0, supplement_balance=True)
    weights = _supplement_weights(y, extra_y, options, rows.own_weights)
    plain_only = _supplement_weights(y, extra_y[:len(plain)], options)
    assert list(weights[:len(plain)]) == list(plain_only)
    assert list(weights[len(plain):]) == [2.5, 2.5]


def test_a_file_without_own_weights_trains_the_model_it_did_before(supplement_file: Path, tmp_path: Path) -> None:
    texts, labels = _user_rows()
    with_column = _write_weighted(tmp_path / "empty_weights.csv", [(f"{s}，{d}", label, "") for s, d, label in SUPPLEMENT])
    without_column = tmp_path / "no_column.csv"
    with without_column.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("text", "label"), *((f"{s}，{d}", label) for s, d, label in SUPPLEMENT)])
    a = train(texts, labels, supplement=with_column, supplement_balance=True, calibration_folds=0)
    b = train(texts, labels, supplement=without_column, supplement_balance=True, calibration_folds=0)
    assert (a.coef == b.coef).all() and "own_weights" not in a.info["supplement"]


def test_a_bad_own_weight_is_a_clear_error(tmp_path: Path) -> None:
    texts, labels = _user_rows()
    for bad in ("0", "-1", "heavy", "inf"):
        path = _write_weighted(tmp_path / "bad_weight.csv", [("化粪池堵了", "维修", bad)])
        with pytest.raises(ValueError, match="weight must be a positive number"):
            train(texts, labels, supplement=path)
