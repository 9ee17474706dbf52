"""The assessor: what a complaint's text says — category and kind from the jieba classifier,
urgency, the triage question and the reasons from the emergency detector (:mod:`core.text.urgency`).

Two readings override the classifier: an emergency is filed in the category its hazard is
configured for (``[[categories]] hazards = [...]``; gas → 安全管理, a trapped lift → 工程维修 by
default), and a question (咨询, :mod:`core.text.consult`) is kind ``consult``.

The classifier is loaded once per process and model path, lazily on the first message (so a CLI
command that files nothing never pays for it) or at start-up by :func:`warm_up`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.classify import ComplaintClassifier, Prediction
from core.classify import add_words as _add_words
from core.dispatch.safety_reading import safety_reading
from core.enums import URGENCY_LEVELS, Kind
from core.errors import InvalidInput
from core.service.tickets import Assessment
from core.text.consult import is_consultation
from core.text.nuisance import smell_not_sound
from core.text.praise import is_praise
from core.text.urgency import EMERGENCY, HAZARDS, UrgencyAssessment, assess_urgency

log = logging.getLogger(__name__)

_classifiers: dict[str, ComplaintClassifier] = {}
_lock = threading.Lock()
_known_words: set[str] = set()

NOISE, ENVIRONMENT = "噪音扰民", "环境卫生"  # the default categories a sound or a smell goes to
PLAUSIBLE = 0.15  # probability from which a runner-up category counts for the duplicate check


def load_classifier(model_path: str | None = None) -> ComplaintClassifier:
    """The shipped classifier, or a deployment's own category model; one instance per path."""
    key = str(Path(model_path).resolve()) if model_path else ""
    with _lock:
        found = _classifiers.get(key)
        if found is None:
            try:
                found = (
                    ComplaintClassifier.load(model_path) if model_path else ComplaintClassifier.load_default()
                )
            except ValueError as exc:  # a bad model file: say which and why, once, at start-up
                raise InvalidInput(f"cannot load the classifier model: {exc}") from None
            _classifiers[key] = found
        return found


def add_place_names(words: Iterable[str]) -> None:
    """Teach jieba the grids' place names (once each) so 幸福里 stays one token."""
    fresh = [w for w in words if w and w not in _known_words]
    if fresh:
        _known_words.update(fresh)
        _add_words(fresh)


@dataclass(frozen=True)
class Reading:
    """Everything the assessor read from one text, for the operator's `classify` command."""

    category: Prediction
    kind: Prediction
    urgency: UrgencyAssessment
    category_known: bool  # the model's label is one of the configured categories
    hazard_category: str | None = None  # an emergency's category from its hazard, when configured
    consult: bool = False  # the text asks a question rather than reports a problem
    praise: bool = False  # the text thanks someone for their work (表扬)

    @property
    def category_label(self) -> str | None:
        """The category this reading files under (None: the classifier's label is not configured)."""
        if self.hazard_category is not None:
            return self.hazard_category
        return self.category.label if self.category_known else None

    @property
    def kind_label(self) -> Kind:
        if self.urgency.level == EMERGENCY:
            return Kind.HELP  # someone in danger asks for help, whatever kind the words read as
        return self.words_kind

    @property
    def words_kind(self) -> Kind:
        """The kind the words read as, whatever the urgency (what a ticket filed as no emergency is)."""
        if self.praise:
            return Kind.PRAISE
        if self.consult:
            return Kind.CONSULT
        if _kind(self.kind.label) is Kind.CONSULT:
            # the model read a question, the cues a problem or a complaint worded as a question (你们
            #管不管？): the model's best other kind, since a complaint told it is a question is the
            # costly mistake (no repair deadline)
            return next((k for k in (_kind(label) for label, _ in self.kind.ranking) if k is not Kind.CONSULT),
                        Kind.COMPLAINT)
        return _kind(self.kind.label)

    def assessment(self, fallback_category: str) -> Assessment:
        label = self.category_label
        if self.hazard_category is not None:
            confidence = 1.0  # decided by the hazard, not guessed
        else:
            # a label outside the configured taxonomy is no answer at all: the dispatcher decides
            confidence = self.category.confidence if label is not None else 0.0
        return Assessment(
            category=label or fallback_category,
            kind=self.kind_label,
            urgency=URGENCY_LEVELS[self.urgency.level],
            category_confidence=confidence,
            kind_confidence=1.0 if self.consult or self.praise else self.kind.confidence,
            triggers=self.urgency.triggers,
            words_category=self._words_category(fallback_category) if self.hazard_category is not None else None,
            words_kind=self.words_kind,
            words_confidence=self.category.confidence if self.category_known else 0.0,
        )

    def _words_category(self, fallback_category: str) -> str:
        return self.category.label if self.category_known else fallback_category


