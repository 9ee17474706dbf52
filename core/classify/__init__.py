"""Text classifier of smart dispatch (智能派单): category and kind of a resident's message.

Models are linear (SVM) over jieba-word and character TF-IDF, with temperature-calibrated softmax so
that `confidence` is a probability: tickets under a threshold can go to a human dispatcher. Model
files are JSON (gzip), predicted with numpy; training uses scikit-learn.
"""

from .classifier import Classification, ComplaintClassifier
from .model import Prediction, TextModel, TrainOptions, train
from .segment import add_words

__all__ = [
    "Classification",
    "ComplaintClassifier",
    "Prediction",
    "TextModel",
    "TrainOptions",
    "add_words",
    "train",
]
