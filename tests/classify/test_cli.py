from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.cli import main

from .conftest import SMALL_ROWS


def run(argv: list[str]) -> int:
    return main(argv)


@pytest.fixture
def data_csv(tmp_path: Path) -> Path:
    path = tmp_path / "投诉.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "detail", "类别"])
        writer.writerows(SMALL_ROWS)
        writer.writerow(["", "", "维修"])  # no text: skipped, not fatal
    return path


def test_train_then_evaluate_model_and_cv(data_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "m.json.gz"
    cols = ["--text-col", "subject", "--text-col", "detail", "--label-col", "类别"]
    assert run(["classifier", "train", str(data_csv), *cols, "--model", str(model)]) == 0
    out = capsys.readouterr().out
    assert "15 rows" in out and "1 skipped" in out and "3 classes" in out
    assert model.is_file()

    assert run(["classifier", "evaluate", str(data_csv), *cols, "--model", str(model)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    accuracy = next(line for line in lines if line.startswith("accuracy: "))
    assert float(accuracy.split()[1]) > 0.9  # evaluated on its own training data
    assert any(line.startswith("macro_f1: ") for line in lines)
    assert "confusion matrix" in out and "噪音" in out

    assert run(["classifier", "evaluate", str(data_csv), *cols, "--cv", "3"]) == 0
    out = capsys.readouterr().out
    assert "3-fold" in out
    assert 0.0 <= float(out.split("accuracy: ")[1].split()[0]) <= 1.0


def test_keywords_flag(data_csv: Path, tmp_path: Path) -> None:
    keywords = tmp_path / "kw.csv"
    keywords.write_text("label,phrases\n维修,电梯、水管\n噪音,广场舞、电钻\n", encoding="utf-8")
    model = tmp_path / "m.json"
    argv = ["classifier", "train", str(data_csv), "--text-col", "detail", "--label-col", "类别"]
    assert run([*argv, "--keywords", str(keywords), "--model", str(model)]) == 0
    assert '"keywords":{' in model.read_text(encoding="utf-8")


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert run(argv) == 2
    # stages that finished before the error have their progress line (`classifier train: …`)
    err = "\n".join(line for line in capsys.readouterr().err.splitlines() if not line.startswith("classifier "))
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    return err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["classifier", "train", str(tmp_path / "nope.csv"), "--text-col", "t", "--label-col", "l",
                  "--model", str(tmp_path / "m.json")], capsys)
    assert "not found" in err


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("text,label\n电梯坏了,维修\n".encode("gbk"))
    err = _error(["classifier", "evaluate", str(path), "--text-col", "text", "--label-col", "label", "--cv", "2"], capsys)
    assert "UTF-8" in err


def test_missing_column_lists_the_columns(data_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["classifier", "evaluate", str(data_csv), "--text-col", "正文", "--label-col", "类别", "--cv", "3"],
                 capsys)
    assert "正文" in err and "subject, detail, 类别" in err


@pytest.mark.parametrize("content", ["", "text,label\n", "text,label\n,\n"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    err = _error(["classifier", "train", str(path), "--text-col", "text", "--label-col", "label",
                  "--model", str(tmp_path / "m.json")], capsys)
    assert "empty" in err or "no labelled rows" in err


def test_class_too_small_for_cv(data_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with data_csv.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["表扬", "保安师傅很负责", "表扬"])
    err = _error(["classifier", "evaluate", str(data_csv), "--text-col", "detail", "--label-col", "类别", "--cv", "5"],
                 capsys)
    assert "表扬 (1)" in err


def test_single_class_cannot_train(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.csv"
    path.write_text("text,label\n电梯坏了,维修\n灯坏了,维修\n", encoding="utf-8")
    err = _error(["classifier", "train", str(path), "--text-col", "text", "--label-col", "label",
                  "--model", str(tmp_path / "m.json")], capsys)
    assert "two different labels" in err


def test_corrupt_model_file(data_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "bad.json.gz"
    model.write_bytes(b"\x1f\x8bnot really gzip")
    err = _error(["classifier", "evaluate", str(data_csv), "--text-col", "detail", "--label-col", "类别",
                  "--model", str(model)], capsys)
    assert "corrupt" in err
