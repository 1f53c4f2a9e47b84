"""Pen strokes of a handwritten digit, measured from its pixels: where the ink agrees, loops, lines and little edges.

Chapter 1 uses these to draw on real digits what the narration talks about. Two kinds of answers live here:

* :func:`ink_agreement` is a plain count over real images: how many of them have ink on each pixel. It shows that
  ten 3s of the same collection share almost no inked pixel (8 of 784 in the shipped sample).
* :func:`fit_loop`, :func:`fit_line` and :func:`little_edges` fit simple shapes to the ink of one image. They draw
  the *hope* of a layered network -- a 9 is a loop and a line, a loop is many little edges -- on the digit itself.
  They are geometry, not what any network computes, and the scenes label them as an illustration.

Pixel coordinates are (row, column) with row 0 at the top, as in a 28 x 28 image; every function takes a flat
784-vector or a 28 x 28 array of grey values in [0, 1].

>>> from nnlib.assets import load_sample
>>> threes = load_sample().of_digit(3)
>>> counts = ink_agreement(threes)
>>> int((counts == len(threes)).sum()), int((counts > 0).sum())     # inked in all ten, inked in any
(8, 316)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: A pixel "has ink" when its grey value is above this.
INK = 0.5


def _image(image: np.ndarray) -> np.ndarray:
    img = np.asarray(image, dtype=np.float64)
    return img.reshape(28, 28) if img.size == 784 else img


def ink_agreement(images: np.ndarray, threshold: float = INK) -> np.ndarray:
    """For each pixel, how many of ``images`` (n, 784) have ink there: a 28 x 28 array of counts 0..n."""
    images = np.asarray(images, dtype=np.float64).reshape(len(images), 28, 28)
    return (images > threshold).sum(axis=0)


def ink_pixels(image: np.ndarray, rows: tuple[int, int] = (0, 28), cols: tuple[int, int] = (0, 28),
               threshold: float = INK) -> np.ndarray:
    """(row, column) of every inked pixel inside ``rows`` x ``cols`` (half-open ranges), as an (n, 2) float array."""
    img = _image(image)
    r, c = np.nonzero(img > threshold)
    keep = (r >= rows[0]) & (r < rows[1]) & (c >= cols[0]) & (c < cols[1])
    return np.column_stack([r[keep], c[keep]]).astype(np.float64)


@dataclass(frozen=True)
class Loop:
    """A circle fitted to ink: ``center`` (row, column) and ``radius`` in pixels."""

    center: tuple[float, float]
    radius: float


@dataclass(frozen=True)
class Stroke:
    """A straight line fitted to ink, from ``start`` to ``end`` ((row, column) each, in pixels)."""

    start: tuple[float, float]
    end: tuple[float, float]

    @property
    def length(self) -> float:
        return float(np.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1]))


def fit_loop(image: np.ndarray, rows: tuple[int, int], cols: tuple[int, int]) -> Loop:
    """The circle that best fits the inked pixels in a region (least squares on x^2 + y^2 + D x + E y + F = 0).

    The region should hold one loop of the digit (the top of a 9, either half of an 8)."""
    points = ink_pixels(image, rows, cols)
    if len(points) < 3:
        raise ValueError(f"too little ink in rows {rows}, columns {cols} to fit a loop")
    y, x = points[:, 0], points[:, 1]
    design = np.column_stack([x, y, np.ones_like(x)])
    (d, e, f), *_ = np.linalg.lstsq(design, -(x ** 2 + y ** 2), rcond=None)
    cx, cy = -d / 2, -e / 2
    radius = float(np.sqrt(max(cx ** 2 + cy ** 2 - f, 0.0)))
    return Loop((float(cy), float(cx)), radius)


def fit_line(image: np.ndarray, rows: tuple[int, int], cols: tuple[int, int]) -> Stroke:
    """The straight stroke through the inked pixels of a region: their main direction (the first principal
    component), from the farthest ink on one side to the farthest on the other."""
    points = ink_pixels(image, rows, cols)
    if len(points) < 2:
        raise ValueError(f"too little ink in rows {rows}, columns {cols} to fit a line")
    middle = points.mean(axis=0)
    _, _, axes = np.linalg.svd(points - middle, full_matrices=False)
    direction = axes[0] if axes[0][0] >= 0 else -axes[0]        # top to bottom
    along = (points - middle) @ direction
    start, end = middle + along.min() * direction, middle + along.max() * direction
    return Stroke((float(start[0]), float(start[1])), (float(end[0]), float(end[1])))


def little_edges(image: np.ndarray, spacing: float = 2.6, length: float = 2.4,
                 threshold: float = INK) -> list[Stroke]:
    """Short dashes along the pen stroke: points on the ink at least ``spacing`` pixels apart, each with the local
    direction of the stroke (the direction in which the brightness changes least, from the image's gradients summed
    over a 5 x 5 neighbourhood: the structure tensor). ``length`` is each dash's length in pixels."""
    img = _image(image)
    gy, gx = np.gradient(img)
    tensor = np.stack([gx * gx, gx * gy, gy * gy])
    padded = np.pad(tensor, ((0, 0), (2, 2), (2, 2)))
    summed = sum(padded[:, i:i + 28, j:j + 28] for i in range(5) for j in range(5))
    order = np.argsort(-img, axis=None)                       # darkest ink last: the stroke's middle first
    chosen: list[tuple[int, int]] = []
    for flat in order:
        r, c = divmod(int(flat), 28)
        if img[r, c] <= threshold:
            break
        if all((r - a) ** 2 + (c - b) ** 2 >= spacing ** 2 for a, b in chosen):
            chosen.append((r, c))
    edges = []
    for r, c in sorted(chosen):
        xx, xy, yy = summed[:, r, c]
        values, vectors = np.linalg.eigh(np.array([[yy, xy], [xy, xx]]))   # (row, column) components
        along = vectors[:, 0]                                  # least change: along the stroke
        half = 0.5 * length * along
        edges.append(Stroke((r - half[0], c - half[1]), (r + half[0], c + half[1])))
    return edges


def distance_to_loop(point: tuple[float, float], loop: Loop) -> float:
    """How far ``point`` (row, column) lies from the circle ``loop``, in pixels."""
    return abs(float(np.hypot(point[0] - loop.center[0], point[1] - loop.center[1])) - loop.radius)


def distance_to_stroke(point: tuple[float, float], stroke: Stroke) -> float:
    """How far ``point`` lies from the segment ``stroke``, in pixels."""
    p, a, b = np.asarray(point), np.asarray(stroke.start), np.asarray(stroke.end)
    t = np.clip((p - a) @ (b - a) / max((b - a) @ (b - a), 1e-12), 0.0, 1.0)
    return float(np.linalg.norm(p - (a + t * (b - a))))
