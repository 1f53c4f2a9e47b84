"""Data augmentation: more training digits from the ones we have, by nudging each a little.

A digit shifted by a pixel or turned by a few degrees is still the same digit, so such copies are free extra
examples. Training on them teaches the network that a stroke one pixel to the left means the same thing, which is
one of the "tweaks" that lift MNIST accuracy. Everything here is seeded: the same seed gives the same copies.

>>> more = augment(images, copies=2, seed=0)   # doctest: +SKIP
>>> more.shape                                # 2 new copies of every image
(10000, 784)
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from .errors import NNLibError


def jitter(image: np.ndarray, rng: np.random.Generator, max_shift: float = 2.0, max_degrees: float = 12.0
           ) -> np.ndarray:
    """One 28x28 digit (flat, 784 values in [0, 1]) turned by up to ``max_degrees`` and shifted by up to
    ``max_shift`` pixels each way, drawn at random from ``rng``."""
    picture = image.reshape(28, 28)
    angle = rng.uniform(-max_degrees, max_degrees)
    dy, dx = rng.uniform(-max_shift, max_shift, size=2)
    turned = ndimage.rotate(picture, angle, reshape=False, order=1, mode="constant", cval=0.0)
    moved = ndimage.shift(turned, (dy, dx), order=1, mode="constant", cval=0.0)
    return np.clip(moved, 0.0, 1.0).reshape(784)


#: A gentle elastic strength for MNIST and our small networks (see :func:`elastic`).
ELASTIC_STRENGTH = 16.0


def elastic(image: np.ndarray, rng: np.random.Generator, strength: float = ELASTIC_STRENGTH, smoothness: float = 4.0
            ) -> np.ndarray:
    """One 28x28 digit (flat) bent like a drawing on rubber: every pixel is moved by a random displacement field.

    The field starts as independent random numbers per pixel, is blurred with a Gaussian of width ``smoothness``
    pixels so that neighbours move together, and is scaled by ``strength``: the result is a gentle wobble of the
    strokes, the way two people's pens differ. (The recipe is from Simard, Steinkraus and Platt, "Best practices for
    convolutional neural networks applied to visual document analysis", 2003. They bent MNIST with strength 34 and
    smoothness 4 for a convolutional network; for our small networks half that strength keeps the digits legible.)
    """
    picture = image.reshape(28, 28)
    rows, cols = np.mgrid[0:28, 0:28].astype(np.float64)
    dy, dx = (ndimage.gaussian_filter(rng.uniform(-1.0, 1.0, size=(28, 28)), smoothness, mode="constant") * strength
              for _ in range(2))
    bent = ndimage.map_coordinates(picture, [rows + dy, cols + dx], order=1, mode="constant", cval=0.0)
    return np.clip(bent, 0.0, 1.0).reshape(784)


def augment(images: np.ndarray, copies: int = 1, seed: int = 0, max_shift: float = 2.0,
            max_degrees: float = 12.0, elastic_strength: float = 0.0) -> np.ndarray:
    """``copies`` jittered copies of every image, (copies * n, 784); the originals are not included.

    With ``elastic_strength`` > 0 each copy is also bent by :func:`elastic` (:data:`ELASTIC_STRENGTH` is gentle).
    """
    images = np.asarray(images, dtype=np.float64)
    if images.ndim != 2 or images.shape[1] != 784:
        raise NNLibError(f"augmentation needs 28x28 digits as rows of 784 values, got shape {images.shape}")
    if copies < 0 or max_shift < 0 or max_degrees < 0 or elastic_strength < 0:
        raise NNLibError("copies, shift, rotation and elastic strength must not be negative")
    rng = np.random.default_rng(seed)

    def one_copy(image: np.ndarray) -> np.ndarray:
        moved = jitter(image, rng, max_shift, max_degrees)
        return elastic(moved, rng, elastic_strength) if elastic_strength else moved

    return np.array([one_copy(image) for _ in range(copies) for image in images]).reshape(-1, 784)
