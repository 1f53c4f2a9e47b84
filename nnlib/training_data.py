"""The labelled training digits a scene may learn from or measure a cost on, and where they came from.

Scenes that average a cost over "the training data" use MNIST's training images when they are on this machine
(``MNIST_DIR`` or ``explainer download``) and otherwise the few training digits shipped in ``assets/``. Either way
they are *training* images: nothing here ever hands out a test image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .assets import load_sample
from .errors import NNLibError
from .mnist import load_mnist


@dataclass(frozen=True)
class LabelledDigits:
    """``images`` (n, 784) in [0, 1] with their ``labels`` (n,), and a ``description`` to say on screen."""

    images: np.ndarray
    labels: np.ndarray
    description: str
    from_mnist: bool

    @property
    def count(self) -> int:
        return int(len(self.labels))


def training_digits() -> LabelledDigits:
    """MNIST's training images when present, else the shipped sample of them (said so in the description)."""
    try:
        data = load_mnist()
    except NNLibError:
        sample = load_sample()
        return LabelledDigits(sample.images, sample.labels,
                              f"the {len(sample.labels)} training digits shipped with the project", False)
    return LabelledDigits(data.train_images, data.train_labels,
                          f"{len(data.train_labels):,} MNIST training images", True)
