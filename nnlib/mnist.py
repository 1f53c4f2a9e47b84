"""Loading MNIST: 28x28 greyscale handwritten digits with their labels.

:func:`load_mnist` looks for the four standard files (``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``, each optionally ``.gz``) in the first of:

1. the ``path`` argument,
2. the folder named by the environment variable ``MNIST_DIR``,
3. the per-user cache folder that ``explainer download`` fills (:func:`cache_dir`).

Images come back as ``(n, 784)`` float64 in [0, 1] with 0 = black background and 1 = full ink -- the "activation"
of each input neuron -- and labels as ``(n,)`` int64.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DataNotFoundError, IDXFormatError
from .idx import read_idx, read_idx_shape
from .memory import check_fits, images_bytes, largest_image_count

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


@dataclass(frozen=True)
class MNIST:
    """The training and test sets, plus where they were read from."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str

    def describe(self) -> str:
        """One line saying what was loaded, e.g. for metadata and on-screen captions."""
        return f"MNIST from {self.source}: {len(self.train_labels)} training, {len(self.test_labels)} test images"


def cache_dir() -> Path:
    """The per-user folder where downloaded MNIST files live ($XDG_CACHE_HOME or ~/.cache, then nn-explainer/mnist)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nn-explainer" / "mnist"


def find_file(folder: Path, stem: str) -> Path | None:
    """The file ``stem`` or ``stem.gz`` in ``folder``, if either exists."""
    for name in (stem + ".gz", stem):
        if (folder / name).is_file():
            return folder / name
    return None


def has_mnist(folder: str | os.PathLike) -> bool:
    """True if ``folder`` holds all four MNIST files."""
    return all(find_file(Path(folder), stem) for stem in FILES.values())


def candidate_dirs(path: str | os.PathLike | None = None) -> list[Path]:
    """The folders :func:`load_mnist` tries, in order."""
    dirs = []
    if path is not None:
        dirs.append(Path(path))
    if os.environ.get("MNIST_DIR"):
        dirs.append(Path(os.environ["MNIST_DIR"]))
    dirs.append(cache_dir())
    return dirs


def resolve_mnist_dir(path: str | os.PathLike | None = None) -> Path:
    """The folder to read MNIST from; raises :class:`DataNotFoundError` with advice if there is none."""
    if path is not None:
        if not has_mnist(path):
            raise DataNotFoundError(f"{path} does not hold the four MNIST files ({', '.join(FILES.values())}, optionally .gz)")
        return Path(path)
    for folder in candidate_dirs():
        if has_mnist(folder):
            return folder
    raise DataNotFoundError(
        "MNIST not found (looked in $MNIST_DIR and " + str(cache_dir()) + "): run `explainer download` "
        "(needs internet) or set MNIST_DIR to a folder holding the four MNIST IDX files"
    )


def to_unit_interval(images: np.ndarray) -> np.ndarray:
    """uint8 pixels 0..255 -> float64 0..1, flattened to rows of 784."""
    rows = images.reshape(images.shape[0], -1).astype(np.float64)  # one float64 copy, divided in place
    rows /= 255.0
    return rows


def load_images_and_labels(images_path: Path, labels_path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read one image file and its label file and check they belong together.

    The image file's header is read first: a set of no images is refused, and so is one whose images would not
    fit in memory as float64 rows (a small gzip file can promise millions of blank images), before any is read."""
    shape, dtype = read_idx_shape(images_path)
    if len(shape) == 3 and shape[0] == 0:
        raise IDXFormatError(f"{images_path}: holds no images; a training or test set needs at least one")
    if len(shape) == 3:
        pixels = shape[1] * shape[2]
        check_fits(images_bytes(shape[0], pixels, dtype.itemsize), f"{images_path}: {shape[0]:,} images",
                   f"at most {largest_image_count(pixels, dtype.itemsize):,} images of {shape[1]}x{shape[2]} fit")
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim == 1:
        raise IDXFormatError(f"{images_path}: holds a 1-D list of {len(images)} numbers (a labels file?), "
                             "not 28x28 images")
    if images.ndim != 3 or images.dtype != np.uint8:
        raise IDXFormatError(f"{images_path}: expected a 3-D uint8 image array, got {images.ndim}-D {images.dtype}")
    if images.shape[1:] != (28, 28):
        raise IDXFormatError(f"{images_path}: images are {images.shape[1]}x{images.shape[2]}, MNIST images are 28x28")
    if labels.ndim != 1:
        raise IDXFormatError(f"{labels_path}: expected 1-D labels, got shape {labels.shape}")
    if len(images) != len(labels):
        raise IDXFormatError(f"{images_path} holds {len(images)} images but {labels_path} holds {len(labels)} labels")
    if labels.dtype.kind not in "iu":
        raise IDXFormatError(f"{labels_path}: labels must be whole numbers, the file holds {labels.dtype} values")
    if labels.size and (labels.max() > 9 or labels.min() < 0):
        bad = int(labels.max()) if labels.max() > 9 else int(labels.min())
        raise IDXFormatError(f"{labels_path}: label {bad} is not a digit 0-9")
    return to_unit_interval(images), labels.astype(np.int64)


def load_mnist(path: str | os.PathLike | None = None) -> MNIST:
    """Load the MNIST training and test sets from ``path``, ``$MNIST_DIR`` or the download cache."""
    folder = resolve_mnist_dir(path)
    parts = {key: find_file(folder, stem) for key, stem in FILES.items()}
    train_x, train_y = load_images_and_labels(parts["train_images"], parts["train_labels"])
    test_x, test_y = load_images_and_labels(parts["test_images"], parts["test_labels"])
    return MNIST(train_x, train_y, test_x, test_y, str(folder))