class ClassifierAssessor:
    """Implements ``core.service.tickets.Assessor``."""

    def __init__(
        self,
        categories: Sequence[str],
        model_path: str | None = None,
        hazard_categories: Mapping[str, str] | None = None,
        classifier: ComplaintClassifier | None = None,
    ) -> None:
        if model_path and not Path(model_path).is_file():
            raise InvalidInput(f"classifier model not found: {model_path} (CLASSIFIER_MODEL)")
        self.categories = list(categories)
        self.hazard_categories = dict(hazard_categories or {})
        unknown = sorted(set(self.hazard_categories) - set(HAZARDS))
        if unknown:
            raise InvalidInput(f"unknown hazard(s) in [[categories]]: {', '.join(unknown)} (known: {', '.join(HAZARDS)})")
        stray = sorted(set(self.hazard_categories.values()) - set(self.categories))
        if stray:
            raise InvalidInput(f"hazards point to unknown categories: {', '.join(stray)}")
        self.model_path = model_path
        self.fallback = "其他" if "其他" in self.categories else self.categories[-1]
        self._classifier = classifier  # given: models not yet shipped, read as the shipped ones would be

    @property
    def classifier(self) -> ComplaintClassifier:
        if self._classifier is None:
            self._classifier = load_classifier(self.model_path)
            unknown = sorted(set(self._classifier.category_model.labels) - set(self.categories))
            if unknown:
                log.warning(
                    "classifier labels %s are not configured categories: such messages go to the dispatcher",
                    ", ".join(unknown),
                )
        return self._classifier

    def read(self, text: str) -> Reading:
        c = self.classifier.classify(text)
        urgency = assess_urgency(text)
        by_hazard = (
            self.hazard_categories.get(urgency.hazard)
            if urgency.level == EMERGENCY and urgency.hazard is not None
            else None
        )
        p_consult = dict(c.kind.ranking).get(Kind.CONSULT.label, 0.0)
        consult = urgency.level != EMERGENCY and not urgency.triage and is_consultation(text, p_consult)
        praise = urgency.level != EMERGENCY and not urgency.triage and is_praise(text)
        # the declared safety layers (off unless bench/category_safety_layer.py adopted one); an emergency's hazard decides
        category = self._nuisance(c.category, text) if by_hazard else safety_reading(
            self._nuisance(c.category, text), text, self.categories)[0]
        return Reading(category, c.kind, urgency, category.label in self.categories, by_hazard, consult, praise)

    def _nuisance(self, category: Prediction, text: str) -> Prediction:
        """Noise with nothing heard but fumes or a smell said is the environment's (`core.text.nuisance`)."""
        if category.label != NOISE or ENVIRONMENT not in self.categories or not smell_not_sound(text):
            return category
        p = dict(category.ranking).get(ENVIRONMENT, 0.0)
        return Prediction(ENVIRONMENT, p, ((ENVIRONMENT, p), *((k, v) for k, v in category.ranking if k != ENVIRONMENT)))

    def assess(self, text: str) -> Assessment:
        return self.read(text).assessment(self.fallback)

    def plausible_categories(self, text: str) -> list[str]:
        """The predicted category and any other the model gives a fair chance: a duplicate check
        compares against all of them, since two wordings of one problem can fall either side of a
        close call."""
        c = self.classifier.classify(text).category
        out = [c.label] + [label for label, p in c.ranking[1:] if p >= PLAUSIBLE]
        known = [label for label in out if label in self.categories]
        return known or [self.fallback]

    def add_places(self, words: Iterable[str]) -> None:
        add_place_names(words)


def _kind(label: str) -> Kind:
    try:
        return Kind.parse(label)  # type: ignore[return-value]
    except ValueError:
        return Kind.COMPLAINT
