"""Cost functions: how badly the network's output misses the desired output.

The video's cost for one training example is the sum over the ten output neurons of the squared difference
between what the network gives and what we wanted, ``sum_j (a_j - y_j)^2``; the cost of the network is the average
of that over the examples. (Nielsen's book puts a 1/2 in front; the video does not, and neither do we. A learning
rate of 1.5 here is exactly Nielsen's 3.0.)

Cross-entropy is offered as a training option: with sigmoid outputs it avoids the learning slow-down of saturated
output neurons.

Each cost knows two things: its value, and ``delta``, the gradient of the *mean* cost with respect to the output
layer's weighted sums z -- where backpropagation starts.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from .errors import NNLibError


class Cost(NamedTuple):
    """A cost: ``value(a, y)`` averaged over examples, and ``delta(z, a, y)`` = dC/dz at the (sigmoid) output."""

    name: str
    value: Callable[[np.ndarray, np.ndarray], float]
    delta: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def quadratic_cost(a: np.ndarray, y: np.ndarray) -> float:
    """Mean over examples (rows) of sum_j (a_j - y_j)^2."""
    return float(np.sum((a - y) ** 2) / a.shape[0])


def quadratic_delta(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dC/dz for the quadratic cost of n examples: 2 (a - y) s'(z) / n, with s'(z) = a (1 - a)."""
    return (2.0 / a.shape[0]) * (a - y) * (a * (1.0 - a))


def cross_entropy_cost(a: np.ndarray, y: np.ndarray) -> float:
    """Mean over examples of -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)]; 0 ln 0 counts as 0."""
    eps = np.finfo(float).tiny
    terms = -(y * np.log(np.maximum(a, eps)) + (1 - y) * np.log(np.maximum(1 - a, eps)))
    return float(np.sum(terms) / a.shape[0])


def cross_entropy_delta(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dC/dz for cross-entropy with sigmoid outputs: the s'(z) cancels, leaving (a - y) / n."""
    return (a - y) / a.shape[0]


COSTS: dict[str, Cost] = {
    "quadratic": Cost("quadratic", quadratic_cost, quadratic_delta),
    "cross-entropy": Cost("cross-entropy", cross_entropy_cost, cross_entropy_delta),
}


def get_cost(name: str) -> Cost:
    """Look a cost up by name ("quadratic" or "cross-entropy")."""
    try:
        return COSTS[name]
    except KeyError:
        raise NNLibError(f"unknown cost {name!r}; choose one of: {', '.join(COSTS)}") from None


def one_hot(labels: np.ndarray, n_classes: int = 10) -> np.ndarray:
    """The desired outputs for digit labels: row i is all zeros except a 1 at position labels[i]."""
    labels = np.asarray(labels)
    if labels.ndim == 2:  # already one-hot (or any target matrix)
        return labels if labels.dtype == np.float64 else labels.astype(np.float64)
    out = np.zeros((labels.shape[0], n_classes))
    out[np.arange(labels.shape[0]), labels.astype(np.intp)] = 1.0
    return out
