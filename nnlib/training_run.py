"""A training run with many checkpoints: where the parameters were, fraction of an epoch by fraction of an epoch.

The real cost surface (:mod:`nnlib.landscape`) draws the path training took through parameter space, so it needs
the parameters at many moments of training, not only at the end. :func:`train_with_checkpoints` trains a fresh
network with :func:`nnlib.train` and keeps a copy of all its parameters after every share of every epoch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import NNLibError
from .network import Network
from .recipe import VIDEO_RECIPE


@dataclass
class TrainingRun:
    """Flat parameters at every checkpoint (rows) and the (fractional) epoch each was taken at."""

    net: Network
    checkpoints: np.ndarray
    epochs: np.ndarray


def train_with_checkpoints(
    X: np.ndarray,
    labels: np.ndarray,
    *,
    sizes: Sequence[int] = VIDEO_RECIPE.sizes,
    seed: int = 0,
    epochs: int = VIDEO_RECIPE.epochs,
    per_epoch: int = 10,
    batch_size: int = 10,
    learning_rate: float = 3.0,
    cost: str = "quadratic",
) -> TrainingRun:
    """Train a fresh network (random start from ``seed``) with :func:`nnlib.train`, keeping ``per_epoch`` checkpoints
    per epoch.

    The big moves happen early -- most of the cost is gone within the first epoch -- so one checkpoint per epoch
    would draw that stretch as a single straight jump. Each epoch is therefore cut into ``per_epoch`` parts: the
    examples are shuffled (seeded), split into ``per_epoch`` equal shares, and :func:`nnlib.train` runs one epoch on
    each share in turn. Every example is still seen exactly once per epoch, in random mini-batches: plain
    mini-batch SGD, with a checkpoint after each share.
    """
    from .training import train

    if epochs < 1 or per_epoch < 1:
        raise NNLibError(f"need at least one epoch and one checkpoint per epoch (got {epochs} and {per_epoch})")
    X = np.asarray(X, dtype=np.float64)
    labels = np.asarray(labels).astype(np.int64)
    net = Network(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    thetas, when = [net.parameters_vector()], [0.0]
    for epoch in range(epochs):
        shares = np.array_split(rng.permutation(len(X)), per_epoch)
        for k, share in enumerate(shares):
            train(net, X[share], labels[share], epochs=1, batch_size=batch_size, learning_rate=learning_rate,
                  cost=cost, seed=int(rng.integers(2 ** 31)), progress=False)
            thetas.append(net.parameters_vector())
            when.append(epoch + (k + 1) / per_epoch)
    return TrainingRun(net, np.stack(thetas), np.array(when))
