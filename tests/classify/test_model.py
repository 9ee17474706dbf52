from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from core.classify import Prediction, TextModel, add_words, train
from core.classify.segment import cut

from .conftest import SMALL_ROWS


@pytest.fixture(scope="module")
def model() -> TextModel:
    texts = [(subject, detail) for subject, detail, _ in SMALL_ROWS]
    return train(texts, [label for *_, label in SMALL_ROWS])


def _check(prediction: Prediction, labels: tuple[str, ...]) -> None:
    assert 0.0 <= prediction.confidence <= 1.0
    assert prediction.label == prediction.ranking[0][0]
    assert prediction.confidence == prediction.ranking[0][1]
    probs = [p for _, p in prediction.ranking]
    assert probs == sorted(probs, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert {label for label, _ in prediction.ranking} <= set(labels)


def test_labels_come_from_the_training_data(model: TextModel) -> None:
    assert model.labels == ("卫生", "噪音", "维修")


def test_predicts_clear_messages_with_ranked_probabilities(model: TextModel) -> None:
    for text, expected in [("电梯又坏了，困人", "维修"), ("垃圾站太臭了", "卫生"), ("广场舞音响太吵", "噪音")]:
        prediction = model.predict(text)
        _check(prediction, model.labels)
        assert prediction.label == expected
        assert sum(p for _, p in prediction.ranking) == pytest.approx(1.0)


def test_multi_field_input(model: TextModel) -> None:
    assert model.predict_fields(("楼上太吵", "半夜跺地板睡不着")).label == "噪音"


@pytest.mark.parametrize("text", ["", "   ", "？？？", "qwertyuiop", "🙂🙂"])
def test_empty_or_unknown_text_gets_an_unconfident_answer(model: TextModel, text: str) -> None:
    prediction = model.predict(text)
    _check(prediction, model.labels)
    assert prediction.confidence < 0.5  # no evidence: the training prior, not a confident guess


def test_traditional_characters_are_understood(model: TextModel) -> None:
    assert model.predict("電梯壞了，門關不上").label == "维修"
    assert model.predict("樓下廣場舞音響太吵").label == "噪音"


@pytest.mark.parametrize("suffix", [".json", ".json.gz"])
def test_save_load_round_trip(model: TextModel, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"model{suffix}"
    model.save(path)
    raw = path.read_bytes()
    data = json.loads(gzip.decompress(raw) if suffix.endswith(".gz") else raw)
    assert data["labels"] == list(model.labels)  # plain data, not a pickle
    loaded = TextModel.load(path)
    assert loaded.labels == model.labels
    for text in ["电梯坏了", "垃圾好臭", "装修太吵", ""]:
        a, b = model.predict(text), loaded.predict(text)
        assert a.label == b.label
        assert a.confidence == pytest.approx(b.confidence, abs=1e-4)


def test_training_is_deterministic(tmp_path: Path) -> None:
    texts = [d for _, d, _ in SMALL_ROWS]
    labels = [label for *_, label in SMALL_ROWS]
    train(texts, labels).save(tmp_path / "a.json.gz")
    train(texts, labels).save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "not found"),
        (b"\x00\x01garbage", "corrupt"),
        (gzip.compress(b"{not json", mtime=0), "corrupt"),
        (b'{"format": "something-else"}', "not a text-model"),
        (b'{"format": "community-complaint-bot/text-model", "version": 99}', "version"),
        (b'{"format": "community-complaint-bot/text-model", "version": 1, "labels": ["a", "b"]}', "malformed"),
    ],
)
def test_load_rejects_bad_files_with_value_error(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "model.json.gz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=reason):
        TextModel.load(path)


def test_load_rejects_inconsistent_dimensions(model: TextModel, tmp_path: Path) -> None:
    data = model.to_data()
    data["coef"] = data["coef"][:1]
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="inconsistent"):
        TextModel.load(path)


