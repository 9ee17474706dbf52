"""The complaint classifier of smart dispatch: a category model plus a kind-of-request model."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .model import Prediction, TextModel

DEFAULT_CATEGORY_FILE = "default_category.json.gz"
DEFAULT_KIND_FILE = "default_kind.json.gz"


@dataclass(frozen=True)
class Classification:
    category: Prediction
    kind: Prediction


def default_model_path(name: str) -> Path:
    return Path(str(resources.files(__package__).joinpath(name)))


_default_kind: TextModel | None = None
_default_lock = threading.Lock()


def _load_default_kind() -> TextModel:
    global _default_kind
    with _default_lock:
        if _default_kind is None:
            _default_kind = TextModel.load(default_model_path(DEFAULT_KIND_FILE))
        return _default_kind


class ComplaintClassifier:
    def __init__(self, category_model: TextModel, kind_model: TextModel) -> None:
        self.category_model = category_model
        self.kind_model = kind_model

    def classify(self, text: str) -> Classification:
        return Classification(self.category_model.predict(text), self.kind_model.predict(text))

    @classmethod
    def load_default(cls) -> ComplaintClassifier:
        """The models shipped with the package (rebuilt by `python -m core.classify.build_default`)."""
        return cls(TextModel.load(default_model_path(DEFAULT_CATEGORY_FILE)), _load_default_kind())

    @classmethod
    def load(
        cls, category_model_path: str | os.PathLike[str], kind_model_path: str | os.PathLike[str] | None = None
    ) -> ComplaintClassifier:
        """A deployment's own category model; the kind model falls back to the shipped one."""
        kind = TextModel.load(kind_model_path) if kind_model_path is not None else _load_default_kind()
        return cls(TextModel.load(category_model_path), kind)
