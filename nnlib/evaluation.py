"""How the shipped network does on digits it never saw, measured once on all 10,000 MNIST test images and shipped.

A user's machine may have no MNIST test set (the project works offline from ``assets/``), yet the chapter-2 scene
"how well does it do on new digits?" must never show a training image as unseen. So the evaluation is measured once,
by ``python -m nnlib.evaluation``, on the whole test set, and saved as ``assets/evaluation.npz``: the accuracy, the
10x10 confusion matrix, the accuracy per digit, and at most 200 test images for display (mostly mistakes, each with
its true label, the network's answer and how confident it was). The file also records the SHA-256 of the weights it
measured, so a scene can tell whether it describes the network in force (:func:`evaluation_matches`).

>>> ev = load_evaluation()                         # doctest: +SKIP
>>> f"{ev.accuracy:.2%}", int(ev.mistakes.sum())   # doctest: +SKIP
('89.08%', 150)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .assets import assets_dir, default_weights_path
from .atomic import atomic_write
from .errors import NNLibError
from .network import Network
from .storage import open_npz

MAX_IMAGES = 200
#: The most an evaluation file may unpack to: 200 images of 784 float64s and a few small arrays need under 2 MB.
MAX_UNPACKED = 16 << 20
ARRAYS = ("confusion", "images", "labels", "predictions", "confidences", "test_indices")


@dataclass(frozen=True)
class Evaluation:
    """One network's results on a test set. ``confusion[t, p]`` counts digits of true class ``t`` answered ``p``."""

    accuracy: float
    correct: int
    total: int
    confusion: np.ndarray
    per_digit: np.ndarray
    images: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    confidences: np.ndarray
    test_indices: np.ndarray
    weights_sha256: str = ""

    @property
    def mistakes(self) -> np.ndarray:
        """Which of the kept images the network got wrong (a boolean mask)."""
        return self.predictions != self.labels


