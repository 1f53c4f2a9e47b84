"""A neuron designed by hand to detect one short stroke: the idea a trained first layer *might* have found.

Chapter 1 asks how a single neuron could notice a little edge in the image. Its answer is a choice of weights: one
weight per pixel, positive (+1) on the pixels of a short stroke and negative on a band of pixels around it. The
neuron's weighted sum ``w . a`` then adds up the ink lying on the stroke and subtracts the ink lying beside it, so
it is large only when there is a stroke *there* and not a smear of ink all over the place.

The negative band is balanced against the stroke: together the weights add up to zero, so an image that is equally
bright everywhere (a blob of ink covering the whole patch, or an empty image) scores exactly 0, however dark it is.

:func:`edge_detector_weights` builds the 784 weights, :func:`edge_detector_bias` picks a bias from them (minus a
fraction of the best sum any image can reach), and :func:`detector_response` runs the neuron on images::

    >>> w = edge_detector_weights(row=14, col=18, length=8, angle=90)
    >>> b = edge_detector_bias(w)              # -half of the best possible weighted sum
    >>> sums, activations = detector_response(w, b, images)          # doctest: +SKIP

Nothing here is learned: the weights are designed, which is what makes them easy to read. The trained network's own
first-layer weights (chapter 2) look nothing like this.
"""

from __future__ import annotations

import numpy as np

from .activations import sigmoid
from .errors import NNLibError

#: Side of the square images the detector looks at (MNIST: 28 x 28 pixels).
SIDE = 28


def _distances_to_segment(row: float, col: float, length: float, angle: float) -> np.ndarray:
    """Distance (in pixels) from every pixel centre to the segment of ``length`` centred on (``row``, ``col``).

    ``angle`` is in degrees, counter-clockwise from horizontal as the image is seen (0: left to right, 90: up and
    down). Row numbers grow downwards, as in an image.
    """
    rows, cols = np.mgrid[0:SIDE, 0:SIDE].astype(np.float64)
    theta = np.radians(angle)
    dx, dy = np.cos(theta), -np.sin(theta)            # one step along the stroke, in (column, row) units
    x, y = cols - col, rows - row
    along = np.clip(x * dx + y * dy, -length / 2, length / 2)
    return np.hypot(x - along * dx, y - along * dy)


def edge_detector_weights(row: float, col: float, length: float, angle: float, *, half_width: float = 1.0,
                          margin: float = 2.0) -> np.ndarray:
    """The 784 weights of a neuron that looks for a short stroke, as a flat row (pixel ``r * 28 + c``).

    Pixels within ``half_width`` of the stroke (the segment of ``length`` pixels centred on (``row``, ``col``), at
    ``angle`` degrees: 0 horizontal, 90 vertical) get weight +1. Pixels in the band up to ``margin`` further out
    get the same negative weight, chosen so that all the weights add up to exactly 0. Every other pixel gets 0:
    this neuron does not care about the rest of the image.
    """
    for name, value in (("row", row), ("col", col)):
        if not 0 <= value <= SIDE - 1:
            raise NNLibError(f"edge detector {name} must lie in the image (0 to {SIDE - 1}), got {value!r}")
    if not length >= 0 or not half_width > 0 or not margin > 0:
        raise NNLibError(f"edge detector needs length >= 0, half_width > 0 and margin > 0, "
                         f"got {length!r}, {half_width!r}, {margin!r}")
    distance = _distances_to_segment(row, col, length, angle)
    stroke = distance <= half_width + 1e-9          # a hair of tolerance: pixels exactly on the boundary count
    surround = ~stroke & (distance <= half_width + margin + 1e-9)
    if not surround.any():
        raise NNLibError("edge detector: the stroke leaves no room for a surround inside the image")
    weights = np.zeros((SIDE, SIDE))
    weights[stroke] = 1.0
    weights[surround] = -stroke.sum() / surround.sum()
    return weights.ravel()


def best_weighted_sum(weights: np.ndarray) -> float:
    """The largest weighted sum any image with pixels in [0, 1] can give: full ink exactly on the positive weights
    and none anywhere else, i.e. the sum of the positive weights."""
    w = np.asarray(weights, dtype=np.float64)
    return float(w[w > 0].sum())


def edge_detector_bias(weights: np.ndarray, fraction: float = 0.5) -> float:
    """A bias read off the weights: minus ``fraction`` of :func:`best_weighted_sum`.

    With the default one half, the neuron's weighted sum plus bias is positive (its activation above one half)
    only when the image holds at least half of a perfect stroke, net of the ink around it.
    """
    if not 0 <= fraction <= 1:
        raise NNLibError(f"bias fraction must be between 0 and 1, got {fraction!r}")
    return -fraction * best_weighted_sum(weights)


def detector_response(weights: np.ndarray, bias: float, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The neuron on each image: its weighted sums ``images @ weights`` and activations ``sigmoid(sum + bias)``.

    ``images`` is one flat image (784,) or a stack (n, 784); the results have one entry per image.
    """
    w = np.asarray(weights, dtype=np.float64).ravel()
    batch = np.atleast_2d(np.asarray(images, dtype=np.float64))
    if batch.shape[-1] != w.size:
        raise NNLibError(f"images have {batch.shape[-1]} pixels but the detector has {w.size} weights")
    sums = batch.reshape(-1, w.size) @ w
    return sums, sigmoid(sums + float(bias))


def split_sum(weights: np.ndarray, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each image's weighted sum in its two parts: what the positive weights add (ink on the stroke) and what the
    negative weights take away (ink around it, a number <= 0). The two add up to the weighted sum.

    Without the negative part a neuron would score any image with ink on the stroke high, even a blob of ink that
    covers the surround as well: the second part is what tells a stroke from a smudge.
    """
    w = np.asarray(weights, dtype=np.float64).ravel()
    batch = np.atleast_2d(np.asarray(images, dtype=np.float64)).reshape(-1, w.size)
    return batch @ np.where(w > 0, w, 0.0), batch @ np.where(w < 0, w, 0.0)
