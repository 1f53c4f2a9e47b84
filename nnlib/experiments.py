"""Precomputed experiments: training runs too slow (or too data-hungry) to redo while a scene renders.

A scene renders offline from ``assets/``, where the MNIST training images are not. So the two training runs that
chapter 2 shows are run once, here, and saved as ``.npz`` archives of plain arrays (no pickles) together with a JSON
``metadata`` string holding the exact command that regenerates the file, its seed and its settings:

``learning``
    The network learning from random weights: 784-16-16-10 trained with SGD on the MNIST training images, measured
    on the 10,000 test images after every epoch, with the parameters kept at a few checkpoint epochs. With the
    defaults (seed 0) it reproduces the shipped ``assets/network.npz`` exactly, so the network seen learning is the
    network seen everywhere else.

``shuffled``
    The memorisation experiment: the same network trained twice on the same subset of training images -- once with
    the real labels, once with the labels randomly shuffled -- measured every epoch on its own training labels and
    on the real test set.

Run as ``python -m nnlib.experiments learning --out assets/learning_run.npz`` (see ``--help``); load with
:func:`load_experiment`.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from . import __version__
from .atomic import atomic_write
from .errors import NNLibError, WeightsFileError
from .mnist import MNIST, load_mnist
from .network import Network
from .training import history_arrays, train
from .recipe import VIDEO_RECIPE
from .storage import open_npz

SIZES = VIDEO_RECIPE.sizes
HISTORY_COLUMNS = ("epoch", "train_cost", "train_accuracy", "test_cost", "test_accuracy", "test_correct")


@dataclass(frozen=True)
class Experiment:
    """A loaded experiment: its ``kind``, its named arrays and its metadata (command, seed, settings)."""

    kind: str
    arrays: dict[str, np.ndarray]
    metadata: dict

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self.arrays[name]
        except KeyError:
            raise NNLibError(f"experiment {self.kind!r} has no array {name!r}") from None

    @property
    def command(self) -> str:
        """The command that regenerates this file."""
        return str(self.metadata.get("command", ""))


# ---------------------------------------------------------------------------------------------- the runs
def run_learning(data: MNIST, *, seed: int = 0, epochs: int = VIDEO_RECIPE.epochs,
                 learning_rate: float = VIDEO_RECIPE.learning_rate, batch_size: int = 10,
                 checkpoints: Sequence[int] = (0, 1, 2, 5, 10, 30)) -> tuple[dict[str, np.ndarray], dict]:
    """Train from random weights (seeded) and return (arrays, settings).

    Arrays: the per-epoch history columns, ``checkpoint_epochs`` and ``checkpoints`` (one flat parameter vector per
    checkpoint epoch, float32 to keep the file small: the heatmaps drawn from them cannot tell the difference).
    """
    checkpoints = sorted({int(e) for e in checkpoints if 0 <= int(e) <= epochs})
    net = Network(SIZES, seed=seed)
    start = time.perf_counter()
    history = train(net, data.train_images, data.train_labels, epochs=epochs, batch_size=batch_size,
                    learning_rate=learning_rate, seed=seed, test_images=data.test_images,
                    test_labels=data.test_labels, checkpoint_epochs=checkpoints, progress=False)
    seconds = time.perf_counter() - start
    hist = history_arrays(history)
    arrays = {name: hist[name] for name in HISTORY_COLUMNS}
    arrays["checkpoint_epochs"] = hist["checkpoint_epochs"]
    arrays["checkpoints"] = hist["checkpoints"].astype(np.float32)
    settings = {"seed": seed, "epochs": epochs, "learning_rate": learning_rate, "batch_size": batch_size,
                "sizes": list(SIZES), "train_images": int(len(data.train_labels)),
                "test_images": int(len(data.test_labels)), "seconds": round(seconds, 2),
                "final_test_correct": int(history.final.test_correct)}
    return arrays, settings


def run_shuffled(data: MNIST, *, seed: int = 0, subset: int = 1000, epochs: int = 200, learning_rate: float = 3.0,
                 batch_size: int = 10) -> tuple[dict[str, np.ndarray], dict]:
    """Train the same initial network on ``subset`` training images twice: real labels, then shuffled labels.

    The subset is drawn at random (seeded) from the training images; the shuffled labels are a random permutation
    of its real labels, so every digit keeps its share. Arrays are ``real_<column>`` and ``shuffled_<column>``
    for each history column (accuracy and cost are measured against the labels each network was trained on; test
    numbers always use the real test labels).
    """
    if not 10 <= subset <= len(data.train_labels):
        raise NNLibError(f"subset must be between 10 and {len(data.train_labels)} images, got {subset}")
    picks = np.sort(np.random.default_rng(seed).choice(len(data.train_labels), subset, replace=False))
    X, y = data.train_images[picks], data.train_labels[picks]
    arrays: dict[str, np.ndarray] = {"subset_indices": picks.astype(np.int64)}
    start = time.perf_counter()
    for name, shuffle in (("real", False), ("shuffled", True)):
        net = Network(SIZES, seed=seed)
        history = train(net, X, y, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                        test_images=data.test_images, test_labels=data.test_labels, shuffle_labels=shuffle,
                        progress=False)
        hist = history_arrays(history)
        for column in HISTORY_COLUMNS:
            arrays[f"{name}_{column}"] = hist[column]
    settings = {"seed": seed, "subset": subset, "epochs": epochs, "learning_rate": learning_rate,
                "batch_size": batch_size, "sizes": list(SIZES), "test_images": int(len(data.test_labels)),
                "seconds": round(time.perf_counter() - start, 2)}
    return arrays, settings


# ---------------------------------------------------------------------------------------------- save / load
def save_experiment(path: str | os.PathLike, kind: str, arrays: dict[str, np.ndarray], settings: dict,
                    command: str, data_source: str) -> Path:
    """Write an experiment atomically: its arrays plus JSON metadata (kind, command, settings, data, version)."""
    meta = {"kind": kind, "command": command, "settings": settings, "data_source": data_source,
            "nnlib_version": __version__}
    with atomic_write(Path(path)) as handle:
        np.savez_compressed(handle, metadata=np.asarray(json.dumps(meta, sort_keys=True)), **arrays)
    return Path(path)


REQUIRED = {
    "learning": ("epoch", "train_cost", "test_accuracy", "test_correct", "checkpoint_epochs", "checkpoints"),
    "shuffled": ("real_epoch", "real_train_accuracy", "real_train_cost", "shuffled_train_accuracy",
                 "shuffled_train_cost", "shuffled_test_accuracy", "real_test_accuracy"),
}


def load_experiment(path: str | os.PathLike, kind: str) -> Experiment:
    """Load an experiment saved by :func:`save_experiment`, checking it is the ``kind`` asked for and complete."""
    path = Path(path)
    if kind not in REQUIRED:
        raise NNLibError(f"unknown experiment {kind!r}; choose one of: {', '.join(REQUIRED)}")
    if not path.is_file():
        raise WeightsFileError(f"{path}: experiment file not found; regenerate it with "
                               f"`python -m nnlib.experiments {kind} --out {path}`")
    try:
        with open_npz(path, "experiment file") as archive:
            arrays = {name: archive[name] for name in archive.files}
        meta = json.loads(str(arrays.pop("metadata")[()]))
    except WeightsFileError:
        raise
    except Exception as err:  # zip, pickle, key and JSON errors all mean one thing to the user
        reason = (str(err).strip().splitlines() or [""])[0]
        raise WeightsFileError(f"{path}: not a readable experiment file ({type(err).__name__}: {reason})") from None
    if not isinstance(meta, dict):
        raise WeightsFileError(f"{path}: experiment metadata must be a JSON object, got {type(meta).__name__}")
    if meta.get("kind") != kind:
        raise WeightsFileError(f"{path}: holds a {meta.get('kind')!r} experiment, not {kind!r}")
    missing = [name for name in REQUIRED[kind] if name not in arrays]
    if missing:
        raise WeightsFileError(f"{path}: missing array {missing[0]!r}")
    for name, arr in arrays.items():
        if arr.dtype.kind == "f" and name not in ("test_cost", "test_accuracy", "test_correct") \
                and not np.isfinite(arr).all():
            raise WeightsFileError(f"{path}: array {name!r} holds NaN or infinite values")
    return Experiment(kind, arrays, meta)


def default_path(kind: str) -> Path:
    """Where the shipped copy of an experiment lives in ``assets/``."""
    from .assets import assets_dir

    return assets_dir() / {"learning": "learning_run.npz", "shuffled": "shuffled_labels.npz"}[kind]


# ---------------------------------------------------------------------------------------------- command line
def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nnlib.experiments {learning,shuffled} --out FILE [--seed N] ...``"""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m nnlib.experiments",
                                     description="Precompute the training runs the chapter 2 scenes show.")
    sub = parser.add_subparsers(dest="kind", required=True)
    p = sub.add_parser("learning", help="train from random weights with checkpoints (scene Learning)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=VIDEO_RECIPE.epochs)
    p.add_argument("--checkpoints", default="0,1,2,5,10,30", help="comma-separated epochs (default %(default)s)")
    p = sub.add_parser("shuffled", help="real vs shuffled labels on a subset (scene ShuffledLabels)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--subset", type=int, default=1000)
    for p in sub.choices.values():
        p.add_argument("--out", "-o", required=True, help="the .npz file to write")
        p.add_argument("--learning-rate", "--lr", type=float, default=3.0)
        p.add_argument("--mnist", help="MNIST folder (default: $MNIST_DIR, then the download cache)")
    args = parser.parse_args(argv)
    command = "python -m nnlib.experiments " + shlex.join(argv)
    try:
        data = load_mnist(args.mnist)
        if args.kind == "learning":
            try:
                marks = [int(part) for part in args.checkpoints.split(",") if part.strip()]
            except ValueError:
                raise NNLibError(f"--checkpoints must be comma-separated integers, got {args.checkpoints!r}") from None
            arrays, settings = run_learning(data, seed=args.seed, epochs=args.epochs,
                                            learning_rate=args.learning_rate, checkpoints=marks)
            summary = f"test accuracy {arrays['test_accuracy'][-1]:.2%} after {args.epochs} epochs"
        else:
            arrays, settings = run_shuffled(data, seed=args.seed, subset=args.subset, epochs=args.epochs,
                                            learning_rate=args.learning_rate)
            summary = (f"training accuracy real {arrays['real_train_accuracy'][-1]:.1%}, "
                       f"shuffled {arrays['shuffled_train_accuracy'][-1]:.1%}; test accuracy shuffled "
                       f"{arrays['shuffled_test_accuracy'][-1]:.1%}")
        source = f"MNIST ({len(data.train_labels)} training, {len(data.test_labels)} test images)"
        save_experiment(args.out, args.kind, arrays, settings, command, source)
    except NNLibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{summary}; {settings['seconds']} s; saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
