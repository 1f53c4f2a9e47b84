"""Choosing what a picture shows: the most telling neuron, the pixels worth printing, computed, never hand-picked.

A scene that shows "one neuron" or "a few entries of the weight matrix" has to choose which. Choosing by eye would
let a scene show only flattering numbers; these small rules choose from the data instead, so the same rule picks
sensibly for any network and any digit.
"""

from __future__ import annotations

import numpy as np

from .errors import NNLibError


def least_saturated(activations: np.ndarray) -> int:
    """Index of the activation nearest 0.5: the neuron whose squish is most worth showing (a neuron at 0.00 or
    1.00 hides how the sigmoid turns a weighted sum into an activation)."""
    a = np.asarray(activations, dtype=np.float64).ravel()
    if not a.size:
        raise NNLibError("no activations to choose a neuron from")
    return int(np.argmin(np.abs(a - 0.5)))


def inkiest_run(image: np.ndarray, length: int = 4, side: int = 28) -> int:
    """Flat index of the first of ``length`` neighbouring pixels, within one row of the image, holding the most ink.

    A slice of a weight matrix shown at these pixels multiplies real ink, not the zeros of the blank border.
    """
    img = np.asarray(image, dtype=np.float64).reshape(side, side)
    if not 1 <= length <= side:
        raise NNLibError(f"run length must be between 1 and {side}, got {length!r}")
    windows = np.lib.stride_tricks.sliding_window_view(img, length, axis=1).sum(axis=-1)  # [r, c]: c..c+length-1
    row, col = np.unravel_index(int(np.argmax(windows)), windows.shape)
    return int(row) * side + int(col)