def test_training_needs_two_labels_and_known_options() -> None:
    with pytest.raises(ValueError, match="two different labels"):
        train(["电梯坏了", "灯坏了"], ["维修", "维修"])
    with pytest.raises(TypeError, match="unknown training option"):
        train(["电梯坏了", "好臭"], ["维修", "卫生"], bogus=1)


def test_keyword_prior_from_a_file(tmp_path: Path) -> None:
    keywords = tmp_path / "keywords.csv"
    # 管理 is listed under two labels: generic, so it must not vote.
    keywords.write_text("label,phrase\n维修,电梯、水管、总闸、管理\n卫生,苍蝇、老鼠、保洁、管理\n", encoding="utf-8")
    texts = [d for _, d, _ in SMALL_ROWS]
    labels = [label for *_, label in SMALL_ROWS]
    model = train(texts, labels, keywords=keywords)
    prior = model.featurizer.keywords
    assert prior is not None
    assert prior.terms["苍蝇"] == model.labels.index("卫生")
    assert "管理" not in prior.terms
    # The prior's features learn a positive weight for their own label.
    head_offset = model.featurizer.n_features - prior.size
    for label in ("卫生", "维修"):
        i = model.labels.index(label)
        assert model.coef[i, head_offset + i] > 0


def test_add_words_keeps_place_names_whole() -> None:
    name = "翠湖天地嘉园"
    assert name not in cut(f"{name}的电梯坏了")
    add_words([name])
    assert name in cut(f"{name}的电梯坏了")


def test_the_training_matrix_equals_the_prediction_vectors(tmp_path: Path) -> None:
    # training builds features a block at a time; prediction a message at a time: they must agree
    import numpy as np

    from core.classify.features import analyze
    from core.classify.text import Document

    tree = tmp_path / "tree.csv"
    tree.write_text("level1,level2\n维修,电梯故障\n卫生,垃圾清运\n", encoding="utf-8")
    texts = [(s, d) for s, d, _ in SMALL_ROWS] + [("", ""), ("电梯电梯电梯", "")]
    labels = [label for *_, label in SMALL_ROWS] + ["维修", "维修"]
    model = train(texts, labels, keywords=tree, calibration_folds=0)
    analyses = [analyze(Document.of(t)) for t in texts]
    dense = model.featurizer.matrix(analyses).toarray()
    for row, analysis in zip(dense, analyses, strict=True):
        expected = np.zeros(model.featurizer.n_features)
        indices, values = model.featurizer.vector(analysis)
        np.add.at(expected, indices, values)
        assert np.allclose(row, expected, atol=1e-12)


def test_the_ensemble_averages_a_character_model_and_a_word_model() -> None:
    import numpy as np

    texts = [(s, d) for s, d, _ in SMALL_ROWS]
    labels = [label for *_, label in SMALL_ROWS]
    ensemble = train(texts, labels, ensemble=True, calibration_folds=0)
    chars = train(texts, labels, word_ngram=(0, 0), calibration_folds=0)
    joint = train(texts, labels, calibration_folds=0)
    n_char = sum(len(b.vocabulary) for b in ensemble.featurizer.blocks if b.spec.analyzer == "char")
    char_columns = np.concatenate([
        np.arange(start, start + len(b.vocabulary))
        for start, b in zip(np.cumsum([0] + [len(b.vocabulary) for b in ensemble.featurizer.blocks]),
                            ensemble.featurizer.blocks, strict=False)
        if b.spec.analyzer == "char"
    ])
    assert len(char_columns) == n_char == chars.featurizer.n_features
    assert np.allclose(ensemble.coef[:, char_columns], chars.coef / 2, atol=1e-6)
    assert not np.allclose(joint.coef, ensemble.coef, atol=1e-3)
    assert ensemble.info["options"]["ensemble"] is True
    assert ensemble.predict("垃圾站太臭了").label == "卫生"