def weights_digest(path: str | Path) -> str:
    """The SHA-256 of a weights file's bytes (what ties an evaluation to the exact network it measured)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as err:
        raise NNLibError(f"{path}: cannot read the weights file ({err.strerror or err})") from None


def evaluate(net: Network, images: np.ndarray, labels: np.ndarray, *, keep_mistakes: int = 150,
             keep_correct: int = 50, weights_sha256: str = "", seed: int = 0) -> Evaluation:
    """Run ``net`` on every image; keep up to ``keep_mistakes`` mistakes and ``keep_correct`` right answers.

    Which images are kept is chosen at random with ``seed`` (so the file can be regenerated exactly), then ordered
    by their place in the test set.
    """
    if keep_mistakes + keep_correct > MAX_IMAGES:
        raise NNLibError(f"at most {MAX_IMAGES} test images may be kept for display")
    labels = np.asarray(labels).astype(np.int64)
    outputs = net.output(images)
    predictions = np.argmax(outputs, axis=1)
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (labels, predictions), 1)
    per_digit = np.diag(confusion) / np.maximum(confusion.sum(axis=1), 1)
    rng = np.random.default_rng(seed)
    wrong, right = np.flatnonzero(predictions != labels), np.flatnonzero(predictions == labels)
    kept = np.sort(np.concatenate([rng.choice(wrong, min(keep_mistakes, len(wrong)), replace=False),
                                   rng.choice(right, min(keep_correct, len(right)), replace=False)])).astype(np.int64)
    correct = int(np.trace(confusion))
    return Evaluation(correct / len(labels), correct, int(len(labels)), confusion, per_digit,
                      np.asarray(images, dtype=np.float32)[kept], labels[kept], predictions[kept],
                      outputs[kept].max(axis=1), kept, weights_sha256)


def default_evaluation_path() -> Path:
    return assets_dir() / "evaluation.npz"


def save_evaluation(ev: Evaluation, path: str | Path, *, source: str = "") -> None:
    """Write ``ev`` atomically as an .npz (plain arrays and a JSON header; nothing pickled)."""
    header = {"accuracy": ev.accuracy, "correct": ev.correct, "total": ev.total, "weights_sha256": ev.weights_sha256,
              "source": source, "command": "python -m nnlib.evaluation"}
    with atomic_write(path) as handle:
        np.savez_compressed(handle, header=np.array(json.dumps(header)), per_digit=ev.per_digit,
                            **{name: getattr(ev, name) for name in ARRAYS})


def load_evaluation(path: str | Path | None = None) -> Evaluation:
    """Read an evaluation saved by :func:`save_evaluation`; any damage is one :class:`NNLibError` naming the file."""
    path = Path(path) if path is not None else default_evaluation_path()
    if not path.is_file():
        raise NNLibError(f"{path}: evaluation file not found (regenerate it: python -m nnlib.evaluation)")
    archive = open_npz(path, "evaluation file", max_unpacked=MAX_UNPACKED)
    try:
        with archive:
            header = json.loads(str(archive["header"][()]))
            arrays = {name: np.array(archive[name]) for name in (*ARRAYS, "per_digit")}
    except Exception as err:  # noqa: BLE001 - zip, zlib, key, value and JSON errors all mean one thing to the user
        raise NNLibError(f"{path}: not a readable evaluation file ({type(err).__name__})") from None
    n = len(arrays["labels"]) if arrays["labels"].ndim == 1 else -1
    if (n < 0 or not isinstance(header, dict) or arrays["confusion"].shape != (10, 10)
            or arrays["images"].shape != (n, 784) or arrays["per_digit"].shape != (10,) or n > MAX_IMAGES
            or any(arrays[k].shape != (n,) for k in ("predictions", "confidences", "test_indices"))):
        raise NNLibError(f"{path}: evaluation arrays have unexpected shapes")
    for names, kinds, what in ((("confusion", "labels", "predictions", "test_indices"), "iu", "whole numbers"),
                               (("images", "per_digit", "confidences"), "f", "real numbers")):
        for name in names:
            if arrays[name].dtype.kind not in kinds:
                raise NNLibError(f"{path}: evaluation array {name!r} should hold {what}, not {arrays[name].dtype}")
    if not all(np.isfinite(arrays[k]).all() and ((arrays[k] >= 0) & (arrays[k] <= 1)).all()
               for k in ("images", "per_digit", "confidences")):
        raise NNLibError(f"{path}: evaluation images, per-digit accuracies or confidences lie outside 0..1")
    if not all(((arrays[k] >= 0) & (arrays[k] <= 9)).all() for k in ("labels", "predictions")) \
            or (arrays["confusion"] < 0).any() or (arrays["test_indices"] < 0).any():
        raise NNLibError(f"{path}: evaluation labels, answers or counts are out of range")
    try:
        accuracy, correct, total = float(header["accuracy"]), int(header["correct"]), int(header["total"])
    except (KeyError, TypeError, ValueError, OverflowError):
        raise NNLibError(f"{path}: evaluation header is incomplete") from None
    if not (0 <= accuracy <= 1 and 0 <= correct <= total):
        raise NNLibError(f"{path}: evaluation header says {correct} of {total} right, accuracy {accuracy}")
    return Evaluation(accuracy, correct, total, arrays["confusion"].astype(np.int64), arrays["per_digit"],
                      arrays["images"].astype(np.float64), arrays["labels"].astype(np.int64),
                      arrays["predictions"].astype(np.int64), arrays["confidences"].astype(np.float64),
                      arrays["test_indices"].astype(np.int64), str(header.get("weights_sha256", "")))


def evaluation_matches(weights_path: str | Path, path: str | Path | None = None) -> bool:
    """True if the shipped evaluation measured exactly this weights file (False when there is no evaluation)."""
    try:
        ev = load_evaluation(path)
    except NNLibError:
        return False
    return bool(ev.weights_sha256) and ev.weights_sha256 == weights_digest(weights_path)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nnlib.evaluation``: measure a network on all MNIST test images and write the display asset."""
    from .mnist import load_mnist
    from .storage import load_network

    parser = argparse.ArgumentParser(prog="python -m nnlib.evaluation", description=main.__doc__)
    parser.add_argument("--weights", default=str(default_weights_path()))
    parser.add_argument("--mnist-dir", help="MNIST folder (default: $MNIST_DIR or the download cache)")
    parser.add_argument("--out", default=str(default_evaluation_path()))
    args = parser.parse_args(argv)
    try:
        net = load_network(args.weights)
        data = load_mnist(args.mnist_dir)
        print(f"evaluating {args.weights} on {len(data.test_labels):,} test images...", file=sys.stderr)
        ev = evaluate(net, data.test_images, data.test_labels, weights_sha256=weights_digest(args.weights))
        save_evaluation(ev, args.out, source=f"MNIST test set ({len(data.test_labels):,} images)")
    except NNLibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{ev.correct:,} of {ev.total:,} right ({ev.accuracy:.2%}); kept {len(ev.labels)} test images "
          f"({int(ev.mistakes.sum())} mistakes) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
