"""Temperature scaling: turns linear-model scores into probabilities that mean what they say.

A single factor T is fitted so that softmax(T * scores) minimises the log-loss of out-of-fold scores;
it keeps the model's ranking and only sets how sharp the probabilities are.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

DEFAULT_TEMPERATURE = 1.0


def softmax(scores: npt.NDArray[np.float64], temperature: float) -> npt.NDArray[np.float64]:
    z = scores * temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float64)


def fit_temperature(scores: npt.NDArray[np.float64], truth: npt.NDArray[np.int64]) -> float:
    from scipy.optimize import minimize_scalar  # training only: keeps scipy out of the load time

    def loss(log_t: float) -> float:
        p = softmax(scores, float(np.exp(log_t)))
        return float(-np.mean(np.log(np.clip(p[np.arange(len(truth)), truth], 1e-12, 1.0))))

    result = minimize_scalar(loss, bounds=(np.log(0.05), np.log(100.0)), method="bounded")
    return float(np.exp(result.x))
