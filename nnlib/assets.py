"""Where the shipped assets live, and the small sample of training digits.

The repository's ``assets/`` folder holds the trained network and a few training digits per class so that every
scene renders offline. ``EXPLAINER_ASSETS`` points elsewhere if set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .atomic import atomic_write
from .errors import NNLibError, WeightsFileError


def assets_dir() -> Path:
    """The assets folder: ``$EXPLAINER_ASSETS`` or the repository's ``assets/``."""
    env = os.environ.get("EXPLAINER_ASSETS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "assets"


def default_weights_path() -> Path:
    """The shipped trained 784-16-16-10 network."""
    return assets_dir() / "network.npz"


def default_sample_path() -> Path:
    """The shipped sample of training digits."""
    return assets_dir() / "sample_digits.npz"


@dataclass(frozen=True)
class DigitSample:
    """A few labelled digits: ``images`` (n, 784) in [0, 1], ``labels`` (n,), and their indices in the source set."""

    images: np.ndarray
    labels: np.ndarray
    source_indices: np.ndarray
    source: str

    def of_digit(self, digit: int) -> np.ndarray:
        """All images of one digit, (k, 784)."""
        return self.images[self.labels == digit]

    def first(self, digit: int) -> np.ndarray:
        """The first image of ``digit`` in the sample, (784,)."""
        found = self.of_digit(digit)
        if not len(found):
            raise NNLibError(f"the sample holds no digit {digit}")
        return found[0]


def make_sample(images: np.ndarray, labels: np.ndarray, per_class: int = 10, seed: int = 0,
                source: str = "") -> DigitSample:
    """Pick ``per_class`` random images of every digit (seeded), ordered by digit."""
    rng = np.random.default_rng(seed)
    picks = []
    for digit in range(10):
        candidates = np.flatnonzero(labels == digit)
        if len(candidates) < per_class:
            raise NNLibError(f"only {len(candidates)} images of digit {digit}, {per_class} wanted")
        picks.append(np.sort(rng.choice(candidates, per_class, replace=False)))
    index = np.concatenate(picks)
    return DigitSample(images[index], labels[index], index, source)


def save_sample(sample: DigitSample, path: str | os.PathLike) -> None:
    """Save a sample as .npz with uint8 pixels (the MNIST original values), atomically."""
    pixels = np.rint(sample.images * 255).astype(np.uint8).reshape(-1, 28, 28)
    with atomic_write(Path(path)) as handle:
        np.savez_compressed(handle, images=pixels, labels=sample.labels.astype(np.int64),
                            source_indices=sample.source_indices.astype(np.int64), source=np.asarray(sample.source))


def load_sample(path: str | os.PathLike | None = None) -> DigitSample:
    """Load a sample saved by :func:`save_sample` (default: the shipped one), validated."""
    from .storage import open_npz

    path = Path(path) if path is not None else default_sample_path()
    archive = open_npz(path, "digit sample", max_unpacked=64 << 20)  # the shipped one unpacks to about 80 kB
    try:
        with archive:
            images, labels = np.array(archive["images"]), np.array(archive["labels"])
            indices, source = np.array(archive["source_indices"]), str(archive["source"][()])
    except Exception as err:  # noqa: BLE001 - zip, zlib, key and value errors all mean the same thing to the user
        lines = str(err).strip().splitlines()
        raise WeightsFileError(f"{path}: not a readable digit sample ({type(err).__name__}: "
                               f"{lines[0] if lines else 'damaged data'})") from None
    if images.dtype != np.uint8 or images.ndim != 3 or images.shape[1:] != (28, 28) or not len(images):
        raise WeightsFileError(f"{path}: expected (n, 28, 28) uint8 images, n at least 1, got {images.shape} "
                               f"{images.dtype}")
    for name, values in (("labels", labels), ("source_indices", indices)):
        if values.dtype.kind not in "iu" or values.shape != (len(images),):
            raise WeightsFileError(f"{path}: expected {len(images)} whole-number {name}, got {values.shape} "
                                   f"{values.dtype}")
    if labels.min() < 0 or labels.max() > 9 or indices.min() < 0:
        raise WeightsFileError(f"{path}: labels must be digits 0-9 and source indices non-negative")
    return DigitSample(images.reshape(len(images), -1) / 255.0, labels.astype(np.int64), indices.astype(np.int64),
                       source)
