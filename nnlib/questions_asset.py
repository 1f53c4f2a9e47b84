"""The precomputed half of the questions part (:mod:`nnlib.questions`): what needs the MNIST test set or whole
training runs, measured once by ``python -m nnlib.questions_asset`` and saved as ``assets/questions.npz``.

The file holds the shipped network's "I don't know" curve on every test digit (summaries over thresholds, never a
test image), the average training image of each digit, and the real-vs-shuffled gradient-agreement runs, with JSON
metadata naming the command, the settings and the fingerprint of the network measured.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .atomic import atomic_write
from .errors import NNLibError, WeightsFileError
from .network import Network
from .questions import THRESHOLDS, AbstainCurve, confidences, digit_curve, network_digest, run_agreement


@dataclass(frozen=True)
class QuestionsAsset:
    """What ``python -m nnlib.questions_asset`` measured once: the shipped network's "I don't know" curve on the whole
    test set, the average training image of every digit, and the real-vs-shuffled gradient-agreement runs."""

    thresholds: np.ndarray
    test_kept: np.ndarray
    test_right_of_kept: np.ndarray
    test_images: int
    class_means: np.ndarray
    class_counts: np.ndarray
    agreement: dict[str, np.ndarray]
    metadata: dict

    def describes(self, net: Network) -> bool:
        """True if the test-set curve was measured on exactly this network."""
        return self.metadata.get("network_digest") == network_digest(net)

    @property
    def command(self) -> str:
        return str(self.metadata.get("command", ""))


AGREEMENT = ("epochs", "real_cosine", "shuffled_cosine", "real_accuracy", "shuffled_accuracy")


def default_questions_path() -> Path:
    from .assets import assets_dir

    return assets_dir() / "questions.npz"


def save_questions(path: str | Path, asset: QuestionsAsset) -> Path:
    with atomic_write(Path(path)) as handle:
        np.savez_compressed(handle, metadata=np.asarray(json.dumps(asset.metadata, sort_keys=True)),
                            thresholds=asset.thresholds, test_kept=asset.test_kept,
                            test_right_of_kept=asset.test_right_of_kept,
                            class_means=asset.class_means.astype(np.float32), class_counts=asset.class_counts,
                            **{f"agreement_{k}": v for k, v in asset.agreement.items()})
    return Path(path)


def load_questions(path: str | Path | None = None) -> QuestionsAsset:
    """Read ``assets/questions.npz`` (or ``path``), checked; any damage is one error naming the file."""
    from .storage import open_npz

    path = Path(path) if path is not None else default_questions_path()
    if not path.is_file():
        raise WeightsFileError(f"{path}: not found; regenerate it with `python -m nnlib.questions_asset --out {path}`")
    try:
        with open_npz(path, "questions file", max_unpacked=16 << 20) as archive:
            arrays = {name: np.array(archive[name]) for name in archive.files}
        meta = json.loads(str(arrays.pop("metadata")[()]))
        n = len(arrays["thresholds"])
        ok = (isinstance(meta, dict) and arrays["test_kept"].shape == (n,) and arrays["test_right_of_kept"].shape == (n,)
              and arrays["class_means"].shape == (10, 784)
              and all(arrays[f"agreement_{k}"].ndim == 1 for k in AGREEMENT))
    except Exception as err:  # noqa: BLE001 - zip, key, JSON and shape errors all mean one thing to the user
        raise WeightsFileError(f"{path}: not a readable questions file ({type(err).__name__})") from None
    if not ok or not all(np.isfinite(v).all() for v in arrays.values() if v.dtype.kind == "f"):
        raise WeightsFileError(f"{path}: questions arrays have unexpected shapes or values")
    return QuestionsAsset(arrays["thresholds"], arrays["test_kept"], arrays["test_right_of_kept"],
                          int(meta.get("test_images", 0)), arrays["class_means"].astype(np.float64),
                          arrays["class_counts"], {k: arrays[f"agreement_{k}"] for k in AGREEMENT}, meta)


def measure_questions(net: Network, data, *, seed: int = 0, subset: int = 1000, epochs: int = 200,
                      command: str = "") -> QuestionsAsset:
    """Everything the asset holds, measured on MNIST ``data`` (the test set only through the network's answers)."""
    top, right = confidences(net, data.test_images, data.test_labels)
    kept, right_of_kept = digit_curve(top, right)
    means = np.stack([data.train_images[data.train_labels == d].mean(axis=0) for d in range(10)])
    counts = np.bincount(data.train_labels, minlength=10)
    if not 10 <= subset <= len(data.train_labels):
        raise NNLibError(f"subset must be between 10 and {len(data.train_labels)} images, got {subset}")
    picks = np.sort(np.random.default_rng(seed).choice(len(data.train_labels), subset, replace=False))
    start = time.perf_counter()
    agreement = run_agreement(data.train_images[picks], data.train_labels[picks], seed=seed, epochs=epochs)
    meta = {"command": command or "python -m nnlib.questions_asset", "network_digest": network_digest(net),
            "test_images": int(len(top)), "train_images": int(len(data.train_labels)), "seed": seed,
            "subset": subset, "epochs": epochs, "learning_rate": 3.0, "batch_size": 10,
            "agreement_seconds": round(time.perf_counter() - start, 2), "source": getattr(data, "source", "")}
    return QuestionsAsset(THRESHOLDS.copy(), kept, right_of_kept, int(len(top)), means, counts, agreement, meta)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nnlib.questions_asset [--weights W] [--out FILE]``: measure what the questions part shows."""
    from .assets import default_weights_path
    from .mnist import load_mnist
    from .storage import load_network

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m nnlib.questions_asset", description=main.__doc__)
    parser.add_argument("--weights", default=str(default_weights_path()))
    parser.add_argument("--mnist-dir", help="MNIST folder (default: $MNIST_DIR, then the download cache)")
    parser.add_argument("--out", default=str(default_questions_path()))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--subset", type=int, default=1000)
    args = parser.parse_args(argv)
    try:
        net = load_network(args.weights)
        data = load_mnist(args.mnist_dir)
        asset = measure_questions(net, data, seed=args.seed, subset=args.subset, epochs=args.epochs,
                                  command="python -m nnlib.questions_asset " + shlex.join(argv))
        save_questions(args.out, asset)
    except NNLibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    kept, right, _ = AbstainCurve(asset.thresholds, asset.test_kept, asset.test_right_of_kept,
                                  np.zeros(len(asset.thresholds)), asset.test_images, 0, "").at(0.9)
    a = asset.agreement
    print(f"threshold 0.9 keeps {kept:.1%} of {asset.test_images:,} test digits, {right:.1%} right; gradient "
          f"cosine real {a['real_cosine'][1]:.3f} -> {a['real_cosine'][-1]:.3f}, shuffled "
          f"{a['shuffled_cosine'][1]:.3f} -> {a['shuffled_cosine'][-1]:.3f}; "
          f"{asset.metadata['agreement_seconds']} s; saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
