"""How tidy a neuron's weight pattern is: does its weight sit in one small patch of the image, or all over it?

A neuron designed to find one short stroke (:mod:`nnlib.edge_detector`) puts all of its weight on a few pixels
close together; random starting weights spread it evenly over the whole 28 x 28 image. :func:`patch_share` puts a
number on the difference: the share of a neuron's total weight (counted by size, ``|w|``) that lies inside its
busiest ``size`` x ``size`` square. A tidy local detector scores near 1; static scores about the patch's share of
the image's area (12 x 12 out of 28 x 28 is about 0.18, a little more for noise, whose busiest square is picked).

    >>> patch_share(edge_detector_weights(14, 17.5, 8, 90), size=12)          # doctest: +SKIP
    array([0.96...])
"""

from __future__ import annotations

import numpy as np

from .errors import NNLibError


def patch_share(weight_rows: np.ndarray, size: int = 12, shape: tuple[int, int] = (28, 28)) -> np.ndarray:
    """For each row of weights seen as an image, the largest share of ``sum |w|`` inside one ``size`` x ``size``
    square (0 for a row of zeros). Shape ``(n_rows,)``."""
    rows = np.atleast_2d(np.asarray(weight_rows, dtype=np.float64))
    height, width = shape
    if rows.shape[1] != height * width:
        raise NNLibError(f"weight rows have {rows.shape[1]} entries, expected {height * width}")
    if not 1 <= int(size) <= min(height, width):
        raise NNLibError(f"patch size must be between 1 and {min(height, width)}, got {size!r}")
    size = int(size)
    magnitude = np.abs(rows).reshape(len(rows), height, width)
    # the sum of every size x size window at once, from a 2-D running sum per image
    table = np.pad(magnitude.cumsum(axis=1).cumsum(axis=2), ((0, 0), (1, 0), (1, 0)))
    windows = (table[:, size:, size:] - table[:, :-size, size:] - table[:, size:, :-size]
               + table[:, :-size, :-size])
    best = windows.reshape(len(rows), -1).max(axis=1)
    total = magnitude.reshape(len(rows), -1).sum(axis=1)
    return np.where(total > 0, best / np.where(total > 0, total, 1.0), 0.0)


def busiest_patch(weight_rows: np.ndarray, size: int = 12, shape: tuple[int, int] = (28, 28)) -> np.ndarray:
    """For each row of weights seen as an image, the top-left (row, column) of the ``size`` x ``size`` square that
    holds the most weight by size: the square :func:`patch_share` measures. Shape ``(n_rows, 2)``."""
    rows = np.atleast_2d(np.asarray(weight_rows, dtype=np.float64))
    height, width = shape
    patch_share(rows[:1], size, shape)  # the same checks, the same messages
    magnitude = np.abs(rows).reshape(len(rows), height, width)
    table = np.pad(magnitude.cumsum(axis=1).cumsum(axis=2), ((0, 0), (1, 0), (1, 0)))
    windows = (table[:, size:, size:] - table[:, :-size, size:] - table[:, size:, :-size]
               + table[:, :-size, :-size])
    flat = windows.reshape(len(rows), -1).argmax(axis=1)
    return np.stack(np.unravel_index(flat, windows.shape[1:]), axis=1)
